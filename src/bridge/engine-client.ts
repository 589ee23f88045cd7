/**
 * The page's side of the worker boundary: starts the worker, wraps it with Comlink, rejects every failed call
 * with `AppError` data (what the worker threw, or a crash or watchdog error made here), and replaces the worker if it dies or stops answering (pending calls fail with
 * a clear error, the next call starts a fresh worker).
 *
 * The watchdog: the worker posts a heartbeat every second. While a call waits, a silence longer than the
 * worker's own limit means its thread is stuck (an endless loop, a blocked wasm call). A worker whose thread
 * runs but whose work never ends (a WebGPU call that never resolves) is caught when the person gives up on
 * it: after Stop or Cancel, the call gets a grace period (at least `stopGraceMs`, or three times its slowest
 * step so far, so a slow GPU is not mistaken for a hung one), then the worker is replaced.
 */
import * as Comlink from 'comlink';
import { makeAppError, mapToAppError, type AppError } from '../lib/inference/app-error';
import type { LoadProgress } from '../lib/inference/load-progress';
import type { ModelDescriptor, PrebuiltRecord } from '../lib/models/model-descriptor';
import {
  DEFAULT_WATCHDOG,
  HEARTBEAT_INTERVAL_MS,
  isHeartbeat,
  type CacheUsage,
  type ChatRequest,
  type ChatResult,
  type EngineApi,
  type GpuProbe,
  type JobId,
  type LoadedModel,
  type StreamEvent,
  type TokenCount,
} from '../protocol/engine-protocol';
import { spawnEngineWorker } from './spawn-engine-worker';

/**
 * The worker's API as the page uses it. Engine jobs take an AbortSignal instead of a job id: aborting it
 * cancels the job in the worker (a queued job ends at once with `cancelled`; a running reply ends with what it
 * has) and starts the watchdog's deadline for it.
 */
export interface EngineClient {
  probeGpu(): Promise<GpuProbe>;
  prebuiltModels(): Promise<PrebuiltRecord[]>;
  loadedModelId(): Promise<string | null>;
  cacheUsage(models: ModelDescriptor[]): Promise<CacheUsage[]>;
  deleteCached(model: ModelDescriptor, keep: ModelDescriptor[]): Promise<void>;
  load(model: ModelDescriptor, onProgress: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModel>;
  chat(request: ChatRequest, onEvents: (events: StreamEvent[]) => void, signal?: AbortSignal): Promise<ChatResult>;
  countTokens(request: ChatRequest, signal?: AbortSignal): Promise<TokenCount>;
  unload(): Promise<void>;
  /** Called when the worker crashed or was replaced for not answering; the next call starts a fresh one. */
  onCrash(listener: (error: AppError) => void): void;
}

/** A long call (a reply, a load) and when it last showed progress. */
interface Activity {
  lastAt: number;
  slowestStepMs: number;
  /** Set once the person asked it to stop: the time by which it must have ended. */
  deadline: number | null;
}

export function createEngineClient(spawn: () => Worker = spawnEngineWorker): EngineClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<EngineApi> | null = null;
  const pending = new Set<(error: AppError) => void>();
  const crashListeners: Array<(error: AppError) => void> = [];
  const activities = new Set<Activity>();
  let limits: { silenceLimitMs: number; stopGraceMs: number } = DEFAULT_WATCHDOG;
  let lastBeatAt = 0;
  let lastCheckAt = 0;
  let checker: ReturnType<typeof setInterval> | null = null;

  /** Ends the worker: every waiting call fails with `error`, listeners hear of it, the next call starts anew. */
  const shutDown = (w: Worker, error: AppError) => {
    if (worker === w) {
      remote?.[Comlink.releaseProxy]();
      w.terminate();
      worker = null;
      remote = null;
    }
    for (const fail of pending) fail(error);
    pending.clear();
    activities.clear();
    for (const listener of crashListeners) listener(error);
  };

  const check = () => {
    const now = performance.now();
    const w = worker;
    if (pending.size === 0 || !w) {
      if (checker !== null) clearInterval(checker);
      checker = null;
      return;
    }
    // This page was asleep (a frozen tab, a laptop lid): the worker's beats are queued, not missing.
    if (now - lastCheckAt > 3 * HEARTBEAT_INTERVAL_MS) lastBeatAt = Math.max(lastBeatAt, now);
    lastCheckAt = now;
    const silent = now - lastBeatAt > limits.silenceLimitMs;
    const overdue = [...activities].some((a) => a.deadline !== null && now > a.deadline);
    if (silent || overdue) shutDown(w, makeAppError('engine-unresponsive', silent ? `no heartbeat for ${Math.round((now - lastBeatAt) / 1000)} s` : 'did not stop when asked'));
  };

