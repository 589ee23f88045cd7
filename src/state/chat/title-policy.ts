/**
 * When the model names a conversation: after the first exchange, if it was not stopped and the model decodes
 * fast enough that the extra request costs the person nothing noticeable. The title request is a side task
 * with its own conversation key, so the engine does not mistake it for the conversation itself.
 */
import type { ChatTurn } from '../../lib/chat/chat-types';
import { cleanModelTitle, MODEL_TITLE_MIN_DECODE, TITLE_SAMPLING, titleRequest } from '../../lib/chat/title';
import type { ChatRequest, ChatResult } from '../../protocol/engine-protocol';

export function wantsModelTitle(turns: readonly ChatTurn[], result: ChatResult): boolean {
  const questions = turns.filter((t) => t.role === 'user');
  return result.finishReason !== 'abort' && questions.length === 1 && (result.stats?.decodeTokensPerS ?? 0) >= MODEL_TITLE_MIN_DECODE;
}

export function modelTitleRequest(conversationId: string, question: string, answer: string): ChatRequest {
  return { conversation: { key: `title:${conversationId}`, leafId: null }, messages: titleRequest(question, answer), sampling: TITLE_SAMPLING };
}

/** The title from the model's answer, or null when there is none worth keeping. */
export function titleFrom(result: ChatResult): string | null {
  return result.finishReason === 'abort' ? null : cleanModelTitle(result.text);
}
