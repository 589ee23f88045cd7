/**
 * The request that writes the running summary (running-summary.ts) and the reading of its answer: the
 * instructions in English or Chinese, the summary so far and the turns leaving, oldest first. Loaded only when
 * a summary is written (state/chat/summary-step), not at start.
 */
import type { ChatTurn } from './chat-types';
import { promptLanguageOf, type PromptLanguage } from './prompt-language';
import { ABSURD_CHARS, SUMMARY_MAX_CHARS } from './running-summary';

/** Each turn folded in is clipped to its start and end. */
const TURN_HEAD_CHARS = 900;
const TURN_TAIL_CHARS = 300;

/** Chinese when the person's questions (else any turn) have Han characters, else English. */
export function summaryLanguageOf(turns: readonly ChatTurn[]): PromptLanguage {
  const questions = turns.filter((t) => t.role === 'user');
  return promptLanguageOf((questions.length > 0 ? questions : turns).map((t) => t.content).join('\n'));
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
};

const textsOf = (language: PromptLanguage) => (language === 'zh' ? ZH : EN);

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
