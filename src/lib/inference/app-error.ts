/**
 * Errors that cross the worker boundary as plain data: a kind the UI can switch on, a sentence a person
 * understands, and what to do next. Raw engine errors (often just strings) are mapped here, in one place.
 */
export type AppErrorKind =
  | 'no-webgpu'
  | 'no-shader-f16'
  | 'device-lost'
  | 'out-of-memory'
  | 'context-exceeded'
  | 'question-too-long'
  | 'download-failed'
  | 'storage-full'
  | 'library-failed'
  | 'cancelled'
  | 'not-loaded'
  | 'engine-in-other-tab'
  | 'taken-over'
  | 'engine-unresponsive'
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
  'out-of-memory': {
    message: 'The model needs more memory than this device can give it right now.',
    hint: 'Pick a smaller model or a q4 version of it, or close other tabs and apps that use the GPU, then load it again.',
  },
  'context-exceeded': {
    message: "The conversation no longer fits in this model's context window.",
    hint: 'Start a new chat, or shorten your message.',
  },
  'question-too-long': {
    message: "This message alone does not fit in the model's context window, with room left for the reply.",
    hint: 'Shorten it, unpin earlier messages, lower the reply length in Reply settings, or pick a model with a larger context window.',
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
  'engine-unresponsive': {
    message: 'The model engine stopped responding, so it was shut down. What it had written is kept.',
    hint: 'Load the model again to continue; no page reload is needed. If it keeps happening, try a smaller model.',
  },
  unknown: {
    message: 'Something went wrong in the model engine.',
    hint: 'Try again. If it keeps happening, reload the page.',
  },
};

/** Build an AppError of a known kind; `message`/`hint` replace the kind's default text when a caller knows more. */
export function makeAppError(kind: AppErrorKind, detail?: string, message?: string, hint?: string): AppError {
  const text = TEXT[kind];
  const error: AppError = { kind, message: message ?? text.message, hint: hint ?? text.hint };
  return detail ? { ...error, detail: firstLine(detail) } : error;
}

/** Type guard for AppError data, including after structured cloning (no prototype survives the worker boundary). */
export function isAppErrorData(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  // Own keys only: `'toString' in TEXT` is true, so an imported message claiming that kind would pass.
  return typeof v.kind === 'string' && Object.hasOwn(TEXT, v.kind) && typeof v.message === 'string' && typeof v.hint === 'string';
}

/**
 * WebLLM's worker client turns errors into strings ("<ErrorName>: message"); in-worker errors keep their `name`.
 * Handle both. WebGPU's GPUError and GPUDeviceLostInfo are not Errors and have no `name`, so their class name
 * stands in for it.
 */
function describe(err: unknown): { name: string; text: string } {
  if (typeof err === 'string') {
    const m = /^([A-Za-z]+(?:Error|Exception)):\s*/.exec(err);
    return { name: m?.[1] ?? '', text: err };
  }
  if (err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException)) {
    return { name: err.name, text: `${err.name}: ${err.message}` };
  }
  if (typeof err === 'object' && err !== null) {
    const o = err as { name?: unknown; message?: unknown; reason?: unknown };
    const name = typeof o.name === 'string' ? o.name : className(err);
    const message = typeof o.message === 'string' ? o.message : safeJson(err);
    const reason = typeof o.reason === 'string' ? ` (reason: ${o.reason})` : '';
    return { name, text: name ? `${name}: ${message}${reason}` : `${message}${reason}` };
  }
  return { name: '', text: String(err) };
}

interface Rule {
  readonly kind: AppErrorKind;
  readonly names?: readonly string[];
  readonly pattern?: RegExp;
  /** Wins over `names` and `pattern`: texts that look like this kind but are not. */
  readonly unless?: RegExp;
}

