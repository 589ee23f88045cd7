import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-types';
import { overlayLocal, parentsFirst, type LocalMessage } from './local-messages';

const message = (id: string, parentId: string | null, updatedAt: number, content = id): ChatMessage => ({
  id,
  conversationId: 'c',
  parentId,
  role: 'user',
  content,
  status: 'done',
  createdAt: 1,
  updatedAt,
});

describe('overlayLocal', () => {
  it('shows a pending message until the store has it at least as new, then drops the local copy', () => {
    const local = new Map<string, LocalMessage>([['b', { message: message('b', 'a', 5), state: 'pending' }]]);
    expect(overlayLocal([message('a', null, 1)], local).map((m) => m.id)).toEqual(['a', 'b']);
    // The store has an older version (a draft write): the local one still shows.
    expect(overlayLocal([message('a', null, 1), message('b', 'a', 3, 'old')], local).find((m) => m.id === 'b')?.content).toBe('b');
    expect(local.size).toBe(1);
    overlayLocal([message('a', null, 1), message('b', 'a', 5, 'stored')], local);
    expect(local.size).toBe(0);
  });

  it('never drops an unsaved message, whatever the store holds', () => {
    const local = new Map<string, LocalMessage>([['b', { message: message('b', 'a', 5, 'final text'), state: 'unsaved' }]]);
    const shown = overlayLocal([message('a', null, 1), message('b', 'a', 9, 'stale draft')], local);
    expect(shown.find((m) => m.id === 'b')?.content).toBe('final text');
    expect(shown).toHaveLength(2);
    expect(local.size).toBe(1);
  });
});

describe('parentsFirst', () => {
  it('orders a chain so every parent is written before its children, and survives a loop', () => {
    const order = parentsFirst([message('c', 'b', 1), message('a', null, 1), message('b', 'a', 1)]).map((m) => m.id);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(parentsFirst([message('x', 'y', 1), message('y', 'x', 1)]).map((m) => m.id).sort()).toEqual(['x', 'y']);
  });
});
