/**
 * The running summary: with it on, the turns the context policy leaves out are folded, once per block move,
 * into a short summary the model writes (key facts, names, numbers, decisions, open questions, and the
 * person's goal restated). It is sent inside the system message, after the system prompt, so the model still
 * knows what the conversation was about when the turns themselves no longer fit. The prompt is English or
 * Chinese, chosen from the person's questions as the follow-up rewrite's is; the answer is read strictly.
 * Pure: the engine runs the request it builds, the state layer decides when. This module is what a request
 * needs to carry a summary and to know when to write one; the prompt that writes it (summary-prompt.ts) loads
 * only when one is written.
 */
import { sanitizeFocus, type ConversationSummary, type FocusMode } from './conversation';
import { focusHistory } from './focus';
import { promptLanguageOf, type PromptLanguage } from './prompt-language';
import type { HistoryItem } from './request';

/** The longest summary kept: a model's longer answer is cut, a longer edit refused. */
export const SUMMARY_MAX_CHARS = 2000;
/** An answer this long is not a summary at all (a model that went on and on): it is not kept. */
export const ABSURD_CHARS = SUMMARY_MAX_CHARS * 4;
/** The most a summary answer may take, and never more than a quarter of the window (it is sent every time). */
export const SUMMARY_MAX_TOKENS = 300;

/** The tokens a summary answer is given in a window of `window` tokens. */
export function summaryMaxTokens(window: number | null): number {
  return window === null ? SUMMARY_MAX_TOKENS : Math.max(16, Math.min(SUMMARY_MAX_TOKENS, Math.floor(window / 4)));
}

/** The summary's heading in the system message, in the summary's language. */
const HEADING: Readonly<Record<PromptLanguage, string>> = {
  en: 'Summary of the earlier part of this conversation (those messages are no longer shown to you):',
  zh: '本对话较早部分的摘要（那些消息已不再提供给你）：',
};

/**
 * The system message with the summary: the system prompt first and unchanged, then the summary under its
 * heading. Without a summary it is the system prompt itself.
 */
export function summarySystemContent(systemPrompt: string, summary: string, language = promptLanguageOf(summary)): string {
  if (!summary.trim()) return systemPrompt;
  const block = `${HEADING[language]}\n${summary.trim()}`;
  return systemPrompt.trim() ? `${systemPrompt}\n\n${block}` : block;
}

/** What of a conversation decides the running summary. */
export interface SummaryOptions {
  readonly summarize?: boolean;
  readonly focus?: FocusMode;
  readonly contextStartId?: string | null;
  readonly summary?: ConversationSummary | null;
}

/**
 * The history the summary works on: the whole history from a fresh context's start. Null when it is off,
 * or when a focus mode (last N, standalone) picks the history itself: what that leaves out is the person's
 * choice, not turns that had to leave.
 */
function summarizedHistory(items: readonly HistoryItem[], options: SummaryOptions | null | undefined): HistoryItem[] | null {
  if (options?.summarize !== true || sanitizeFocus(options.focus).mode !== 'full') return null;
  return focusHistory(items, { mode: 'full' }, options.contextStartId);
}

/**
 * The summary the request for `items` (the branch, question last) carries: the stored one when it is on,
 * not empty, and covers this branch (the message it runs through is part of this history: not another
 * branch's, nor one before a fresh context).
 */
export function summaryInForce(items: readonly HistoryItem[], options: SummaryOptions | null | undefined): ConversationSummary | null {
  const history = summarizedHistory(items, options);
  const summary = options?.summary;
  if (!history || !summary?.text.trim()) return null;
  return history.some((item) => item.id === summary.throughId) ? summary : null;
}

/** What the summary is to take in now: the summary so far and the turns newly left out. */
export interface SummaryUpdate {
  /** The summary so far (empty: none, or the person cleared it). */
  readonly previous: string;
  /** The turns to fold in, oldest first; the last one is what the new summary runs through. */
  readonly turns: readonly HistoryItem[];
}

/**
 * The turns the context policy left out (`leftOut`) that come after what the summary covers (all of them
 * when there is no summary on this branch), or null when there are none: the summary is then up to date.
 */
export function summaryUpdate(items: readonly HistoryItem[], options: SummaryOptions | null | undefined, leftOut: Iterable<string>): SummaryUpdate | null {
  const history = summarizedHistory(items, options);
  if (!history) return null;
  const left = new Set(leftOut);
  const summary = options?.summary;
  const through = summary ? history.findIndex((item) => item.id === summary.throughId) : -1;
  const turns = history.filter((item, i) => i > through && left.has(item.id));
  if (turns.length === 0) return null;
  return { previous: through >= 0 && summary ? summary.text : '', turns };
}
