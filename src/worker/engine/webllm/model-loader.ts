/**
 * Loading a model: the app's downloader fills Cache Storage first (exact progress, resume, clear errors);
 * WebLLM then loads from it, and its progress text is mapped to phases. The model already loaded stays usable
 * until the new one's files are all here, so a failed or cancelled download leaves it in place.
 */
import type { AppConfig, MLCEngine, ModelRecord } from '@mlc-ai/web-llm';
import { makeAppError } from '../../../lib/inference/app-error';
import { parseInitReport, type LoadProgress } from '../../../lib/inference/load-progress';
import { webLlmCachesLibrary } from '../../../lib/models/cache-conventions';
import type { ModelDescriptor } from '../../../lib/models/model-descriptor';
import type { LoadedModel } from '../../../protocol/engine-protocol';
import { cachedLibraryBlobUrl } from '../model-files/cache-entries';
import { downloadModel } from '../model-files/model-downloader';
import { MANIFEST_NAME } from './runtime';

function toModelRecord(model: ModelDescriptor, libUrl: string): ModelRecord {
  return {
    model: model.modelUrl,
    model_id: model.id,
    model_lib: libUrl,
    ...(model.needsShaderF16 ? { required_features: ['shader-f16'] } : {}),
    ...(model.overrides ? { overrides: model.overrides } : {}),
  };
}

export class ModelLoader {
  readonly #engine: MLCEngine;
  #loaded: ModelDescriptor | null = null;

  constructor(engine: MLCEngine) {
    this.#engine = engine;
  }

  /** The model on the GPU, or null (none, being replaced, or lost). */
  get loaded(): ModelDescriptor | null {
    return this.#loaded;
  }

  /** The engine dropped the model by itself (a lost GPU device). */
  markLost(): void {
    this.#loaded = null;
  }

  async load(model: ModelDescriptor, onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadedModel> {
    const started = performance.now();
    // A cancel once the download is done and the old model is gone: unload() is what stops reload().
    const stopReload = () => void (this.#loaded === null && this.#engine.unload());
    signal.addEventListener('abort', stopReload, { once: true });
    try {
      await downloadModel(model, { manifestName: MANIFEST_NAME, signal, onProgress });
      if (signal.aborted) throw makeAppError('cancelled');
      this.#loaded = null;
      const blobLib = webLlmCachesLibrary(model.libUrl) ? null : await cachedLibraryBlobUrl(model.libUrl);
      const appConfig: AppConfig = { model_list: [toModelRecord(model, blobLib ?? model.libUrl)], cacheBackend: 'cache' };
      this.#engine.setAppConfig(appConfig);
      this.#engine.setInitProgressCallback((report) => {
        const progress: LoadProgress = parseInitReport(report);
        if (progress.phase !== 'preparing') onProgress(progress);
      });
      try {
        await this.#engine.reload(model.id);
      } finally {
        if (blobLib) URL.revokeObjectURL(blobLib);
      }
      // reload() resolves quietly when unload() aborted it: that is a cancel, not a success.
      if (signal.aborted) throw makeAppError('cancelled');
      this.#loaded = model;
      return { modelId: model.id, contextWindow: model.contextWindow, loadSeconds: (performance.now() - started) / 1000 };
    } catch (err) {
      // An abort surfaces as whatever the interrupted step threw; report it as the cancel it was.
      if (signal.aborted) throw makeAppError('cancelled');
      throw err; // exposeEngine maps it
    } finally {
      signal.removeEventListener('abort', stopReload);
    }
  }

  async unload(): Promise<void> {
    this.#loaded = null;
    await this.#engine.unload();
  }
}
