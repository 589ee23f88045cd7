/**
 * A title written by the model from the first exchange. Only asked of a model fast enough that it costs the
 * person nothing noticeable (and it resets WebLLM's KV cache to this short exchange, which the next turn
 * prefills again: cheap after one exchange, not worth it on a slow GPU).
 */
import type { ChatTurn, SamplingParams } from './chat-types';

/** Decode speed (tok/s) from which a model titles conversations itself. */
export const MODEL_TITLE_MIN_DECODE = 5;
export const TITLE_SAMPLING: SamplingParams = { temperature: 0, max_tokens: 16 };
const EXCERPT = 800;

export function titleRequest(question: string, answer: string): ChatTurn[] {
  const clip = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
  return [
    {
      role: 'user',
      content: `Write a short title (at most 6 words) for a conversation that starts like this. Reply with the title only.\n\nUser: ${clip(question)}\n\nAssistant: ${clip(answer)}`,
    },
  ];
}

/** The model's reply cleaned into a title, or null when it gave nothing usable. */
export function cleanModelTitle(reply: string): string | null {
  const line = reply
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return null;
  const title = line
    .replace(/^(title|titel|titre)\s*[:：-]\s*/i, '')
    .replace(/^[#*_"'“”‘’`«»\s]+|[#*_"'“”‘’`«»\s]+$/g, '')
    .replace(/[.。!！]+$/, '')
    .trim();
  if (!title || title.length > 80) return title ? `${title.slice(0, 60).replace(/\s+\S*$/, '')}…` : null;
  return title;
}
