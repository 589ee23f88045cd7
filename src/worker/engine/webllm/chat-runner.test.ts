import { describe, expect, it } from 'vitest';
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { LogitProcessorLike } from '../../../lib/inference/logit-processor';
import type { ChatRequest } from '../../../protocol/engine-protocol';
import { runChat } from './chat-runner';
import type { ConversationCache } from './conversation-cache';
import type { ModelLoader } from './model-loader';
import type { TokenCounter } from './token-counter';

const MODEL = 'Stub-Model';
const LOGITS = [2, 0.5, 3, -1, 1, 3, 0];

/**
 * Just enough of MLCEngine for runChat: the request it was given, and a pipeline that, like WebLLM's, runs its
 * `logitProcessor` (when set) on each step's logits. Each step's text says how many tokens the step could draw.
 */
function stubEngine() {
  const pipeline: { logitProcessor?: LogitProcessorLike } = { logitProcessor: undefined };
  const requests: Record<string, unknown>[] = [];
  let text = '';
  const engine = {
    loadedModelIdToPipeline: new Map([[MODEL, pipeline]]),
    chat: {
      completions: {
        async create(request: Record<string, unknown>) {
          requests.push(request);
          text = '';
          return (async function* () {
            for (let step = 0; step < 2; step++) {
              let logits: Float32Array = Float32Array.from(LOGITS);
              if (pipeline.logitProcessor !== undefined) logits = pipeline.logitProcessor.processLogits(logits);
              const token = `${logits.filter((l) => l > -Infinity).length} `;
              text += token;
              yield { choices: [{ delta: { content: token }, finish_reason: null }] };
            }
            yield { choices: [{ delta: {}, finish_reason: 'stop' }] };
          })();
        },
      },
    },
    interruptGenerate() {},
    getMessage: async () => text,
  };
  return { engine: engine as unknown as MLCEngine, pipeline, requests };
}

const models = { loaded: { id: MODEL }, markLost() {} } as unknown as ModelLoader;
const cache = { prepare: async () => undefined, forget() {} } as unknown as ConversationCache;
const counter = { count: () => ({ promptTokens: 3 }) } as unknown as TokenCounter;
const request = (sampling: ChatRequest['sampling']): ChatRequest => ({ conversation: { key: 'c', leafId: 'q' }, messages: [{ role: 'user', content: 'hi' }], sampling });
const run = (engine: MLCEngine, r: ChatRequest) => runChat(engine, models, cache, counter, r, () => undefined, new AbortController().signal);

describe('runChat and the decoding controls', () => {
  it('top-k and min-p go to the logit processor, for that request only; the rest goes to WebLLM as it is', async () => {
    const { engine, pipeline, requests } = stubEngine();
    const result = await run(engine, request({ temperature: 1.5, top_k: 3, min_p: 0.01, seed: 7, stop: ['###'], repetition_penalty: 1.1, presence_penalty: 0.2, frequency_penalty: 0.1, top_p: 0.9, max_tokens: 2 }));
    expect(result.text).toBe('3 3 '); // each step could only draw from the top 3
    expect(requests[0]).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 1.5,
      seed: 7,
      stop: ['###'],
      repetition_penalty: 1.1,
      presence_penalty: 0.2,
      frequency_penalty: 0.1,
      top_p: 0.9,
      max_tokens: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(pipeline.logitProcessor).toBeUndefined();
  });

  it('a request without them runs with no processor (no logits copied to the CPU), even right after one with them', async () => {
    const { engine, pipeline } = stubEngine();
    await run(engine, request({ top_k: 1 }));
    let during: unknown = 'not called';
    const create = engine.chat.completions.create.bind(engine.chat.completions);
    (engine.chat.completions as { create: unknown }).create = (r: never) => {
      during = pipeline.logitProcessor;
      return create(r);
    };
    const result = await run(engine, request({ temperature: 0.7, top_k: 0, min_p: 0 }));
    expect(during).toBeUndefined();
    expect(result.text).toBe(`${LOGITS.length} ${LOGITS.length} `);
  });

  it('the processor is taken off when the reply fails, too', async () => {
    const { engine, pipeline } = stubEngine();
    (engine.chat.completions as { create: unknown }).create = async () => {
      expect(pipeline.logitProcessor).toBeDefined();
      throw new Error('boom');
    };
    await expect(run(engine, request({ min_p: 0.1 }))).rejects.toMatchObject({ kind: 'unknown' });
    expect(pipeline.logitProcessor).toBeUndefined();
  });

  it('an engine whose pipeline has no logitProcessor field refuses top-k with a clear error, and serves the rest', async () => {
    const { engine, pipeline } = stubEngine();
    delete pipeline.logitProcessor;
    await expect(run(engine, request({ top_k: 5 }))).rejects.toMatchObject({ message: 'This version of the engine cannot apply top-k or min-p.' });
    await expect(run(engine, request({ temperature: 0 }))).resolves.toMatchObject({ text: `${LOGITS.length} ${LOGITS.length} ` });
  });
});

describe('the pipeline field the processor goes into, in both WebLLM versions the app meets', () => {
  // 0.2.86 ships; 0.2.79 runs the real-engine tier (which checks top-k on a real model). Both must have the
  // field logit-processor-slot.ts sets, read where the sampler runs it.
  it.each(['@mlc-ai/web-llm', 'web-llm-v0279'])('%s', async (name) => {
    const { readFile } = await import('node:fs/promises');
    const bundle = await readFile(new URL(`../../../../node_modules/${name}/lib/index.js`, import.meta.url), 'utf8');
    expect(bundle).toContain('this.loadedModelIdToPipeline = new Map()');
    expect(bundle).toContain('this.logitProcessor = undefined;');
    expect(bundle).toContain('logitsOnCPUArray = this.logitProcessor.processLogits(logitsOnCPUArray);');
  });
});
