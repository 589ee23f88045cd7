/**
 * MLC's q4f32_1 group quantization, as the engine reads it and as MLC's quantizer writes it:
 *   - a group is 32 consecutive input columns of one output row, with one float32 scale;
 *   - 8 nibbles per uint32, element 8k+r in bits 4r..4r+3 (low nibble first), so a group is 4 words;
 *   - w = float32((q - 7) * scale), q in 0..14 (15 is never written);
 *   - requantization: scale = float32(max|w| / 7), q = clamp(round_half_even(w / scale + 7), 0, 14).
 */

export const GROUP_SIZE = 32;
export const NIBBLES_PER_WORD = 8;
export const WORDS_PER_GROUP = GROUP_SIZE / NIBBLES_PER_WORD;
/** q = 7 is w = 0. */
export const ZERO_POINT = 7;
export const MAX_NIBBLE = 2 * ZERO_POINT;

/** One (q_weight, q_scale) pair: `rows` output rows of `inFeatures` inputs, `cols` words and `groups` scales a row. */
export interface QuantizedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly inFeatures: number;
  readonly groups: number;
  readonly words: Uint32Array;
  readonly scales: Float64Array;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** x rounded to the nearest bfloat16 (ties to even), as a number. */
export function bf16(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  u32[0] = ((b + 0x7fff + ((b >>> 16) & 1)) & 0xffff0000) >>> 0;
  return f32[0]!;
}

/** Nibble of element j of a row whose words start at `wordBase`. */
export function nibbleAt(words: Uint32Array, wordBase: number, j: number): number {
  return (words[wordBase + (j >>> 3)]! >>> ((j & 7) << 2)) & 15;
}

// The 16 values of one group, refilled per group: a table lookup per nibble is the fastest dequantization in V8.
const table = new Float64Array(16);

/** out[j] = float32((q_j - 7) * scale) for one row, exactly as the engine dequantizes it. */
export function dequantizeRow(m: QuantizedMatrix, row: number, out: Float64Array): void {
  const { words, cols, scales, groups } = m;
  const fround = Math.fround;
  let j = 0;
  for (let g = 0, wb = row * cols, sb = row * groups; g < groups; g++) {
    const s = scales[sb + g]!;
    for (let q = 0; q < 16; q++) table[q] = fround((q - ZERO_POINT) * s);
    for (let k = 0; k < WORDS_PER_GROUP; k++) {
      const x = words[wb + g * WORDS_PER_GROUP + k]!;
      out[j] = table[x & 15]!;
      out[j + 1] = table[(x >>> 4) & 15]!;
      out[j + 2] = table[(x >>> 8) & 15]!;
      out[j + 3] = table[(x >>> 12) & 15]!;
      out[j + 4] = table[(x >>> 16) & 15]!;
      out[j + 5] = table[(x >>> 20) & 15]!;
      out[j + 6] = table[(x >>> 24) & 15]!;
      out[j + 7] = table[x >>> 28]!;
      j += 8;
    }
  }
}

/** Rounds half to even (Math.round rounds half up). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r & 1 ? r - 1 : r;
}

/**
 * MLC's group scale: max|w| / 7, rounded to float32. A merge that multiplies by float32(1/7) instead gets a scale
 * 1 ulp larger in most groups (70.7 % of the synthetic model's): same nibbles, different bytes.
 */
export function mlcScale(maxAbs: number): number {
  return Math.fround(maxAbs / ZERO_POINT);
}

/**
 * Requantizes values[from, from + 32) with MLC's rule into words[wordIndex, wordIndex + 4) (overwritten) and
 * returns the scale. The division and rounding are done in float64; on the synthetic weights that gives the same
 * nibbles as MLC's step-by-step float32 quantizer (checked over all groups of seed 1, per the fixture's notes).
 */
export function quantizeGroup(values: ArrayLike<number>, from: number, words: Uint32Array, wordIndex: number): number {
  let maxAbs = 0;
  for (let j = from; j < from + GROUP_SIZE; j++) maxAbs = Math.max(maxAbs, Math.abs(values[j]!));
  const scale = mlcScale(maxAbs);
  for (let k = 0; k < WORDS_PER_GROUP; k++) words[wordIndex + k] = 0;
  for (let j = 0; j < GROUP_SIZE; j++) {
    const q = scale === 0 ? ZERO_POINT : Math.min(MAX_NIBBLE, Math.max(0, roundHalfEven(values[from + j]! / scale + ZERO_POINT)));
    words[wordIndex + (j >>> 3)] = (words[wordIndex + (j >>> 3)]! | (q << ((j & 7) << 2))) >>> 0;
  }
  return scale;
}
