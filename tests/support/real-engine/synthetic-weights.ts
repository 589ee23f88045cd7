/**
 * Synthetic weights for a model library's parameter list: valid MLC q4f32_1 output, drawn from a seed exactly as the
 * fixture's make-model.mjs draws them (same stream, same order), so that the bytes are identical.
 *   - Nibbles are uniform in 0..14 (mean 7: unbiased weights), and one random element of every group is forced to
 *     0 or 14, so max|w| = 7 * scale: dequantize -> requantize with MLC's rule gives back the same bytes.
 *   - Every scale, norm weight and bias is bfloat16-representable, so 7 * scale is exact in float32.
 *   - Scales follow a fan-in initialisation, weight std = gain / sqrt(in_features), with a per-group factor 2^u,
 *     u uniform in [-1/4, 1/4]. Layer 0's down_proj has a larger gain: every position then carries a strong
 *     component of its own token, and greedy replies differ between prompts instead of repeating one token.
 */
import type { LibraryMetadata, ParamSpec } from './model-library';
import { bf16, GROUP_SIZE, MAX_NIBBLE, NIBBLES_PER_WORD, WORDS_PER_GROUP } from './q4-groups';
import { UINT32_UNIT, xorshift32 } from './seeded-random';

export type WeightArray = Uint32Array | Float32Array;
type Draw = () => number;

const NIBBLE_STD = Math.sqrt(224 / 12); // std of a uniform integer on -7..7
const EMBED_STD = 0.1; // embedding entries (also the tied output head): logits with std ~3
const GAIN = { q: 1.5, k: 1.5, v: 1, o: 1, gate: 1, up: 1, down: 1, other: 1 };
const DOWN0_GAIN = 4;
const JITTER = 0.25;
// Module-local copies for the hot loops: Vitest's module runner turns imported bindings into property reads.
const UNIT = UINT32_UNIT;
const EXTREME = MAX_NIBBLE;
const GROUP_WORDS = WORDS_PER_GROUP;

/** Row blocks of one quantized tensor, [rows, base scale] in row order: fused q|k|v and gate|up have one each. */
function rowBlocks(name: string, rows: number, inF: number, qDim: number, kvDim: number): Array<[number, number]> {
  const sc = (gain: number) => gain / (Math.sqrt(inF) * NIBBLE_STD);
  const layer = Number((name.match(/layers\.(\d+)\./) ?? [])[1]);
  if (/embed_tokens|lm_head/.test(name)) return [[rows, EMBED_STD / NIBBLE_STD]];
  if (/self_attn\.(c_attn|qkv_proj)/.test(name) && qDim && rows === qDim + 2 * kvDim) {
    return [[qDim, sc(GAIN.q)], [kvDim, sc(GAIN.k)], [kvDim, sc(GAIN.v)]];
  }
  if (/gate_up_proj/.test(name) && rows % 2 === 0) return [[rows / 2, sc(GAIN.gate)], [rows / 2, sc(GAIN.up)]];
  if (/o_proj/.test(name)) return [[rows, sc(GAIN.o)]];
  if (/down_proj/.test(name)) return [[rows, sc(layer === 0 ? DOWN0_GAIN : GAIN.down)]];
  return [[rows, sc(GAIN.other)]];
}

/** Rows r0..r1 of a (words [rows, cols], scales [rows, groups]) pair; `table` holds 256 bf16 scales to pick from. */
function fillRows(next: Draw, words: Uint32Array, scales: Float32Array, cols: number, groups: number, r0: number, r1: number, table: Float64Array): void {
  for (let r = r0; r < r1; r++) {
    for (let k = r * cols, kEnd = k + cols; k < kEnd; k++) {
      // 8 nibbles uniform in 0..14: two draws, each read as four base-15 digits.
      let x = next() * UNIT;
      let d: number;
      let w: number;
      x *= 15; d = x | 0; x -= d; w = d;
      x *= 15; d = x | 0; x -= d; w |= d << 4;
      x *= 15; d = x | 0; x -= d; w |= d << 8;
      x *= 15; d = x | 0; w |= d << 12;
      x = next() * UNIT;
      x *= 15; d = x | 0; x -= d; w |= d << 16;
      x *= 15; d = x | 0; x -= d; w |= d << 20;
      x *= 15; d = x | 0; x -= d; w |= d << 24;
      x *= 15; d = x | 0; w |= d << 28;
      words[k] = w;
    }
    for (let g = 0; g < groups; g++) {
      // One draw per group: which element becomes an extreme (5 bits), which extreme (1 bit), the scale (8 bits).
      const z = next();
      const p = z & 31;
      const q = (z >>> 5) & 1 ? EXTREME : 0;
      const wi = r * cols + g * GROUP_WORDS + (p >>> 3);
      const sh = (p & 7) << 2;
      words[wi] = (words[wi]! & ~(15 << sh)) | (q << sh);
      scales[r * groups + g] = table[z >>> 24]!;
    }
  }
}

