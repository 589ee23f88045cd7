/**
 * What this tab shows ahead of the database: a message just sent, before its write lands ("pending"), and
 * one whose write failed ("unsaved", e.g. the disk is full) — kept on screen, never dropped, until a write
 * succeeds. Pure: the session holds the map, the database delivers the stored messages.
 */
import type { ChatMessage } from './chat-types';

export type LocalState = 'pending' | 'unsaved';

export interface LocalMessage {
  readonly message: ChatMessage;
  readonly state: LocalState;
}

/**
 * The stored messages with local versions laid over them. A pending message the store has caught up with
 * (same id, at least as new) is removed from `local`; an unsaved one always wins, since the store lags it.
 */
export function overlayLocal(stored: readonly ChatMessage[], local: Map<string, LocalMessage>): ChatMessage[] {
  if (local.size === 0) return stored as ChatMessage[];
  const storedAt = new Map<string, number>();
  for (const m of stored) storedAt.set(m.id, m.updatedAt);
  for (const [id, entry] of local) {
    const at = storedAt.get(id);
    if (entry.state === 'pending' && at !== undefined && at >= entry.message.updatedAt) local.delete(id);
  }
  if (local.size === 0) return stored as ChatMessage[];
  return [...stored.filter((m) => !local.has(m.id)), ...[...local.values()].map((e) => e.message)];
}

/** Unsaved messages in an order that can be written: parents before their children. */
export function parentsFirst(messages: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const out: ChatMessage[] = [];
  const seen = new Set<string>();
  const place = (m: ChatMessage) => {
    if (seen.has(m.id)) return; // placed already, or a loop back to a message being placed
    seen.add(m.id);
    const parent = m.parentId !== null ? byId.get(m.parentId) : undefined;
    if (parent) place(parent);
    out.push(m);
  };
  for (const m of messages) place(m);
  return out;
}
