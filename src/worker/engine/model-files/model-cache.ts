/** What is on disk for each model, and removing it, in the same Cache Storage WebLLM reads. */
import { CHAT_CONFIG_FILE, resolveModelBase } from '../../../lib/models/cache-conventions';
import { keysToDelete, parseWeightManifest, tokenizerFileOf } from '../../../lib/models/model-files';
import type { ModelDescriptor } from '../../../lib/models/model-descriptor';
import type { CacheUsage } from '../../../protocol/engine-protocol';
import { entrySize, keysOf, openModelScopes } from './cache-entries';

export async function cacheUsage(models: readonly ModelDescriptor[], manifestName: string): Promise<CacheUsage[]> {
  const { model: modelCache, config: configCache, wasm: wasmCache } = await openModelScopes();
  const [modelKeys, configKeys, wasmKeys] = await Promise.all([keysOf(modelCache), keysOf(configCache), keysOf(wasmCache)]);
  const usage: CacheUsage[] = [];
  for (const model of models) {
    const base = resolveModelBase(model.modelUrl);
    const own = modelKeys.filter((key) => key.startsWith(base));
    const ownConfig = configKeys.filter((key) => key.startsWith(base));
    if (own.length === 0 && ownConfig.length === 0) continue;
    let bytes = 0;
    for (const key of own) bytes += await entrySize(modelCache, key);
    for (const key of ownConfig) bytes += await entrySize(configCache, key);
    const libCached = wasmKeys.includes(model.libUrl);
    if (libCached) bytes += await entrySize(wasmCache, model.libUrl);
    const complete =
      libCached &&
      (await hasAllWeights(base, own, ownConfig, modelCache, configCache, manifestName));
    usage.push({ modelId: model.id, bytes, complete });
  }
  return usage;
}

async function hasAllWeights(
  base: string,
  modelKeys: readonly string[],
  configKeys: readonly string[],
  modelCache: Cache,
  configCache: Cache,
  manifestName: string,
): Promise<boolean> {
  try {
    const config = await (await configCache.match(base + CHAT_CONFIG_FILE))?.json();
    const manifest = await (await modelCache.match(base + manifestName))?.json();
    if (!config || !manifest || !configKeys.includes(base + CHAT_CONFIG_FILE)) return false;
    if (!modelKeys.includes(base + tokenizerFileOf(config))) return false;
    return parseWeightManifest(manifest, base).shards.every((shard) => modelKeys.includes(shard.url));
  } catch {
    return false;
  }
}

export async function deleteCached(model: ModelDescriptor, keep: readonly ModelDescriptor[]): Promise<void> {
  const { model: modelCache, config: configCache, wasm: wasmCache } = await openModelScopes();
  const [modelKeys, configKeys, wasmKeys] = await Promise.all([keysOf(modelCache), keysOf(configCache), keysOf(wasmCache)]);
  const plan = keysToDelete(model, { model: modelKeys, config: configKeys, wasm: wasmKeys }, keep);
  const remove = (cache: Cache, keys: readonly string[]) => Promise.all(keys.map((key) => cache.delete(key)));
  await Promise.all([remove(modelCache, plan.model), remove(configCache, plan.config), remove(wasmCache, plan.wasm)]);
}
