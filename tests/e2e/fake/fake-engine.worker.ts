/**
 * A scripted stand-in for the WebLLM engine, for UI tests only, behind the same EngineApi and the same
 * stream relay as the real worker. The last user message picks the script:
 *   "/slow [ms]"   200 tokens, 60 ms apart or as given (long enough to press Stop)
 *   "/xss"         a reply full of script payloads that must render inert
 *   "/leak"        a reply full of remote media that must not load (hostile-content.ts)
 *   "/copytrap"    raw HTML imitating a code block with a hidden payload, then a real code block
 *   "/bench N"     N tokens as fast as possible (pipeline throughput)
 *   "/markdown N"  an N-token markdown reply, 5 ms apart
 *   "/fail"        the engine fails mid-reply as if the GPU was lost
 *   "/crash"       the worker dies mid-reply (an uncaught error), the call never answers
 *   "/hang"        the worker's thread is stuck mid-reply (an endless loop): its heartbeat stops
 *   "/stall"       the reply waits forever mid-reply (like a WebGPU call that never resolves) and ignores
 *                  Stop, while the thread (and its heartbeat) stays alive
 *   anything else  a short markdown reply, 25 ms per token
 * The app's side requests are recognised by their prompts: a conversation title (the question comes back),
 * a follow-up rewrite (fakeRewrite: a strict, deterministic answer derived from the question), and a running
 * summary (fakeSummary: how many messages it took in and their first words).
 */
import { makeAppError } from '../../../src/lib/inference/app-error';
import type { ModelDescriptor, PrebuiltRecord } from '../../../src/lib/models/model-descriptor';
import { exposeEngine } from '../../../src/worker/engine/expose-engine';
import { probeGpu } from '../../../src/worker/engine/gpu-probe';
import type { CacheUsage, ChatRequest, EngineApi } from '../../../src/protocol/engine-protocol';
import { JobQueue } from '../../../src/worker/engine/job-queue';
import { relayStream, type ChunkLike } from '../../../src/worker/engine/stream-relay';
import { fakeTokenCount, type FakeKvCache } from '../../support/fake-token-count';
import { DEFAULT_REPLY, XSS_REPLY, longMarkdownReply, tokenize } from './fake-replies';
import { COPY_TRAP_REPLY, LEAK_REPLY } from './hostile-content';

const MODEL_BYTES = 123_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A macrotask without setTimeout's 4 ms clamp, so the fast path is not throttled by the timer. */
const yieldToEventLoop = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const PREBUILT: PrebuiltRecord[] = [
  { model: 'https://huggingface.co/test/Fake-Chat-0.5B-q4f32_1-MLC', model_id: 'Fake-Chat-0.5B-Instruct-q4f32_1-MLC', model_lib: 'https://example.invalid/fake-q4f32.wasm', vram_required_MB: 600, overrides: { context_window_size: 4096 } },
  { model: 'https://huggingface.co/test/Fake-Chat-0.5B-q4f16_1-MLC', model_id: 'Fake-Chat-0.5B-Instruct-q4f16_1-MLC', model_lib: 'https://example.invalid/fake-q4f16.wasm', vram_required_MB: 400, overrides: { context_window_size: 4096 } },
];

let replies = 0;

/**
 * The follow-up rewrite request's last turn (lib/chat/follow-up-rewrite.ts): the history as "User: …" /
 * "Assistant: …" lines, then the question.
 */
const REWRITE_PROMPT = /^(?:Conversation so far:|之前的对话:)\n([\s\S]*)\n(?:Last question:|最后一个问题:) ([\s\S]*)$/;

/**
 * A rewrite as the app's strict parser expects it. "New topic: …" does not depend on the history (kept as
 * asked); any other question gets the topic of the previous question (its text without a leading /command
 * or an earlier "[about: …]"): "<question> [about: <topic>]".
 */
function fakeRewrite(history: string, question: string): string {
  if (/^new topic:/i.test(question)) return `THINKING: nothing refers back.\nDEPENDS: no\nSTANDALONE: ${question}`;
  const previous = history.split('\n').filter((line) => /^(?:User|用户): /.test(line)).at(-1) ?? '';
  const topic = previous.replace(/^(?:User|用户): /, '').replace(/^\/\S+\s+/, '').replace(/\s*\[about: .*\]$/, '');
  return `THINKING: the question refers to the previous one.\nDEPENDS: yes\nSTANDALONE: ${question} [about: ${topic}]`;
}

/**
 * The running-summary request's last turn (lib/chat/running-summary.ts): the summary so far, then the turns
 * leaving the context as "User: …" / "Assistant: …" lines (one per turn).
 */