/**
 * First match wins, so the order matters:
 * - storage-full first: WebLLM's IndexedDB cache wraps the cause ("Failed to store <url> with error:
 *   QuotaExceededError ..."), and a full disk is what a person must act on whatever wrapped it.
 * - device-lost before cancelled and out-of-memory: a lost device means the model is gone from the GPU (the page
 *   marks it unloaded on this kind), even when the reason given is memory, as WebLLM's own DeviceLostError says;
 *   its message already names memory as the usual cause. WebGPU also rejects mapAsync with an AbortError when the
 *   device (and so the buffer) was destroyed, which is no cancel.
 * - cancelled only for texts a cancel produces. Emscripten's wasm abort, "RuntimeError: Aborted(OOM)", says
 *   "Aborted" too and must never be hidden as a cancel (a cancelled load shows nothing).
 * - out-of-memory before download-failed and library-failed: "WebAssembly.instantiate(): Out of memory" is not a
 *   broken library, and "Array buffer allocation failed" while reading a shard is not a network failure.
 * - download-failed before library-failed: a network failure on the library's URL (".wasm") is still a network
 *   failure, and its advice (check the connection, resume) is the right one.
 * Anything else stays unknown with the raw text under Details, wasm traps included ("unreachable", "memory
 * access out of bounds", "Aborted(native code called abort())"): the engine crashed, and no kind says more.
 */
