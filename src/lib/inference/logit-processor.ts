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

/**
 * Applies `filters` to one step's logits, in place: the same result as applyTopK then applyMinP (at
 * temperature 1) of lib/inference/logit-filters, which the tests hold it to, in two passes and without copying
 * the vocabulary: one finds the top logit and the k-th highest (a k-sized min-heap, which most logits leave
 * after one comparison), the other masks everything below both bars.
 */
export function applyLogitFilters(logits: Float32Array, filters: LogitFilters): Float32Array {
  const n = logits.length;
  const k = filters.topK !== null && filters.topK >= 1 && filters.topK < n ? Math.floor(filters.topK) : 0;
  const heap = k > 0 ? new Float32Array(k) : null;
  let size = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = logits[i] as number;
    if (v > max) max = v;
    if (!heap) continue;
    if (size < k) {
      // Fill: sift up.
      let c = size++;
      heap[c] = v;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if ((heap[p] as number) <= (heap[c] as number)) break;
        const t = heap[p] as number;
        heap[p] = heap[c] as number;
        heap[c] = t;
        c = p;
      }
    } else if (v > (heap[0] as number)) {
      // Replace the smallest of the k highest so far: sift down.
      heap[0] = v;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= k) break;
        const r = l + 1;
        const c = r < k && (heap[r] as number) < (heap[l] as number) ? r : l;
        if ((heap[c] as number) >= (heap[p] as number)) break;
        const t = heap[p] as number;
        heap[p] = heap[c] as number;
        heap[c] = t;
        p = c;
      }
    }
  }
  let bar = heap ? (heap[0] as number) : -Infinity;
  // p_i / p_max >= min_p at temperature 1  <=>  l_i >= max + ln(min_p) (as applyMinP).
  if (filters.minP !== null && filters.minP > 0 && filters.minP < 1 && n > 0) bar = Math.max(bar, max + Math.log(filters.minP));
  if (bar === -Infinity) return logits;
  for (let i = 0; i < n; i++) if ((logits[i] as number) < bar) logits[i] = -Infinity;
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

  processSampledToken(_token: number): void {}

  resetState(): void {}
}