  const watch = () => {
    if (checker !== null) return;
    lastCheckAt = performance.now();
    checker = setInterval(check, HEARTBEAT_INTERVAL_MS);
  };

  const connect = (): Comlink.Remote<EngineApi> => {
    if (remote) return remote;
    const w = spawn();
    lastBeatAt = performance.now(); // a new worker gets the full limit to start
    let longestSilence = 0;
    w.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!isHeartbeat(event.data) || worker !== w) return;
      const now = performance.now();
      // A diagnostic for tuning the limit on slow machines: long but survivable silences are logged.
      if (now - lastBeatAt > Math.max(2000, longestSilence)) {
        longestSilence = now - lastBeatAt;
        console.info(`engine heartbeat: longest silence so far ${(longestSilence / 1000).toFixed(1)} s`);
      }
      lastBeatAt = now;
      limits = { silenceLimitMs: event.data.silenceLimitMs, stopGraceMs: event.data.stopGraceMs };
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      shutDown(w, makeAppError('unknown', event.message || 'the engine worker stopped', { message: { key: 'errors.engine.stoppedUnexpectedly' } }));
    });
    worker = w;
    remote = Comlink.wrap<EngineApi>(w);
    return remote;
  };

  /** Runs one call; a worker crash, a watchdog shutdown or a thrown error all reject with AppError data. */
  const call = <T>(run: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const fail = (error: AppError) => reject(error);
      pending.add(fail);
      watch();
      run(connect())
        .then(resolve, (err: unknown) => fail(mapToAppError(err)))
        .finally(() => pending.delete(fail));
    });

  let jobCount = 0;

  /**
   * One engine job: it gets an id, its callback (through `step`) feeds the watchdog's measure of its steps,
   * and its signal cancels it in the worker, after which it has a deadline to end by.
   */
  const job = <T>(
    signal: AbortSignal | undefined,
    run: (api: Comlink.Remote<EngineApi>, id: JobId, step: <C extends (...args: never[]) => unknown>(callback: C) => C) => Promise<T>,
  ): Promise<T> => {
    if (signal?.aborted) return Promise.reject(makeAppError('cancelled'));
    const id: JobId = `job-${++jobCount}`;
    const activity: Activity = { lastAt: performance.now(), slowestStepMs: 0, deadline: null };
    const step = <C extends (...args: never[]) => unknown>(callback: C): C =>
      ((...args: Parameters<C>) => {
        const at = performance.now();
        activity.slowestStepMs = Math.max(activity.slowestStepMs, at - activity.lastAt);
        activity.lastAt = at;
        return callback(...args);
      }) as C;
    const cancel = () => {
      // The step under way counts too: before its first token, a reply's slowest step is the wait so far.
      const at = performance.now();
      activity.deadline ??= at + Math.max(limits.stopGraceMs, 3 * Math.max(activity.slowestStepMs, at - activity.lastAt));
      void call((api) => api.cancel(id)).catch(() => undefined); // the watchdog covers a worker that cannot take it
    };
    activities.add(activity);
    signal?.addEventListener('abort', cancel, { once: true });
    return call((api) => run(api, id, step)).finally(() => {
      signal?.removeEventListener('abort', cancel);
      activities.delete(activity);
    });
  };

  return {
    probeGpu: () => call<GpuProbe>((api) => api.probeGpu()),
    prebuiltModels: () => call((api) => api.prebuiltModels()),
    loadedModelId: () => call<string | null>((api) => api.loadedModelId()),
    cacheUsage: (models) => call((api) => api.cacheUsage(models)),
    deleteCached: (model, keep) => call((api) => api.deleteCached(model, keep)),
    load: (model, onProgress, signal) => job(signal, (api, id, step) => api.load(id, model, Comlink.proxy(step(onProgress)))),
    chat: (request, onEvents, signal) => job(signal, (api, id, step) => api.chat(id, request, Comlink.proxy(step(onEvents)))),
    countTokens: (request, signal) => job(signal, (api, id) => api.countTokens(id, request)),
    unload: () => job(undefined, (api, id) => api.unload(id)),
    onCrash: (listener) => void crashListeners.push(listener),
  };
}
