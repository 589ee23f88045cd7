/**
 * Downloads a model into Cache Storage under the keys WebLLM reads, before WebLLM is asked to load it.
 * Doing it here gives exact byte progress, a storage check before the first shard, HTTP status checks
 * (WebLLM does not check the library's), cancellation, and resume: finished files are kept and skipped.
 */
import { makeAppError } from '../../../lib/inference/app-error';
import type { LoadProgress } from '../../../lib/inference/load-progress';
import { formatBytes } from '../../../lib/format';
import type { ModelDescriptor } from '../../../lib/models/model-descriptor';
import { CHAT_CONFIG_FILE, resolveModelBase } from '../../../lib/models/cache-conventions';
import { ManifestError, isWasm, parseWeightManifest, tokenizerFileOf, type ShardEntry } from '../../../lib/models/model-files';
import { openModelScopes } from './cache-entries';

export interface DownloadOptions {
  readonly manifestName: string;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: LoadProgress) => void;
  readonly parallel?: number;
  readonly progressIntervalMs?: number;
}

class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(readonly status: number, readonly url: string) {
    super(`HTTP ${status} for ${fileName(url)}`);
  }
}

function fileName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1) || url;
}

/** Fetches a file (or finds it cached) and stores it with an exact content-length. */
async function fetchIntoCache(
  cache: Cache,
  url: string,
  signal: AbortSignal,
  onBytes?: (n: number) => void,
  validate?: (bytes: Uint8Array) => void,
): Promise<Response> {
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(url, { signal });
  if (!response.ok) throw new HttpError(response.status, url);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      onBytes?.(value.byteLength);
    }
  }
  if (validate) validate(chunks.length === 1 && chunks[0] ? chunks[0] : new Uint8Array(await new Blob(chunks).arrayBuffer()));
  const headers = { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(size) };
  const body = new Blob(chunks);
  await cache.put(url, new Response(body, { headers }));
  return new Response(body, { headers }); // a Blob can back two responses: no need to read the cache back
}

async function readJson(response: Response, what: string): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new ManifestError({ key: 'models.manifest.notJson', params: { file: what } });
  }
}

export async function downloadModel(model: ModelDescriptor, options: DownloadOptions): Promise<void> {
  const { signal, onProgress, manifestName } = options;
  const base = resolveModelBase(model.modelUrl);
  const { model: modelCache, config: configCache, wasm: wasmCache } = await openModelScopes();
  onProgress({ phase: 'preparing', fraction: null });

  try {
    const config = await readJson(await fetchIntoCache(configCache, base + CHAT_CONFIG_FILE, signal), CHAT_CONFIG_FILE);
    await fetchLibrary(model.libUrl, wasmCache, signal);
    await fetchIntoCache(modelCache, base + tokenizerFileOf(config), signal);
    const manifest = parseWeightManifest(await readJson(await fetchIntoCache(modelCache, base + manifestName, signal), manifestName), base);
    await downloadShards(manifest.shards, manifest.totalBytes, modelCache, options);
  } catch (err) {
    throw describeDownloadError(err, model);
  }
}

async function fetchLibrary(libUrl: string, wasmCache: Cache, signal: AbortSignal): Promise<void> {
  const check = (bytes: Uint8Array) => {
    if (!isWasm(bytes)) throw makeAppError('library-failed', `${fileName(libUrl)} is not a WebAssembly file`);
  };
  try {
    // Cached under its own URL even where WebLLM would not cache it (localhost): the engine then hands
    // WebLLM a blob: URL of these bytes, so such a model also loads offline.
    await fetchIntoCache(wasmCache, libUrl, signal, undefined, check);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (err instanceof HttpError || err instanceof TypeError) {
      throw makeAppError('library-failed', `${err.message} (${libUrl})`, { message: { key: 'errors.library.downloadFailed' } });
    }
    throw err;
  }
}

async function downloadShards(
  shards: readonly ShardEntry[],
  totalBytes: number,
  cache: Cache,
  { signal, onProgress, parallel = 4, progressIntervalMs = 100 }: DownloadOptions,
): Promise<void> {
  const cachedUrls = new Set((await cache.keys()).map((request) => request.url));
  const missing = shards.filter((shard) => !cachedUrls.has(shard.url));
  let loadedBytes = totalBytes - missing.reduce((sum, s) => sum + s.bytes, 0);
  let filesDone = shards.length - missing.length;
  const startBytes = loadedBytes;
  const started = performance.now();
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < progressIntervalMs) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    onProgress({
      phase: 'downloading',
      fraction: totalBytes > 0 ? Math.min(1, loadedBytes / totalBytes) : 1,
      loadedBytes,
      totalBytes,
      filesDone,
      filesTotal: shards.length,
      ...(seconds > 0.5 ? { bytesPerSecond: (loadedBytes - startBytes) / seconds } : {}),
    });
  };
  report(true);
  if (missing.length === 0) return;
  await ensureSpace(missing.reduce((sum, s) => sum + s.bytes, 0));

  // One failed shard stops the others at once: they share an abort signal linked to the caller's.
  const inner = new AbortController();
  const forward = () => inner.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  let firstError: unknown = null;
  const queue = [...missing];
  const lane = async () => {
    for (let shard = queue.shift(); shard && !inner.signal.aborted; shard = queue.shift()) {
      let counted = 0;
      try {
        await fetchIntoCache(cache, shard.url, inner.signal, (n) => {
          counted += n;
          loadedBytes += n;
          report();
        });
      } catch (err) {
        loadedBytes -= counted;
        firstError ??= err;
        inner.abort();
        return;
      }
      // The manifest's size is the truth for progress; the body may have been compressed in transit.
      loadedBytes += shard.bytes - counted;
      filesDone += 1;
      report(true);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, missing.length) }, lane));
  } finally {
    signal.removeEventListener('abort', forward);
  }
  if (firstError !== null) throw firstError;
  signal.throwIfAborted();
}

async function ensureSpace(bytesNeeded: number): Promise<void> {
  if (!navigator.storage?.estimate) return;
  const { quota, usage } = await navigator.storage.estimate();
  if (quota === undefined || usage === undefined) return;
  const free = quota - usage;
  if (free < bytesNeeded) {
    throw makeAppError(
      'storage-full',
      `needs ${bytesNeeded} bytes, ${Math.max(0, free)} available`,
      { message: { key: 'errors.storage.needsMore', params: { needed: formatBytes(bytesNeeded), free: formatBytes(Math.max(0, free)) } } },
    );
  }
}

function describeDownloadError(err: unknown, model: ModelDescriptor): unknown {
  if (err instanceof HttpError) {
    const missing = err.status === 404 || err.status === 410;
    return makeAppError('download-failed', err.message, {
      message: { key: 'errors.download.httpStatus', params: { model: model.name, status: String(err.status), file: fileName(err.url) } },
      ...(missing ? { hint: { key: 'errors.download.missingFile' } } : {}),
    });
  }
  if (err instanceof ManifestError) {
    return makeAppError('download-failed', err.message, { message: { key: 'errors.download.notMlc', params: { model: model.name, reason: err.text } } });
  }
  return err;
}
