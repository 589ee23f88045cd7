/** Engine status as the UI sees it: GPU probe, loading progress, the loaded model, the last error. */
import type { AppError } from '../lib/engine/app-error';
import { appError } from '../lib/engine/app-error';
import type { LoadProgress } from '../lib/engine/load-progress';
import type { ModelDescriptor } from '../lib/models/model-descriptor';
import { EngineError, type EngineClient } from '../worker/engine-client';
import type { GpuProbe, LoadedModel } from '../worker/protocol';

export type EngineStatus = 'probing' | 'idle' | 'loading' | 'ready';

export function asAppError(err: unknown): AppError {
  return err instanceof EngineError ? err.appError : appError('unknown', String(err));
}

/** Fields hold immutable values ($state.raw) so they can be passed to the worker without a proxy. */
export class EngineState {
  readonly #client: EngineClient;
  #gpu = $state.raw<GpuProbe | null>(null);
  #status = $state<EngineStatus>('probing');
  #loaded = $state.raw<(LoadedModel & { model: ModelDescriptor }) | null>(null);
  #loading = $state.raw<ModelDescriptor | null>(null);
  #progress = $state.raw<LoadProgress | null>(null);
  #error = $state.raw<AppError | null>(null);

  constructor(client: EngineClient) {
    this.#client = client;
    client.onCrash((error) => {
      this.#loaded = null;
      this.#loading = null;
      this.#progress = null;
      this.#status = 'idle';
      this.#error = error;
    });
  }

  get client(): EngineClient {
    return this.#client;
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
      this.#gpu = { webgpu: false, error: asAppError(err) };
    }
    this.#status = 'idle';
  }

  /** Loads a model; resolves true when it is ready. Errors land in `error`, never thrown at the UI. */
  async load(model: ModelDescriptor): Promise<boolean> {
    this.#error = null;
    this.#loading = model;
    this.#loaded = null;
    this.#progress = { phase: 'preparing', fraction: null };
    this.#status = 'loading';
    try {
      const loaded = await this.#client.load(model, (progress) => {
        if (this.#loading === model) this.#progress = progress;
      });
      if (this.#loading !== model) return false;
      this.#loaded = { ...loaded, model };
      this.#status = 'ready';
      return true;
    } catch (err) {
      if (this.#loading !== model) return false;
      const error = asAppError(err);
      this.#error = error.kind === 'cancelled' ? null : error;
      this.#status = 'idle';
      return false;
    } finally {
      if (this.#loading === model) {
        this.#loading = null;
        this.#progress = null;
      }
    }
  }

  async cancelLoad(): Promise<void> {
    if (!this.#loading) return;
    this.#loading = null;
    this.#progress = null;
    this.#status = 'idle';
    await this.#client.cancelLoad().catch(() => undefined);
  }

  async unload(): Promise<void> {
    await this.#client.unload().catch(() => undefined);
    this.#loaded = null;
    this.#status = 'idle';
  }

  /** A chat call found the engine unusable (GPU lost): reflect it. */
  markLost(error: AppError): void {
    this.#loaded = null;
    this.#status = 'idle';
    this.#error = error;
  }

  dismissError(): void {
    this.#error = null;
  }
}
