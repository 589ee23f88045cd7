/**
 * `npm run bench -- --only=logits`: what the top-k / min-p logit processor (lib/inference/logit-processor.ts,
 * run by WebLLM in the engine worker on every token of a request that asks for them) costs per token on the
 * CPU, for the vocabulary sizes of the usual models. Node's V8 is the engine Chromium's worker runs it on.
 * Not measured here: WebLLM's GPU→CPU copy of the logits and the device sync it adds for any processor; the
 * "copies" row is the CPU side of that (a vocab-sized toArray and two copyFrom).
 */
import { applyLogitFilters, type LogitFilters } from '../../src/lib/inference/logit-processor';
import { applyMinP, applyTopK, seededRandom } from '../../src/lib/inference/logit-filters';

const VOCABS: ReadonlyArray<readonly [string, number]> = [
  ['32k (Llama 2, Mistral)', 32_000],
  ['128k (Llama 3)', 128_256],
  ['152k (Qwen2)', 151_936],
];
const CASES: ReadonlyArray<readonly [string, LogitFilters]> = [
  ['top-k 40', { topK: 40, minP: null }],
  ['min-p 0.05', { topK: null, minP: 0.05 }],
  ['top-k 40 + min-p 0.05', { topK: 40, minP: 0.05 }],
  ['top-k 1000', { topK: 1000, minP: null }],
];
const WARMUP = 30;
const RUNS = 200;

/** Logits shaped like a model's: a broad normal body and a few strong candidates. */
function fakeLogits(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.max(random(), 1e-12);
    out[i] = 3 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()); // Box-Muller, σ = 3
  }
  for (let j = 0; j < 20; j++) out[Math.floor(random() * n)] = 12 + 3 * random();
  return out;
}

function timeMs(run: (work: Float32Array) => void, base: Float32Array): { p50: number; p99: number } {
  const work = new Float32Array(base.length);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    work.set(base);
    const start = performance.now();
    run(work);
    const ms = performance.now() - start;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)] as number, p99: times[Math.floor(times.length * 0.99)] as number };
}

export function logitRows(): string[][] {
  const fmt = (ms: number) => ms.toFixed(3);
  const rows: string[][] = [];
  for (const [name, n] of VOCABS) {
    const base = fakeLogits(n, n);
    for (const [label, filters] of CASES) {
      const { p50, p99 } = timeMs((work) => void applyLogitFilters(work, filters), base);
      rows.push([name, label, `${fmt(p50)} / ${fmt(p99)}`]);
    }
    // The reference filters the processor is tested against (a copy of the vocabulary and a quickselect for top-k).
    const reference = timeMs((work) => {
      applyTopK(work, 40);
      applyMinP(work, 0.05, 1);
    }, base);
    rows.push([name, 'top-k 40 + min-p 0.05, reference filters', `${fmt(reference.p50)} / ${fmt(reference.p99)}`]);
    // WebLLM around a processor, CPU side: logitsOnCPU.toArray() (a copy) and two copyFrom (modelled as copies).
    const copies = timeMs((work) => {
      const a = Float32Array.from(work);
      work.set(a);
      a.set(work);
    }, base);
    rows.push([name, 'copies only (WebLLM, CPU side)', `${fmt(copies.p50)} / ${fmt(copies.p99)}`]);
  }
  return rows;
}
