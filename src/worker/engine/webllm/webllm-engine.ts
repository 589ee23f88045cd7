/**
 * The real engine: one MLCEngine owned by this worker (the only module that imports web-llm). The app's
 * downloader fills Cache Storage first; WebLLM then loads from it, and its progress text is mapped to phases.
 */
import * as webllm from '@mlc-ai/web-llm';
import { MLCEngine, prebuiltAppConfig, type AppConfig, type ModelRecord } from '@mlc-ai/web-llm';
import { makeAppError, mapToAppError } from '../../../lib/inference/app-error';
import { parseInitReport, type LoadProgress } from '../../../lib/inference/load-progress';
import type { ModelDescriptor, PrebuiltRecord } from '../../../lib/models/model-descriptor';
import type { EngineApi } from '../../../protocol/engine-protocol';
import { relayStream } from '../stream-relay';
import { cachedLibraryBlobUrl, webLlmCachesLibrary } from '../model-files/cache-entries';
import { cacheUsage, deleteCached } from '../model-files/model-cache';
import { downloadModel } from '../model-files/model-downloader';
import { probeGpu } from '../gpu-probe';

/**
 * 0.2.86 reads tensor-cache.json; older runtimes (the test tier's 0.2.51) read ndarray-cache.json and do not
 * export the name. Looked up dynamically so a build against the older runtime has no missing import.
 */
const MANIFEST_NAME: string = (Reflect.get(webllm, 'TENSOR_CACHE_MANIFEST_FILENAME') as string | undefined) ?? 'ndarray-cache.json';

function toModelRecord(model: ModelDescriptor, libUrl: string): ModelRecord {
  return {
    model: model.modelUrl,
    model_id: model.id,
    model_lib: libUrl,
    ...(model.needsShaderF16 ? { required_features: ['shader-f16'] } : {}),
    ...(model.overrides ? { overrides: model.overrides } : {}),
  };
}

export function createWebLlmEngine(): EngineApi {
  const engine = new MLCEngine({ logLevel: 'WARN' });
  let loaded: ModelDescriptor | null = null;
  let loading: { abort: AbortController; cancelled: boolean } | null = null;

  const api: EngineApi = {
    probeGpu,

    async prebuiltModels(): Promise<PrebuiltRecord[]> {
      return prebuiltAppConfig.model_list.map((r) => ({
        model: r.model,
        model_id: r.model_id,
        model_lib: r.model_lib,
        ...(r.vram_required_MB !== undefined ? { vram_required_MB: r.vram_required_MB } : {}),
        ...(r.required_features ? { required_features: [...r.required_features] } : {}),
        ...(r.model_type !== undefined ? { model_type: r.model_type } : {}),
        ...(r.overrides ? { overrides: { ...r.overrides } } : {}),
      }));
    },

    async load(model, onProgress) {
      await api.cancelLoad();
      const started = performance.now();
      const state = { abort: new AbortController(), cancelled: false };
      loading = state;
      try {
        // The model already loaded stays usable until the new one's files are all here: a failed or
        // cancelled download leaves it in place.
        await downloadModel(model, { manifestName: MANIFEST_NAME, signal: state.abort.signal, onProgress });
        if (state.cancelled) throw makeAppError('cancelled');
        loaded = null;
        const blobLib = webLlmCachesLibrary(model.libUrl) ? null : await cachedLibraryBlobUrl(model.libUrl);
        const appConfig: AppConfig = { model_list: [toModelRecord(model, blobLib ?? model.libUrl)], cacheBackend: 'cache' };
        engine.setAppConfig(appConfig);
        engine.setInitProgressCallback((report) => {
          const progress: LoadProgress = parseInitReport(report);
          if (progress.phase !== 'preparing') onProgress(progress);
        });
        try {
          await engine.reload(model.id);
        } finally {
          if (blobLib) URL.revokeObjectURL(blobLib);
        }
        // reload() resolves quietly when unload() aborted it: that is a cancel, not a success.
        if (state.cancelled) throw makeAppError('cancelled');
        loaded = model;
        return { modelId: model.id, contextWindow: model.contextWindow, loadSeconds: (performance.now() - started) / 1000 };
      } catch (err) {
        // An abort surfaces as whatever the interrupted step threw; report it as the cancel it was.
        if (state.cancelled) throw makeAppError('cancelled');
        throw err; // exposeEngine maps it
      } finally {
        if (loading === state) loading = null;
      }
    },

    async cancelLoad() {
      const current = loading;
      if (!current) return;
      current.cancelled = true;
      current.abort.abort();
      // Only a load past its download has started replacing the model; a download alone is just aborted.
      if (loaded === null) await engine.unload();
    },

    async loadedModelId() {
      return loaded?.id ?? null;
    },

    async chat(request, onEvents) {
      if (!loaded) throw makeAppError('not-loaded');
      try {
        const started = performance.now();
        const chunks = await engine.chat.completions.create({
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          ...request.sampling,
          stream: true,
          stream_options: { include_usage: true },
        });
        return await relayStream(chunks, onEvents, () => engine.getMessage(), undefined, started);
      } catch (err) {
        const mapped = mapToAppError(err);
        // The engine unloads itself when the GPU device is lost after loading; say what happened.
        if (mapped.kind === 'not-loaded') {
          loaded = null;
          throw makeAppError('device-lost', mapped.detail);
        }
        throw mapped;
      }
    },

    async interrupt() {
      await engine.interruptGenerate();
    },

    async reset() {
      if (loaded) await engine.resetChat();
    },

    async unload() {
      await api.cancelLoad();
      loaded = null;
      await engine.unload();
    },

    cacheUsage: (models) => cacheUsage(models, MANIFEST_NAME),
    deleteCached,
  };
  return api;
}