const SUMMARY_PROMPT = /^(?:Summary so far:|目前的摘要：)\n([\s\S]*?)\n\n(?:Messages leaving the context:|移出上下文的消息：)\n([\s\S]*)\n\n(?:Write the updated summary\.|请写出更新后的摘要。)$/;

/**
 * "Summary: covers <n> messages; first words: <the first three words of the oldest>", with "more" and "after
 * an earlier summary" when there was one: deterministic, and it says what the request held.
 */
function fakeSummary(previous: string, turns: string): string {
  const lines = turns.split('\n').filter((line) => line.trim() !== '');
  const first = (lines[0] ?? '').replace(/^(?:User|Assistant|用户|助手): /, '').split(/\s+/).slice(0, 3).join(' ');
  const earlier = previous !== '(none yet)' && previous !== '（暂无）';
  return `Summary: covers ${lines.length}${earlier ? ' more' : ''} messages${earlier ? ' after an earlier summary' : ''}; first words: ${first}`;
}

/**
 * Every chat and countTokens request the double received, for tests to read from the worker
 * (`worker.evaluate(() => self.fakeEngineRequests)`, tests/e2e/support/fake-requests.ts).
 */
const requests: ChatRequest[] = [];
const counted: ChatRequest[] = [];
Object.assign(self, { fakeEngineRequests: requests, fakeEngineCounts: counted });

function script(prompt: string): { tokens: string[]; delayMs: number; failAt?: number } {
  // The app's request for a conversation title: "name me" earns a distinct title; otherwise the question
  // itself comes back, so tests that read titles see what they sent.
  const titled = /^Write a short title[\s\S]*?\n\nUser: ([\s\S]*?)\n\nAssistant: /.exec(prompt);
  if (titled) return { tokens: tokenize(/name me/.test(titled[1] ?? '') ? '"Named by the model."' : (titled[1] ?? '')), delayMs: 1 };
  const rewrite = REWRITE_PROMPT.exec(prompt);
  if (rewrite) return { tokens: tokenize(fakeRewrite(rewrite[1] ?? '', rewrite[2] ?? '')), delayMs: 1 };
  const summary = SUMMARY_PROMPT.exec(prompt);
  if (summary) return { tokens: tokenize(fakeSummary(summary[1] ?? '', summary[2] ?? '')), delayMs: 20 };
  const [command, arg] = prompt.trim().split(/\s+/);
  replies += 1;
  const n = Math.max(1, Number(arg) || 0);
  switch (command) {
    case '/slow':
      return { tokens: Array.from({ length: 200 }, (_, i) => ` word${i}`), delayMs: Number(arg) || 60 };
    case '/xss':
      return { tokens: tokenize(XSS_REPLY), delayMs: 5 };
    case '/leak':
      return { tokens: tokenize(LEAK_REPLY), delayMs: 1 };
    case '/copytrap':
      return { tokens: tokenize(COPY_TRAP_REPLY), delayMs: 2 };
    case '/bench':
      return { tokens: Array.from({ length: n }, (_, i) => (i % 12 === 11 ? '\n\n' : ` tok${i % 100}`)), delayMs: 0 };
    case '/markdown':
      return { tokens: tokenize(longMarkdownReply(n)), delayMs: 5 };
    case '/echo':
      // Numbered, so a regenerated answer differs from the first: "Answer 3 to: <text>".
      return { tokens: tokenize(`Answer ${replies} to: ${prompt.trim().slice('/echo'.length).trim()}`), delayMs: 5 };
    case '/fail':
      return { tokens: tokenize(DEFAULT_REPLY), delayMs: 25, failAt: 5 };
    default:
      return { tokens: tokenize(DEFAULT_REPLY), delayMs: 25 };
  }
}


