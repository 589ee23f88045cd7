/** Asks WebGPU what this machine offers, from inside the worker where the engine will run. */
import { makeAppError } from '../../lib/inference/app-error';
import type { GpuProbe } from '../../protocol/engine-protocol';

export async function probeGpu(): Promise<GpuProbe> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) {
    const reason = self.isSecureContext ? 'no-api' : 'insecure-context';
    return { webgpu: false, reason, error: makeAppError('no-webgpu', `navigator.gpu is undefined (${reason})`) };
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { webgpu: false, reason: 'probe-failed', error: makeAppError('no-webgpu', String(err)) };
  }
  if (!adapter) return { webgpu: false, reason: 'no-adapter', error: makeAppError('no-webgpu', 'requestAdapter() returned no adapter') };
  const info = adapter.info;
  return {
    webgpu: true,
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}
