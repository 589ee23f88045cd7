/**
 * The running summary: with it on, the turns the context policy leaves out are folded, once per block move,
 * into a short summary the model writes (key facts, names, numbers, decisions, open questions, and the
 * person's goal restated). It is sent inside the system message, after the system prompt, so the model still
 * knows what the conversation was about when the turns themselves no longer fit. The prompt is English or
 * Chinese, chosen from the person's questions as the follow-up rewrite's is; the answer is read strictly.
 * Pure: the engine runs the request it builds, the state layer decides when.
 */
import type { ChatTurn } from './chat-types';
import { sanitizeFocus, type ConversationSummary, type FocusMode } from './conversation';
import { focusHistory } from './focus';
import { rewriteLanguageOf, type RewriteLanguage } from './follow-up-rewrite';
import type { HistoryItem } from './request';

/** The longest summary kept: a model's longer answer is cut, a longer edit refused. */
export const SUMMARY_MAX_CHARS = 2000;
/** An answer this long is not a summary at all (a model that went on and on): it is not kept. */
const ABSURD_CHARS = SUMMARY_MAX_CHARS * 4;
/** The most a summary answer may take, and never more than a quarter of the window (it is sent every time). */
export const SUMMARY_MAX_TOKENS = 300;
/** Each turn folded in is clipped to its start and end. */
const TURN_HEAD_CHARS = 900;
const TURN_TAIL_CHARS = 300;

/** The tokens a summary answer is given in a window of `window` tokens. */
export function summaryMaxTokens(window: number | null): number {
  return window === null ? SUMMARY_MAX_TOKENS : Math.max(16, Math.min(SUMMARY_MAX_TOKENS, Math.floor(window / 4)));
}

/** Chinese when the person's questions (else any turn) have Han characters, else English. */
export function summaryLanguageOf(turns: readonly ChatTurn[]): RewriteLanguage {
  const questions = turns.filter((t) => t.role === 'user');
  return rewriteLanguageOf((questions.length > 0 ? questions : turns).map((t) => t.content).join('\n'));
}

const EN = {
  system:
    'You keep a running summary of a conversation between a user and an assistant whose older messages no longer fit in the assistant’s memory. Update the summary with the messages that are leaving. Keep the key facts, names, numbers, decisions and open questions, and restate what the user is trying to achieve. Drop small talk and anything that no longer matters. Write plain text in the conversation’s language, at most about 150 words, no headings or lists of more than a few items. Reply with the updated summary only.',
  previousLabel: 'Summary so far:',
  none: '(none yet)',
  turnsLabel: 'Messages leaving the context:',
  ask: 'Write the updated summary.',
  user: 'User',
  assistant: 'Assistant',
  heading: 'Summary of the earlier part of this conversation (those messages are no longer shown to you):',
};

const ZH: typeof EN = {
  system:
    '你负责为用户和助手之间的对话维护一份持续更新的摘要：较早的消息已经放不进助手的记忆。请把即将移出的消息合并进摘要。保留关键事实、人名、数字、已做的决定和尚未解决的问题，并重新说明用户想要达成的目标。省略寒暄和不再重要的内容。用对话所用的语言写纯文本，不超过约 250 个字，不要标题，也不要很长的列表。只回复更新后的摘要。',
  previousLabel: '目前的摘要：',
  none: '（暂无）',
  turnsLabel: '移出上下文的消息：',
  ask: '请写出更新后的摘要。',
  user: '用户',
  assistant: '助手',
  heading: '本对话较早部分的摘要（那些消息已不再提供给你）：',
};

const textsOf = (language: RewriteLanguage) => (language === 'zh' ? ZH : EN);

/** One line per turn: whitespace flattened, a long turn cut to its start and its end. */
function clipTurn(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= TURN_HEAD_CHARS + TURN_TAIL_CHARS + 20) return flat;
  return `${flat.slice(0, TURN_HEAD_CHARS)} … ${flat.slice(-TURN_TAIL_CHARS)}`;
}

/**
 * The request that updates the summary: the instructions, then the summary so far (or none) and the turns
 * leaving the context, oldest first. System turns among them are left out (the system prompt never leaves).
 */
export function buildSummaryRequest(previousSummary: string, leavingTurns: readonly ChatTurn[], language = summaryLanguageOf(leavingTurns)): ChatTurn[] {
  const t = textsOf(language);
  const lines = leavingTurns
    .filter((turn) => turn.role !== 'system')
    .map((turn) => `${turn.role === 'user' ? t.user : t.assistant}: ${clipTurn(turn.content)}`)
    .join('\n');
  const previous = previousSummary.trim() || t.none;
  return [
    { role: 'system', content: t.system },
    { role: 'user', content: `${t.previousLabel}\n${previous}\n\n${t.turnsLabel}\n${lines}\n\n${t.ask}` },
  ];
}

/**
 * The model's answer as a summary, or null when it is not one: empty, a placeholder, or absurdly long. A
 * leading "Summary:" / "摘要：" label and surrounding quotes or fences go; a long answer is cut to
 * SUMMARY_MAX_CHARS at a sentence or word end.
 */
export function parseSummary(answer: string): string | null {
  let text = answer
    .trim()
    .replace(/^```[^\n]*\n([\s\S]*?)\n?```$/, '$1')
    .trim()
    .replace(/^[*#_\s]*(?:updated\s+|running\s+|new\s+)?summary[*_\s]*[:：][*_\s]*/i, '')
    .replace(/^[*#_\s]*(?:更新后的)?(?:摘要|总结)[*_\s]*[:：][*_\s]*/, '')
    .trim()
    .replace(/^["“]([\s\S]*)["”]$/, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text || text.length > ABSURD_CHARS || /^<[^>]*>$/.test(text) || /^[(（]?(?:none|none yet|暂无)[.。)）]?$/i.test(text)) return null;
  if (text.length > SUMMARY_MAX_CHARS) {
    const cut = text.slice(0, SUMMARY_MAX_CHARS);
    const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
    text = sentence > SUMMARY_MAX_CHARS / 2 ? cut.slice(0, sentence + 1).trim() : `${cut.replace(/\s+\S*$/, '')}…`;
  }
  return text;
}

/**
 * The system message with the summary: the system prompt first and unchanged, then the summary under its
 * heading. Without a summary it is the system prompt itself.
 */
export function summarySystemContent(systemPrompt: string, summary: string, language = rewriteLanguageOf(summary)): string {
  if (!summary.trim()) return systemPrompt;
  const block = `${textsOf(language).heading}\n${summary.trim()}`;
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
