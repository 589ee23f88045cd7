import { describe, expect, it } from 'vitest';
import { focusHistory } from './focus';
import type { HistoryItem } from './request';

/** q1 a1 q2 a2 … qn (the last question unanswered). */
function history(exchanges: number, pinned: number[] = []): HistoryItem[] {
  const items: HistoryItem[] = [];
  for (let i = 1; i <= exchanges; i++) {
    const pin = pinned.includes(i);
    items.push({ id: `q${i}`, turn: { role: 'user', content: `q${i}` }, pinned: pin, opensExchange: true });
    if (i < exchanges) items.push({ id: `a${i}`, turn: { role: 'assistant', content: `a${i}` }, pinned: pin, opensExchange: false });
  }
  return items;
}
const ids = (items: HistoryItem[]) => items.map((i) => i.id).join(' ');

describe('focus modes', () => {
  it('full history sends everything', () => {
    expect(ids(focusHistory(history(3), { mode: 'full' }))).toBe('q1 a1 q2 a2 q3');
    expect(ids(focusHistory(history(3), undefined))).toBe('q1 a1 q2 a2 q3');
  });

  it('last N keeps the question and the N exchanges before it, plus pins', () => {
    expect(ids(focusHistory(history(5), { mode: 'last', turns: 2 }))).toBe('q3 a3 q4 a4 q5');
    expect(ids(focusHistory(history(5, [1]), { mode: 'last', turns: 1 }))).toBe('q1 a1 q4 a4 q5');
    expect(ids(focusHistory(history(2), { mode: 'last', turns: 5 }))).toBe('q1 a1 q2');
  });

  it('standalone sends only the question', () => {
    expect(ids(focusHistory(history(4, [2]), { mode: 'standalone' }))).toBe('q4');
  });

  it('a fresh context starts at its question and keeps earlier pins', () => {
    expect(ids(focusHistory(history(4), { mode: 'full' }, 'q3'))).toBe('q3 a3 q4');
    expect(ids(focusHistory(history(4, [1]), { mode: 'full' }, 'q3'))).toBe('q1 a1 q3 a3 q4');
    // A start that is not on this branch changes nothing.
    expect(ids(focusHistory(history(2), { mode: 'full' }, 'elsewhere'))).toBe('q1 a1 q2');
  });
});
