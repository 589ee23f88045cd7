import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from './conversation';
import type { HistoryItem } from './request';
import {
  SUMMARY_MAX_CHARS,
  SUMMARY_MAX_TOKENS,
  summaryInForce,
  summaryMaxTokens,
  summarySystemContent,
  summaryUpdate,
} from './running-summary';

/** Items of a history: q0 a0 q1 a1 … (ids as named), the last a question. */
function items(...ids: string[]): HistoryItem[] {
  return ids.map((id) => ({ id, turn: { role: id.startsWith('q') ? 'user' : 'assistant', content: `text of ${id}` }, pinned: false, opensExchange: id.startsWith('q') }));
}

describe('running summary: the answer\'s budget', () => {
  it('gives the answer at most 300 tokens, and never more than a quarter of the window', () => {
    expect(summaryMaxTokens(null)).toBe(SUMMARY_MAX_TOKENS);
    expect(summaryMaxTokens(4096)).toBe(300);
    expect(summaryMaxTokens(800)).toBe(200);
    expect(summaryMaxTokens(20)).toBe(16);
  });
});

describe('running summary: the system message', () => {
  it('keeps the system prompt first and intact, the summary after it under a heading', () => {
    expect(summarySystemContent('Answer in French.  ', 'The user plans a trip.')).toBe(
      'Answer in French.  \n\nSummary of the earlier part of this conversation (those messages are no longer shown to you):\nThe user plans a trip.',
    );
    expect(summarySystemContent('', '用户计划旅行。')).toBe('本对话较早部分的摘要（那些消息已不再提供给你）：\n用户计划旅行。');
    expect(summarySystemContent('Answer in French.', '  ')).toBe('Answer in French.');
  });
});

describe('running summary: when it is sent and what it takes in', () => {
  const on = (summary: ConversationSummary | null = null) => ({ summarize: true, summary });
  const history = items('q0', 'a0', 'q1', 'a1', 'q2', 'a2', 'q3');

  it('is sent when on, not empty, and running through a message of this history (full focus, after a fresh start)', () => {
    const summary = { text: 'S', throughId: 'a0' };
    expect(summaryInForce(history, on(summary))).toEqual(summary);
    expect(summaryInForce(history, { ...on(summary), summarize: false })).toBeNull();
    expect(summaryInForce(history, on({ text: ' ', throughId: 'a0' }))).toBeNull();
    expect(summaryInForce(history, on({ text: 'S', throughId: 'other-branch' }))).toBeNull();
    expect(summaryInForce(history, { ...on(summary), contextStartId: 'q1' })).toBeNull();
    expect(summaryInForce(history, { ...on(summary), focus: { mode: 'last', turns: 2 } })).toBeNull();
    expect(summaryInForce(history, { ...on(summary), focus: { mode: 'standalone' } })).toBeNull();
  });

  it('takes in the turns left out after what it covers; all of them when there is none; none when up to date', () => {
    expect(summaryUpdate(history, on(), ['q0', 'a0', 'q1', 'a1'])).toEqual({ previous: '', turns: history.slice(0, 4) });
    expect(summaryUpdate(history, on({ text: 'S', throughId: 'a0' }), ['q0', 'a0', 'q1', 'a1'])).toEqual({ previous: 'S', turns: history.slice(2, 4) });
    expect(summaryUpdate(history, on({ text: 'S', throughId: 'a1' }), ['q0', 'a0', 'q1', 'a1'])).toBeNull();
    // Cleared: nothing to build on, but what it covered is not taken in again.
    expect(summaryUpdate(history, on({ text: '', throughId: 'a0', edited: true }), ['q0', 'a0', 'q1', 'a1'])).toEqual({ previous: '', turns: history.slice(2, 4) });
    // Another branch's summary: start over.
    expect(summaryUpdate(history, on({ text: 'S', throughId: 'gone' }), ['q0', 'a0'])).toEqual({ previous: '', turns: history.slice(0, 2) });
    expect(summaryUpdate(history, { summarize: false }, ['q0', 'a0'])).toBeNull();
    expect(summaryUpdate(history, { ...on(), focus: { mode: 'last', turns: 1 } }, ['q0', 'a0'])).toBeNull();
    expect(summaryUpdate(history, on(), [])).toBeNull();
  });
});
