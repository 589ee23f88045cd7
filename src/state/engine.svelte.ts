/** Engine status as the UI sees it: GPU probe, loading progress, the loaded model, the last error. */
import { makeAppError, mapToAppError, type AppError } from '../lib/inference/app-error';
import type { LoadProgress } from '../lib/inference/load-progress';
import type { ModelDescriptor } from '../lib/models/model-descriptor';
import type { EngineClient } from '../bridge/engine-client';
import type { ChatRequest, ChatResult, GpuProbe, LoadedModel, StreamEvent, TokenCount } from '../protocol/engine-protocol';

export type EngineStatus = 'probing' | 'idle' | 'loading' | 'ready';

/** Held (Web Locks) by the one tab whose worker has a model on the GPU; two engines would share its memory. */
const ENGINE_LOCK = 'private-chat:engine';

/** Fields hold immutable values ($state.raw) so they can be passed to the worker without a proxy. */
export class EngineState {
  readonly #client: EngineClient;
  #gpu = $state.raw<GpuProbe | null>(null);
  #status = $state<EngineStatus>('probing');
  #loaded = $state.raw<(LoadedModel & { model: ModelDescriptor }) | null>(null);
  #loading = $state.raw<ModelDescriptor | null>(null);
  #progress = $state.raw<LoadProgress | null>(null);
  #error = $state.raw<AppError | null>(null);
  /** Releases the engine lock; set while this tab holds it. */
  #release: (() => void) | null = null;
  /** Cancels the load under way (the newest one). */
  #loadAbort: AbortController | null = null;

  constructor(client: EngineClient) {
    this.#client = client;
    client.onCrash((error) => {
      this.#releaseLock();
      this.#loaded = null;
      this.#loading = null;
      this.#progress = null;
      this.#status = 'idle';
      this.#error = error;
    });
  }

  get gpu(): GpuProbe | null {
    return this.#gpu;
  }
  get status(): EngineStatus {
    return this.#status;
  }
  get loaded(): (LoadedModel & { model: ModelDescriptor }) | null {
    return this.#loaded;
  }
  get loading(): ModelDescriptor | null {
    return this.#loading;
  }
  get progress(): LoadProgress | null {
    return this.#progress;
  }
  get error(): AppError | null {
    return this.#error;
  }

  async probe(): Promise<void> {
    try {
      this.#gpu = await this.#client.probeGpu();
    } catch (err) {
      this.#gpu = { webgpu: false, reason: 'probe-failed', error: mapToAppError(err) };
    }
    this.#status = 'idle';
  }

  /**
   * Loads a model; resolves true when it is ready. Errors land in `error`, never thrown at the UI. If another
   * tab holds the GPU, says so, unless `takeOver`: then that tab unloads and this one loads.
   */
  async load(model: ModelDescriptor, takeOver = false): Promise<boolean> {
    this.#error = null;
    if (!(await this.#acquireLock(takeOver))) {
      this.#error = makeAppError('engine-in-other-tab');
      return false;
    }
    const previous = this.#loaded;
    this.#loadAbort?.abort(); // a newer choice replaces a load still under way
    const abort = (this.#loadAbort = new AbortController());
    this.#loading = model;
    this.#loaded = null;
    this.#progress = { phase: 'preparing', fraction: null };
    this.#status = 'loading';
    try {
      const loaded = await this.#client.load(
        model,
        (progress) => {
          if (this.#loading === model) this.#progress = progress;
        },
        abort.signal,
      );
      if (this.#loading !== model) return false;
      this.#loaded = { ...loaded, model };
      this.#status = 'ready';
      return true;
    } catch (err) {
      const superseded = this.#loading !== null && this.#loading !== model;
      if (!superseded) {
        const error = mapToAppError(err);
        this.#error = error.kind === 'cancelled' ? null : error;
        await this.#settleAfterFailedLoad(previous);
      }
      return false;
    } finally {
      if (this.#loading === model) {
        this.#loading = null;
        this.#progress = null;
      }
      if (this.#loadAbort === abort) this.#loadAbort = null;
    }
  }

  /** A load that failed in its download leaves the previous model on the GPU: keep using it. */
  async #settleAfterFailedLoad(previous: (LoadedModel & { model: ModelDescriptor }) | null): Promise<void> {
    const still = previous ? await this.#client.loadedModelId().catch(() => null) : null;
    if (previous && still === previous.modelId) {
      this.#loaded = previous;
      this.#status = 'ready';
      return;
    }
    this.#status = 'idle';
    this.#releaseLock();
  }

  async cancelLoad(): Promise<void> {
    if (!this.#loading) return;
    this.#loading = null;
    this.#progress = null;
    this.#status = 'idle';
    this.#loadAbort?.abort();
    // The load's own failure handler decides whether the previous model is still there.
  }

  /** A reply (or a side task such as a title) from the loaded model; `signal` stops it. */
  chat(request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal?: AbortSignal): Promise<ChatResult> {
    return this.#client.chat(request, onEvents, signal);
  }

  /** What a request would cost in the loaded model's tokens. */
  countTokens(request: ChatRequest, signal?: AbortSignal): Promise<TokenCount> {
    return this.#client.countTokens(request, signal);
  }

  async unload(): Promise<void> {
    await this.#client.unload().catch(() => undefined);
    this.#loaded = null;
    this.#status = 'idle';
    this.#releaseLock();
  }

  /** A chat call found the engine unusable (GPU lost): reflect it. */
  markLost(error: AppError): void {
    this.#releaseLock();
    this.#loaded = null;
    this.#status = 'idle';
    this.#error = error;
  }

  dismissError(): void {
    this.#error = null;
  }

  /** Takes the engine lock (or finds it already ours). False when another tab holds it and we may not steal. */
  async #acquireLock(steal: boolean): Promise<boolean> {
    if (this.#release) return true;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return true;
    return new Promise<boolean>((answer) => {
      const held = new Promise<void>((resolve) => (this.#release = resolve));
      const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
      locks
        .request(ENGINE_LOCK, options, (lock) => {
          if (!lock) {
            this.#release = null;
            answer(false);
            return undefined;
          }
          answer(true);
          return held;
        })
        .catch(() => {
          // Another tab stole the lock: it runs the model now, so this tab lets go of its own.
          if (!this.#release) return;
          this.#release = null;
          void this.#client.unload().catch(() => undefined);
          this.#loaded = null;
          this.#loading = null;
          this.#progress = null;
          this.#status = 'idle';
          this.#error = makeAppError('taken-over');
        });
    });
  }

  #releaseLock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}
