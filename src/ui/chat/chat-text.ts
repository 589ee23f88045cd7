/**
 * The open conversation's figures and states put into words, in the person's language: state and pure lib
 * hand over data (a kind and numbers), these functions word it through the message catalogs. Plain
 * TypeScript (no Svelte), so it is tested in Node with each language's translator.
 */
import type { FocusMode } from '../../lib/chat/conversation';
import { describeGeneration, type GenerationPart, type GenerationSettings, type PresetId } from '../../lib/chat/generation-settings';
import type { Translate } from '../../lib/i18n';
import { appErrorText } from '../../lib/inference/app-error';
import type { ReplyStats, StatValue } from '../../lib/inference/reply-stats';
import type { ChatProblem } from '../../state/chat.svelte';
import type { MarkdownLabels } from './markdown/code-source';
import type { SettingsProblem } from '../../state/generation.svelte';

/** Joins the parts of a one-line summary (reply settings, context): a list, not a sentence. */
const SEPARATOR = ' · ';

const STAT_LABELS = {
  decodeTokensPerS: 'chat.stats.decode',
  prefillTokensPerS: 'chat.stats.prefill',
  timeToFirstTokenS: 'chat.stats.firstToken',
  promptTokens: 'chat.stats.prompt',
  reusedTokens: 'chat.stats.reused',
  completionTokens: 'chat.stats.reply',
} as const satisfies Partial<Record<keyof ReplyStats, string>>;

export function statLabel(t: Translate, key: keyof ReplyStats): string {
  return key in STAT_LABELS ? t(STAT_LABELS[key as keyof typeof STAT_LABELS]) : key;
}

const STAT_UNITS = { tokensPerS: 'chat.stats.tokensPerS', ms: 'chat.stats.ms', s: 'chat.stats.s', tokens: 'chat.stats.tokens' } as const;

/** "38.3 tok/s", "75 ms", "31 tok"; a dash when the engine did not say. */
export function statValue(t: Translate, value: StatValue | null): string {
  return value === null ? '—' : t(STAT_UNITS[value.unit], { amount: value.amount });
}

export const PRESET_TEXT = {
  precise: { label: 'chat.preset.precise', help: 'chat.preset.preciseHelp' },
  balanced: { label: 'chat.preset.balanced', help: 'chat.preset.balancedHelp' },
  creative: { label: 'chat.preset.creative', help: 'chat.preset.creativeHelp' },
} as const satisfies Record<PresetId, { label: string; help: string }>;

function generationPart(t: Translate, part: GenerationPart): string {
  switch (part.kind) {
    case 'preset':
      return t(PRESET_TEXT[part.id].label);
    case 'greedy':
      return t('chat.settings.summary.greedy');
    case 'temperature':
      return t('chat.settings.summary.temperature', { value: part.value });
    case 'topP':
      return t('chat.settings.summary.topP', { value: part.value });
    case 'topK':
      return t('chat.settings.summary.topK', { value: part.value });
    case 'minP':
      return t('chat.settings.summary.minP', { value: part.value });
    case 'repetitionPenalty':
      return t('chat.settings.summary.repetitionPenalty', { value: part.value });
    case 'presencePenalty':
      return t('chat.settings.summary.presencePenalty', { value: part.value });
    case 'frequencyPenalty':
      return t('chat.settings.summary.frequencyPenalty', { value: part.value });
    case 'stopAt':
      return t('chat.settings.summary.stopAt', { text: part.text });
    case 'stops':
      return t('chat.settings.summary.stops', { count: part.count });
    case 'seed':
      return t('chat.settings.summary.seed', { value: part.value });
    case 'maxTokens':
      return t('chat.settings.summary.maxTokens', { value: part.value });
  }
}

/** One line for the reply settings: "Balanced · top-k 40 · seed 7", "greedy · ≤ 3 tokens", "model's defaults". */
export function generationSummary(t: Translate, settings: GenerationSettings): string {
  return describeGeneration(settings).map((part) => generationPart(t, part)).join(SEPARATOR) || t('chat.settings.summary.defaults');
}

/** One line for the context settings: "system prompt · last 3 turns · rewriting follow-ups". */
export function contextSummary(t: Translate, options: { systemPrompt: boolean; focus: FocusMode; rewriting: boolean; summarizing: boolean }): string {
  const { focus } = options;
  return [
    options.systemPrompt ? t('chat.context.summary.systemPrompt') : null,
    focus.mode === 'full'
      ? t('chat.context.summary.full')
      : focus.mode === 'last'
        ? t('chat.context.summary.last', { count: focus.turns })
        : t('chat.context.summary.standalone'),
    options.rewriting ? t('chat.context.summary.rewriting') : null,
    options.summarizing ? t('chat.context.summary.runningSummary') : null,
  ]
    .filter(Boolean)
    .join(SEPARATOR);
}

/** What went wrong with the open conversation (storage, a refused input), as a sentence. */
export function chatProblemText(t: Translate, problem: ChatProblem): string {
  switch (problem.kind) {
    case 'storage-full':
      return t('chat.problem.storageFull');
    case 'storage-failed':
      return t('chat.problem.storageFailed', { detail: problem.error.detail ?? appErrorText(problem.error, t).message });
    case 'restore-failed':
      return t('chat.problem.restoreFailed', { detail: problem.detail });
    case 'read-failed':
      return t('chat.problem.readFailed', { detail: problem.detail });
    case 'message-too-long':
      return t('chat.problem.messageTooLong', { length: problem.length, limit: problem.limit });
    case 'reply-failed':
      return t('chat.problem.replyFailed', { detail: problem.detail });
    case 'interrupted-check-failed':
      return t('chat.problem.interruptedCheckFailed', { detail: problem.detail });
    case 'system-prompt-too-long':
      return t('chat.problem.systemPromptTooLong', { length: problem.length, limit: problem.limit });
    case 'summary-too-long':
      return t('chat.problem.summaryTooLong', { length: problem.length, limit: problem.limit });
  }
}

/** Why the reply settings could not be read or saved. */
export function settingsProblemText(t: Translate, problem: SettingsProblem): string {
  return problem.kind === 'read-failed' ? t('chat.settings.readFailed', { detail: problem.detail }) : t('chat.settings.saveFailed', { detail: problem.detail });
}

const MEDIA = {
  image: { plain: 'chat.media.image', alt: 'chat.media.imageAlt' },
  video: { plain: 'chat.media.video', alt: 'chat.media.videoAlt' },
  audio: { plain: 'chat.media.audio', alt: 'chat.media.audioAlt' },
} as const;

/** The words the markdown renderer adds to replies. */
export function markdownLabels(t: Translate): MarkdownLabels {
  return {
    copy: t('chat.copy'),
    remoteMedia: (kind, alt, host) => (alt ? t(MEDIA[kind].alt, { alt, host }) : t(MEDIA[kind].plain, { host })),
  };
}

/**
 * A message with one placeholder filled by markup (a bold figure, a button), split around it: the template
 * puts the element between the two halves, so the sentence stays whole in every language.
 */
export function splitAround(text: string, marker: string): [before: string, after: string] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + marker.length)];
}

/** Stands in for the placeholder that splitAround cuts at (never in a translation or a number). */
export const MARK = '\u0000';
