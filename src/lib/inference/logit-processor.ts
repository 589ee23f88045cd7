/**
 * Top-k and min-p as a WebLLM `LogitProcessor` (its interface's shape, nothing imported from web-llm, so this
 * stays pure and is tested in Node). The engine worker hands it to WebLLM only for requests that ask for one of
 * them: WebLLM runs a processor on the CPU, after copying every token's logits from the GPU and waiting for it.
 *
 * It only masks (to -Infinity) what the filters rule out; WebLLM then does the rest as for any request: logit
 * bias, penalties, temperature, top-p and the (seeded) draw. Since the processor runs before the temperature,
 * min-p is measured on the probabilities at temperature 1 (llama.cpp's default order): a high temperature then
 * spreads the reply over the tokens min-p kept, never over the ones it dropped.
 */
import { applyMinP, applyTopK } from './logit-filters';

/** The request fields the processor reads (SamplingParams' names). */
export interface LogitFilterFields {
  readonly top_k?: number;
  readonly min_p?: number;
}

export interface LogitFilters {
  /** Keep the k highest logits (ties at the k-th kept). */
  readonly topK: number | null;
  /** Keep tokens at least this share as likely as the top one (at temperature 1). */
  readonly minP: number | null;
}

/** WebLLM's LogitProcessor interface (lib/types.d.ts), as far as this module needs it. */
export interface LogitProcessorLike {
  processLogits(logits: Float32Array): Float32Array;
  processSampledToken(token: number): void;
  resetState(): void;
}

/** The filters a request asks for, or null when it asks for none that changes anything (then no processor). */
export function logitFiltersOf(fields: LogitFilterFields | undefined): LogitFilters | null {
  const k = fields?.top_k;
  const p = fields?.min_p;
  const topK = typeof k === 'number' && Number.isFinite(k) && Math.floor(k) >= 1 ? Math.floor(k) : null;
  const minP = typeof p === 'number' && p > 0 && p < 1 ? p : null;
  return topK === null && minP === null ? null : { topK, minP };
}

/** Applies `filters` to one step's logits, in place. */
export function applyLogitFilters(logits: Float32Array, filters: LogitFilters): Float32Array {
  if (filters.topK !== null) applyTopK(logits, filters.topK);
  if (filters.minP !== null) applyMinP(logits, filters.minP, 1);
  return logits;
}

/**
 * One processor for the worker's whole life; `use` sets the filters of the request about to run. Stateless
 * between tokens (top-k and min-p look at one step's logits only), so resetState and processSampledToken,
 * which WebLLM also calls, have nothing to do.
 */
export class LogitFilterProcessor implements LogitProcessorLike {
  #filters: LogitFilters | null = null;

  use(filters: LogitFilters | null): void {
    this.#filters = filters;
  }

  processLogits(logits: Float32Array): Float32Array {
    return this.#filters ? applyLogitFilters(logits, this.#filters) : logits;
  }

  processSampledToken(): void {}

  resetState(): void {}
}
