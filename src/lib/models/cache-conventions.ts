/**
 * WebLLM's Cache Storage conventions, in one place: the scopes it reads, the names of a model's files, how a
 * model URL becomes the base of their keys, and which library URLs it caches. The app writes exactly these,
 * so a model it downloads is one WebLLM loads without the network. (A service worker must leave these
 * scopes alone: they are WebLLM's, not the app shell's.)
 */

/** Cache Storage scopes WebLLM opens (all three are opened for any model operation). */
export const CACHE_SCOPES = { model: 'webllm/model', config: 'webllm/config', wasm: 'webllm/wasm' } as const;
export type CacheScope = keyof typeof CACHE_SCOPES;

export const CHAT_CONFIG_FILE = 'mlc-chat-config.json';

/**
 * The weights manifest, newest name first: WebLLM 0.2.80+ reads tensor-cache.json, older runtimes (and older
 * repositories) ndarray-cache.json. The worker asks the runtime it runs which name it reads.
 */
export const MANIFEST_FILES = ['tensor-cache.json', 'ndarray-cache.json'] as const;
export type ManifestFile = (typeof MANIFEST_FILES)[number];
export const LEGACY_MANIFEST_FILE: ManifestFile = 'ndarray-cache.json';

/** Same rule as WebLLM's cleanModelUrl: ensure a trailing slash, then append resolve/main/ unless present. */
export function resolveModelBase(modelUrl: string): string {
  let url = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/**
 * WebLLM never reads a library from its cache when the URL says localhost (or is relative): it fetches it
 * every time, which fails offline. Such libraries are handed to it as a blob: URL of the cached bytes.
 */
export function webLlmCachesLibrary(url: string): boolean {
  return url.startsWith('http') && !url.includes('localhost');
}
