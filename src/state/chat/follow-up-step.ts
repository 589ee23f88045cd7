/**
 * The follow-up step before a reply: when the conversation asks for it and the question has history before
 * it (after a fresh context's start), the model first rewrites the question into a standalone one. The
 * request is a side task with its own conversation key (`rewrite:<id>`), so the engine never mistakes it for
 * the conversation itself. Its prompt and the strict reading of its answer (lib/chat/follow-up-rewrite) load
 * with the first rewrite, not at start. A malformed answer or a
 * failed request keeps the original question, so the step never costs the person their reply. Only a Stop
 * (the whole reply stops) and a lost engine (the reply cannot be written anyway) end it with an error.
 */
import type { ChatMessage, FollowUpRewrite, SamplingParams } from '../../lib/chat/chat-types';
import { focusHistory } from '../../lib/chat/focus';
import { historyItems } from '../../lib/chat/request';
import { makeAppError, mapToAppError, type AppError } from '../../lib/inference/app-error';
import type { ChatRequest, ChatResult, StreamEvent } from '../../protocol/engine-protocol';

/** Near-greedy and short: the answer is a line of reasoning and two lines of result. */
export const REWRITE_SAMPLING: SamplingParams = { temperature: 0, max_tokens: 256 };

export interface FollowUpInput {
  readonly conversationId: string;
  /** The branch up to and including the question to answer. */
  readonly path: readonly ChatMessage[];
  /** The conversation rewrites follow-up questions. */
  readonly enabled: boolean;
  /** A fresh context starts at this question: nothing before it is history. */
  readonly contextStartId?: string | null;
}

/** The rewrite request for the question ending `input.path`, or null when there is nothing to rewrite. */
export async function followUpRequest(input: FollowUpInput): Promise<ChatRequest | null> {
  const question = input.path.at(-1);
  // A question that already has a standalone form (the model's, or the person's edit) keeps it.
  if (!input.enabled || !question || question.role !== 'user' || question.rewrite) return null;
  const items = focusHistory(historyItems(input.path), { mode: 'full' }, input.contextStartId);
  const history = items.filter((item) => item.id !== question.id).map((item) => item.turn);
  if (history.length === 0) return null;
  const { buildRewriteRequest } = await import('../../lib/chat/follow-up-rewrite');
  return {
    conversation: { key: `rewrite:${input.conversationId}`, leafId: null },
    messages: buildRewriteRequest(history, question.content),
    sampling: REWRITE_SAMPLING,
  };
}

type Chat = (request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal?: AbortSignal) => Promise<ChatResult>;

/**
 * Runs the rewrite request. Resolves with what to store on the question (a rewrite that changed it, or
 * found a topic change), or null to keep the question as it is. Rejects with `cancelled` when stopped, and
 * with the engine's error when `fatal` says the engine is gone.
 */
export async function runFollowUpStep(chat: Chat, request: ChatRequest, question: string, fatal: (error: AppError) => boolean, signal?: AbortSignal): Promise<FollowUpRewrite | null> {
  let result: ChatResult;
  try {
    result = await chat(request, () => undefined, signal);
  } catch (err) {
    const error = mapToAppError(err);
    if (signal?.aborted || error.kind === 'cancelled' || fatal(error)) throw error;
    return null;
  }
  if (signal?.aborted || result.finishReason === 'abort') throw makeAppError('cancelled');
  const { parseRewrite } = await import('../../lib/chat/follow-up-rewrite');
  const parsed = parseRewrite(result.text, question);
  if (!parsed.parsed || (!parsed.changed && parsed.dependsOnHistory)) return null;
  return { text: parsed.question, dependsOnHistory: parsed.dependsOnHistory };
}
