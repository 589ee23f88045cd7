/**
 * The one contract between the page and the engine worker. The page imports only types from here; the real
 * worker (WebLLM) and the test double implement `EngineApi`, and Comlink carries it. Failures are thrown as
 * `AppError` data (see lib/engine/app-error.ts), never as raw engine strings.
 */
import type { ChatRequest, ChatResult } from '../lib/chat/chat-types';
import type { LoadProgress } from '../lib/engine/load-progress';
import type { AppError } from '../lib/engine/app-error';
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
  | { readonly webgpu: false; readonly error: AppError };

/** Streamed output, as a discriminated union so new event kinds can be added without breaking consumers. */
export type StreamEvent = { readonly type: 'delta'; readonly text: string };

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
