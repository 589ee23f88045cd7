/**
 * The curated model list: WebLLM's prebuilt chat models with what a person needs to choose one (size,
 * context window, whether the GPU can run it). WebLLM's own `required_features` is missing on many f16
 * records, so every *f16* quantization is treated as needing `shader-f16`.
 */
import type { ModelDescriptor, PrebuiltRecord } from './model-descriptor';

const LLM_MODEL_TYPE = 0;
const QUANT = /-(q\df(?:16|32)(?:_\d)?)(?=-|$)/;
const PARAMS = /(?:^|[-_])(\d+(?:[._]\d+)?)([MB])(?=[-_]|$)/i;

/** Bits per parameter as stored on disk, for a download estimate (q4 groups of 32 add a scale each). */
const BITS_PER_PARAM: Record<string, number> = { q4: 4.5, q3: 3.5, q0: 16 };

export function quantizationOf(modelId: string): string {
  return QUANT.exec(modelId)?.[1] ?? 'unknown';
}

/** Any f16 quantization (q4f16_1, q0f16, …) computes in 16-bit floats on the GPU. */
export function quantizationNeedsShaderF16(quantization: string): boolean {
  return /f16/.test(quantization);
}

export function needsShaderF16(modelId: string, requiredFeatures?: readonly string[]): boolean {
  return requiredFeatures?.includes('shader-f16') === true || quantizationNeedsShaderF16(quantizationOf(modelId));
}

export function paramsOf(modelId: string): string | null {
  const m = PARAMS.exec(modelId.replace(/-MLC.*$/, ''));
  if (!m?.[1] || !m[2]) return null;
  return `${m[1].replace('_', '.')}${m[2].toUpperCase()}`;
}

export function estimateDownloadBytes(modelId: string): number | null {
  const params = paramsOf(modelId);
  const bits = BITS_PER_PARAM[quantizationOf(modelId).slice(0, 2)];
  if (!params || bits === undefined) return null;
  const count = Number(params.slice(0, -1)) * (params.endsWith('B') ? 1e9 : 1e6);
  return Math.round((count * bits) / 8);
}

/** "Llama-3.2-1B-Instruct-q4f32_1-MLC-1k" -> "Llama 3.2 1B Instruct · 1k context" */
export function displayName(modelId: string): string {
  const short = modelId.endsWith('-1k') ? ' · 1k context' : '';
  const base = modelId.replace(/-MLC(?:-.*)?$/, '').replace(QUANT, '').replace(/-/g, ' ');
  return `${base}${short}`;
}

function isChatModel(record: PrebuiltRecord): boolean {
  const type = record.model_type ?? LLM_MODEL_TYPE;
  return type === LLM_MODEL_TYPE && !/-Base-/i.test(record.model_id);
}

function contextWindowOf(record: PrebuiltRecord): number | null {
  const value = record.overrides?.context_window_size;
  return typeof value === 'number' && value > 0 ? value : null;
}

function overridesOf(record: PrebuiltRecord): Record<string, number | string | boolean> | undefined {
  if (!record.overrides) return undefined;
  const out: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(record.overrides)) {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

export function curateCatalog(records: readonly PrebuiltRecord[]): ModelDescriptor[] {
  return records
    .filter(isChatModel)
    .map((record): ModelDescriptor => {
      const overrides = overridesOf(record);
      return {
        id: record.model_id,
        name: displayName(record.model_id),
        modelUrl: record.model,
        libUrl: record.model_lib,
        quantization: quantizationOf(record.model_id),
        needsShaderF16: needsShaderF16(record.model_id, record.required_features),
        contextWindow: contextWindowOf(record),
        vramMB: typeof record.vram_required_MB === 'number' ? record.vram_required_MB : null,
        downloadBytesEstimate: estimateDownloadBytes(record.model_id),
        params: paramsOf(record.model_id),
        source: 'prebuilt',
        ...(overrides ? { overrides } : {}),
      };
    })
    .sort((a, b) => (a.vramMB ?? Infinity) - (b.vramMB ?? Infinity) || a.id.localeCompare(b.id));
}

export type Availability =
  | { readonly usable: true }
  | { readonly usable: false; readonly reason: 'no-webgpu' | 'needs-shader-f16'; readonly twinId: string | null };

/** The f32 version of an f16 model (q4f16_1 -> q4f32_1, q0f16 -> q0f32), if the catalog has one. */
export function f32TwinOf(model: ModelDescriptor, catalog: readonly ModelDescriptor[]): ModelDescriptor | null {
  const twinQuant = model.quantization.replace('f16', 'f32');
  if (twinQuant === model.quantization) return null;
  const twinId = model.id.replace(`-${model.quantization}`, `-${twinQuant}`);
  return catalog.find((m) => m.id === twinId) ?? null;
}

export function availabilityOf(
  model: ModelDescriptor,
  gpu: { readonly webgpu: true; readonly shaderF16: boolean } | { readonly webgpu: false } | null,
  catalog: readonly ModelDescriptor[],
): Availability {
  if (!gpu) return { usable: true };
  if (!gpu.webgpu) return { usable: false, reason: 'no-webgpu', twinId: null };
  if (model.needsShaderF16 && !gpu.shaderF16) {
    return { usable: false, reason: 'needs-shader-f16', twinId: f32TwinOf(model, catalog)?.id ?? null };
  }
  return { usable: true };
}
