import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { APP_ERROR_KINDS, appErrorText, isAppErrorData, makeAppError, mapToAppError, type AppErrorKind } from './app-error';

/** An Error whose `name` was set the way WebLLM's error classes set it (the worker keeps the object). */
const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });
const dom = (message: string, name: string): DOMException => new DOMException(message, name);
/** WebGPU's GPUError / GPUDeviceLostInfo: not Errors, no `name`; only their class says what they are. */
function webgpu(className: string, fields: Record<string, string>): object {
  const ctor = { [className]: class {} }[className];
  if (!ctor) throw new Error('unreachable');
  return Object.assign(new ctor(), fields);
}

const HF = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC/resolve/main';

/**
 * Raw values as they reach the worker: WebLLM 0.2.86 (and the older 0.2.51/0.2.79 the test tier has used) error classes and tvmjs
 * throws, the browsers' fetch / Cache API / IndexedDB / WebGPU / WebAssembly errors. Object form where the
 * worker sees the object, string form where WebLLM's worker client has already turned it into "<Name>: message".
 */
const rows: Array<[label: string, raw: unknown, kind: AppErrorKind]> = [
  // --- Genuine cancels
  ['Chrome abort() without a reason', dom('signal is aborted without reason', 'AbortError'), 'cancelled'],
  ['Firefox fetch abort', dom('The operation was aborted. ', 'AbortError'), 'cancelled'],
  ['DOMException abort', dom('The operation was aborted.', 'AbortError'), 'cancelled'],
  ['Safari fetch abort', dom('Fetch is aborted', 'AbortError'), 'cancelled'],
  ['old Chrome fetch abort, string form', 'AbortError: The user aborted a request.', 'cancelled'],
  ['undici abort', named('AbortError', 'This operation was aborted'), 'cancelled'],
  ['WebLLM unload() abort reason (a bare string)', 'Engine.unload() is called.', 'cancelled'],
  ['WebLLM IndexedDB cache wrapping the unload reason', `Error: Failed to store ${HF}/params_shard_3.bin with error: Engine.unload() is called.`, 'cancelled'],
  ['WebLLM IndexedDB cache wrapping an AbortError', `Error: Failed to store ${HF}/params_shard_3.bin with error: AbortError: signal is aborted without reason`, 'cancelled'],

  // --- Aborts that are not cancels
  ['emscripten abort("OOM") [defect: was cancelled]', new WebAssembly.RuntimeError('Aborted(OOM). Build with -sASSERTIONS for more info.'), 'out-of-memory'],
  ['emscripten abort("OOM"), string form [defect: was cancelled]', 'RuntimeError: Aborted(OOM). Build with -sASSERTIONS for more info.', 'out-of-memory'],
  ['emscripten cannot grow memory', 'RuntimeError: Aborted(Cannot enlarge memory arrays to size 2147549184 bytes (OOM). Either (1) compile with -sINITIAL_MEMORY=X with X higher than the current value 16777216, (2) compile with -sALLOW_MEMORY_GROWTH)', 'out-of-memory'],
  ['native abort() in the model library', new WebAssembly.RuntimeError('Aborted(native code called abort()). Build with -sASSERTIONS for more info.'), 'unknown'],
  ['assertion abort in the model library', 'RuntimeError: Aborted(Assertion failed: n > 0, at: src/runtime/ndarray.cc,42,Empty). Build with -sASSERTIONS for more info.', 'unknown'],
  ['IndexedDB request in an aborted transaction', dom('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError'), 'unknown'],
  ['engine lock stolen by another tab', dom("Lock broken by another request with the 'steal' option.", 'AbortError'), 'taken-over'],
  ['mapAsync on a destroyed device', dom("Failed to execute 'mapAsync' on 'GPUBuffer': [Buffer] was destroyed before mapping was resolved.", 'AbortError'), 'device-lost'],

  // --- Network: fetch, body streams, Cache API add(), WebLLM / tvmjs cache wrappers
  ['Chrome body stream failing mid-read [defect: was unknown]', new TypeError('network error'), 'download-failed'],
  ['Chrome body stream failing mid-read, string form [defect: was unknown]', 'TypeError: network error', 'download-failed'],
  ['Chrome fetch offline / CORS', new TypeError('Failed to fetch'), 'download-failed'],
  ['Chrome fetch, string form', 'TypeError: Failed to fetch', 'download-failed'],
  ['Firefox fetch', new TypeError('NetworkError when attempting to fetch resource.'), 'download-failed'],
  ['Firefox body stream failing mid-read', new TypeError('Error in input stream'), 'download-failed'],
  ['Safari fetch', new TypeError('Load failed'), 'download-failed'],
  ['Safari connection dropped', new TypeError('The network connection was lost.'), 'download-failed'],
  ['Safari offline', new TypeError('The Internet connection appears to be offline.'), 'download-failed'],
  ['Safari DNS failure', new TypeError('A server with the specified hostname could not be found.'), 'download-failed'],
  ['Safari timeout', new TypeError('The request timed out.'), 'download-failed'],
  ['undici body cut off', new TypeError('terminated'), 'download-failed'],
  ['undici fetch', new TypeError('fetch failed'), 'download-failed'],
  ['Chrome net error: offline', 'net::ERR_INTERNET_DISCONNECTED', 'download-failed'],
  ['Chrome net error: network changed', new Error(`net::ERR_NETWORK_CHANGED (${HF}/params_shard_12.bin)`), 'download-failed'],
  ['Chrome net error: connection reset', 'Error: net::ERR_CONNECTION_RESET', 'download-failed'],
  ['Chrome net error: HTTP/2 stream reset', `GET ${HF}/params_shard_9.bin net::ERR_HTTP2_PROTOCOL_ERROR 200 (OK)`, 'download-failed'],
  ['AbortSignal.timeout()', dom('signal timed out', 'TimeoutError'), 'download-failed'],
  ['sync XHR network error', dom("Failed to execute 'send' on 'XMLHttpRequest': Failed to load 'https://example.org/x'.", 'NetworkError'), 'download-failed'],
  ['Chrome Cache.add of a non-OK response', new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'download-failed'],
  ['Firefox Cache.add of a non-OK response', new TypeError(`Cache got basic response with bad status 404 while trying to add request ${HF}/params_shard_0.bin`), 'download-failed'],
  ['tvmjs ArtifactCache miss after add()', `Error: Cannot fetch ${HF}/mlc-chat-config.json`, 'download-failed'],
  ['tvmjs IndexedDB cache miss', `Error: ArtifactIndexedDBCache failed to fetch: ${HF}/tokenizer.json`, 'download-failed'],
  ['tvmjs IndexedDB cache wrapping a fetch failure', `Error: Failed to store ${HF}/params_shard_1.bin with error: TypeError: Failed to fetch`, 'download-failed'],
  ['tvmjs IndexedDB cache wrapping a non-OK response', `Error: Failed to store ${HF}/params_shard_1.bin with error: Error: Network response was not ok`, 'download-failed'],
  ['tvmjs OPFS cache HTTP status', new Error(`ArtifactOPFSCache: Unable to fetch ${HF}/params_shard_2.bin, received status 503`), 'download-failed'],
  ['tvmjs cross-origin storage', new Error(`ArtifactCrossOriginStorageCache: failed to hydrate ${HF}/params_shard_2.bin`), 'download-failed'],
  ['WebLLM IntegrityError', named('IntegrityError', `Integrity verification failed for ${HF}/mlc-chat-config.json\n  Expected: sha256-a\n  Actual: sha256-b`), 'download-failed'],

  // --- Storage
  ['Safari quota', dom('The quota has been exceeded.', 'QuotaExceededError'), 'storage-full'],
  ['Chrome Cache.put quota', dom("Failed to execute 'put' on 'Cache': Quota exceeded.", 'QuotaExceededError'), 'storage-full'],
  ['Chrome IndexedDB full disk, string form', 'QuotaExceededError: Encountered full disk while opening backing store for indexedDB.open.', 'storage-full'],
  ['tvmjs IndexedDB cache wrapping a quota error', `Error: Failed to store ${HF}/params_shard_7.bin with error: QuotaExceededError: The current transaction exceeded its quota limitations.`, 'storage-full'],
  ['Firefox no device space', new Error('NS_ERROR_FILE_NO_DEVICE_SPACE'), 'storage-full'],

  // --- Out of memory: wasm heap and GPU
  ['wasm memory reservation [defect: was unknown]', new RangeError('WebAssembly.Memory(): could not allocate memory'), 'out-of-memory'],
  ['wasm instance memory [defect: was device-lost]', new RangeError('WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance'), 'out-of-memory'],
  ['ArrayBuffer for a shard [defect: was unknown]', new RangeError('Array buffer allocation failed'), 'out-of-memory'],
  ['wasm memory.grow', new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'), 'out-of-memory'],
  ['tvmjs call stack allocation', 'Error: Cannot allocate 268435456 bytes in Wasm memory', 'out-of-memory'],
  ['tvmjs allocation size check', new RangeError('Wasm allocation size must be an integer between 0 and 2147483640, but received 3221225472'), 'out-of-memory'],
  ['Chrome createBuffer mappedAtCreation', new RangeError("Failed to execute 'createBuffer' on 'GPUDevice': createBuffer failed, size (1073741824) is too large for the implementation when mappedAtCreation == true"), 'out-of-memory'],
  ['GPUOutOfMemoryError from an error scope', webgpu('GPUOutOfMemoryError', { message: 'Unable to allocate buffer.' }), 'out-of-memory'],
  ['GPUOutOfMemoryError stringified by WebLLM\'s worker', '[object GPUOutOfMemoryError]', 'out-of-memory'],
  ['Dawn buffer over the device limit', webgpu('GPUValidationError', { message: 'Buffer size (8589934592) exceeds the max buffer size limit (4294967296).\n - While calling [Device].CreateBuffer([BufferDescriptor]).' }), 'out-of-memory'],
  ['Vulkan out of device memory', webgpu('GPUOutOfMemoryError', { message: 'VK_ERROR_OUT_OF_DEVICE_MEMORY: vkAllocateMemory' }), 'out-of-memory'],
  ['Firefox uncaught OOM (a string)', 'out of memory', 'out-of-memory'],
  ['Safari OOM', new RangeError('Out of memory'), 'out-of-memory'],
  ['V8 ArrayBuffer too large', new RangeError('Invalid array buffer length'), 'out-of-memory'],
  ['recursion is not memory', new RangeError('Maximum call stack size exceeded'), 'unknown'],
  ["WebLLM's own RangeError (a config check)", named('RangeError', 'Make sure 0 < top_p <= 1.'), 'unknown'],

  // --- Device lost (stays device-lost even when the reason is memory: the model is gone from the GPU)
  ['WebLLM DeviceLostError', named('DeviceLostError', 'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.'), 'device-lost'],
  ['WebLLM DeviceLostError, string form', 'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).', 'device-lost'],
  ['device lost after loading', Object.assign(new Error('Device was lost. This can happen due to insufficient memory'), { name: 'DeviceLostError' }), 'device-lost'],
  ['WebLLM device-lost log text', 'Device was lost. This can happen due to insufficient memory or other GPU constraints. Detailed error: [object GPUDeviceLostInfo]. Please try to reload WebLLM with a less resource-intensive model.', 'device-lost'],
  ['lost info, reason destroyed (tvmjs destroys the device on a failed createBuffer)', webgpu('GPUDeviceLostInfo', { reason: 'destroyed', message: 'Device was destroyed.' }), 'device-lost'],
  ['lost info, reason unknown (GPU process gone)', webgpu('GPUDeviceLostInfo', { reason: 'unknown', message: 'GPU connection lost' }), 'device-lost'],
  ['mapAsync after loss', dom("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost", 'OperationError'), 'device-lost'],
  ['D3D12 device removed', webgpu('GPUInternalError', { message: 'DXGI_ERROR_DEVICE_REMOVED (0x887A0005)' }), 'device-lost'],
  ['bare object with the name', { name: 'DeviceLostError', message: 'lost' }, 'device-lost'],

  // --- No WebGPU / GPU too limited / shader-f16
  ['WebLLM WebGPUNotAvailableError, string form', 'WebGPUNotAvailableError: WebGPU is not supported in your current environment', 'no-webgpu'],
  ['WebLLM WebGPUNotFoundError', named('WebGPUNotFoundError', 'Cannot find WebGPU in the environment'), 'no-webgpu'],
  ['tvmjs requestAdapter() null', Object.assign(new Error('Unable to find a compatible GPU.'), { name: 'Error' }), 'no-webgpu'],
  ['tvmjs limits check', "Error: Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=128MB, limit=64MB. ", 'no-webgpu'],
  ['requestDevice failure', dom("Failed to execute 'requestDevice' on 'GPUAdapter': Failed to create a device.", 'OperationError'), 'no-webgpu'],
  ['WebLLM ShaderF16SupportError, string form', 'ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.', 'no-shader-f16'],
  ['Chrome requestDevice with shader-f16', new TypeError("Failed to execute 'requestDevice' on 'GPUAdapter': Unsupported feature: shader-f16"), 'no-shader-f16'],
  ['WebLLM artifact manifest feature check', 'ArtifactManifestError: Compiled artifact requires unsupported WebGPU feature "shader-f16"', 'no-shader-f16'],

  // --- The model library
  ['HTML served instead of wasm', new WebAssembly.CompileError('WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 44 4f @+0'), 'library-failed'],
  ['empty library', Object.assign(new Error('WebAssembly.instantiate(): BufferSource argument is empty'), { name: 'CompileError' }), 'library-failed'],
  ['library built for another runtime (link)', Object.assign(new Error('import env _ZN3tvm7runtime9threading15ResetThreadPoolEv must be an object'), { name: 'LinkError' }), 'library-failed'],
  ['Firefox link error', new WebAssembly.LinkError('import object field "TVMWasmPackedCFunc" is not a Function'), 'library-failed'],
  ['WebLLM MissingModelWasmError (named "MissingModelError")', 'MissingModelError: Missing `model_lib` for the model with ID "custom-1". Please ensure that `model_lib` is provided in `model_list` for each model.', 'library-failed'],
  ['tvmjs missing runtime function', new Error('Cannot find global function vm.builtin.paged_attention_kv_cache_create'), 'library-failed'],
  ['WebLLM missing VM function', 'Error: Cannot find required VM function `prefill`. Available candidate functions: decode, embed', 'library-failed'],
  ['WebLLM wrong KV ABI', 'Error: Invalid kv_cache ABI. Require either `prefill`+`decode` or `batch_prefill`+`batch_decode`.', 'library-failed'],
  ['tvmjs missing exports', new Error('Cannot find TVMWasmAllocSpace,TVMWasmFreeSpace in exports'), 'library-failed'],
  ['WebLLM FeatureSupportError', 'FeatureSupportError: This model requires feature subgroups, which is not yet supported by this browser.', 'library-failed'],
  ['WebLLM artifact needs a bigger binding', 'ArtifactManifestError: Compiled artifact requires maxStorageBufferBindingSize 1073741824, but this device exposes 134217728', 'library-failed'],

  // --- Wasm traps: the engine crashed; never a cancel, not a memory shortage we can name
  ['Chrome trap', new WebAssembly.RuntimeError('unreachable'), 'unknown'],
  ['Chrome out-of-bounds trap', new WebAssembly.RuntimeError('memory access out of bounds'), 'unknown'],
  ['Firefox out-of-bounds trap', new WebAssembly.RuntimeError('index out of bounds'), 'unknown'],
  ['Safari trap, string form', 'RuntimeError: Unreachable code should not be executed', 'unknown'],

  // --- Context window
  ['WebLLM ContextWindowSizeExceededError, string form', 'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096', 'context-exceeded'],
  ['WebLLM ContextWindowSizeExceededError', named('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096\nConsider shortening the prompt.'), 'context-exceeded'],

  // --- Not loaded (0.2.86 and 0.2.51 texts)
  ['WebLLM ModelNotLoadedError, string form', 'ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest', 'not-loaded'],
  ['WebLLM 0.2.51 ModelNotLoadedError', 'ModelNotLoadedError: Model not loaded before calling chatCompletion(). Please ensure you have called `MLCEngine.reload(model)` to load the model before initiating chat operations.', 'not-loaded'],
  ['WebLLM WorkerEngineModelNotLoadedError', 'WorkerEngineModelNotLoadedError: WebWorkerMLCEngine is not loaded with a model. Did you call `engine.reload()`?', 'not-loaded'],
  ['WebLLM ConfigurationNotInitializedError', named('ConfigurationNotInitializedError', 'Configuration not initialized. Ensure you have called `reload()` function first.'), 'not-loaded'],
  ['WebLLM 0.2.51 ChatModuleNotInitializedError', 'ChatModuleNotInitializedError: Chat module not yet initialized. Ensure you initialize the chat module by calling `chat.reload()` first.', 'not-loaded'],

  // --- Everything else: unknown, with the raw text under Details
  ['WebLLM ModelNotFoundError', 'ModelNotFoundError: Cannot find model record in appConfig for x. Please check if the model ID is correct.', 'unknown'],
  ['WebLLM MinValueError', named('MinValueError', 'Make sure `max_tokens` > 0.'), 'unknown'],
  ['WebLLM UnsupportedTokenizerFilesError', 'UnsupportedTokenizerFilesError: Cannot handle tokenizer files tokenizer.model', 'unknown'],
  ['WebLLM decode after stop', new Error('Cannot run decode when stopped'), 'unknown'],
  ['tvmjs 0.2.51 runtime check', 'Error: TVMError: Check failed: (n > 0) is false', 'unknown'],
  ['Dawn validation error', webgpu('GPUValidationError', { message: '[Invalid BindGroup] is invalid.' }), 'unknown'],
  ['a number', 42, 'unknown'],
  ['null', null, 'unknown'],
  ['an odd Error', new Error('something odd'), 'unknown'],
];

describe('mapToAppError', () => {
  it('covers a realistic table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows.map(([label, raw, kind]) => [label, kind, raw] as const))('%s -> %s', (_label, kind, raw) => {
    const error = mapToAppError(raw);
    expect(error.kind).toBe(kind);
    // A sentence a person reads: capital first, full stop last, never the raw error as the headline.
    expect(error.message).toMatch(/^[A-Z].{10,}[.!?]$/);
    expect(error.message).not.toMatch(/Error:|TypeError|DOMException|RuntimeError|Aborted\(|\bOOM\b|net::/);
    expect(error.hint).toMatch(/^[A-Z].{10,}[.!?]$/);
    // The raw cause is kept, one line, for "Details".
    expect(error.detail).toBeTruthy();
    expect(error.detail).not.toContain('\n');
  });

  it('keeps the raw cause as a one-line detail', () => {
    const error = mapToAppError(new Error('first line\nstack line 1\nstack line 2'));
    expect(error.detail).toBe('Error: first line');
  });

  it('passes AppErrors through unchanged and recognises them after structured cloning', () => {
    const original = makeAppError('storage-full', 'needs 2 GB');
    expect(mapToAppError(original)).toBe(original);
    expect(isAppErrorData(structuredClone(original))).toBe(true);
    expect(isAppErrorData(structuredClone(makeAppError('out-of-memory')))).toBe(true);
    expect(isAppErrorData({ kind: 'nope', message: 'x', hint: 'y' })).toBe(false);
    // An inherited key is not a kind (an imported file could carry one).
    expect(isAppErrorData({ kind: 'toString', message: 'x', hint: 'y' })).toBe(false);
  });

  it('never throws on hostile input', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(mapToAppError(cyclic).kind).toBe('unknown');
    const throwing = Object.defineProperty({}, 'name', {
      get() {
        throw new Error('no');
      },
    });
    expect(mapToAppError(throwing).kind).toBe('unknown');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(mapToAppError(proxy).kind).toBe('unknown');
    expect(mapToAppError(Symbol('x')).kind).toBe('unknown');
  });
});

