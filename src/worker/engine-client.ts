/**
 * The page's side of the worker boundary: starts the worker, wraps it with Comlink, turns thrown AppError
 * data into `EngineError`s, and restarts the worker if it dies (pending calls fail with a clear error).
 */
import * as Comlink from 'comlink';
import { appError, toAppError, type AppError } from '../lib/engine/app-error';
import type { EngineApi, GpuProbe } from './protocol';
import { spawnEngineWorker } from './spawn-engine-worker';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/** The worker's API as the page uses it, plus crash notification. */
export interface EngineClient extends EngineApi {
  /** Called when the worker crashed; the next call starts a fresh one. */
  onCrash(listener: (error: AppError) => void): void;
}

export function createEngineClient(spawn: () => Worker = spawnEngineWorker): EngineClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<EngineApi> | null = null;
  const pending = new Set<(error: AppError) => void>();
  const crashListeners: Array<(error: AppError) => void> = [];

  const connect = (): Comlink.Remote<EngineApi> => {
    if (remote) return remote;
    const w = spawn();
    w.addEventListener('error', (event) => {
      event.preventDefault();
      const error = appError('unknown', event.message || 'the engine worker stopped', 'The model engine stopped unexpectedly.');
      if (worker === w) {
        remote?.[Comlink.releaseProxy]();
        w.terminate();
        worker = null;
        remote = null;
      }
      for (const fail of pending) fail(error);
      pending.clear();
      for (const listener of crashListeners) listener(error);
    });
    worker = w;
    remote = Comlink.wrap<EngineApi>(w);
    return remote;
  };

  /** Runs one call; a worker crash or a thrown AppError both surface as EngineError. */
  const call = <T>(run: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const fail = (error: AppError) => reject(new EngineError(error));
      pending.add(fail);
      run(connect())
        .then(resolve, (err: unknown) => fail(toAppError(err)))
        .finally(() => pending.delete(fail));
    });

  /** Calls with a callback that Comlink proxies to the worker (the worker releases it when done). */
  const withProxy = <C extends object, T>(callback: C, run: (api: Comlink.Remote<EngineApi>, proxy: C) => Promise<T>) =>
    call((api) => run(api, Comlink.proxy(callback)));

  return {
    probeGpu: () => call<GpuProbe>((api) => api.probeGpu()),
    prebuiltModels: () => call((api) => api.prebuiltModels()),
    load: (model, onProgress) => withProxy(onProgress, (api, p) => api.load(model, p)),
    cancelLoad: () => call((api) => api.cancelLoad()),
    loadedModelId: () => call<string | null>((api) => api.loadedModelId()),
    chat: (request, onEvents) => withProxy(onEvents, (api, p) => api.chat(request, p)),
    interrupt: () => call((api) => api.interrupt()),
    reset: () => call((api) => api.reset()),
    unload: () => call((api) => api.unload()),
    cacheUsage: (models) => call((api) => api.cacheUsage(models)),
    deleteCached: (model, keep) => call((api) => api.deleteCached(model, keep)),
    onCrash: (listener) => void crashListeners.push(listener),
  };
}
