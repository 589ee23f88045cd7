import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { availabilityOf, curateCatalog, displayName, estimateDownloadBytes, f32TwinOf, paramsOf, quantizationOf } from './catalog';
import type { PrebuiltRecord } from './model-descriptor';

// The real list WebLLM 0.2.86 ships (tests may import web-llm; app code outside src/worker may not).
const catalog = curateCatalog(prebuiltAppConfig.model_list as unknown as PrebuiltRecord[]);
const byId = (id: string) => {
  const m = catalog.find((x) => x.id === id);
  if (!m) throw new Error(`missing ${id}`);
  return m;
};
const swiftShader = { webgpu: true as const, shaderF16: false };

describe('curateCatalog on the real prebuilt list', () => {
  it('keeps chat models only', () => {
    expect(catalog.length).toBeGreaterThan(100);
    expect(catalog.some((m) => m.id.startsWith('snowflake-arctic-embed'))).toBe(false); // embedding
    expect(catalog.some((m) => m.id.startsWith('Phi-3.5-vision'))).toBe(false); // VLM
    expect(catalog.some((m) => m.id.includes('-Base-'))).toBe(false); // not instruction-tuned
  });

  it('is sorted by GPU memory, smallest first', () => {
    const vram = catalog.map((m) => m.vramMB ?? Infinity);
    expect([...vram].sort((a, b) => a - b)).toEqual(vram);
  });

  it('derives size, context window and f16 needs', () => {
    const qwen = byId('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    // WebLLM does not declare shader-f16 on this record; it needs it all the same.
    expect(qwen.needsShaderF16).toBe(true);
    expect(qwen.contextWindow).toBe(4096);
    expect(qwen.vramMB).toBeCloseTo(944.62);
    expect(qwen.params).toBe('0.5B');
    expect(qwen.downloadBytesEstimate).toBeGreaterThan(250e6);
    expect(qwen.libUrl).toMatch(/^https:\/\/raw\.githubusercontent\.com\/.*\.wasm$/);
    expect(byId('SmolLM2-360M-Instruct-q4f32_1-MLC').needsShaderF16).toBe(false);
    expect(byId('TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC-1k').contextWindow).toBe(1024);
  });

  it('marks f16 models unusable without shader-f16 and offers the q4f32_1 twin', () => {
    const f16 = byId('SmolLM2-360M-Instruct-q4f16_1-MLC');
    expect(availabilityOf(f16, swiftShader, catalog)).toEqual({ usable: false, reason: 'needs-shader-f16', twinId: 'SmolLM2-360M-Instruct-q4f32_1-MLC' });
    expect(availabilityOf(f16, { webgpu: true, shaderF16: true }, catalog)).toEqual({ usable: true });
    expect(f32TwinOf(byId('SmolLM2-135M-Instruct-q0f16-MLC'), catalog)?.id).toBe('SmolLM2-135M-Instruct-q0f32-MLC');
    // Qwen2-0.5B has no q4f32_1 build in the list.
    expect(availabilityOf(byId('Qwen2-0.5B-Instruct-q4f16_1-MLC'), swiftShader, catalog)).toMatchObject({ usable: false, twinId: null });
    expect(availabilityOf(byId('SmolLM2-360M-Instruct-q4f32_1-MLC'), swiftShader, catalog)).toEqual({ usable: true });
    expect(availabilityOf(f16, { webgpu: false }, catalog)).toMatchObject({ usable: false, reason: 'no-webgpu' });
  });
});

describe('id parsing', () => {
  it.each([
    ['Llama-3.2-1B-Instruct-q4f32_1-MLC', 'q4f32_1', '1B', 'Llama 3.2 1B Instruct'],
    ['SmolLM2-135M-Instruct-q0f16-MLC', 'q0f16', '135M', 'SmolLM2 135M Instruct'],
    ['stablelm-2-zephyr-1_6b-q4f16_1-MLC-1k', 'q4f16_1', '1.6B', 'stablelm 2 zephyr 1_6b · 1k context'],
    ['phi-2-q4f16_1-MLC', 'q4f16_1', null, 'phi 2'],
  ])('%s', (id, quant, params, name) => {
    expect(quantizationOf(id)).toBe(quant);
    expect(paramsOf(id)).toBe(params);
    expect(displayName(id)).toBe(name);
  });

  it('estimates no download size when the parameter count is unknown', () => {
    expect(estimateDownloadBytes('phi-2-q4f16_1-MLC')).toBeNull();
    expect(estimateDownloadBytes('Llama-3.2-1B-Instruct-q0f16-MLC')).toBe(2e9);
  });
});
