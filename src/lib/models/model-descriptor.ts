/**
 * Where a model comes from: WebLLM's prebuilt list, a URL the person added, or a variant the app made on the
 * device by merging a LoRA adapter into a base model's weights (it reuses the base's library and unchanged
 * shards; see the LoRA issue).
 */
export type ModelSource = 'prebuilt' | 'custom' | 'merged';

/** What the app knows about a model before loading it; all the worker needs to download and load one. */
export interface ModelDescriptor {
  /** WebLLM model_id; unique. */
  readonly id: string;
  readonly name: string;
  /** Absolute URL of the weights repository (WebLLM appends resolve/main/ unless already present). */
  readonly modelUrl: string;
  /** Absolute URL of the compiled model library (.wasm). */
  readonly libUrl: string;
  readonly quantization: string;
  readonly needsShaderF16: boolean;
  readonly contextWindow: number | null;
  readonly vramMB: number | null;
  readonly downloadBytesEstimate: number | null;
  /** Parameter count as written in the id, e.g. "0.5B". */
  readonly params: string | null;
  readonly source: ModelSource;
  /** Passed to WebLLM as ModelRecord.overrides (context window and the like). */
  readonly overrides?: Readonly<Record<string, number | string | boolean>>;
}

/** The structural subset of WebLLM's ModelRecord the catalog reads (web-llm itself is not imported here). */
export interface PrebuiltRecord {
  readonly model: string;
  readonly model_id: string;
  readonly model_lib: string;
  readonly vram_required_MB?: number;
  readonly required_features?: readonly string[];
  readonly model_type?: number;
  readonly overrides?: Readonly<Record<string, unknown>>;
}
