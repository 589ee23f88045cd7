/**
 * The test doubles' "chat template" and tokenizer: each word or symbol is a token, each turn is framed by
 * three more (role start, role, end), the reply header costs two. Like the real counter it predicts that a
 * request continuing the cached conversation prefills only the new question and the header.
 */
import type { ChatTurn } from '../../src/lib/chat/chat-types';
import type { ChatRequest, TokenCount } from '../../src/protocol/engine-protocol';

export const TURN_FRAME_TOKENS = 3;
export const REPLY_HEADER_TOKENS = 2;

/** Splits text into pieces of ~1 token: a word with its leading space, or a run of punctuation/newlines. */
export function fakeTokens(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu) ?? [];
}

const turnCost = (turn: ChatTurn) => fakeTokens(turn.content).length + TURN_FRAME_TOKENS;

/** The conversation a fake engine's "KV cache" holds: the turns of the last request and the reply. */
export interface FakeKvCache {
  readonly key: string;
  readonly turns: readonly ChatTurn[];
}

export function continuesCache(request: ChatRequest, cached: FakeKvCache | null): boolean {
  if (!cached || cached.key !== request.conversation.key) return false;
  const history = request.messages.slice(0, -1);
  return history.length === cached.turns.length && history.every((t, i) => t.role === cached.turns[i]?.role && t.content === cached.turns[i]?.content);
}

export function fakeTokenCount(request: ChatRequest, contextWindow: number | null, cached: FakeKvCache | null): TokenCount {
  const system = request.messages[0]?.role === 'system' ? request.messages[0] : null;
  const turns = request.messages.filter((t) => t.role !== 'system');
  const turnTokens = turns.map(turnCost);
  const fixedTokens = (system ? turnCost(system) : 0) + REPLY_HEADER_TOKENS;
  const promptTokens = fixedTokens + turnTokens.reduce((a, b) => a + b, 0);
  const prefillTokens = continuesCache(request, cached) ? (turnTokens.at(-1) ?? 0) + REPLY_HEADER_TOKENS : promptTokens;
  return { promptTokens, fixedTokens, turnTokens, prefillTokens, contextWindow };
}
