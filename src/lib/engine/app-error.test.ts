import { describe, expect, it } from 'vitest';
import { appError, isAppError, toAppError } from './app-error';

describe('toAppError', () => {
  const cases: Array<[unknown, string]> = [
    // WebLLM worker-client style strings: "<ErrorName>: message"
    ['ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096', 'context-exceeded'],
    ['ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.', 'no-shader-f16'],
    ['WebGPUNotAvailableError: WebGPU is not supported in your current environment', 'no-webgpu'],
    [Object.assign(new Error('Unable to find a compatible GPU.'), { name: 'Error' }), 'no-webgpu'],
    [Object.assign(new Error('Device was lost. This can happen due to insufficient memory'), { name: 'DeviceLostError' }), 'device-lost'],
    [new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'download-failed'],
    [new TypeError('Failed to fetch'), 'download-failed'],
    [new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'storage-full'],
    [new DOMException('The operation was aborted.', 'AbortError'), 'cancelled'],
    [Object.assign(new Error('WebAssembly.instantiate(): BufferSource argument is empty'), { name: 'CompileError' }), 'library-failed'],
    [Object.assign(new Error('import env _ZN3tvm7runtime9threading15ResetThreadPoolEv must be an object'), { name: 'LinkError' }), 'library-failed'],
    ['ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest', 'not-loaded'],
    [{ name: 'DeviceLostError', message: 'lost' }, 'device-lost'],
    [42, 'unknown'],
    [null, 'unknown'],
    [new Error('something odd'), 'unknown'],
  ];

  it.each(cases)('maps %s', (raw, kind) => {
    const error = toAppError(raw);
    expect(error.kind).toBe(kind);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.hint.length).toBeGreaterThan(5);
    // The raw text never becomes the headline.
    expect(error.message).not.toMatch(/Error:|TypeError|DOMException/);
  });

  it('keeps the raw cause as a one-line detail', () => {
    const error = toAppError(new Error('first line\nstack line 1\nstack line 2'));
    expect(error.detail).toBe('Error: first line');
  });

  it('passes AppErrors through unchanged and recognises them after structured cloning', () => {
    const original = appError('storage-full', 'needs 2 GB');
    expect(toAppError(original)).toBe(original);
    expect(isAppError(structuredClone(original))).toBe(true);
    expect(isAppError({ kind: 'nope', message: 'x', hint: 'y' })).toBe(false);
  });

  it('never throws on hostile input', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toAppError(cyclic).kind).toBe('unknown');
  });
});
