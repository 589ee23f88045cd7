/**
 * Decoding controls WebLLM's request has no field for, applied to one step's logits inside the worker (a
 * logit processor) before WebLLM samples: top-k and min-p. Also the penalties and a seeded sampler in the
 * form the app's own generation loop will use. Pure and allocation-light: each runs in O(vocab) per token.
 *
 * Conventions follow Hugging Face and llama.cpp:
 * - top-k keeps the k highest logits (ties at the k-th value are kept too, so the result never depends on order);
 * - min-p keeps tokens whose probability is at least min_p × the top token's probability, i.e. whose logit is
 *   at least max + T·ln(min_p) at temperature T (probabilities are softmax(logits / T));
 * - repetition penalty (CTRL): a seen token's logit is divided by it when positive, multiplied when negative;
 * - presence / frequency penalties (OpenAI): subtract presence once, frequency × count, for each seen token.
 */

/** Masks (to -Infinity) every logit below the k-th highest. k ≤ 0 or ≥ vocab: unchanged. */
export function applyTopK(logits: Float32Array, k: number): void {
  if (!(k > 0) || k >= logits.length) return;
  const threshold = kthLargest(logits, Math.floor(k));
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < threshold) logits[i] = -Infinity;
}

/** Masks every token whose probability at `temperature` is below `minP` × the top probability. */
export function applyMinP(logits: Float32Array, minP: number, temperature = 1): void {
  if (!(minP > 0) || minP >= 1 || logits.length === 0) return;
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  // p_i / p_max = exp((l_i - l_max) / T) >= minP  <=>  l_i >= l_max + T·ln(minP).
  const threshold = max + Math.max(temperature, 1e-6) * Math.log(minP);
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < threshold) logits[i] = -Infinity;
}

export interface Penalties {
  readonly repetition?: number;
  readonly presence?: number;
  readonly frequency?: number;
}

/** Applies the penalties for the tokens generated so far (`counts`: token id -> times seen). */
export function applyPenalties(logits: Float32Array, counts: ReadonlyMap<number, number>, { repetition = 1, presence = 0, frequency = 0 }: Penalties): void {
  for (const [id, count] of counts) {
    if (id < 0 || id >= logits.length || count <= 0) continue;
    let v = logits[id] as number;
    if (repetition !== 1) v = v > 0 ? v / repetition : v * repetition;
    v -= presence + frequency * count;
    logits[id] = v;
  }
}

/** softmax(logits / T) as float64 probabilities; masked logits get 0. */
export function probabilities(logits: Float32Array, temperature = 1): Float64Array {
  const t = Math.max(temperature, 1e-6);
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(((logits[i] as number) - max) / t);
    p[i] = e;
    sum += e;
  }
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / sum;
  return p;
}

/** A seeded uniform source in [0, 1): the same seed gives the same sequence (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a token from `probs` with `random()`; greedy (argmax) when temperature is 0 is the caller's choice. */
export function sample(probs: Float64Array, random: () => number): number {
  const r = random();
  let acc = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    if (p <= 0) continue;
    acc += p;
    last = i;
    if (r < acc) return i;
  }
  return last; // rounding left r just above the sum
}

/** The k-th largest value (1-based) by quickselect on a copy. */
function kthLargest(values: Float32Array, k: number): number {
  const a = Float32Array.from(values);
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) > pivot) i++;
      while ((a[j] as number) < pivot) j--;
      if (i <= j) {
        const tmp = a[i] as number;
        a[i] = a[j] as number;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target] as number;
}
