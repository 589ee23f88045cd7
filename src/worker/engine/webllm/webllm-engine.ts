/**
 * The real engine: one MLCEngine owned by this worker (webllm/ is the only folder that imports web-llm),
 * behind the EngineApi. Engine work runs as jobs, one at a time (JobQueue); loading, replies and the KV cache
 * decision each have their own module.
 */
import { MLCEngine, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { makeAppError } from '../../../lib/inference/app-error';
import type { PrebuiltRecord } from '../../../lib/models/model-descriptor';
import type { EngineApi } from '../../../protocol/engine-protocol';
import { probeGpu } from '../gpu-probe';
import { JobQueue } from '../job-queue';
import { cacheUsage, deleteCached } from '../model-files/model-cache';
import { runChat } from './chat-runner';
import { ConversationCache } from './conversation-cache';
import { ModelLoader } from './model-loader';
import { TokenCounter } from './token-counter';
import { MANIFEST_NAME } from './runtime';

export function createWebLlmEngine(): EngineApi {
  const engine = new MLCEngine({ logLevel: 'WARN' });
  const jobs = new JobQueue();
  const models = new ModelLoader(engine);
  const cache = new ConversationCache(engine);
  const counter = new TokenCounter(engine);

  return {
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
      return models.loaded?.id ?? null;
    },

    cacheUsage: (list) => cacheUsage(list, MANIFEST_NAME),
    deleteCached,

    load: (job, model, onProgress) =>
      jobs.run(job, (signal) => {
        cache.forget();
        return models.load(model, onProgress, signal);
      }),

    chat: (job, request, onEvents) => jobs.run(job, (signal) => runChat(engine, models, cache, counter, request, onEvents, signal)),

    countTokens: (job, request) =>
      jobs.run(job, async () => {
        const model = models.loaded;
        if (!model) throw makeAppError('not-loaded');
        return counter.count(model.id, request, cache.holds(request.conversation));
      }),

    unload: (job) =>
      jobs.run(job, async () => {
        cache.forget();
        await models.unload();
      }),

    async cancel(job) {
      jobs.cancel(job);
    },
  };
}
