/**
 * The compiled WebLLM model library committed under tests/fixtures/real-engine/, and the metadata it carries: MLC
 * embeds one JSON object (starting `{"model_type"`) in the .wasm, with the parameter list the library expects to load.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LIBRARY_FILE = 'Qwen2-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm';
/** Absolute path of the committed library. */
export const LIBRARY_PATH = fileURLToPath(new URL(`../../fixtures/real-engine/${LIBRARY_FILE}`, import.meta.url));

export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

export interface KvCacheDims {
  readonly numHiddenLayers: number;
  readonly numAttentionHeads: number;
  readonly numKeyValueHeads: number;
  readonly headDim: number;
}

export interface LibraryMetadata {
  readonly modelType: string;
  readonly quantization: string;
  readonly contextWindowSize: number;
  readonly prefillChunkSize: number;
  /** Absent in libraries without a paged KV cache. */
  readonly kvCache: KvCacheDims | null;
  /** In the order the library loads them (and the order the weights are written). */
  readonly params: readonly ParamSpec[];
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function field<T>(o: Json, key: string, guard: (x: unknown) => x is T, what: string): T {
  const v = o[key];
  if (!guard(v)) throw new Error(`model library metadata: ${key} is not ${what}`);
  return v;
}
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isArray = (x: unknown): x is unknown[] => Array.isArray(x);
const isShape = (x: unknown): x is number[] => Array.isArray(x) && x.every((d) => Number.isInteger(d) && d >= 0);

/** The metadata JSON embedded in a model library's bytes. */
export function readLibraryMetadata(wasm: Uint8Array): LibraryMetadata {
  const bytes = Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  const start = bytes.indexOf('{"model_type"');
  if (start < 0) throw new Error('no metadata JSON in the model library');
  // Brace matching is enough: the metadata's strings (names, dtypes) contain no braces.
  let depth = 0;
  let end = start;
  for (; end < bytes.length; end++) {
    if (bytes[end] === 0x7b) depth++;
    else if (bytes[end] === 0x7d && --depth === 0) break;
  }
  const meta: unknown = JSON.parse(bytes.subarray(start, end + 1).toString('utf8'));
  if (!isObject(meta)) throw new Error('model library metadata is not an object');

  const params = field(meta, 'params', isArray, 'an array').map((p: unknown): ParamSpec => {
    if (!isObject(p)) throw new Error('model library metadata: a param is not an object');
    return { name: field(p, 'name', isString, 'a string'), shape: field(p, 'shape', isShape, 'a shape'), dtype: field(p, 'dtype', isString, 'a string') };
  });
  const kv = meta['kv_cache'];
  const kvCache = isObject(kv)
    ? {
        numHiddenLayers: field(kv, 'num_hidden_layers', isNumber, 'a number'),
        numAttentionHeads: field(kv, 'num_attention_heads', isNumber, 'a number'),
        numKeyValueHeads: field(kv, 'num_key_value_heads', isNumber, 'a number'),
        headDim: field(kv, 'head_dim', isNumber, 'a number'),
      }
    : null;
  return {
    modelType: field(meta, 'model_type', isString, 'a string'),
    quantization: field(meta, 'quantization', isString, 'a string'),
    contextWindowSize: field(meta, 'context_window_size', isNumber, 'a number'),
    prefillChunkSize: field(meta, 'prefill_chunk_size', isNumber, 'a number'),
    kvCache,
    params,
  };
}

/** Reads a model library file's metadata. */
export function readLibraryMetadataFile(path: string): LibraryMetadata {
  return readLibraryMetadata(readFileSync(path));
}
