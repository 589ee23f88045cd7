/**
 * Errors that cross the worker boundary as plain data: a kind the UI can switch on, a sentence a person
 * understands, and what to do next. Raw engine errors (often just strings) are mapped here, in one place.
 */
export type AppErrorKind =
  | 'no-webgpu'
  | 'no-shader-f16'
  | 'device-lost'
  | 'context-exceeded'
  | 'download-failed'
  | 'storage-full'
  | 'library-failed'
  | 'cancelled'
  | 'not-loaded'
  | 'engine-in-other-tab'
  | 'taken-over'
  | 'unknown';

export interface AppError {
  readonly kind: AppErrorKind;
  readonly message: string;
  readonly hint: string;
  /** The raw cause, first line only: shown folded away for people who want it, never as the headline. */
  readonly detail?: string;
}

const TEXT: Record<AppErrorKind, { message: string; hint: string }> = {
  'no-webgpu': {
    message: "This browser can't give the app access to a GPU (WebGPU is not available).",
    hint: 'Use a recent Chrome, Edge or Safari with hardware acceleration turned on, over https or localhost.',
  },
  'no-shader-f16': {
    message: "This model needs 16-bit GPU shaders (shader-f16), which your GPU doesn't offer.",
    hint: 'Pick the q4f32_1 version of the same model instead.',
  },
  'device-lost': {
    message: 'The GPU stopped working for this model, most often because it ran out of memory.',
    hint: 'Close other GPU-heavy tabs or apps, or pick a smaller model, then load it again.',
  },
  'context-exceeded': {
    message: "The conversation no longer fits in this model's context window.",
    hint: 'Start a new chat, or shorten your message.',
  },
  'download-failed': {
    message: 'The model files could not be downloaded.',
    hint: 'Check your connection and try again. Files that finished are kept, so the download resumes where it stopped.',
  },
  'storage-full': {
    message: "There isn't enough storage space left for this model.",
    hint: "Delete cached models you don't use, or free some disk space, then try again.",
  },
  'library-failed': {
    message: "The model's GPU program (its model library) could not be loaded.",
    hint: 'The library may be unreachable or built for a different WebLLM version. Check its URL or pick another model.',
  },
  cancelled: { message: 'Loading was cancelled.', hint: 'Pick a model to load it again.' },
  'not-loaded': { message: 'No model is loaded.', hint: 'Pick a model and load it first.' },
  'engine-in-other-tab': {
    message: 'Another tab of this app is using the GPU for a model.',
    hint: 'Only one tab can run a model at a time. Use that tab, or use the model here instead (the other tab unloads it).',
  },
  'taken-over': {
    message: 'Another tab of this app took over the GPU, so the model was unloaded here.',
    hint: 'Your conversations are kept. Load a model again to use it in this tab.',
  },
  unknown: {
    message: 'Something went wrong in the model engine.',
    hint: 'Try again. If it keeps happening, reload the page.',
  },
};

export function appError(kind: AppErrorKind, detail?: string, message?: string, hint?: string): AppError {
  const text = TEXT[kind];
  const error: AppError = { kind, message: message ?? text.message, hint: hint ?? text.hint };
  return detail ? { ...error, detail: firstLine(detail) } : error;
}

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && v.kind in TEXT && typeof v.message === 'string' && typeof v.hint === 'string';
}

/** WebLLM's worker client turns errors into strings; in-worker errors keep their `name`. Handle both. */
function describe(err: unknown): { name: string; text: string } {
  if (typeof err === 'string') {
    const m = /^([A-Za-z]+(?:Error|Exception)):\s*/.exec(err);
    return { name: m?.[1] ?? '', text: err };
  }
  if (err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException)) {
    return { name: err.name, text: `${err.name}: ${err.message}` };
  }
  if (typeof err === 'object' && err !== null) {
    const o = err as { name?: unknown; message?: unknown };
    const name = typeof o.name === 'string' ? o.name : '';
    const message = typeof o.message === 'string' ? o.message : safeJson(err);
    return { name, text: name ? `${name}: ${message}` : message };
  }
  return { name: '', text: String(err) };
}

const RULES: ReadonlyArray<{ kind: AppErrorKind; names?: readonly string[]; pattern?: RegExp }> = [
  { kind: 'cancelled', names: ['AbortError'], pattern: /\baborted\b|Engine\.unload\(\) is called/i },
  { kind: 'no-shader-f16', names: ['ShaderF16SupportError'], pattern: /shader-f16/i },
  { kind: 'no-webgpu', names: ['WebGPUNotAvailableError'], pattern: /WebGPU is not (?:available|supported)|navigator\.gpu|Unable to find a compatible GPU|Cannot initialize runtime because of requested/i },
  { kind: 'device-lost', names: ['DeviceLostError'], pattern: /device (?:was )?lost|out of memory|\bOOM\b/i },
  { kind: 'context-exceeded', names: ['ContextWindowSizeExceededError'], pattern: /exceed(?:s|ed)? context window/i },
  { kind: 'storage-full', names: ['QuotaExceededError'], pattern: /quota|no space left|disk is full/i },
  { kind: 'library-failed', names: ['CompileError', 'LinkError', 'MissingModelError', 'MissingModelWasmError'], pattern: /WebAssembly\.(?:instantiate|compile)|model library|\.wasm\b/i },
  { kind: 'not-loaded', names: ['ModelNotLoadedError', 'WorkerEngineModelNotLoadedError', 'EngineNotLoadedError'] },
  { kind: 'download-failed', names: ['NetworkError'], pattern: /Failed to fetch|NetworkError|Failed to execute 'add' on 'Cache'|Cannot fetch|HTTP \d{3}|Load failed|net::ERR_/i },
];

/** Map anything thrown by the engine, the network or the cache to an AppError. Never throws. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const { name, text } = describe(err);
  for (const rule of RULES) {
    if ((name && rule.names?.includes(name)) || rule.pattern?.test(text)) return appError(rule.kind, text);
  }
  return appError('unknown', text);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
