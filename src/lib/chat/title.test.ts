import { describe, expect, it } from 'vitest';
import { cleanModelTitle, titleRequest } from './title';

describe('model-written titles', () => {
  it('asks with the first exchange, clipped', () => {
    const [turn] = titleRequest('q'.repeat(2000), 'a');
    expect(turn?.role).toBe('user');
    expect(turn?.content).toContain(`User: ${'q'.repeat(800)}…`);
    expect(turn?.content).toContain('Assistant: a');
  });

  it.each([
    ['"Reversing a Linked List"', 'Reversing a Linked List'],
    ['Title: Kyoto trip plan.\nExtra words', 'Kyoto trip plan'],
    ['**Rust lifetimes**', 'Rust lifetimes'],
    ['   \n  ', null],
    ['', null],
  ])('%j -> %j', (reply, title) => {
    expect(cleanModelTitle(reply)).toBe(title);
  });

  it('shortens a rambling reply', () => {
    expect(cleanModelTitle('word '.repeat(40))?.length).toBeLessThanOrEqual(61);
  });
});
