/** Conversations as stored, titles, and the sidebar's grouping by recency. Pure. */
import type { ChatMessage } from './chat-types';
import { sanitizeGeneration, type GenerationSettings } from './generation-settings';

export interface Conversation {
  readonly id: string;
  readonly title: string;
  /** "auto": the first words (the model may replace it once); "model": written by the model; "user": typed. */
  readonly titleSource: 'auto' | 'model' | 'user';
  readonly modelId: string | null;
  readonly systemPrompt: string;
  readonly settings: GenerationSettings | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** 1 when pinned (a number, so IndexedDB can index it). */
  readonly pinned: 0 | 1;
  /** The leaf of the branch on screen; the visible conversation is the path to it. */
  readonly activeLeafId: string | null;
  /** What of the history the model is given (absent: the whole history, within the context policy). */
  readonly focus?: FocusMode;
  /** Rewrite each follow-up into a standalone question before answering (absent: off). */
  readonly rewriteFollowUps?: boolean;
  /** A fresh context starts at this question: older turns are not sent (absent: from the start). */
  readonly contextStartId?: string | null;
  /** The context policy's last boundary: the first question kept by age (it only moves forward, in blocks). */
  readonly contextBoundaryId?: string | null;
  /** Turns that leave the context are folded into a running summary the model reads instead (absent: off). */
  readonly summarize?: boolean;
  /** The running summary of the turns that left the context (lib/chat/running-summary). */
  readonly summary?: ConversationSummary | null;
}

/** What the model wrote (or the person edited) of the turns that left the context, oldest through `throughId`. */
export interface ConversationSummary {
  /** Plain text; empty after the person cleared it (nothing is sent, and what it covered is not summarized again). */
  readonly text: string;
  /** The id of the last message the summary covers. */
  readonly throughId: string;
  /** The person edited (or cleared) it. */
  readonly edited?: boolean;
}

/**
 * - `full`: the whole history, as the context policy allows;
 * - `last`: only the last `turns` exchanges (plus pins);
 * - `standalone`: the system prompt and the (rewritten) question only.
 */
export type FocusMode = { readonly mode: 'full' } | { readonly mode: 'last'; readonly turns: number } | { readonly mode: 'standalone' };

export const FOCUS_LAST_LIMITS = { min: 1, max: 50 } as const;

/** A stored or imported focus mode, made valid; anything unusable is the whole history. */
export function sanitizeFocus(raw: unknown): FocusMode {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (r.mode === 'standalone') return { mode: 'standalone' };
  if (r.mode === 'last' && typeof r.turns === 'number' && Number.isFinite(r.turns)) {
    return { mode: 'last', turns: Math.min(FOCUS_LAST_LIMITS.max, Math.max(FOCUS_LAST_LIMITS.min, Math.round(r.turns))) };
  }
  return { mode: 'full' };
}

/** The per-conversation choices the person can change after it started (the system prompt among them). */
export type ConversationOptions = Partial<
  Pick<Conversation, 'systemPrompt' | 'settings' | 'focus' | 'rewriteFollowUps' | 'contextStartId' | 'contextBoundaryId' | 'summarize' | 'summary'>
>;

/** One conversation with its whole message tree: what is exported, imported, deleted (for Undo) and restored. */
export interface ConversationBundle {
  readonly conversation: Conversation;
  readonly messages: readonly ChatMessage[];
}

/** The stored title of a conversation nothing has named yet (shown in the UI's language, see isUntitled). */
export const UNTITLED = 'New chat';

/**
 * It carries the placeholder (nothing named it: a new chat, a question of code alone, an import without a title):
 * the UI shows its own word for "new chat" instead of the stored English.
 */
export function isUntitled(conversation: Pick<Conversation, 'title'>): boolean {
  return conversation.title === UNTITLED;
}

export type NewConversation = Pick<Conversation, 'modelId' | 'systemPrompt' | 'settings'> & Partial<Pick<Conversation, 'title'>>;

/**
 * A conversation not stored yet; the caller gives the id (the store and the screen must agree on it). Built
 * as the importer would read it back: a blank title is no title, settings are sanitized.
 */
export function newConversation(id: string, init: NewConversation, now: number): Conversation {
  const title = cleanTitle(init.title ?? '');
  return {
    id,
    title: title || UNTITLED,
    titleSource: title ? 'user' : 'auto',
    modelId: init.modelId,
    systemPrompt: init.systemPrompt,
    settings: init.settings === null ? null : sanitizeGeneration(init.settings),
    createdAt: now,
    updatedAt: now,
    pinned: 0,
    activeLeafId: null,
  };
}
const TITLE_WORDS = 8;
const TITLE_CHARS = 60;

/** "How do I parse JSON in Rust without serde?" -> "How do I parse JSON in Rust without…" */
export function titleFromText(text: string): string {
  const clean = text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/[#>*_`~[\]()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return UNTITLED;
  const words = clean.split(' ');
  let title = words.slice(0, TITLE_WORDS).join(' ');
  if (title.length > TITLE_CHARS) title = title.slice(0, TITLE_CHARS).replace(/\s+\S*$/, '');
  return title.length < clean.length ? `${title.replace(/[.,;:!?]$/, '')}…` : title;
}

export function cleanTitle(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export type RecencyGroup = 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Previous 30 days' | 'Older';

/** Sidebar sections in display order; conversations inside each stay in the given (newest-first) order. */
export function groupByRecency<C extends Pick<Conversation, 'updatedAt' | 'pinned'>>(
  conversations: readonly C[],
  now: number,
): Array<{ group: RecencyGroup; items: C[] }> {
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const today = startOfToday.getTime();
  const day = 24 * 60 * 60 * 1000;
  const groupOf = (c: C): RecencyGroup => {
    if (c.pinned) return 'Pinned';
    if (c.updatedAt >= today) return 'Today';
    if (c.updatedAt >= today - day) return 'Yesterday';
    if (c.updatedAt >= today - 7 * day) return 'Previous 7 days';
    if (c.updatedAt >= today - 30 * day) return 'Previous 30 days';
    return 'Older';
  };
  const order: RecencyGroup[] = ['Pinned', 'Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days', 'Older'];
  const groups = new Map<RecencyGroup, C[]>(order.map((g) => [g, []]));
  for (const c of conversations) groups.get(groupOf(c))?.push(c);
  return order.map((group) => ({ group, items: groups.get(group) ?? [] })).filter((g) => g.items.length > 0);
}

