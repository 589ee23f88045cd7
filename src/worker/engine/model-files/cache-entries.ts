/** Thin helpers over Cache Storage in WebLLM's scopes. */
import { CACHE_SCOPES } from '../../../lib/models/model-files';

export type Scope = keyof typeof CACHE_SCOPES;

export async function openScope(scope: Scope): Promise<Cache> {
  return caches.open(CACHE_SCOPES[scope]);
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

/**
 * WebLLM never reads a library from its cache when the URL says localhost (or is relative): it fetches it
 * every time, which fails offline. Such libraries are handed to it as a blob: URL of the cached bytes.
 */
export function webLlmCachesLibrary(url: string): boolean {
  return url.startsWith('http') && !url.includes('localhost');
}

/** A blob: URL of a cached library, for WebLLM to fetch without the network; revoke it after loading. */
export async function cachedLibraryBlobUrl(libUrl: string): Promise<string | null> {
  const response = await (await openScope('wasm')).match(libUrl);
  return response ? URL.createObjectURL(await response.blob()) : null;
}
