import { describe, expect, it } from 'vitest';
import { applyMinP, applyTopK, seededRandom } from './logit-filters';
import { applyLogitFilters, LogitFilterProcessor, logitFiltersOf } from './logit-processor';

const logits = () => Float32Array.from([2, 0.5, 3, -1, 1, 3, 0]);
const kept = (l: Float32Array) => [...l].map((v, i) => (v === -Infinity ? null : i)).filter((i) => i !== null);

describe('the top-k / min-p logit processor', () => {
  it('asks for no processor unless a filter would change something', () => {
    expect(logitFiltersOf(undefined)).toBeNull();
    expect(logitFiltersOf({})).toBeNull();
    expect(logitFiltersOf({ top_k: 0, min_p: 0 })).toBeNull();
    expect(logitFiltersOf({ top_k: Number.NaN, min_p: 1 })).toBeNull();
    expect(logitFiltersOf({ top_k: 40 })).toEqual({ topK: 40, minP: null });
    expect(logitFiltersOf({ min_p: 0.05 })).toEqual({ topK: null, minP: 0.05 });
    expect(logitFiltersOf({ top_k: 2.9, min_p: 0.1 })).toEqual({ topK: 2, minP: 0.1 });
  });

  it('top-k on fixed logits: the k highest stay as they were, the rest become impossible', () => {
    const p = new LogitFilterProcessor();
    p.use({ topK: 3, minP: null });
    const input = logits();
    const out = p.processLogits(input);
    expect(out).toBe(input); // in place: WebLLM hands over its own copy and copies the result back
    expect([...out]).toEqual([2, -Infinity, 3, -Infinity, -Infinity, 3, -Infinity]);
  });

  it('min-p on fixed logits, at temperature 1 (before WebLLM applies the temperature)', () => {
    const p = new LogitFilterProcessor();
    p.use({ topK: null, minP: 0.3 }); // keep l >= 3 + ln 0.3 = 1.796
    expect(kept(p.processLogits(logits()))).toEqual([0, 2, 5]);
    p.use({ topK: null, minP: 0.1 }); // keep l >= 3 + ln 0.1 = 0.697
    expect(kept(p.processLogits(logits()))).toEqual([0, 2, 4, 5]);
  });

  it('both: what both keep (the top token always survives)', () => {
    expect(kept(applyLogitFilters(logits(), { topK: 4, minP: 0.3 }))).toEqual([0, 2, 5]);
    expect(kept(applyLogitFilters(logits(), { topK: 1, minP: 0.01 }))).toEqual([2, 5]);
  });

  it('leaves the logits untouched when off, and after use(null)', () => {
    const p = new LogitFilterProcessor();
    expect([...p.processLogits(logits())]).toEqual([...logits()]);
    p.use({ topK: 1, minP: null });
    p.use(null);
    expect([...p.processLogits(logits())]).toEqual([...logits()]);
    // top-k at or beyond the vocabulary keeps everything.
    expect([...applyLogitFilters(logits(), { topK: 7, minP: null })]).toEqual([...logits()]);
  });

  it('has no state between tokens: WebLLM may call resetState and processSampledToken freely', () => {
    const p = new LogitFilterProcessor();
    p.use({ topK: 2, minP: null });
    const first = [...p.processLogits(logits())];
    p.processSampledToken(2);
    p.resetState();
    expect([...p.processLogits(logits())]).toEqual(first);
  });

  it('gives exactly what the reference filters give (applyTopK, then applyMinP at temperature 1), ties included', () => {
    const random = seededRandom(16);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 400);
      // Coarse values in some rounds, so ties at the k-th value and at the min-p bar are common.
      const coarse = round % 3 === 0;
      const base = Float32Array.from({ length: n }, () => (coarse ? Math.round(random() * 8) : (random() - 0.5) * 30));
      const topK = random() < 0.25 ? null : 1 + Math.floor(random() * (n + 5));
      const minP = random() < 0.25 ? null : [0.001, 0.05, 0.3, 0.9, random()][round % 5]!;
      if (topK === null && minP === null) continue;
      const expected = Float32Array.from(base);
      if (topK !== null) applyTopK(expected, topK);
      if (minP !== null) applyMinP(expected, minP, 1);
      const actual = applyLogitFilters(Float32Array.from(base), { topK, minP });
      expect([...actual], `n ${n}, top-k ${topK}, min-p ${minP}`).toEqual([...expected]);
    }
  });
});
