/**
 * The one contract between the page and the engine worker. The page imports only types from here; the real
 * worker (WebLLM) and the test double implement `EngineApi`, and Comlink carries it. Failures are thrown as
 * `AppError` data (see lib/inference/app-error.ts), never as raw engine strings.
 */
import type { ChatRequest, ChatResult } from '../lib/chat/chat-types';
import type { LoadProgress } from '../lib/inference/load-progress';
import type { AppError } from '../lib/inference/app-error';
import type { NoWebGpuReason } from '../lib/inference/webgpu-advice';
import type { ModelDescriptor, PrebuiltRecord } from '../lib/models/model-descriptor';

export type GpuProbe =
  | {
      readonly webgpu: true;
      readonly vendor: string;
      readonly architecture: string;
      readonly description: string;
      readonly isFallbackAdapter: boolean;
      readonly shaderF16: boolean;
      readonly maxBufferSize: number;
      readonly maxStorageBufferBindingSize: number;
    }
  | { readonly webgpu: false; readonly reason: NoWebGpuReason; readonly error: AppError };

/** Streamed output, as a discriminated union so new event kinds can be added without breaking consumers. */
export type StreamEvent = { readonly type: 'delta'; readonly text: string };

/**
 * The worker's sign of life, posted outside Comlink every `intervalMs` from the moment it starts, with the
 * limits the page's watchdog applies to it (the worker knows how slow its own work can legitimately be).
 */
export interface Heartbeat {
  readonly type: 'private-chat:heartbeat';
  /** No heartbeat for this long while a call is waiting: the worker's thread is stuck (a loop, a blocked wasm call). */
  readonly silenceLimitMs: number;
  /** After Stop or Cancel, a call may go on this long (or three times its slowest step so far) before the worker is replaced. */
  readonly stopGraceMs: number;
}

export const HEARTBEAT_INTERVAL_MS = 1000;
/** WebLLM's calls never block the worker's thread for seconds; 30 s of silence is a hang even on a slow machine. */
export const DEFAULT_WATCHDOG = { silenceLimitMs: 30_000, stopGraceMs: 10_000 } as const;

export function isHeartbeat(data: unknown): data is Heartbeat {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'private-chat:heartbeat';
}

export interface LoadedModel {
  readonly modelId: string;
  readonly contextWindow: number | null;
  readonly loadSeconds: number;
}

export interface CacheUsage {
  readonly modelId: string;
  readonly bytes: number;
  /** Every file WebLLM needs is present: the model loads without the network. */
  readonly complete: boolean;
}

export interface EngineApi {
  probeGpu(): Promise<GpuProbe>;
  prebuiltModels(): Promise<PrebuiltRecord[]>;
  /** Downloads what is missing into Cache Storage, then loads onto the GPU. */
  load(model: ModelDescriptor, onProgress: (progress: LoadProgress) => void): Promise<LoadedModel>;
  cancelLoad(): Promise<void>;
  /** The model on the GPU now. After a failed load it is still the previous one when only the download failed. */
  loadedModelId(): Promise<string | null>;
  /** Streams a reply; deltas arrive coalesced through `onEvents`, the result carries the canonical text. */
  chat(request: ChatRequest, onEvents: (events: StreamEvent[]) => void): Promise<ChatResult>;
  interrupt(): Promise<void>;
  reset(): Promise<void>;
  unload(): Promise<void>;
  cacheUsage(models: ModelDescriptor[]): Promise<CacheUsage[]>;
  /** Removes a model's files; `keep` lists other models whose shared files (library, repository) must stay. */
  deleteCached(model: ModelDescriptor, keep: ModelDescriptor[]): Promise<void>;
}
