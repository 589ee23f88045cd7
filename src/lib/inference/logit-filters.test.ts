import { describe, expect, it } from 'vitest';
import { applyMinP, applyPenalties, applyTopK, probabilities, sample, seededRandom } from './logit-filters';

const logits = () => Float32Array.from([2, 0.5, 3, -1, 1, 3, 0]);
const kept = (l: Float32Array) => [...l].map((v, i) => (v === -Infinity ? null : i)).filter((i) => i !== null);

describe('decoding controls on fixed logits', () => {
  it('top-k keeps the k highest (ties at the k-th kept) and leaves the rest impossible', () => {
    const l = logits();
    applyTopK(l, 3);
    expect(kept(l)).toEqual([0, 2, 5]);
    const p = probabilities(l);
    expect(p[1]).toBe(0);
    // The kept ones keep their relative odds: softmax over {2, 3, 3}.
    const z = Math.exp(2) + 2 * Math.exp(3);
    expect(p[0]).toBeCloseTo(Math.exp(2) / z, 12);
    expect(p[2]).toBeCloseTo(Math.exp(3) / z, 12);
    const ties = logits();
    applyTopK(ties, 1);
    expect(kept(ties)).toEqual([2, 5]);
    const untouched = logits();
    applyTopK(untouched, 0);
    expect(kept(untouched)).toHaveLength(7);
  });

  it('min-p keeps tokens at least min_p times as likely as the top one, at the temperature used', () => {
    const l = logits();
    applyMinP(l, 0.3); // keep p_i >= 0.3 p_max: l_i >= 3 + ln 0.3 = 1.796
    expect(kept(l)).toEqual([0, 2, 5]);
    const hot = logits();
    applyMinP(hot, 0.3, 2); // at T = 2 the bar is 3 + 2 ln 0.3 = 0.592
    expect(kept(hot)).toEqual([0, 2, 4, 5]);
    const p = probabilities(logits(), 2);
    const max = Math.max(...p);
    [...p].forEach((pi, i) => expect(pi >= 0.3 * max).toBe(kept(hot).includes(i)));
  });

  it('penalties: repetition divides positive and multiplies negative logits; presence and frequency subtract', () => {
    const l = logits();
    applyPenalties(l, new Map([[0, 1], [3, 2]]), { repetition: 2 });
    expect(l[0]).toBe(1);
    expect(l[3]).toBe(-2);
    expect(l[2]).toBe(3);
    const f = logits();
    applyPenalties(f, new Map([[2, 3]]), { presence: 0.5, frequency: 0.25 });
    expect(f[2]).toBeCloseTo(3 - 0.5 - 0.75, 6);
    expect(f[5]).toBe(3);
  });

  it('sampling follows the distribution, and a seed gives the same tokens twice', () => {
    const p = probabilities(logits());
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20_000 }, () => sample(p, random));
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    const freq = new Array<number>(p.length).fill(0);
    for (const t of a) freq[t]! += 1;
    freq.forEach((n, i) => expect(Math.abs(n / a.length - (p[i] as number))).toBeLessThan(0.015));
    // Masked tokens are never drawn.
    const l = logits();
    applyTopK(l, 2);
    const random = seededRandom(1);
    const masked = probabilities(l);
    for (let i = 0; i < 2000; i++) expect([2, 5]).toContain(sample(masked, random));
  });
});
