/**
 * One reply through WebLLM's chat completions, streamed through the relay. Stop (the job's signal) interrupts
 * generation, and the reply ends with what it has. The app's own generation loop (decoding strategies, beam
 * search) will sit beside this runner and take over when WebLLM's internals it needs are present.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { makeAppError, mapToAppError } from '../../../lib/inference/app-error';
import { LogitFilterProcessor, logitFiltersOf } from '../../../lib/inference/logit-processor';
import type { ChatRequest, ChatResult, StreamEvent } from '../../../protocol/engine-protocol';
import { relayStream } from '../stream-relay';
import type { ConversationCache } from './conversation-cache';
import { setLogitProcessor } from './logit-processor-slot';
import type { ModelLoader } from './model-loader';
import type { TokenCounter } from './token-counter';

/** One for the worker's life: WebLLM reads it on each step of the request it is set for. */
const filterProcessor = new LogitFilterProcessor();

export async function runChat(
  engine: MLCEngine,
  models: ModelLoader,
  cache: ConversationCache,
  counter: TokenCounter,
  request: ChatRequest,
  onEvents: (events: StreamEvent[]) => void,
  signal: AbortSignal,
): Promise<ChatResult> {
  if (!models.loaded) throw makeAppError('not-loaded');
  const modelId = models.loaded.id;
  // Top-k and min-p are no WebLLM request fields: a logit processor applies them, on this request only.
  const { top_k, min_p, ...sampling } = request.sampling ?? {};
  const filters = logitFiltersOf({ top_k, min_p });
  const stop = () => void engine.interruptGenerate();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await cache.prepare(request.conversation);
    const fresh = freshPromptTokens(counter, models.loaded.id, request);
    filterProcessor.use(filters);
    setLogitProcessor(engine, modelId, filters ? filterProcessor : undefined);
    const started = performance.now();
    const chunks = await engine.chat.completions.create({
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...sampling,
      stream: true,
      stream_options: { include_usage: true },
    });
    if (signal.aborted) stop(); // cancelled while the request was being set up
    const result = await relayStream(chunks, onEvents, () => engine.getMessage(), undefined, started);
    // What the engine did not prefill, it reused from its KV cache.
    const prefilled = result.stats?.promptTokens;
    if (!result.stats || fresh === null || prefilled === null || prefilled === undefined) return result;
    return { ...result, stats: { ...result.stats, reusedTokens: Math.max(0, fresh - prefilled) } };
  } catch (err) {
    const mapped = mapToAppError(err);
    // The engine unloads itself when the GPU device is lost after loading; say what happened.
    if (mapped.kind === 'not-loaded') {
      models.markLost();
      cache.forget();
      throw makeAppError('device-lost', mapped.detail);
    }
    throw mapped;
  } finally {
    signal.removeEventListener('abort', stop);
    // Whatever asks next (a title, a count, a reply without them) must not pay for a copy of every token's logits.
    setLogitProcessor(engine, modelId, undefined);
    filterProcessor.use(null);
  }
}

/** The whole prompt's tokens; a reply never fails because counting did (the figure is then unknown). */
function freshPromptTokens(counter: TokenCounter, modelId: string, request: ChatRequest): number | null {
  try {
    // Compared with usage.prompt_tokens, which does not count the template's prefix ids.
    return counter.count(modelId, request, false).promptTokens - counter.prefixTokens(modelId);
  } catch {
    return null;
  }
}
