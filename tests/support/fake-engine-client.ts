/**
 * A scripted, in-memory `EngineClient` for Node tests of the state classes (EngineState, ChatSession,
 * ModelsState): no worker, no WebGPU, no timers. It behaves like the real client at its interface: failed
 * calls reject with AppError data (plain objects, never Error instances), an already-aborted signal rejects
 * with `cancelled`, a crash fails every pending call and tells the `onCrash` listeners.
 *
 * Loads: by default a load finishes after one awaited step (a macrotask) with two progress reports. With
 * `holdLoads = true` it waits until the test calls `finish()` or `fail()` on it (`await fake.nextLoad()`).
 * Aborting its signal rejects it with `cancelled`; the model on the "GPU" (`modelOnGpu`, what
 * `loadedModelId()` answers) stays the previous one unless `failedLoadUnloads` is set.
 *
 * Chats: the reply comes from `script()` (a queue) or a default ("Answer N to: <question>" in word tokens;
 * a title request, key `title:…`, answers `titleText`; a running-summary request, `summary:…`, `summaryText`);
 * `scriptFor(prefix, …)` queues replies for requests whose conversation key starts with `prefix` only, ahead of
 * the common queue. Tokens go out one at a time through
 * `onEvents([{ type: 'delta', text }])`. With `holdTokens = true` each token waits at a gate: the test lets
 * them through with `await call.release(n)` (resolves once they were delivered), so it can stop mid-reply
 * deterministically. Aborting the signal resolves the chat with what was sent so far (`finishReason:
 * 'abort'`, `stats: null`) unless `ignoreAborts` (a stuck engine, ended by `crash()`). `failNextChat(error,
 * afterTokens)` makes the next reply fail with that AppError.
 * Every request is recorded (`requests`, `chats`), and `log` lists every call by name.
 */
import type { EngineClient } from '../../src/bridge/engine-client';
import type { FinishReason } from '../../src/lib/chat/chat-types';
import { makeAppError, type AppError } from '../../src/lib/inference/app-error';
import type { LoadProgress } from '../../src/lib/inference/load-progress';
import type { ReplyStats } from '../../src/lib/inference/reply-stats';
import type { ModelDescriptor, PrebuiltRecord } from '../../src/lib/models/model-descriptor';
import { fakeTokenCount } from './fake-token-count';
import type { CacheUsage, ChatRequest, ChatResult, GpuProbe, LoadedModel, StreamEvent, TokenCount } from '../../src/protocol/engine-protocol';

export const FAKE_GPU: GpuProbe = {
  webgpu: true,
  vendor: 'fake',
  architecture: 'test',
  description: 'Scripted test GPU',
  isFallbackAdapter: false,
  shaderF16: true,
  maxBufferSize: 2 ** 30,
  maxStorageBufferBindingSize: 2 ** 30,
};

/** A model the fake can load (any descriptor works; this one is handy). */
export function fakeModel(id = 'Fake-Chat-0.5B-q4f32_1-MLC', overrides: Partial<ModelDescriptor> = {}): ModelDescriptor {
  return {
    id,
    name: id,
    modelUrl: `https://example.invalid/${id}`,
    libUrl: `https://example.invalid/${id}.wasm`,
    quantization: 'q4f32_1',
    needsShaderF16: false,
    contextWindow: 4096,
    vramMB: 600,
    downloadBytesEstimate: 1_000_000,
    params: '0.5B',
    source: 'prebuilt',
    ...overrides,
  };
}

/** Stats of a reply; `decodeTokensPerS` decides whether ChatSession asks for a model-written title. */
export function fakeStats(decodeTokensPerS: number | null, completionTokens: number | null = null): ReplyStats {
  return { promptTokens: null, completionTokens, prefillTokensPerS: null, decodeTokensPerS, timeToFirstTokenS: null, totalS: null };
}

/** Splits text into word tokens that join back to it ("a b" -> ["a", " b"]). */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