function fillQuantized(next: Draw, name: string, words: Uint32Array, scales: Float32Array, rows: number, cols: number, groups: number, meta: LibraryMetadata): void {
  const inF = cols * NIBBLES_PER_WORD;
  if (groups * GROUP_SIZE !== inF) throw new Error(`${name}: ${inF} columns is not ${groups} groups of ${GROUP_SIZE}`);
  const kv = meta.kvCache;
  const qDim = kv ? kv.numAttentionHeads * kv.headDim : 0;
  const kvDim = kv ? kv.numKeyValueHeads * kv.headDim : 0;
  let row = 0;
  for (const [n, base] of rowBlocks(name, rows, inF, qDim, kvDim)) {
    const table = new Float64Array(256); // per-group scale = bf16(base * 2^u), u on a 256-step grid
    for (let i = 0; i < 256; i++) table[i] = bf16(base * 2 ** (JITTER * ((i + 0.5) / 128 - 1)));
    fillRows(next, words, scales, cols, groups, row, row + n, table);
    row += n;
  }
  if (row !== rows) throw new Error(`${name}: row blocks cover ${row} of ${rows} rows`);
}

/** A float32 tensor: norm weights 1 ± 0.1, biases with std 0.02; q_scale records are left to their q_weight. */
function floatTensor(next: Draw, p: ParamSpec): Float32Array {
  if (p.dtype !== 'float32') throw new Error(`unsupported dtype ${p.dtype} for ${p.name}`);
  const a = new Float32Array(p.shape.reduce((x, y) => x * y, 1));
  if (/q_scale$/.test(p.name)) return a;
  if (/norm/i.test(p.name)) for (let i = 0; i < a.length; i++) a[i] = bf16(1 + 0.1 * (2 * next() * UNIT - 1));
  else for (let i = 0; i < a.length; i++) a[i] = bf16(0.02 * Math.sqrt(3) * (2 * next() * UNIT - 1));
  return a;
}

const dim = (p: ParamSpec, i: number): number => {
  const d = p.shape[i];
  if (d === undefined) throw new Error(`${p.name} has no dimension ${i}`);
  return d;
};

/** Every tensor of the library's parameter list, by name, drawn in parameter order. */
export function syntheticWeights(meta: LibraryMetadata, seed: number): Map<string, WeightArray> {
  const next = xorshift32(seed);
  const byName = new Map(meta.params.map((p) => [p.name, p]));
  const data = new Map<string, WeightArray>();
  for (const p of meta.params) {
    if (p.dtype === 'uint32') {
      if (!p.name.endsWith('.q_weight')) throw new Error(`unexpected uint32 tensor ${p.name}`);
      const s = byName.get(p.name.replace(/q_weight$/, 'q_scale'));
      if (!s) throw new Error(`no q_scale for ${p.name}`);
      const rows = dim(p, 0);
      const cols = dim(p, 1);
      const groups = dim(s, 1);
      if (dim(s, 0) !== rows) throw new Error(`q_scale rows of ${p.name}`);
      const words = new Uint32Array(rows * cols);
      const scales = new Float32Array(rows * groups);
      fillQuantized(next, p.name.replace(/\.q_weight$/, ''), words, scales, rows, cols, groups, meta);
      data.set(p.name, words);
      data.set(s.name, scales);
    } else if (!data.has(p.name)) {
      data.set(p.name, floatTensor(next, p));
    }
  }
  return data;
}
