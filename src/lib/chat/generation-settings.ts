/**
 * How replies are generated, as the person set it. `null` means "the model's own default" (from its
 * mlc-chat-config.json), which WebLLM applies when a request leaves the field out.
 */
import type { SamplingParams } from './chat-types';

export interface GenerationSettings {
  /** 0 is greedy: always the most likely token. */
  readonly temperature: number | null;
  readonly topP: number | null;
  /** Longest reply in tokens; null lets the model stop on its own (or at the context window). */
  readonly maxTokens: number | null;
}

export const DEFAULT_GENERATION: GenerationSettings = { temperature: null, topP: null, maxTokens: null };

export const LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  maxTokens: { min: 1, max: 32_768 },
} as const;

function inRange(value: unknown, { min, max }: { min: number; max: number }, integer = false): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const clamped = Math.min(max, Math.max(min, value));
  return integer ? Math.round(clamped) : clamped;
}

/** Whatever was stored (or typed) becomes valid settings; anything unusable falls back to the model default. */
export function sanitizeGeneration(raw: unknown): GenerationSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    temperature: inRange(r.temperature, LIMITS.temperature),
    topP: inRange(r.topP, LIMITS.topP),
    maxTokens: inRange(r.maxTokens, LIMITS.maxTokens, true),
  };
}

/** The request fields for these settings; fields left at the model default are omitted. */
export function toSampling(settings: GenerationSettings): SamplingParams {
  return {
    ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== null ? { top_p: settings.topP } : {}),
    ...(settings.maxTokens !== null ? { max_tokens: settings.maxTokens } : {}),
  };
}