describe('AppError texts', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('keeps each kind\'s English, and shows it translated', () => {
    for (const kind of APP_ERROR_KINDS) {
      const error = makeAppError(kind, 'raw cause');
      expect(error.text).toBeUndefined();
      expect(appErrorText(error, en)).toEqual({ message: error.message, hint: error.hint });
      const chinese = appErrorText(error, zh);
      expect(chinese.message).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese.hint).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(makeAppError('cancelled')).toEqual({ kind: 'cancelled', message: 'Loading was cancelled.', hint: 'Pick a model to load it again.' });
  });

  it('carries a caller\'s words as texts beside their English, nested reasons included', () => {
    const error = makeAppError('download-failed', 'HTTP 404', {
      message: { key: 'errors.download.httpStatus', params: { model: 'Qwen2 0.5B', status: '404', file: 'params_shard_4.bin' } },
      hint: { key: 'errors.download.missingFile' },
    });
    expect(error.message).toBe('Downloading Qwen2 0.5B failed: the server answered 404 for params_shard_4.bin.');
    expect(error.hint).toMatch(/^The model's host is missing this file\./);
    expect(appErrorText(error, en)).toEqual({ message: error.message, hint: error.hint });
    expect(appErrorText(error, zh).message).toBe('下载 Qwen2 0.5B 失败：服务器对 params_shard_4.bin 返回了 404。');

    const notMlc = makeAppError('download-failed', 'bad manifest', {
      message: { key: 'errors.download.notMlc', params: { model: 'X', reason: { key: 'models.manifest.noShards' } } },
    });
    expect(notMlc.message).toBe('X does not look like an MLC model: The weights manifest lists no shards.');
    expect(notMlc.hint).toBe(makeAppError('download-failed').hint); // the kind's own hint stays
    expect(appErrorText(notMlc, zh)).toEqual({ message: 'X 看起来不是 MLC 模型：权重清单中没有列出任何分片。', hint: appErrorText(makeAppError('download-failed'), zh).hint });
    expect(isAppErrorData(structuredClone(notMlc))).toBe(true);
    expect(isAppErrorData(JSON.parse(JSON.stringify(notMlc)))).toBe(true);
  });

  it('shows English that no text explains as it is (words an older version stored)', () => {
    const old = { kind: 'unknown', message: 'The model engine stopped unexpectedly.', hint: 'Try again. If it keeps happening, reload the page.' } as const;
    expect(isAppErrorData(old)).toBe(true);
    expect(appErrorText(old, zh)).toEqual({ message: 'The model engine stopped unexpectedly.', hint: '请重试。如果反复出现，请刷新页面。' });
  });

  it('refuses texts this build cannot show', () => {
    const base = { kind: 'unknown', message: 'x', hint: 'y' };
    const bad: unknown[] = [
      { ...base, text: null },
      { ...base, text: 'Downloading' },
      { ...base, text: { message: { key: 'errors.nope' } } },
      { ...base, text: { message: { key: 'sidebar.undo' } } }, // not an error's words
      { ...base, text: { message: { key: 'errors.download.httpStatus', params: { model: 'X' } } } }, // a placeholder missing
      { ...base, text: { message: { key: 'errors.download.httpStatus', params: { model: 'X', status: '1', file: {}, extra: 1 } } } },
      { ...base, text: { message: { key: 'errors.details', params: { x: 1 } } } }, // parameters it does not take
      { ...base, text: { message: { key: 'errors.download.notMlc', params: { model: 'X', reason: { key: 'toString' } } } } },
      { ...base, text: { other: { key: 'errors.details' } } },
    ];
    for (const value of bad) expect(isAppErrorData(value)).toBe(false);
    expect(isAppErrorData({ ...base, text: { hint: { key: 'errors.details' } } })).toBe(true);
  });
});