function createFakeEngine(): EngineApi {
  let loaded: ModelDescriptor | null = null;
  const jobs = new JobQueue();
  let lastMessage = '';
  /** What the "KV cache" holds: the last conversation and its reply. */
  let kv: FakeKvCache | null = null;
  // "Downloaded" models persist across reloads like real ones, in a cache of the test double's own.
  const cacheStore = () => caches.open('fake-engine-models');
  const cacheKey = (id: string) => `https://fake.invalid/${encodeURIComponent(id)}`;

  async function* generate(prompt: string, promptTokens: number, signal: AbortSignal): AsyncGenerator<ChunkLike> {
    const { tokens, delayMs, failAt } = script(prompt);
    const start = performance.now();
    await sleep(40); // "prefill"
    const firstToken = performance.now();
    let produced = 0;
    let finish = 'stop';
    lastMessage = '';
    for (const token of tokens) {
      if (signal.aborted) {
        finish = 'abort';
        break;
      }
      if (failAt !== undefined && produced === failAt) throw new Error('DeviceLostError: Device was lost during generation');
      if (prompt.startsWith('/hang') && produced === 3) {
        for (const end = Date.now() + 600_000; Date.now() < end; ) {
          // Busy: no timer, no message, no heartbeat runs on this thread until the page replaces the worker.
        }
      }
      if (prompt.startsWith('/stall') && produced === 3) await new Promise(() => undefined);
      if (prompt.startsWith('/crash') && produced === 3) {
        setTimeout(() => {
          throw new Error('simulated crash');
        });
        await new Promise(() => undefined);
      }
      lastMessage += token;
      produced++;
      yield { choices: [{ delta: { content: token }, finish_reason: null }] };
      if (delayMs > 0) await sleep(delayMs);
      else if (produced % 64 === 0) await yieldToEventLoop(); // let cancel() and other messages in
    }
    yield { choices: [{ delta: {}, finish_reason: finish }] };
    const end = performance.now();
    const decodeS = (end - firstToken) / 1000;
    yield {
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: produced,
        extra: {
          prefill_tokens_per_s: promptTokens / ((firstToken - start) / 1000),
          decode_tokens_per_s: produced > 1 ? (produced - 1) / decodeS : null,
          time_to_first_token_s: (firstToken - start) / 1000,
          e2e_latency_s: (end - start) / 1000,
        },
      },
    };
  }

  const api: EngineApi = {
    probeGpu,
    prebuiltModels: async () => PREBUILT,

    async loadedModelId() {
      return loaded?.id ?? null;
    },

    load: (job, model, onProgress) =>
      jobs.run(job, async (signal) => {
        const steps = 10;
        // Like the real engine, the loaded model stays until the new one's download is done.
        for (let i = 1; i <= steps; i++) {
          if (signal.aborted) throw makeAppError('cancelled');
          // A model whose id says "Unreachable" fails half way through its download, as an offline host would.
          if (/Unreachable/.test(model.id) && i === 5) throw makeAppError('download-failed', 'HTTP 404 for params_shard_4.bin', { message: { key: 'errors.download.httpStatus', params: { model: model.name, status: '404', file: 'params_shard_4.bin' } } });
          onProgress({ phase: 'downloading', fraction: i / steps, loadedBytes: (MODEL_BYTES * i) / steps, totalBytes: MODEL_BYTES, filesDone: i, filesTotal: steps });
          await sleep(30);
        }
        loaded = null;
        await (await cacheStore()).put(cacheKey(model.id), new Response('x'));
        for (const phase of ['loading', 'compiling'] as const) {
          onProgress({ phase, fraction: 0.5, filesDone: 1, filesTotal: 2 });
          await sleep(60);
        }
        if (signal.aborted) throw makeAppError('cancelled');
        loaded = model;
        return { modelId: model.id, contextWindow: model.contextWindow, loadSeconds: 0.5 };
      }),

    chat: (job, request, onEvents) =>
      jobs.run(job, async (signal) => {
        if (!loaded) throw makeAppError('not-loaded');
        requests.push(request);
        const last = request.messages[request.messages.length - 1]?.content ?? '';
        // Like WebLLM: only the new round is prefilled when the request continues the cached conversation.
        const count = fakeTokenCount(request, loaded.contextWindow, kv);
        if (count.promptTokens > (loaded.contextWindow ?? Infinity)) {
          throw makeAppError('context-exceeded', `Prompt tokens exceed context window size: number of prompt tokens: ${count.promptTokens}; context window size: ${loaded.contextWindow}`);
        }
        const result = await relayStream(generate(last, count.prefillTokens, signal), onEvents, async () => lastMessage);
        kv = result.finishReason === 'stop' ? { key: request.conversation.key, turns: [...request.messages, { role: 'assistant', content: result.text }] } : null;
        return result.stats ? { ...result, stats: { ...result.stats, reusedTokens: count.promptTokens - count.prefillTokens } } : result;
      }),

    countTokens: (job, request) =>
      jobs.run(job, async () => {
        if (!loaded) throw makeAppError('not-loaded');
        counted.push(request);
        return fakeTokenCount(request, loaded.contextWindow, kv);
      }),

    unload: (job) =>
      jobs.run(job, async () => {
        loaded = null;
      }),

    async cancel(job) {
      jobs.cancel(job);
    },

    async cacheUsage(models): Promise<CacheUsage[]> {
      const keys = new Set((await (await cacheStore()).keys()).map((r) => r.url));
      return models.filter((m) => keys.has(cacheKey(m.id))).map((m) => ({ modelId: m.id, bytes: MODEL_BYTES, complete: true }));
    },
    async deleteCached(model) {
      await (await cacheStore()).delete(cacheKey(model.id));
    },
  };
  return api;
}

// Short watchdog limits, so the tests of a stuck engine take seconds (the real worker uses the defaults).
exposeEngine(createFakeEngine(), { silenceLimitMs: 5000, stopGraceMs: 3000 });
