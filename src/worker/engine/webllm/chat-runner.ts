/**
 * One reply through WebLLM's chat completions, streamed through the relay. Stop (the job's signal) interrupts
 * generation, and the reply ends with what it has. The app's own generation loop (decoding strategies, beam
 * search) will sit beside this runner and take over when WebLLM's internals it needs are present.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { makeAppError, mapToAppError } from '../../../lib/inference/app-error';
import type { ChatRequest, ChatResult, StreamEvent } from '../../../protocol/engine-protocol';
import { relayStream } from '../stream-relay';
import type { ConversationCache } from './conversation-cache';
import type { ModelLoader } from './model-loader';

export async function runChat(
  engine: MLCEngine,
  models: ModelLoader,
  cache: ConversationCache,
  request: ChatRequest,
  onEvents: (events: StreamEvent[]) => void,
  signal: AbortSignal,
): Promise<ChatResult> {
  if (!models.loaded) throw makeAppError('not-loaded');
  const stop = () => void engine.interruptGenerate();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await cache.prepare(request.conversation);
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
      models.markLost();
      cache.forget();
      throw makeAppError('device-lost', mapped.detail);
    }
    throw mapped;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
