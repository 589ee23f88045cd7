/**
 * Errors that cross the worker boundary as plain data: a kind the UI can switch on, a sentence a person
 * understands, and what to do next. Raw engine errors (often just strings) are mapped here, in one place.
 *
 * `message` and `hint` are English (logs, the worker, stored messages). The UI shows them translated
 * (`appErrorText`): each kind's own words are the catalog's `errors.<kind>.message` / `.hint`, and a caller that
 * knows more (a file name, a size) gives its words as texts (key + parameters), kept in `text` beside the English.
 */
import { englishText, isTextData, translateText, type KeysOf, type Text } from '../i18n/text';
import type { Translate } from '../i18n';

export const APP_ERROR_KINDS = [
  'no-webgpu',
  'no-shader-f16',
  'device-lost',
  'out-of-memory',
  'context-exceeded',
  'question-too-long',
  'download-failed',
  'storage-full',
  'library-failed',
  'cancelled',
  'not-loaded',
  'engine-in-other-tab',
  'taken-over',
  'engine-unresponsive',
  'unknown',
] as const;

export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

/** A message of the errors catalog with its parameters. */
export type ErrorText = Text<KeysOf<'errors.'>>;

/** A caller's own message and/or hint, in place of the kind's. */
export interface AppErrorTexts {
  readonly message?: ErrorText;
  readonly hint?: ErrorText;
}

export interface AppError {
  readonly kind: AppErrorKind;
  /** English; the UI shows `appErrorText(error, t).message`. */
  readonly message: string;
  readonly hint: string;
  /** The raw cause, first line only: shown folded away for people who want it, never as the headline. */
  readonly detail?: string;
  /** Present when a caller's words replaced the kind's: `message` / `hint` are their English. */
  readonly text?: AppErrorTexts;
}

/** A kind's own words. The keys are checked: a kind without both in the catalog is a type error. */
function kindText(kind: AppErrorKind): { readonly message: ErrorText; readonly hint: ErrorText } {
  const message: KeysOf<'errors.'> = `errors.${kind}.message`;
  const hint: KeysOf<'errors.'> = `errors.${kind}.hint`;
  // Neither takes parameters (the catalogs test would fail on a placeholder these do not give).
  return { message: { key: message } as ErrorText, hint: { key: hint } as ErrorText };
}

/** Build an AppError of a known kind; `text` replaces the kind's message and/or hint when a caller knows more. */
export function makeAppError(kind: AppErrorKind, detail?: string, text?: AppErrorTexts): AppError {
  const own = kindText(kind);
  const error: AppError = {
    kind,
    message: englishText(text?.message ?? own.message),
    hint: englishText(text?.hint ?? own.hint),
    ...(text?.message || text?.hint ? { text } : {}),
  };
  return detail ? { ...error, detail: firstLine(detail) } : error;
}

/**
 * The message and hint to show, in the UI's language: the caller's texts, else the kind's own. English that
 * neither explains (a message written by an older version with its own words) is shown as it is.
 */
export function appErrorText(error: AppError, t: Translate): { readonly message: string; readonly hint: string } {
  const own = kindText(error.kind);
  const pick = (part: 'message' | 'hint'): string => {
    const given = error.text?.[part];
    if (given) return translateText(t, given);
    return error[part] === englishText(own[part]) ? translateText(t, own[part]) : error[part];
  };
  return { message: pick('message'), hint: pick('hint') };
}

/** Type guard for AppError data, including after structured cloning (no prototype survives the worker boundary). */
export function isAppErrorData(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  // A listed kind, not any key: `'toString' in {}` is true, so an imported message claiming that kind would pass.
  if (typeof v.kind !== 'string' || !(APP_ERROR_KINDS as readonly string[]).includes(v.kind)) return false;
  if (typeof v.message !== 'string' || typeof v.hint !== 'string') return false;
  if (v.text === undefined) return true;
  if (typeof v.text !== 'object' || v.text === null) return false;
  const text = v.text as Record<string, unknown>;
  if (!Object.keys(text).every((k) => k === 'message' || k === 'hint')) return false;
  return (text.message === undefined || isTextData(text.message, 'errors.')) && (text.hint === undefined || isTextData(text.hint, 'errors.'));
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
