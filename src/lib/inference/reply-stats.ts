/**
 * Figures shown under a reply, taken from WebLLM's `usage` (OpenAI shape + `extra`). Engines report null,
 * NaN or Infinity in edge cases (one decoded token has no decode rate): those become null and show as "—".
 * The figures come as data (number and unit); the UI words them in the person's language.
 */
export interface UsageLike {
  readonly prompt_tokens?: unknown;
  readonly completion_tokens?: unknown;
  readonly extra?: {
    readonly prefill_tokens_per_s?: unknown;
    readonly decode_tokens_per_s?: unknown;
    readonly time_to_first_token_s?: unknown;
    readonly e2e_latency_s?: unknown;
  } | null;
}

export interface ReplyStats {
  /** Prompt tokens the engine prefilled for this reply (only the new part when it reused its KV cache). */
  readonly promptTokens: number | null;
  /** Prompt tokens it did not prefill because its KV cache already held them (absent: not known). */
  readonly reusedTokens?: number | null;
  readonly completionTokens: number | null;
  readonly prefillTokensPerS: number | null;
  readonly decodeTokensPerS: number | null;
  readonly timeToFirstTokenS: number | null;
  readonly totalS: number | null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** What the app measured itself while relaying the stream, for engines whose usage lacks a figure. */
export interface MeasuredStream {
  /** Chunks that carried a token (WebLLM sends one per prefilled or decoded token). */
  readonly tokenChunks: number;
  readonly timeToFirstTokenS: number | null;
  readonly totalS: number | null;
}

/**
 * Usage figures, completed by what was measured: WebLLM 0.2.5x reports no time to first token, and up to at
 * least 0.2.79 it counts one token less than it streamed (the one sampled at the end of prefill).
 */
export function toReplyStats(usage: UsageLike | null | undefined, measured?: MeasuredStream): ReplyStats | null {
  if (!usage) return null;
  const completion = finite(usage.completion_tokens);
  return {
    promptTokens: finite(usage.prompt_tokens),
    completionTokens: measured && (completion === null || measured.tokenChunks > completion) ? measured.tokenChunks : completion,
    prefillTokensPerS: finite(usage.extra?.prefill_tokens_per_s),
    decodeTokensPerS: finite(usage.extra?.decode_tokens_per_s),
    timeToFirstTokenS: finite(usage.extra?.time_to_first_token_s) ?? measured?.timeToFirstTokenS ?? null,
    totalS: finite(usage.extra?.e2e_latency_s) ?? measured?.totalS ?? null,
  };
}

/** A figure of the stats line as shown: the number rounded for display, and its unit (the UI words it). */
export interface StatValue {
  readonly unit: 'tokensPerS' | 'ms' | 's' | 'tokens';
  readonly amount: string;
}

/** A rate in tokens per second, rounded for display; null (shown as "—") when unknown. */
export function rateValue(value: number | null): StatValue | null {
  if (value === null) return null;
  // Two significant digits below 1: a slow GPU's 0.046 tok/s must not read as 0.05.
  const amount = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toPrecision(2);
  return { unit: 'tokensPerS', amount };
}

/** A duration: milliseconds below a second, else seconds; null (shown as "—") when unknown. */
export function secondsValue(value: number | null): StatValue | null {
  if (value === null) return null;
  if (value < 1) return { unit: 'ms', amount: String(Math.round(value * 1000)) };
  return { unit: 's', amount: value < 10 ? value.toFixed(2) : value.toFixed(1) };
}

function tokensValue(value: number | null): StatValue | null {
  return value === null ? null : { unit: 'tokens', amount: String(value) };
}

export interface StatPart {
  /** Which figure (the UI's label for it). */
  readonly key: keyof ReplyStats;
  /** The figure as shown; null: unknown ("—"). */
  readonly value: StatValue | null;
  /** The unrounded figure, for tools that read the page (the bench). */
  readonly raw: number | null;
}

/** The stats line's parts, in display order. */
export function describeStats(stats: ReplyStats): StatPart[] {
  return [
    { key: 'decodeTokensPerS', value: rateValue(stats.decodeTokensPerS), raw: stats.decodeTokensPerS },
    { key: 'prefillTokensPerS', value: rateValue(stats.prefillTokensPerS), raw: stats.prefillTokensPerS },
    { key: 'timeToFirstTokenS', value: secondsValue(stats.timeToFirstTokenS), raw: stats.timeToFirstTokenS },
    { key: 'promptTokens', value: tokensValue(stats.promptTokens), raw: stats.promptTokens },
    // Prompt tokens the engine's KV cache already held: "prompt" is only what it prefilled.
    ...(stats.reusedTokens !== undefined ? [{ key: 'reusedTokens' as const, value: tokensValue(stats.reusedTokens), raw: stats.reusedTokens }] : []),
    { key: 'completionTokens', value: tokensValue(stats.completionTokens), raw: stats.completionTokens },
  ];
}
