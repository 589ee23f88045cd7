/**
 * The synthetic weights' random stream: xorshift32, seeded through murmur3's 32-bit finalizer (a raw small seed
 * would start the stream with low-entropy words). Kept bit-for-bit as the fixture's make-model.mjs draws it.
 */

/** 2^-32: turns a uint32 draw into [0, 1). */
export const UINT32_UNIT = 2 ** -32;

/** murmur3's fmix32. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A xorshift32 stream of uint32 draws for `seed`. */
export function xorshift32(seed: number): () => number {
  let s = fmix32((seed >>> 0) ^ 0x9e3779b9) || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}