const RULES: readonly Rule[] = [
  {
    kind: 'storage-full',
    names: ['QuotaExceededError'],
    // Chrome/Safari/Firefox quota texts, Chrome IndexedDB "Encountered full disk", Firefox NS_ERROR_FILE_NO_DEVICE_SPACE.
    pattern: /quota|no space left|disk is full|full disk|NO_DEVICE_SPACE|\bENOSPC\b/i,
  },
  // Another tab took the engine Web Lock with `steal`: an AbortError, but nobody here cancelled anything.
  { kind: 'taken-over', pattern: /Lock broken by another request with the 'steal' option/i },
  {
    kind: 'device-lost',
    names: ['DeviceLostError', 'GPUDeviceLostInfo'],
    pattern:
      /\bdevice\b[^\n.]{0,40}?\b(?:lost|destroyed)\b|GPUDeviceLostInfo|GPU connection lost|destroyed before mapping|DXGI_ERROR_DEVICE_(?:REMOVED|HUNG|RESET)|VK_ERROR_DEVICE_LOST/i,
  },
  {
    kind: 'cancelled',
    names: ['AbortError'],
    // Browser abort texts (Chrome, Firefox, Safari, undici), and WebLLM's own: unload() aborts a reload with the
    // bare string reason "Engine.unload() is called.", which is what fetch and the cache then reject with.
    pattern:
      /signal is aborted without reason|\b(?:The|This) operation was aborted|The user aborted a request|Fetch is aborted|The request was aborted|Engine\.unload\(\) is called|Reload\(\) is aborted/i,
    // A wasm abort, or an IndexedDB request failing because its transaction aborted (for another reason), is no cancel.
    unless: /\bAborted\(|transaction was aborted/i,
  },
  { kind: 'no-shader-f16', names: ['ShaderF16SupportError'], pattern: /shader-f16/i },
  {
    kind: 'no-webgpu',
    names: ['WebGPUNotAvailableError', 'WebGPUNotFoundError'],
    pattern:
      /WebGPU is not (?:available|supported)|navigator\.gpu|Unable to find a compatible GPU|Cannot initialize runtime because of requested|Cannot find WebGPU|Failed to create (?:a )?(?:GPU |WebGPU )?device|WebGPU Context Provider|requestAdapter|requestDevice|No (?:available|suitable) adapters?/i,
  },
  {
    kind: 'out-of-memory',
    names: ['GPUOutOfMemoryError'],
    // Wasm: emscripten's abort("OOM"), V8/SpiderMonkey/JSC allocation failures, tvmjs's own allocator.
    // WebGPU: Chrome's mappedAtCreation limit, Dawn's out-of-memory and max-buffer-size texts, driver codes, and
    // a GPUOutOfMemoryError turned into a string by WebLLM's worker ("[object GPUOutOfMemoryError]").
    // Not "Maximum call stack size exceeded": that is recursion, not memory.
    pattern: new RegExp(
      [
        /Aborted\(OOM\)|\bOOM\b|out of memory|could not allocate memory|Cannot allocate (?:Wasm memory|\d+ bytes in Wasm memory)/,
        /Array buffer allocation failed|Invalid array buffer length|allocation size overflow|Cannot enlarge memory/,
        /Maximum memory size exceeded|failed to grow memory|Wasm allocation size must be/,
        /too large for the implementation|exceeds the max(?:imum)? buffer size|Unable to allocate buffer|Buffer allocation is too large/,
        /Allocation size too large|Buffer size is HUGE|VK_ERROR_OUT_OF_(?:DEVICE|HOST)_MEMORY|E_OUTOFMEMORY|GPUOutOfMemoryError/,
      ]
        .map((r) => r.source)
        .join('|'),
      'i',
    ),
  },
  {
    kind: 'context-exceeded',
    names: ['ContextWindowSizeExceededError', 'EmbeddingExceedContextWindowSizeError'],
    pattern: /exceed(?:s|ed)? context window/i,
  },
  {
    kind: 'download-failed',
    names: ['NetworkError', 'TimeoutError', 'IntegrityError'],
    pattern: new RegExp(
      [
        // Chrome (incl. a body stream failing mid-read: "network error"), Firefox, Safari, undici.
        /Failed to fetch|\bfetch failed\b|\bnetwork error\b|NetworkError|net::ERR_[A-Z0-9_]+/,
        /\bERR_(?:INTERNET_DISCONNECTED|NETWORK_CHANGED|CONNECTION_[A-Z_]+|NAME_NOT_RESOLVED|TIMED_OUT|ADDRESS_UNREACHABLE|HTTP2_PROTOCOL_ERROR|QUIC_PROTOCOL_ERROR|INCOMPLETE_CHUNKED_ENCODING|CONTENT_LENGTH_MISMATCH|EMPTY_RESPONSE)\b/,
        /Load failed|network connection was lost|Internet connection appears to be offline|hostname could not be found|request timed out/,
        /Error in (?:input|body) stream|^TypeError: terminated\b|other side closed|socket hang up|\bE(?:CONNRESET|CONNREFUSED|TIMEDOUT|NOTFOUND|AI_AGAIN)\b/,
        // Cache API add() of a non-OK response (Chrome, Firefox), then WebLLM/tvmjs cache and fetch wrappers.
        /Failed to execute 'add(?:All)?' on 'Cache'|Cache got .*bad status|Cannot fetch |Unable to fetch .*received status|failed to hydrate/,
        /Failed to store .* with error|response (?:was|is) not ok|HTTP \d{3}\b|Integrity verification failed/,
      ]
        .map((r) => r.source)
        .join('|'),
      'i',
    ),
  },
  {
    kind: 'library-failed',
    // MissingModelWasmError's name is "MissingModelError" in WebLLM; both listed. FeatureSupportError and
    // ArtifactManifestError say this model's compiled program does not fit this browser or runtime.
    names: ['CompileError', 'LinkError', 'MissingModelError', 'MissingModelWasmError', 'FeatureSupportError', 'ArtifactManifestError', 'GPUPipelineError'],
    pattern:
      /WebAssembly\.(?:instantiate|compile|Module)|model library|\.wasm\b|Cannot find global function|Cannot find required VM function|Invalid \w+ ABI|Cannot find .* in exports|Cannt detect wasm memory|ASYNCIFY|WGSL/i,
  },
  {
    kind: 'not-loaded',
    names: [
      'ModelNotLoadedError',
      'WorkerEngineModelNotLoadedError',
      'EngineNotLoadedError',
      'ConfigurationNotInitializedError',
      'ChatModuleNotInitializedError',
      'SpecifiedModelNotFoundError',
    ],
  },
];

/** Map anything thrown by the engine, the network or the cache to an AppError. Never throws. */
export function mapToAppError(err: unknown): AppError {
  try {
    if (isAppErrorData(err)) return err;
    const { name, text } = describe(err);
    for (const rule of RULES) {
      const matches = (name !== '' && rule.names?.includes(name)) || rule.pattern?.test(text);
      if (matches && !rule.unless?.test(text)) return makeAppError(rule.kind, text);
    }
    return makeAppError('unknown', text);
  } catch {
    // A hostile value (a throwing getter, a revoked Proxy) still gets an answer.
    return makeAppError('unknown');
  }
}

function className(value: object): string {
  const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? name : '';
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
