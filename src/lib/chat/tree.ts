/**
 * Conversation trees: messages point at their parent, a conversation points at its current leaf, and the
 * visible conversation is the path from the root to that leaf. Siblings (same parent) are the alternatives
 * a person flips between ("2 / 3"); they are ordered by creation time. Pure: no database, no DOM.
 */
import type { ChatMessage } from './chat-types';

export interface MessageTree {
  readonly byId: ReadonlyMap<string, ChatMessage>;
  /** Children per parent id ("" for roots), oldest first. */
  readonly children: ReadonlyMap<string, readonly ChatMessage[]>;
}

const ROOT = '';
const byCreation = (a: ChatMessage, b: ChatMessage) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildTree(messages: readonly ChatMessage[]): MessageTree {
  const byId = new Map<string, ChatMessage>();
  const children = new Map<string, ChatMessage[]>();
  for (const message of messages) byId.set(message.id, message);
  for (const message of byId.values()) {
    // A parent that no longer exists makes the message a root rather than losing it.
    const key = message.parentId !== null && byId.has(message.parentId) ? message.parentId : ROOT;
    const list = children.get(key);
    if (list) list.push(message);
    else children.set(key, [message]);
  }
  for (const list of children.values()) list.sort(byCreation);
  return { byId, children };
}

export function childrenOf(tree: MessageTree, parentId: string | null): readonly ChatMessage[] {
  return tree.children.get(parentId ?? ROOT) ?? [];
}

/** The newest leaf below a message, following the newest child at each step. */
export function latestLeaf(tree: MessageTree, fromId: string | null): string | null {
  let current = fromId;
  const seen = new Set<string>();
  for (;;) {
    const next = childrenOf(tree, current).at(-1);
    if (!next || seen.has(next.id)) return current;
    seen.add(next.id);
    current = next.id;
  }
}

/** Root-to-leaf path. An unknown or missing leaf falls back to the newest leaf of the whole tree. */
export function activePath(tree: MessageTree, leafId: string | null): ChatMessage[] {
  const start = leafId !== null && tree.byId.has(leafId) ? leafId : latestLeaf(tree, null);
  const path: ChatMessage[] = [];
  const seen = new Set<string>();
  for (let id = start; id !== null && !seen.has(id); ) {
    seen.add(id);
    const message = tree.byId.get(id);
    if (!message) break;
    path.push(message);
    id = message.parentId !== null && tree.byId.has(message.parentId) ? message.parentId : null;
  }
  return path.reverse();
}

export interface SiblingInfo {
  /** 0-based position among the alternatives. */
  readonly index: number;
  readonly count: number;
  readonly previousId: string | null;
  readonly nextId: string | null;
}

export function siblingsOf(tree: MessageTree, message: ChatMessage): SiblingInfo {
  const parent = message.parentId !== null && tree.byId.has(message.parentId) ? message.parentId : null;
  const siblings = childrenOf(tree, parent);
  const index = Math.max(0, siblings.findIndex((m) => m.id === message.id));
  return {
    index,
    count: siblings.length,
    previousId: siblings[index - 1]?.id ?? null,
    nextId: siblings[index + 1]?.id ?? null,
  };
}

/** The leaf to show after switching to the alternative `siblingId`: its own newest continuation. */
export function leafAfterSwitch(tree: MessageTree, siblingId: string): string | null {
  return tree.byId.has(siblingId) ? latestLeaf(tree, siblingId) : null;
}

/** Every message below `id`, itself included (for deleting a branch). */
export function subtreeIds(tree: MessageTree, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length) {
    const next = stack.pop() as string;
    if (out.includes(next)) continue;
    out.push(next);
    for (const child of childrenOf(tree, next)) stack.push(child.id);
  }
  return out;
}
