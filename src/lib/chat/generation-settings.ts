/**
 * How replies are generated, as the person set it: the basic controls (temperature, top-p, reply length),
 * the advanced ones (top-k, min-p, penalties, stop strings, seed) and the presets that set the sampling shape
 * at once. `null` (basic) or an absent field (advanced) means "the model's own default" (from its
 * mlc-chat-config.json), which WebLLM applies when a request leaves the field out, or "off" for top-k, min-p,
 * stop strings and seed, which have no model default.
 *
 * The ranges are a subset of what WebLLM 0.2.79 and 0.2.86 accept (anything outside throws there): penalties
 * in [-2, 2], repetition_penalty > 0, top_p in (0, 1], temperature ≥ 0, max_tokens > 0, an integer seed (and a
 * non-negative one: its random generator needs a positive state). Top-k and min-p are the app's own (a logit
 * processor in the engine worker), with the conventions of lib/inference/logit-filters.
 */
import type { SamplingParams } from './chat-types';

export interface GenerationSettings {
  /** 0 is greedy: always the most likely token. */
  readonly temperature: number | null;
  readonly topP: number | null;
  /** Longest reply in tokens; null lets the model stop on its own (or at the context window). */
  readonly maxTokens: number | null;
  /** Keep only the k most likely tokens (absent: off). */
  readonly topK?: number;
  /** Keep only tokens at least this share as likely as the most likely one (absent: off). */
  readonly minP?: number;
  /** > 1 makes tokens already in the reply less likely (CTRL); absent: the model's default. */
  readonly repetitionPenalty?: number;
  /** Subtracted once from each token already in the reply (OpenAI); absent: 0. */
  readonly presencePenalty?: number;
  /** Subtracted per occurrence of each token already in the reply (OpenAI); absent: 0. */
  readonly frequencyPenalty?: number;
  /** The reply ends before any of these (absent: only where the model stops). */
  readonly stop?: readonly string[];
  /** The same seed, question and settings give the same reply (absent: a new one each time). */
  readonly seed?: number;
}

/** A change to the settings: a field set to null goes back to the model's default (or off). */
export type GenerationChange = { readonly [K in keyof GenerationSettings]?: GenerationSettings[K] | null };

export const DEFAULT_GENERATION: GenerationSettings = { temperature: null, topP: null, maxTokens: null };

/** Every field back to the model's default. */
export const CLEAR_GENERATION: GenerationChange = {
  temperature: null,
  topP: null,
  maxTokens: null,
  topK: null,
  minP: null,
  repetitionPenalty: null,
  presencePenalty: null,
  frequencyPenalty: null,
  stop: null,
  seed: null,
};

export const LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  maxTokens: { min: 1, max: 32_768 },
  /** 0 (or less) turns it off. */
  topK: { min: 1, max: 1000 },
  /** 0 turns it off; 1 would be no filter at all in the filter's convention, so the top is just below. */
  minP: { min: 0.001, max: 0.99 },
  repetitionPenalty: { min: 0.05, max: 2 },
  presencePenalty: { min: -2, max: 2 },
  frequencyPenalty: { min: -2, max: 2 },
  /** 2^31 − 2: WebLLM keeps its generator's state modulo 2^31 − 1, so every seed here gives its own stream. */
  seed: { min: 0, max: 2_147_483_646 },
} as const;

export const MAX_STOP_STRINGS = 8;
export const MAX_STOP_LENGTH = 100;

/** The fields a preset sets (all of them: one it leaves out is cleared); reply length, stop strings and seed stay. */
export const SHAPE_FIELDS = ['temperature', 'topP', 'topK', 'minP', 'repetitionPenalty', 'presencePenalty', 'frequencyPenalty'] as const;
type ShapeField = (typeof SHAPE_FIELDS)[number];

export type PresetId = 'precise' | 'balanced' | 'creative';

