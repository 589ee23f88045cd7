import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-types';
import { activePath, buildTree, latestLeaf, leafAfterSwitch, siblingsOf, subtreeIds } from './tree';

let clock = 0;
function msg(id: string, parentId: string | null, role: 'user' | 'assistant' = 'user', content = id): ChatMessage {
  clock += 1;
  return { id, conversationId: 'c', parentId, role, content, status: 'done', createdAt: clock, updatedAt: clock };
}

// u1 -> a1 -> u2 -> a2
//          -> u2b -> a2b        (edit of u2)
//    -> a1b                    (regenerate of a1)
const u1 = msg('u1', null);
const a1 = msg('a1', 'u1', 'assistant');
const u2 = msg('u2', 'a1');
const a2 = msg('a2', 'u2', 'assistant');
const u2b = msg('u2b', 'a1');
const a2b = msg('a2b', 'u2b', 'assistant');
const a1b = msg('a1b', 'u1', 'assistant');
const all = [a2b, u1, a1b, u2, a1, a2, u2b]; // any order

describe('conversation tree', () => {
  const tree = buildTree(all);

  it('follows the leaf up to the root', () => {
    expect(activePath(tree, 'a2').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(activePath(tree, 'a2b').map((m) => m.id)).toEqual(['u1', 'a1', 'u2b', 'a2b']);
  });

  it('falls back to the newest leaf when the leaf is unknown', () => {
    expect(activePath(tree, null).map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(activePath(tree, 'gone').map((m) => m.id)).toEqual(['u1', 'a1b']);
    expect(activePath(buildTree([]), null)).toEqual([]);
  });

  it('numbers alternatives in creation order', () => {
    expect(siblingsOf(tree, a1)).toEqual({ index: 0, count: 2, previousId: null, nextId: 'a1b' });
    expect(siblingsOf(tree, a1b)).toEqual({ index: 1, count: 2, previousId: 'a1', nextId: null });
    expect(siblingsOf(tree, u2b)).toMatchObject({ index: 1, count: 2 });
    expect(siblingsOf(tree, u1)).toMatchObject({ index: 0, count: 1 });
  });

  it('switching to an alternative shows its newest continuation', () => {
    expect(leafAfterSwitch(tree, 'a1')).toBe('a2b');
    expect(leafAfterSwitch(tree, 'u2')).toBe('a2');
    expect(leafAfterSwitch(tree, 'nope')).toBeNull();
    expect(latestLeaf(tree, null)).toBe('a1b');
  });

  it('keeps orphans (a lost parent) visible as roots, and survives cycles', () => {
    const orphan = msg('o', 'missing');
    expect(activePath(buildTree([orphan]), 'o').map((m) => m.id)).toEqual(['o']);
    const x = { ...msg('x', 'y') };
    const y = { ...msg('y', 'x') };
    expect(() => activePath(buildTree([x, y]), 'x')).not.toThrow();
  });

  it('lists a branch for deletion', () => {
    expect(subtreeIds(tree, 'a1').sort()).toEqual(['a1', 'a2', 'a2b', 'u2', 'u2b']);
  });
});
