/**
 * The one contract between the page and the engine worker. The page imports only types from here; the real
 * worker (WebLLM) and the test double implement `EngineApi`, and Comlink carries it. Failures are thrown as
 * `AppError` data (see lib/inference/app-error.ts), never as raw engine strings.
 *
 * Engine work comes as jobs (load, chat, countTokens, unload): each carries an id the page chose, the worker
 * runs them one at a time in arrival order, and `cancel(id)` ends one (queued: at once; running: as soon as
 * it can). Nothing else holds worker-global "current load" or "current reply" slots.
 */
import type { ChatTurn, FinishReason, SamplingParams } from '../lib/chat/chat-types';
import type { ReplyStats } from '../lib/inference/reply-stats';
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

/** Chosen by the page, unique per job while it is queued or running. */
export type JobId = string;

/**
 * Which conversation and branch a request continues, so the worker decides what to keep in its KV cache (the
 * page never resets it). `key` names a conversation (or a side task such as `title:<id>`); `leafId` is the
 * last message the request's turns end with.
 */
export interface ConversationRef {
  readonly key: string;
  readonly leafId: string | null;
}

export interface ChatRequest {
  readonly conversation: ConversationRef;
  readonly messages: readonly ChatTurn[];
  readonly sampling?: SamplingParams;
}

export interface ChatResult {
  /** The reply as the engine stores it (getMessage()), to be sent back verbatim for KV-cache reuse. */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly stats: ReplyStats | null;
}

/**
 * What a request costs in the loaded model's tokens, with its chat template applied, exactly as the engine
 * will count them (the model's own tokenizer, segment by segment).
 */
export interface TokenCount {
  /** The whole prompt as a fresh prefill sees it: prefix ids, system prompt, every turn, reply header. */
  readonly promptTokens: number;
  /** Of those, the part no turn owns: prefix ids, the system prompt and the reply header. */
  readonly fixedTokens: number;
  /** Each non-system turn's own tokens, in request order; with `fixedTokens` they sum to `promptTokens`. */
  readonly turnTokens: readonly number[];
  /** What sending it now would prefill: only the new round when it continues what the KV cache holds. */
  readonly prefillTokens: number;
  readonly contextWindow: number | null;
}

/**
 * Streamed output, as a discriminated union: consumers handle the kinds they know and ignore the rest.
 * - `delta`: text appended to the reply.
 * - `replace`: the whole reply so far is now `text` (e.g. the best beam changed).
 * - `stage`: what the engine is doing before or between tokens ("rewriting the question", "merging 12/48").
 * - `heartbeat`: the job is alive but has nothing to show yet (a long prefill).
 */
export type StreamEvent =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'replace'; readonly text: string }
  | { readonly type: 'stage'; readonly stage: string; readonly done?: number; readonly total?: number }
  | { readonly type: 'heartbeat' };

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
  // Immediate calls: they do not wait for engine jobs.
  probeGpu(): Promise<GpuProbe>;
  prebuiltModels(): Promise<PrebuiltRecord[]>;
  /** The model on the GPU now. After a failed load it is still the previous one when only the download failed. */
  loadedModelId(): Promise<string | null>;
  cacheUsage(models: ModelDescriptor[]): Promise<CacheUsage[]>;
  /** Removes a model's files; `keep` lists other models whose shared files (library, repository) must stay. */
  deleteCached(model: ModelDescriptor, keep: ModelDescriptor[]): Promise<void>;

  // Engine jobs: one at a time, in arrival order.
  /** Downloads what is missing into Cache Storage, then loads onto the GPU. Cancelled: rejects `cancelled`. */
  load(job: JobId, model: ModelDescriptor, onProgress: (progress: LoadProgress) => void): Promise<LoadedModel>;
  /** Streams a reply through `onEvents` (coalesced); cancelled while running, it resolves with what it has (`abort`). */
  chat(job: JobId, request: ChatRequest, onEvents: (events: StreamEvent[]) => void): Promise<ChatResult>;
  /** Counts a request's prompt tokens as the loaded model would see them (its tokenizer and chat template). */
  countTokens(job: JobId, request: ChatRequest): Promise<TokenCount>;
  unload(job: JobId): Promise<void>;
  /** Ends a queued job at once and a running one as soon as it can; an unknown or finished id is ignored. */
  cancel(job: JobId): Promise<void>;
}