/** A preset's name and description are the UI's to word (in the person's language), by its id. */
export interface Preset {
  readonly id: PresetId;
  /** The sampling shape; shape fields not named here are cleared when the preset is chosen. */
  readonly settings: { readonly [K in ShapeField]?: number };
}

/**
 * Only fields WebLLM samples with on the GPU: a preset never turns on top-k or min-p, which cost a logit copy
 * to the CPU on every token.
 */
export const PRESETS: readonly Preset[] = [
  // Precise: focused and consistent (facts, code, extraction).
  { id: 'precise', settings: { temperature: 0.2, topP: 0.9 } },
  // Balanced: natural answers with some variety.
  { id: 'balanced', settings: { temperature: 0.7, topP: 0.95 } },
  // Creative: more varied wording and ideas, less repetition.
  { id: 'creative', settings: { temperature: 1.1, topP: 0.98, presencePenalty: 0.3 } },
];

function inRange(value: unknown, { min, max }: { min: number; max: number }, integer = false): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const clamped = Math.min(max, Math.max(min, value));
  return integer ? Math.round(clamped) : clamped;
}

/** Stop strings as the engine can use them: non-empty, at most MAX_STOP_LENGTH characters, no repeats. */
export function cleanStops(raw: unknown): string[] {
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || item.length === 0) continue;
    const s = item.slice(0, MAX_STOP_LENGTH);
    if (!out.includes(s)) out.push(s);
    if (out.length === MAX_STOP_STRINGS) break;
  }
  return out;
}

/** Whatever was stored, imported or typed becomes valid settings; anything unusable falls back to the model default. */
export function sanitizeGeneration(raw: unknown): GenerationSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // 0 is the usual way to say "no top-k" / "no min-p" (Hugging Face, llama.cpp): off, not clamped up.
  const topK = typeof r.topK === 'number' && Math.round(r.topK) >= 1 ? inRange(r.topK, LIMITS.topK, true) : null;
  const minP = typeof r.minP === 'number' && r.minP > 0 ? inRange(r.minP, LIMITS.minP) : null;
  const repetitionPenalty = inRange(r.repetitionPenalty, LIMITS.repetitionPenalty);
  const presencePenalty = inRange(r.presencePenalty, LIMITS.presencePenalty);
  const frequencyPenalty = inRange(r.frequencyPenalty, LIMITS.frequencyPenalty);
  const stop = cleanStops(r.stop);
  const seed = inRange(r.seed, LIMITS.seed, true);
  return {
    temperature: inRange(r.temperature, LIMITS.temperature),
    topP: inRange(r.topP, LIMITS.topP),
    maxTokens: inRange(r.maxTokens, LIMITS.maxTokens, true),
    ...(topK !== null ? { topK } : {}),
    ...(minP !== null ? { minP } : {}),
    ...(repetitionPenalty !== null ? { repetitionPenalty } : {}),
    ...(presencePenalty !== null ? { presencePenalty } : {}),
    ...(frequencyPenalty !== null ? { frequencyPenalty } : {}),
    ...(stop.length > 0 ? { stop } : {}),
    ...(seed !== null ? { seed } : {}),
  };
}

/** `settings` with `change` applied (null fields cleared), sanitized. */
export function changeGeneration(settings: GenerationSettings, change: GenerationChange): GenerationSettings {
  return sanitizeGeneration({ ...settings, ...change });
}

/** The change that chooses a preset: its sampling shape, every other shape field cleared. */
export function presetChange(id: PresetId): GenerationChange {
  const preset = PRESETS.find((p) => p.id === id);
  const change: Record<string, number | null> = {};
  for (const field of SHAPE_FIELDS) change[field] = preset?.settings[field] ?? null;
  return change;
}

/**
 * The preset these settings were made from: every field the preset sets has its value (fields it does not set
 * may have been added since: they are listed beside its name).
 */
export function matchingPreset(settings: GenerationSettings): Preset | null {
  return PRESETS.find((p) => Object.entries(p.settings).every(([field, value]) => settings[field as ShapeField] === value)) ?? null;
}

