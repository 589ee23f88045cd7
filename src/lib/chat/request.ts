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
