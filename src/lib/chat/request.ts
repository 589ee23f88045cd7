/**
 * Builds the turns sent to the engine from what is on screen. Assistant replies go back exactly as the
 * engine returned them so WebLLM can reuse its KV cache; a question whose reply failed is left out, so
 * the history never has two user turns in a row.
 */
import type { ChatMessage, ChatTurn } from './chat-types';

export function buildTurns(history: readonly ChatMessage[], systemPrompt = ''): ChatTurn[] {
  const turns: ChatTurn[] = systemPrompt.trim() ? [{ role: 'system', content: systemPrompt }] : [];
  for (let i = 0; i < history.length; i++) {
    const message = history[i];
    if (!message || message.role !== 'user') continue;
    const reply = history[i + 1];
    const isLast = i === history.length - 1;
    if (isLast) {
      turns.push({ role: 'user', content: message.content });
    } else if (reply?.role === 'assistant' && reply.status !== 'error' && reply.status !== 'streaming' && reply.content) {
      turns.push({ role: 'user', content: message.content }, { role: 'assistant', content: reply.content });
    }
  }
  return turns;
}

/** One turn of the history with the message it comes from, as the context policy and focus modes see it. */
export interface HistoryItem {
  /** The message's id. */
  readonly id: string;
  readonly turn: ChatTurn;
  /** The person pinned this exchange into the context. */
  readonly pinned: boolean;
  /** A question: a context may start here. */
  readonly opensExchange: boolean;
}

/**
 * The history as `buildTurns` sends it, one item per turn: the question's standalone rewrite (when the
 * follow-up step made one) stands in for it, and a pinned question pins its answer too.
 */
export function historyItems(history: readonly ChatMessage[]): HistoryItem[] {
  const items: HistoryItem[] = [];
  for (let i = 0; i < history.length; i++) {
    const message = history[i];
    if (!message || message.role !== 'user') continue;
    const question = { role: 'user' as const, content: message.rewrite?.text ?? message.content };
    const pinned = message.pinned === true;
    const reply = history[i + 1];
    if (i === history.length - 1) {
      items.push({ id: message.id, turn: question, pinned, opensExchange: true });
    } else if (reply?.role === 'assistant' && reply.status !== 'error' && reply.status !== 'streaming' && reply.content) {
      items.push({ id: message.id, turn: question, pinned, opensExchange: true }, { id: reply.id, turn: { role: 'assistant', content: reply.content }, pinned, opensExchange: false });
    }
  }
  return items;
}