const number = (n: number) => String(Number(n.toFixed(4)));
const quoted = (s: string) => JSON.stringify(s);

/**
 * A part of the settings' one-line summary, as data the UI words: the preset they were made from, then what
 * differs from it or from the model's defaults. Values are strings as shown (rounded, stop strings quoted).
 */
export type GenerationPart =
  | { readonly kind: 'preset'; readonly id: PresetId }
  | { readonly kind: 'greedy' }
  | { readonly kind: 'temperature' | 'topP' | 'topK' | 'minP' | 'repetitionPenalty' | 'presencePenalty' | 'frequencyPenalty' | 'seed' | 'maxTokens'; readonly value: string }
  | { readonly kind: 'stopAt'; readonly text: string }
  | { readonly kind: 'stops'; readonly count: number };

/**
 * The parts of the one line for the settings (in English: "Balanced · top-k 40 · seed 7", "greedy · ≤ 3 tokens";
 * no parts: the model's defaults).
 */
export function describeGeneration(settings: GenerationSettings): GenerationPart[] {
  const preset = matchingPreset(settings);
  const set = (field: ShapeField) => settings[field] !== undefined && settings[field] !== null && !(preset && field in preset.settings);
  const parts: GenerationPart[] = [];
  if (preset) parts.push({ kind: 'preset', id: preset.id });
  if (set('temperature')) parts.push(settings.temperature === 0 ? { kind: 'greedy' } : { kind: 'temperature', value: number(settings.temperature!) });
  if (set('topP')) parts.push({ kind: 'topP', value: number(settings.topP!) });
  if (set('topK')) parts.push({ kind: 'topK', value: String(settings.topK) });
  if (set('minP')) parts.push({ kind: 'minP', value: number(settings.minP!) });
  if (set('repetitionPenalty')) parts.push({ kind: 'repetitionPenalty', value: number(settings.repetitionPenalty!) });
  if (set('presencePenalty')) parts.push({ kind: 'presencePenalty', value: number(settings.presencePenalty!) });
  if (set('frequencyPenalty')) parts.push({ kind: 'frequencyPenalty', value: number(settings.frequencyPenalty!) });
  if (settings.stop?.length) parts.push(settings.stop.length === 1 ? { kind: 'stopAt', text: quoted(settings.stop[0]!) } : { kind: 'stops', count: settings.stop.length });
  if (settings.seed !== undefined) parts.push({ kind: 'seed', value: String(settings.seed) });
  if (settings.maxTokens !== null) parts.push({ kind: 'maxTokens', value: String(settings.maxTokens) });
  return parts;
}

/** The request fields for these settings; fields left at the model default (or off) are omitted. */
export function toSampling(settings: GenerationSettings): SamplingParams {
  return {
    ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== null ? { top_p: settings.topP } : {}),
    ...(settings.maxTokens !== null ? { max_tokens: settings.maxTokens } : {}),
    ...(settings.topK !== undefined ? { top_k: settings.topK } : {}),
    ...(settings.minP !== undefined ? { min_p: settings.minP } : {}),
    ...(settings.repetitionPenalty !== undefined ? { repetition_penalty: settings.repetitionPenalty } : {}),
    ...(settings.presencePenalty !== undefined ? { presence_penalty: settings.presencePenalty } : {}),
    ...(settings.frequencyPenalty !== undefined ? { frequency_penalty: settings.frequencyPenalty } : {}),
    ...(settings.stop?.length ? { stop: [...settings.stop] } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
  };
}

/** Writes stop strings as one line each, with `\n`, `\t` and `\\` for what a line cannot hold. */
export function formatStops(stops: readonly string[] | undefined): string {
  return (stops ?? []).map((s) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t')).join('\n');
}

/** Reads what formatStops wrote (or the person typed): one stop string per line, escapes resolved. */
export function parseStops(text: string): string[] {
  return cleanStops(text.split('\n').map((line) => line.replace(/\r$/, '').replace(/\\(\\|n|t)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'))));
}
