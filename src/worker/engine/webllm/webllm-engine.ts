/**
 * The real engine: one MLCEngine owned by this worker (the only module that imports web-llm). The app's
 * downloader fills Cache Storage first; WebLLM then loads from it, and its progress text is mapped to phases.
 */
import * as webllm from '@mlc-ai/web-llm';
import { MLCEngine, prebuiltAppConfig, type AppConfig, type ModelRecord } from '@mlc-ai/web-llm';
import { makeAppError, mapToAppError } from '../../../lib/inference/app-error';
import { parseInitReport, type LoadProgress } from '../../../lib/inference/load-progress';
import type { ModelDescriptor, PrebuiltRecord } from '../../../lib/models/model-descriptor';
import type { ChatRequest, ChatResult, EngineApi, LoadedModel, StreamEvent } from '../../../protocol/engine-protocol';
import { JobQueue } from '../job-queue';
import { relayStream } from '../stream-relay';
import { LEGACY_MANIFEST_FILE, webLlmCachesLibrary } from '../../../lib/models/cache-conventions';
import { cachedLibraryBlobUrl } from '../model-files/cache-entries';
import { cacheUsage, deleteCached } from '../model-files/model-cache';
import { downloadModel } from '../model-files/model-downloader';
import { probeGpu } from '../gpu-probe';

/**
 * 0.2.86 reads tensor-cache.json; older runtimes (the test tier's 0.2.51) read ndarray-cache.json and do not
 * export the name. Looked up dynamically so a build against the older runtime has no missing import.
 */
const MANIFEST_NAME: string = (Reflect.get(webllm, 'TENSOR_CACHE_MANIFEST_FILENAME') as string | undefined) ?? LEGACY_MANIFEST_FILE;

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
  const jobs = new JobQueue();
  let loaded: ModelDescriptor | null = null;
  /** The conversation the engine's KV cache holds now (see ChatRequest.conversation). */
  let cachedConversation: string | null = null;

  async function load(model: ModelDescriptor, onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadedModel> {
    const started = performance.now();
    // A cancel after the download has started replacing the model: unload() is what stops reload().
    const stopReload = () => void (loaded === null && engine.unload());
    signal.addEventListener('abort', stopReload, { once: true });
    try {
      // The model already loaded stays usable until the new one's files are all here: a failed or
      // cancelled download leaves it in place.
      await downloadModel(model, { manifestName: MANIFEST_NAME, signal, onProgress });
      if (signal.aborted) throw makeAppError('cancelled');
      loaded = null;
      cachedConversation = null;
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
      if (signal.aborted) throw makeAppError('cancelled');
      loaded = model;
      return { modelId: model.id, contextWindow: model.contextWindow, loadSeconds: (performance.now() - started) / 1000 };
    } catch (err) {
      // An abort surfaces as whatever the interrupted step threw; report it as the cancel it was.
      if (signal.aborted) throw makeAppError('cancelled');
      throw err; // exposeEngine maps it
    } finally {
      signal.removeEventListener('abort', stopReload);
    }
  }

  async function chat(request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal: AbortSignal): Promise<ChatResult> {
    if (!loaded) throw makeAppError('not-loaded');
    const stop = () => void engine.interruptGenerate();
    signal.addEventListener('abort', stop, { once: true });
    try {
      // Another conversation (or a side task) gains nothing from this one's cache: start it clean. Within one
      // conversation WebLLM reuses the cache when the request extends the previous one.
      if (cachedConversation !== null && cachedConversation !== request.conversation.key) await engine.resetChat();
      cachedConversation = request.conversation.key;
      const started = performance.now();
      const chunks = await engine.chat.completions.create({
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        ...request.sampling,
        stream: true,
        stream_options: { include_usage: true },
      });
      if (signal.aborted) stop(); // cancelled while the request was being set up
      return await relayStream(chunks, onEvents, () => engine.getMessage(), undefined, started);
    } catch (err) {
      const mapped = mapToAppError(err);
      // The engine unloads itself when the GPU device is lost after loading; say what happened.
      if (mapped.kind === 'not-loaded') {
        loaded = null;
        throw makeAppError('device-lost', mapped.detail);
      }
      throw mapped;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

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

    async loadedModelId() {
      return loaded?.id ?? null;
    },

    cacheUsage: (models) => cacheUsage(models, MANIFEST_NAME),
    deleteCached,

    load: (job, model, onProgress) => jobs.run(job, (signal) => load(model, onProgress, signal)),
    chat: (job, request, onEvents) => jobs.run(job, (signal) => chat(request, onEvents, signal)),

    countTokens: (job) =>
      jobs.run(job, async () => {
        // Exact counting needs the model's tokenizer and chat template from WebLLM's pipeline: the context
        // work (token budget, context policy) builds it. Until then the engine says so instead of guessing.
        throw makeAppError('unknown', 'countTokens is not implemented for WebLLM yet', 'Counting tokens is not available yet.');
      }),

    unload: (job) =>
      jobs.run(job, async () => {
        loaded = null;
        cachedConversation = null;
        await engine.unload();
      }),

    async cancel(job) {
      jobs.cancel(job);
    },
  };
  return api;
}
