import { describe, expect, it } from 'vitest';
import { groupByRecency, isUntitled, titleFromText, UNTITLED } from './conversation';

describe('conversation titles', () => {
  it('takes the first words', () => {
    expect(titleFromText('How do I parse JSON in Rust without serde at all?')).toBe('How do I parse JSON in Rust without…');
    expect(titleFromText('Short one')).toBe('Short one');
    expect(titleFromText('```js\ncode only\n```')).toBe(UNTITLED);
    expect(titleFromText('   ')).toBe(UNTITLED);
    expect(titleFromText('a'.repeat(500)).length).toBeLessThanOrEqual(61);
  });
});

describe('groupByRecency', () => {
  const now = new Date('2026-11-26T15:00:00').getTime();
  const day = 86_400_000;
  const at = (offset: number, pinned: 0 | 1 = 0) => ({ updatedAt: now - offset, pinned, id: String(offset) });

  it('sorts conversations into sections in display order', () => {
    const groups = groupByRecency([at(1000), at(0, 1), at(day), at(3 * day), at(20 * day), at(90 * day)], now);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['Pinned', ['0']],
      ['Today', ['1000']],
      ['Yesterday', [String(day)]],
      ['Previous 7 days', [String(3 * day)]],
      ['Previous 30 days', [String(20 * day)]],
      ['Older', [String(90 * day)]],
    ]);
  });

});

describe('isUntitled', () => {
  it('is true for the stored placeholder, whoever stored it, and for nothing else', () => {
    expect(isUntitled({ title: UNTITLED })).toBe(true);
    expect(isUntitled({ title: titleFromText('```js\nonly code\n```') })).toBe(true);
    expect(isUntitled({ title: 'Trip to Kyoto' })).toBe(false);
    expect(isUntitled({ title: 'New chat about Kyoto' })).toBe(false);
  });
});