export interface ScriptedReply {
  readonly tokens: readonly string[];
  /** What the result carries as the reply's text; default: the tokens joined. */
  readonly text?: string;
  readonly finishReason?: FinishReason;
  /** Default: the client's `stats`. */
  readonly stats?: ReplyStats | null;
  /** Fail with this error once `failAfter` tokens were sent. */
  readonly error?: AppError;
  readonly failAfter?: number;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One macrotask: lets timers, IndexedDB callbacks and liveQuery deliveries run. */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Calls as they arrive, with a waiting `next()`: the oldest call not handed out yet that is still running
 * (calls that ended on their own, e.g. a load that finished unattended, are skipped).
 */
class Arrivals<T extends { readonly settled: boolean }> {
  readonly all: T[] = [];
  #taken = 0;
  #waiters: Array<(value: T) => void> = [];

  push(value: T): void {
    this.all.push(value);
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#taken = this.all.length;
      waiter(value);
    }
  }

  next(): Promise<T> {
    while (this.#taken < this.all.length) {
      const value = this.all[this.#taken++] as T;
      if (!value.settled) return Promise.resolve(value);
    }
    return new Promise<T>((resolve) => this.#waiters.push(resolve));
  }
}

export class FakeLoadCall {
  readonly model: ModelDescriptor;
  readonly signal: AbortSignal | undefined;
  /** Every progress report sent to the caller. */
  readonly reported: LoadProgress[] = [];
  readonly #onProgress: (progress: LoadProgress) => void;
  readonly #result = deferred<LoadedModel>();
  readonly #client: FakeEngineClient;
  #settled = false;

  constructor(client: FakeEngineClient, model: ModelDescriptor, onProgress: (progress: LoadProgress) => void, signal: AbortSignal | undefined) {
    this.#client = client;
    this.model = model;
    this.#onProgress = onProgress;
    this.signal = signal;
    // Swallowed here so a test that never awaits the result sees no unhandled rejection; the caller still gets it.
    this.#result.promise.catch(() => undefined);
    signal?.addEventListener('abort', () => this.#fail(makeAppError('cancelled'), 'aborted'), { once: true });
  }

  get result(): Promise<LoadedModel> {
    return this.#result.promise;
  }
  get settled(): boolean {
    return this.#settled;
  }
  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  progress(progress: LoadProgress): void {
    if (this.#settled) return;
    this.reported.push(progress);
    this.#onProgress(progress);
  }

  /** The model is on the GPU now. */
  finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#client.modelOnGpu = this.model.id;
    this.#client.cached.set(this.model.id, this.model.downloadBytesEstimate ?? 1);
    this.#client.pendingLoads.delete(this);
    this.#result.resolve({ modelId: this.model.id, contextWindow: this.model.contextWindow, loadSeconds: 0.5 });
  }

  /** Fails the load with `error` (AppError data, as the real client rejects with). */
  fail(error: AppError): void {
    this.#fail(error, 'failed');
  }

  #fail(error: AppError, why: string): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#client.log.push(`load ${this.model.id} ${why}`);
    if (this.#client.failedLoadUnloads) this.#client.modelOnGpu = null;
    this.#client.pendingLoads.delete(this);
    this.#result.reject(error);
  }
}

export class FakeChatCall {
  readonly request: ChatRequest;
  readonly signal: AbortSignal | undefined;
  /** Whether its tokens wait at the gate (the client's `holdTokens` when it started). */
  readonly held: boolean;
  /** A stuck engine: aborting does not end it (the client's `ignoreAborts` when it started). */
  readonly ignoresAbort: boolean;
  /** Tokens delivered through onEvents so far. */
  readonly sent: string[] = [];
  readonly #reply: ScriptedReply;
  readonly #onEvents: (events: StreamEvent[]) => void;
  readonly #client: FakeEngineClient;
  readonly #result = deferred<ChatResult>();
  #settled = false;
  #permits = 0;
  #wake: (() => void) | null = null;
  #delivered: Array<{ count: number; resolve: () => void }> = [];

  constructor(client: FakeEngineClient, request: ChatRequest, reply: ScriptedReply, onEvents: (events: StreamEvent[]) => void, signal: AbortSignal | undefined, held: boolean) {
    this.#client = client;
    this.request = request;
    this.#reply = reply;
    this.#onEvents = onEvents;
    this.signal = signal;
    this.held = held;
    this.ignoresAbort = client.ignoreAborts;
    this.#result.promise.catch(() => undefined);
    signal?.addEventListener(
      'abort',
      () => {
        this.#client.log.push(`chat ${request.conversation.key} aborted${this.ignoresAbort ? ' (ignored)' : ''}`);
        if (!this.ignoresAbort) this.#settle({ text: this.text, finishReason: 'abort', stats: null });
      },
      { once: true },
    );
  }

  get result(): Promise<ChatResult> {
    return this.#result.promise;
  }
  get settled(): boolean {
    return this.#settled;
  }
  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }
  /** The text sent so far. */
  get text(): string {
    return this.sent.join('');
  }
  /** The question this request ends with. */
  get lastUserTurn(): string | undefined {
    return this.request.messages.filter((m) => m.role === 'user').at(-1)?.content;
  }

  /**
   * Lets `n` more tokens through the gate; resolves once they were delivered (or the call ended first).
   * Only meaningful for a held call; an unheld one streams on its own.
   */
  release(n = 1): Promise<void> {
    const target = this.sent.length + this.#permits + n;
    this.#permits += n;
    this.#wakeUp();
    if (this.#settled || this.sent.length >= target) return Promise.resolve();
    return new Promise<void>((resolve) => this.#delivered.push({ count: target, resolve }));
  }

  /** Lets every remaining token through; resolves with the result. */
  releaseAll(): Promise<ChatResult> {
    this.#permits = Number.POSITIVE_INFINITY;
    this.#wakeUp();
    return this.result;
  }

  /** Runs the script: called once by the client. */
  async run(): Promise<void> {
    const { tokens, error, failAfter } = this.#reply;
    for (let i = 0; i < tokens.length; i++) {
      if (error && i >= (failAfter ?? 0)) break;
      await (this.held ? this.#permit() : macrotask());
      if (this.#settled) return;
      this.#permits -= this.held ? 1 : 0;
      this.sent.push(tokens[i] as string);
      this.#onEvents([{ type: 'delta', text: tokens[i] as string }]);
      this.#notifyDelivered();
    }
    if (this.#settled) return;
    if (error) {
      this.#client.log.push(`chat ${this.request.conversation.key} failed ${error.kind}`);
      this.#settled = true;
      this.#releaseWaiters();
      this.#result.reject(error);
      return;
    }
    this.#settle({
      text: this.#reply.text ?? this.text,
      finishReason: this.#reply.finishReason ?? 'stop',
      stats: this.#reply.stats === undefined ? this.#client.stats : this.#reply.stats,
    });
  }

  /** Ends the call with `error` (a crash). */
  crash(error: AppError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#releaseWaiters();
    this.#result.reject(error);
  }

  #settle(result: ChatResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#releaseWaiters();
    this.#result.resolve(result);
  }

  #permit(): Promise<void> {
    if (this.#permits > 0 || this.#settled) return Promise.resolve();
    return new Promise<void>((resolve) => (this.#wake = resolve));
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  #notifyDelivered(): void {
    this.#delivered = this.#delivered.filter((w) => (this.sent.length >= w.count ? (w.resolve(), false) : true));
  }

  #releaseWaiters(): void {
    this.#client.pendingChats.delete(this);
    this.#wakeUp();
    for (const w of this.#delivered) w.resolve();
    this.#delivered = [];
  }
}

export class FakeEngineClient implements EngineClient {
  /** What probeGpu answers; `probeError` makes it reject instead. */
  gpu: GpuProbe = FAKE_GPU;
  probeError: AppError | null = null;
  prebuilt: PrebuiltRecord[] = [];
  /** The model on the "GPU": what loadedModelId() answers. */
  modelOnGpu: string | null = null;
  /** Bytes cached per model id (set by a finished load). */
  readonly cached = new Map<string, number>();
  /** Loads wait for the test (`finish`/`fail`) instead of finishing after one step. */
  holdLoads = false;
  /** A failed or cancelled load leaves no model on the GPU (a failure after the old one was unloaded). */
  failedLoadUnloads = false;
  /** Tokens of replies started from now on wait for `release`. */
  holdTokens = false;
  /** Replies started from now on ignore their AbortSignal, like a stuck engine (only `crash()` ends them). */
  ignoreAborts = false;
  /** Stats each reply reports unless its script says otherwise. */
  stats: ReplyStats | null = null;
  /** What a title request (`title:…`) answers unless scripted. */
  titleText = 'A Scripted Title';
  /** What a running-summary request (`summary:…`) answers unless scripted. */
  summaryText = 'Summary: The earlier messages, in short.';
  /** Every call by name, in order ("chat <key>", "load <id>", "unload", …). */
  readonly log: string[] = [];
  readonly countRequests: ChatRequest[] = [];
  /** The loaded model's context window, as countTokens reports it. */
  contextWindow = 4096;
  /** When set, countTokens fails with it (an engine that cannot count). */
  countError: AppError | null = null;
  readonly pendingLoads = new Set<FakeLoadCall>();
  readonly pendingChats = new Set<FakeChatCall>();
  readonly #loads = new Arrivals<FakeLoadCall>();
  readonly #chats = new Arrivals<FakeChatCall>();
  readonly #script: ScriptedReply[] = [];
  readonly #keyed: Array<{ readonly prefix: string; readonly reply: ScriptedReply }> = [];
  readonly #crashListeners: Array<(error: AppError) => void> = [];
  #replies = 0;

  /** Every load call received, oldest first. */
  get loads(): readonly FakeLoadCall[] {
    return this.#loads.all;
  }
  /** Every chat call received (replies and title requests), oldest first. */
  get chats(): readonly FakeChatCall[] {
    return this.#chats.all;
  }
  /** Every chat request received, oldest first. */
  get requests(): readonly ChatRequest[] {
    return this.#chats.all.map((c) => c.request);
  }

  /** The oldest running load call not handed out yet (waits for one). */
  nextLoad(): Promise<FakeLoadCall> {
    return this.#loads.next();
  }
  /** The oldest running chat call not handed out yet (waits for one). */
  nextChat(): Promise<FakeChatCall> {
    return this.#chats.next();
  }

  /** Queues the replies of the next chats (text is split into word tokens). */
  script(...replies: Array<string | ScriptedReply>): void {
    for (const reply of replies) this.#script.push(typeof reply === 'string' ? { tokens: tokenize(reply) } : reply);
  }

  /** Queues replies for the next chats whose conversation key starts with `keyPrefix` (e.g. "summary:"). */
  scriptFor(keyPrefix: string, ...replies: Array<string | ScriptedReply>): void {
    for (const reply of replies) this.#keyed.push({ prefix: keyPrefix, reply: typeof reply === 'string' ? { tokens: tokenize(reply) } : reply });
  }

  /** The next chat fails with `error` after sending `afterTokens` tokens of its reply. */
  failNextChat(error: AppError, afterTokens = 0, tokens: readonly string[] = tokenize('This reply will not get far at all')): void {
    this.#script.push({ tokens, error, failAfter: afterTokens });
  }

  /** The worker died: every pending call fails with `error`, the model is gone, listeners hear of it. */
  crash(error: AppError = makeAppError('engine-unresponsive', 'no heartbeat for 31 s')): void {
    this.log.push(`crash ${error.kind}`);
    this.modelOnGpu = null;
    for (const load of [...this.pendingLoads]) load.fail(error);
    for (const chat of [...this.pendingChats]) chat.crash(error);
    for (const listener of this.#crashListeners) listener(error);
  }

  // EngineClient

  probeGpu(): Promise<GpuProbe> {
    this.log.push('probeGpu');
    return this.probeError ? Promise.reject(this.probeError) : Promise.resolve(this.gpu);
  }

  prebuiltModels(): Promise<PrebuiltRecord[]> {
    this.log.push('prebuiltModels');
    return Promise.resolve([...this.prebuilt]);
  }

  loadedModelId(): Promise<string | null> {
    this.log.push('loadedModelId');
    return Promise.resolve(this.modelOnGpu);
  }

  cacheUsage(models: ModelDescriptor[]): Promise<CacheUsage[]> {
    this.log.push('cacheUsage');
    return Promise.resolve(
      models.filter((m) => this.cached.has(m.id)).map((m) => ({ modelId: m.id, bytes: this.cached.get(m.id) ?? 0, complete: true })),
    );
  }

  deleteCached(model: ModelDescriptor, _keep: ModelDescriptor[]): Promise<void> {
    this.log.push(`deleteCached ${model.id}`);
    this.cached.delete(model.id);
    return Promise.resolve();
  }

  load(model: ModelDescriptor, onProgress: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModel> {
    this.log.push(`load ${model.id}`);
    if (signal?.aborted) return Promise.reject(makeAppError('cancelled'));
    const call = new FakeLoadCall(this, model, onProgress, signal);
    this.pendingLoads.add(call);
    this.#loads.push(call);
    if (!this.holdLoads) {
      void (async () => {
        await macrotask();
        call.progress({ phase: 'downloading', fraction: 0.5, loadedBytes: 1, totalBytes: 2 });
        await macrotask();
        call.progress({ phase: 'ready', fraction: 1 });
        call.finish();
      })();
    }
    return call.result;
  }

  chat(request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal?: AbortSignal): Promise<ChatResult> {
    this.log.push(`chat ${request.conversation.key}`);
    if (signal?.aborted) return Promise.reject(makeAppError('cancelled'));
    const call = new FakeChatCall(this, request, this.#nextReply(request), onEvents, signal, this.holdTokens);
    this.pendingChats.add(call);
    this.#chats.push(call);
    void call.run();
    return call.result;
  }

  countTokens(request: ChatRequest, signal?: AbortSignal): Promise<TokenCount> {
    this.log.push('countTokens');
    if (signal?.aborted) return Promise.reject(makeAppError('cancelled'));
    this.countRequests.push(request);
    if (this.countError) return Promise.reject(this.countError);
    return Promise.resolve(fakeTokenCount(request, this.modelOnGpu ? this.contextWindow : null, null));
  }

  unload(): Promise<void> {
    this.log.push('unload');
    this.modelOnGpu = null;
    return Promise.resolve();
  }

  onCrash(listener: (error: AppError) => void): void {
    this.#crashListeners.push(listener);
  }

  #nextReply(request: ChatRequest): ScriptedReply {
    const keyed = this.#keyed.findIndex((k) => request.conversation.key.startsWith(k.prefix));
    if (keyed >= 0) return this.#keyed.splice(keyed, 1)[0]!.reply;
    const scripted = this.#script.shift();
    if (scripted) return scripted;
    if (this.modelOnGpu === null) return { tokens: [], error: makeAppError('not-loaded') };
    if (request.conversation.key.startsWith('title:')) return { tokens: tokenize(this.titleText) };
    if (request.conversation.key.startsWith('summary:')) return { tokens: tokenize(this.summaryText) };
    this.#replies += 1;
    const question = request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    return { tokens: tokenize(`Answer ${this.#replies} to: ${question}`) };
  }
}
