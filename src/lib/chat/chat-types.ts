/**
 * Chat messages as the app holds them, and the pieces of a request that chat logic builds (turns, sampling).
 * The request and result as they cross to the engine are in protocol/engine-protocol.ts.
 */
import type { AppError } from '../inference/app-error';
import type { ReplyStats } from '../inference/reply-stats';

export type Role = 'system' | 'user' | 'assistant';

/** One turn of the OpenAI-style request. Assistant content is exactly what the engine returned. */
export interface ChatTurn {
  readonly role: Role;
  readonly content: string;
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface SamplingParams {
  readonly temperature?: number;
  readonly top_p?: number;
  readonly max_tokens?: number;
  readonly frequency_penalty?: number;
  readonly presence_penalty?: number;
  readonly repetition_penalty?: number;
  readonly seed?: number;
  readonly stop?: string[];
  /** Not a WebLLM request field: the engine worker applies it with a logit processor. */
  readonly top_k?: number;
  /** Not a WebLLM request field: the engine worker applies it with a logit processor. */
  readonly min_p?: number;
}

/** What the follow-up rewriting step made of a question. */
export interface FollowUpRewrite {
  /** The standalone question sent in place of the original. */
  readonly text: string;
  /** False when the question did not need the history (a topic change): the app offers a fresh context. */
  readonly dependsOnHistory: boolean;
  /** The person edited the rewrite. */
  readonly edited?: boolean;
}

/** `interrupted`: the tab writing it closed, reloaded or crashed mid-reply; what was saved is kept. */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

/**
 * One message of a conversation tree: each has a parent (null for the first), and regenerating or editing
 * adds a sibling instead of overwriting. The visible conversation is the path to the conversation's leaf.
 */
export interface ChatMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly parentId: string | null;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly status: MessageStatus;
  readonly stats?: ReplyStats | null;
  readonly finishReason?: FinishReason;
  readonly error?: AppError;
  readonly modelId?: string;
  /** The sampling fields the reply was generated with. */
  readonly sampling?: SamplingParams;
  /** A question the person pinned into the context: it is sent however old it is. */
  readonly pinned?: boolean;
  /** A question's standalone form (follow-up rewriting); when present it is what the model was asked. */
  readonly rewrite?: FollowUpRewrite;
  readonly createdAt: number;
  readonly updatedAt: number;
}
