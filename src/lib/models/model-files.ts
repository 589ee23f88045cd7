/**
 * A model's files: the weights manifest (validated, shard URLs resolved), the tokenizer its config names,
 * and which cache keys belong to it (for deletion and sharing). The cache conventions themselves (scopes,
 * file names, URL bases) are in cache-conventions.ts.
 */
import { resolveModelBase } from './cache-conventions';
import { englishText, type KeysOf, type Text } from '../i18n/text';

export interface ShardEntry {
  readonly url: string;
  readonly bytes: number;
}

export interface WeightManifest {
  readonly shards: readonly ShardEntry[];
  readonly totalBytes: number;
}

/** What is wrong with a model's files: `text` for the UI, its English as the message. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(readonly text: Text<KeysOf<'models.manifest.'>>) {
    super(englishText(text));
  }
}

/** Validates a tensor-cache.json (or older ndarray-cache.json) and resolves its shard URLs. */
export function parseWeightManifest(json: unknown, base: string): WeightManifest {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { records?: unknown }).records)) {
    throw new ManifestError({ key: 'models.manifest.noRecords' });
  }
  const records = (json as { records: unknown[] }).records;
  const shards: ShardEntry[] = [];
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    const r = record as { dataPath?: unknown; nbytes?: unknown };
    if (typeof r.dataPath !== 'string' || !r.dataPath || typeof r.nbytes !== 'number' || !Number.isSafeInteger(r.nbytes) || r.nbytes < 0) {
      throw new ManifestError({ key: 'models.manifest.badRecord', params: { index: String(i) } });
    }
    const url = new URL(r.dataPath, base).href;
    if (seen.has(url)) continue;
    seen.add(url);
    shards.push({ url, bytes: r.nbytes });
  }
  if (shards.length === 0) throw new ManifestError({ key: 'models.manifest.noShards' });
  return { shards, totalBytes: shards.reduce((sum, s) => sum + s.bytes, 0) };
}

/** Tokenizer files named by mlc-chat-config.json that WebLLM reads (json preferred, like WebLLM). */
export function tokenizerFileOf(chatConfig: unknown): string {
  const files = (chatConfig as { tokenizer_files?: unknown } | null)?.tokenizer_files;
  if (Array.isArray(files)) {
    if (files.includes('tokenizer.json')) return 'tokenizer.json';
    if (files.includes('tokenizer.model')) return 'tokenizer.model';
  }
  throw new ManifestError({ key: 'models.manifest.noTokenizer' });
}

/** WebAssembly modules start with "\0asm"; anything else (an HTML error page, an empty body) is not a library. */
export function isWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/**
 * Which cache entries to delete for a model: everything under its base URL (variants such as -1k share
 * these files and go with them), and its library unless a model that stays cached uses the same one.
 */
export function keysToDelete(
  target: { readonly modelUrl: string; readonly libUrl: string },
  cachedKeys: { readonly model: readonly string[]; readonly config: readonly string[]; readonly wasm: readonly string[] },
  keep: ReadonlyArray<{ readonly modelUrl: string; readonly libUrl: string }>,
): { model: string[]; config: string[]; wasm: string[] } {
  const base = resolveModelBase(target.modelUrl);
  const libStillUsed = keep.some((m) => m.libUrl === target.libUrl && resolveModelBase(m.modelUrl) !== base);
  const under = (key: string) => key.startsWith(base);
  return {
    model: cachedKeys.model.filter(under),
    config: cachedKeys.config.filter(under),
    wasm: libStillUsed ? [] : cachedKeys.wasm.filter((key) => key === target.libUrl),
  };
}

/** Models stored under the same repository as `model` (they share files: deleting one deletes all). */
export function sharingFiles<M extends { readonly id: string; readonly modelUrl: string }>(model: M, others: readonly M[]): M[] {
  const base = resolveModelBase(model.modelUrl);
  return others.filter((m) => m.id !== model.id && resolveModelBase(m.modelUrl) === base);
}
