/**
 * A model's weights on disk (an MLC `resolve/main` folder), read record by record with one positioned read each:
 * a forward pass never holds whole shards. A variant may name its base's shards by absolute URL; `baseUrl` and
 * `baseDir` map those to a local copy, and `overrides` replaces records in memory (an unwritten merge).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { GROUP_SIZE, NIBBLES_PER_WORD, type QuantizedMatrix } from './q4-groups';
import { readTensorCache, type TensorCache, type TensorRecord, type TensorShard } from './tensor-cache';

export interface LoadOptions {
  /** Prefix of the absolute dataPaths a variant's manifest uses for its base's shards… */
  readonly baseUrl?: string;
  /** …and the local folder that prefix stands for. */
  readonly baseDir?: string;
  /** Record name -> bytes used instead of the stored record. */
  readonly overrides?: ReadonlyMap<string, Uint8Array>;
}

export interface ModelWeights {
  readonly dir: string;
  readonly manifest: TensorCache;
  has(name: string): boolean;
  record(name: string): TensorRecord;
  /** The record's bytes (or its override). */
  read(name: string): Uint8Array;
  /** A float record (norm weight, bias, scales) decoded to float64. */
  floats(name: string): Float64Array;
  /** The (`<prefix>.q_weight`, `<prefix>.q_scale`) pair. */
  quantized(prefix: string): QuantizedMatrix;
  close(): void;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function decodeF16(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

// Typed-array views need 4-byte alignment; an override may come at any offset.
const aligned = (b: Uint8Array): Uint8Array => (b.byteOffset % 4 ? b.slice() : b);

/** A float record's values, honouring MLC's stored formats: raw float32, float32 stored as bf16, float16. */
export function decodeFloats(rec: TensorRecord, bytes: Uint8Array): Float64Array {
  const n = rec.shape.reduce((a, c) => a * c, 1);
  const out = new Float64Array(n);
  const b = aligned(bytes);
  if (rec.dtype === 'float32' && rec.format === 'f32-to-bf16') {
    const u = new Uint16Array(b.buffer, b.byteOffset, n);
    for (let i = 0; i < n; i++) {
      u32[0] = u[i]! << 16;
      out[i] = f32[0]!;
    }
  } else if (rec.dtype === 'float32' && rec.format === 'raw') {
    out.set(new Float32Array(b.buffer, b.byteOffset, n));
  } else if (rec.dtype === 'float16') {
    const u = new Uint16Array(b.buffer, b.byteOffset, n);
    for (let i = 0; i < n; i++) out[i] = decodeF16(u[i]!);
  } else {
    throw new Error(`unsupported float record ${rec.name}: ${rec.dtype}/${rec.format}`);
  }
  return out;
}

/** Opens a model's `resolve/main` folder. */
export function loadModel(dir: string, options: LoadOptions = {}): ModelWeights {
  const { baseUrl, baseDir, overrides } = options;
  const manifest = readTensorCache(dir);
  const entries = new Map<string, { shard: TensorShard; rec: TensorRecord }>();
  for (const shard of manifest.records) for (const rec of shard.records) entries.set(rec.name, { shard, rec });
  const entry = (name: string) => {
    const e = entries.get(name);
    if (!e) throw new Error(`no record ${name}`);
    return e;
  };

  // A relative dataPath resolves against this stand-in for the model's own URL.
  const here = 'http://model.invalid/resolve/main/';
  const fileOf = (dataPath: string): string => {
    const url = new URL(dataPath, here).href;
    if (url.startsWith(here)) return join(dir, decodeURIComponent(url.slice(here.length)));
    if (baseUrl && baseDir && url.startsWith(baseUrl)) return join(baseDir, decodeURIComponent(url.slice(baseUrl.length)));
    throw new Error(`dataPath ${dataPath} is an absolute URL; pass baseUrl (its prefix) and baseDir (a local copy)`);
  };

  const fds = new Map<string, number>();
  const read = (name: string): Uint8Array => {
    const override = overrides?.get(name);
    if (override) return override;
    const { shard, rec } = entry(name);
    const file = fileOf(shard.dataPath);
    let fd = fds.get(file);
    if (fd === undefined) {
      fd = openSync(file, 'r');
      fds.set(file, fd);
    }
    const buf = new Uint8Array(rec.nbytes);
    for (let off = 0; off < buf.length; ) {
      const n = readSync(fd, buf, off, buf.length - off, rec.byteOffset + off);
      if (n <= 0) throw new Error(`short read of ${name} from ${file}`);
      off += n;
    }
    return buf;
  };

  return {
    dir,
    manifest,
    has: (name) => entries.has(name),
    record: (name) => entry(name).rec,
    read,
    floats: (name) => decodeFloats(entry(name).rec, read(name)),
    quantized(prefix) {
      const w = entry(`${prefix}.q_weight`).rec;
      const s = entry(`${prefix}.q_scale`).rec;
      const [rows = 0, cols = 0] = w.shape;
      const groups = s.shape[1] ?? 0;
      if (groups * GROUP_SIZE !== cols * NIBBLES_PER_WORD) throw new Error(`${prefix}: ${groups} groups vs ${cols * NIBBLES_PER_WORD} columns`);
      const b = aligned(read(`${prefix}.q_weight`));
      const words = new Uint32Array(b.buffer, b.byteOffset, rows * cols);
      return { rows, cols, inFeatures: cols * NIBBLES_PER_WORD, groups, words, scales: decodeFloats(s, read(`${prefix}.q_scale`)) };
    },
    close() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}
