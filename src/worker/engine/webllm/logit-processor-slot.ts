/**
 * Puts a LogitProcessor on the loaded model's pipeline for one request, and takes it off after.
 *
 * Why the private field: WebLLM's only public way in is `setLogitProcessorRegistry()`, read once by `reload()`;
 * the processor it finds there stays for every token of every request, and each such token copies the whole
 * logits vector from the GPU to the CPU and waits for the device (npm:lib/index.js 0.2.86, "1. Apply
 * logitProcessor on CPU"). The app needs a processor only for a request with top-k or min-p, so it sets the
 * pipeline's `logitProcessor` field (LLMChatPipeline, TypeScript-private, the same name in 0.2.79 and 0.2.86,
 * where `sampleTokenFromLogits` reads it on every step) for that request and clears it after. This module is
 * the only place that touches the field (reaching the pipeline through pipeline-internals), so a WebLLM upgrade that renames it fails here, with a clear message,
 * and only for requests that ask for top-k or min-p.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { makeAppError } from '../../../lib/inference/app-error';
import type { LogitProcessorLike } from '../../../lib/inference/logit-processor';
import { rawPipeline } from './pipeline-internals';


/** Sets (or, with undefined, clears) the processor WebLLM applies to each token of `modelId`'s replies. */
export function setLogitProcessor(engine: MLCEngine, modelId: string, processor: LogitProcessorLike | undefined): void {
  const pipeline = rawPipeline(engine, modelId);
  // The constructor assigns the field (`this.logitProcessor = undefined`), so a pipeline without it is not one
  // this code knows.
  if (!pipeline || !('logitProcessor' in pipeline)) {
    if (processor === undefined) return;
    throw makeAppError(
      'unknown',
      `WebLLM's pipeline for ${modelId} has no logitProcessor field where this app expects it`,
      { message: { key: 'errors.engine.noLogitProcessor' }, hint: { key: 'errors.engine.noLogitProcessorHint' } },
    );
  }
  pipeline.logitProcessor = processor;
}
