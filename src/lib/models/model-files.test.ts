import { describe, expect, it } from 'vitest';
import { resolveModelBase, webLlmCachesLibrary } from './cache-conventions';
import { isWasm, keysToDelete, ManifestError, parseWeightManifest, sharingFiles, tokenizerFileOf } from './model-files';

describe('resolveModelBase (same rule as WebLLM cleanModelUrl)', () => {
  it.each([
    ['https://huggingface.co/mlc-ai/X-MLC', 'https://huggingface.co/mlc-ai/X-MLC/resolve/main/'],
    ['https://huggingface.co/mlc-ai/X-MLC/', 'https://huggingface.co/mlc-ai/X-MLC/resolve/main/'],
    ['https://huggingface.co/mlc-ai/X-MLC/resolve/v2/', 'https://huggingface.co/mlc-ai/X-MLC/resolve/v2/'],
    ['http://127.0.0.1:9000/models/tiny', 'http://127.0.0.1:9000/models/tiny/resolve/main/'],
  ])('%s', (input, expected) => expect(resolveModelBase(input)).toBe(expected));
});

describe('parseWeightManifest', () => {
  const base = 'http://h/m/resolve/main/';
  it('resolves shard URLs and totals bytes', () => {
    const manifest = parseWeightManifest(
      { metadata: {}, records: [{ dataPath: 'params_shard_0.bin', nbytes: 10, records: [] }, { dataPath: 'params_shard_1.bin', nbytes: 5 }] },
      base,
    );
    expect(manifest).toEqual({ shards: [{ url: `${base}params_shard_0.bin`, bytes: 10 }, { url: `${base}params_shard_1.bin`, bytes: 5 }], totalBytes: 15 });
  });

  it.each([
    ['not an object', 'nope'],
    ['no records', { metadata: {} }],
    ['empty records', { records: [] }],
    ['bad nbytes', { records: [{ dataPath: 'a.bin', nbytes: -1 }] }],
    ['missing dataPath', { records: [{ nbytes: 3 }] }],
    ['fractional nbytes', { records: [{ dataPath: 'a.bin', nbytes: 1.5 }] }],
  ])('rejects %s', (_name, json) => {
    expect(() => parseWeightManifest(json, base)).toThrow(ManifestError);
  });
});

describe('files', () => {
  it('finds the tokenizer file the chat config names', () => {
    expect(tokenizerFileOf({ tokenizer_files: ['tokenizer.json', 'vocab.json'] })).toBe('tokenizer.json');
    expect(tokenizerFileOf({ tokenizer_files: ['tokenizer.model'] })).toBe('tokenizer.model');
    expect(() => tokenizerFileOf({})).toThrow(ManifestError);
  });

  it('recognises WebAssembly by its magic bytes', () => {
    expect(isWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBe(true);
    expect(isWasm(new TextEncoder().encode('<!doctype html>'))).toBe(false);
    expect(isWasm(new Uint8Array())).toBe(false);
  });
});

describe('keysToDelete', () => {
  const a = { id: 'a', modelUrl: 'https://h/org/A', libUrl: 'https://l/lib1.wasm' };
  const a1k = { id: 'a-1k', modelUrl: 'https://h/org/A', libUrl: 'https://l/lib1.wasm' };
  const b = { id: 'b', modelUrl: 'https://h/org/B', libUrl: 'https://l/lib1.wasm' };
  const keys = {
    model: ['https://h/org/A/resolve/main/tokenizer.json', 'https://h/org/A/resolve/main/params_shard_0.bin', 'https://h/org/AB/resolve/main/x', 'https://h/org/B/resolve/main/y'],
    config: ['https://h/org/A/resolve/main/mlc-chat-config.json'],
    wasm: ['https://l/lib1.wasm', 'https://l/lib2.wasm'],
  };

  it("removes only the model's own files and its unshared library", () => {
    expect(keysToDelete(a, keys, [])).toEqual({
      model: ['https://h/org/A/resolve/main/tokenizer.json', 'https://h/org/A/resolve/main/params_shard_0.bin'],
      config: ['https://h/org/A/resolve/main/mlc-chat-config.json'],
      wasm: ['https://l/lib1.wasm'],
    });
  });

  it('keeps a library another cached model still uses', () => {
    expect(keysToDelete(a, keys, [b]).wasm).toEqual([]);
    // A variant of the same repository goes with it, so it does not keep the library alive.
    expect(keysToDelete(a, keys, [a1k]).wasm).toEqual(['https://l/lib1.wasm']);
    expect(sharingFiles(a, [a, a1k, b])).toEqual([a1k]);
  });
});

describe('which library URLs WebLLM caches itself', () => {
  it.each([
    ['https://raw.githubusercontent.com/mlc-ai/libs/x-webgpu.wasm', true],
    ['http://127.0.0.1:8000/libs/x-webgpu.wasm', true],
    ['http://localhost:8000/libs/x-webgpu.wasm', false],
    ['/libs/x-webgpu.wasm', false],
  ])('%s -> %s', (url, cached) => expect(webLlmCachesLibrary(url)).toBe(cached));
});
