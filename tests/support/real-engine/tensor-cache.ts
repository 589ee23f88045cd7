/**
 * MLC's weights manifest: `tensor-cache.json` (WebLLM >= 0.2.80) or `ndarray-cache.json` (older), same content.
 * Shards are raw files; each record is one tensor's bytes at `byteOffset` in its shard.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILES } from '../../../src/lib/models/cache-conventions';

export interface TensorRecord {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  /** "raw", or "f32-to-bf16" for float32 tensors stored as bfloat16. */
  readonly format: string;
  readonly nbytes: number;
  readonly byteOffset: number;
}

export interface TensorShard {
  /** Relative to the manifest, or an absolute URL (a variant that reads unchanged tensors from its base). */
  readonly dataPath: string;
  readonly format: string;
  readonly nbytes: number;
  readonly records: readonly TensorRecord[];
}

export interface TensorCache {
  readonly metadata: { readonly ParamSize: number; readonly ParamBytes: number };
  readonly records: readonly TensorShard[];
}


type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown, what: string): unknown[] => {
  if (!Array.isArray(x)) throw new Error(`tensor cache: ${what} is not an array`);
  return x;
};
const object = (x: unknown, what: string): Json => {
  if (!isObject(x)) throw new Error(`tensor cache: ${what} is not an object`);
  return x;
};
const text = (o: Json, key: string): string => {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`tensor cache: ${key} is not a string`);
  return v;
};
const count = (o: Json, key: string): number => {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`tensor cache: ${key} is not a count`);
  return v;
};

/** Validates a parsed manifest. */
export function parseTensorCache(json: unknown): TensorCache {
  const root = object(json, 'the manifest');
  const metadata = object(root['metadata'], 'metadata');
  return {
    metadata: { ParamSize: count(metadata, 'ParamSize'), ParamBytes: count(metadata, 'ParamBytes') },
    records: list(root['records'], 'records').map((s) => {
      const shard = object(s, 'a shard');
      return {
        dataPath: text(shard, 'dataPath'),
        format: text(shard, 'format'),
        nbytes: count(shard, 'nbytes'),
        records: list(shard['records'], 'the records of a shard').map((r) => {
          const rec = object(r, 'a record');
          const shape = list(rec['shape'], 'shape').map((d) => {
            if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) throw new Error('tensor cache: bad shape');
            return d;
          });
          return { name: text(rec, 'name'), shape, dtype: text(rec, 'dtype'), format: text(rec, 'format'), nbytes: count(rec, 'nbytes'), byteOffset: count(rec, 'byteOffset') };
        }),
      };
    }),
  };
}

/** The manifest of a model's `resolve/main` folder (the older name first, as reference-forward.mjs reads it). */
export function readTensorCache(dir: string): TensorCache {
  for (const name of MANIFEST_FILES) {
    const path = join(dir, name);
    if (existsSync(path)) return parseTensorCache(JSON.parse(readFileSync(path, 'utf8')));
  }
  throw new Error(`no ${MANIFEST_FILES.join(' or ')} in ${dir}`);
}
