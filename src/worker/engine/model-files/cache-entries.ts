/** Thin helpers over Cache Storage in WebLLM's scopes (lib/models/cache-conventions.ts says which). */
import { CACHE_SCOPES, type CacheScope } from '../../../lib/models/cache-conventions';

export async function openScope(scope: CacheScope): Promise<Cache> {
  return caches.open(CACHE_SCOPES[scope]);
}

/** The three scopes every model operation reads: weights, config and tokenizer, library. */
export async function openModelScopes(): Promise<{ model: Cache; config: Cache; wasm: Cache }> {
  const [model, config, wasm] = await Promise.all([openScope('model'), openScope('config'), openScope('wasm')]);
  return { model, config, wasm };
}

export async function keysOf(cache: Cache): Promise<string[]> {
  return (await cache.keys()).map((request) => request.url);
}

/** Stored size of one entry: our own writes carry an exact content-length; otherwise read the blob's size. */
export async function entrySize(cache: Cache, url: string): Promise<number> {
  const response = await cache.match(url);
  if (!response) return 0;
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0 && !response.headers.get('content-encoding')) return length;
  return (await response.blob()).size;
}

/** A blob: URL of a cached library, for WebLLM to fetch without the network; revoke it after loading. */
export async function cachedLibraryBlobUrl(libUrl: string): Promise<string | null> {
  const response = await (await openScope('wasm')).match(libUrl);
  return response ? URL.createObjectURL(await response.blob()) : null;
}
