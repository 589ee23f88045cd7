/**
 * Figures shown under a reply, taken from WebLLM's `usage` (OpenAI shape + `extra`). Engines report null,
 * NaN or Infinity in edge cases (one decoded token has no decode rate): those become null and show as "—".
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
  readonly promptTokens: number | null;
  readonly completionTokens: number | null;
  readonly prefillTokensPerS: number | null;
  readonly decodeTokensPerS: number | null;
  readonly timeToFirstTokenS: number | null;
  readonly totalS: number | null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export function toReplyStats(usage: UsageLike | null | undefined): ReplyStats | null {
  if (!usage) return null;
  return {
    promptTokens: finite(usage.prompt_tokens),
    completionTokens: finite(usage.completion_tokens),
    prefillTokensPerS: finite(usage.extra?.prefill_tokens_per_s),
    decodeTokensPerS: finite(usage.extra?.decode_tokens_per_s),
    timeToFirstTokenS: finite(usage.extra?.time_to_first_token_s),
    totalS: finite(usage.extra?.e2e_latency_s),
  };
}

const DASH = '—';

export function formatRate(value: number | null): string {
  if (value === null) return DASH;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} tok/s`;
}

export function formatSeconds(value: number | null): string {
  if (value === null) return DASH;
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} s`;
}

/** The stats line's parts, in display order. */
export function describeStats(stats: ReplyStats): Array<{ label: string; value: string }> {
  return [
    { label: 'decode', value: formatRate(stats.decodeTokensPerS) },
    { label: 'prefill', value: formatRate(stats.prefillTokensPerS) },
    { label: 'first token', value: formatSeconds(stats.timeToFirstTokenS) },
    { label: 'tokens', value: stats.completionTokens === null ? DASH : String(stats.completionTokens) },
  ];
}
