/**
 * The real-engine fixture as the repository carries it: the committed model library, the TypeScript generator of
 * its synthetic weights and the CPU reference forward pass, checked against an oracle recorded from the original
 * fixture scripts (scripts/record-real-engine-oracle.mjs). Reads nothing outside the repository but a temp dir.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatPromptIds } from '../support/real-engine/chatml';
import { LIBRARY_FILE, LIBRARY_PATH, readLibraryMetadataFile } from '../support/real-engine/model-library';
import { loadModel, type ModelWeights } from '../support/real-engine/model-weights';
import oracle from '../support/real-engine/oracle.json';
import { bf16, dequantizeRow, GROUP_SIZE, mlcScale, nibbleAt, quantizeGroup, WORDS_PER_GROUP, type QuantizedMatrix } from '../support/real-engine/q4-groups';
import { greedy, Session, topK, type GreedyResult } from '../support/real-engine/reference-forward';
import { writeSyntheticModel, type SyntheticModelSummary } from '../support/real-engine/synthetic-model';

const LIBRARY_SHA256 = '338ab000a62274cb47fa0696aa244d4b1d73db4e6f144b429915d1cfe44d2e6a';
const HI_IDS = [151644, 115, 121, 115, 116, 101, 109, 10, 151645, 10, 151644, 117, 115, 101, 114, 10, 104, 105, 151645, 10, 151644, 97, 115, 115, 105, 115, 116, 97, 110, 116, 10];
const HI_TOKENS = [109658, 94864, 131292, 3466];
const SLOW = 240_000;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** An oracle [id, logit] entry (JSON gives number[]). */
const pair = ([id, logit]: number[]): [number, number] => {
  if (id === undefined || logit === undefined) throw new Error('oracle: an [id, logit] pair is short');
  return [id, logit];
};

describe('the committed model library', () => {
  it('is the recorded file, with its licence and provenance beside it', () => {
    const bytes = readFileSync(LIBRARY_PATH);
    expect(sha256(bytes)).toBe(LIBRARY_SHA256);
    expect(oracle.library).toEqual({ file: LIBRARY_FILE, sha256: LIBRARY_SHA256, bytes: bytes.length });
    const dir = join(LIBRARY_PATH, '..');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(LIBRARY_SHA256);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });

  it('carries the metadata of Qwen2-0.5B q4f32_1', () => {
    const meta = readLibraryMetadataFile(LIBRARY_PATH);
    expect(meta).toMatchObject({ modelType: 'qwen2', quantization: 'q4f32_1', contextWindowSize: 4096, prefillChunkSize: 1024 });
    expect(meta.kvCache).toEqual({ numHiddenLayers: 24, numAttentionHeads: 14, numKeyValueHeads: 2, headDim: 64 });
    expect(meta.params).toHaveLength(267);
    expect(meta.params[0]).toEqual({ name: 'model.embed_tokens.q_weight', shape: [151936, 112], dtype: 'uint32' });
  });
});

describe('ChatML prompt ids', () => {
  it('are the ids the engine tokenized "hi" to', () => {
    expect(chatPromptIds('hi')).toEqual(HI_IDS);
    expect(oracle.prompt.ids).toEqual(HI_IDS);
  });

  it('are 29 + one per UTF-8 byte of the message', () => {
    expect(chatPromptIds('')).toHaveLength(29);
    expect(chatPromptIds('héllo')).toHaveLength(29 + 6);
  });
});

describe('q4f32_1 groups', () => {
  // One row of two groups: nibbles 0..14 with an extreme in each group, bf16 scales.
  const nibbles = Array.from({ length: 2 * GROUP_SIZE }, (_, j) => (j * 5 + 3) % 15);
  nibbles[0] = 0; // group 0's extreme: w = -7 * scale
  nibbles[GROUP_SIZE] = 14; // group 1's: w = 7 * scale
  const words = new Uint32Array(2 * WORDS_PER_GROUP);
  nibbles.forEach((q, j) => (words[j >>> 3] = (words[j >>> 3]! | (q << ((j & 7) << 2))) >>> 0));
  const m: QuantizedMatrix = { rows: 1, cols: 2 * WORDS_PER_GROUP, inFeatures: 2 * GROUP_SIZE, groups: 2, words, scales: Float64Array.of(0.01171875, 3.0517578125e-5) };

  it('dequantize -> requantize with MLC rule gives back the bytes', () => {
    const w = new Float64Array(m.inFeatures);
    dequantizeRow(m, 0, w);
    expect(w[0]).toBe(-7 * 0.01171875);
    expect(w[GROUP_SIZE]).toBe(Math.fround(7 * 3.0517578125e-5));
    expect(w[1]).toBe(Math.fround((nibbleAt(words, 0, 1) - 7) * 0.01171875));
    const again = new Uint32Array(words.length);
    const scales = [0, 1].map((g) => quantizeGroup(w, g * GROUP_SIZE, again, g * WORDS_PER_GROUP));
    expect(again).toEqual(words);
    expect(scales).toEqual([...m.scales]);
  });

  it('bf16 rounds to the nearest bfloat16, ties to even', () => {
    expect(bf16(1 + 2 ** -8)).toBe(1); // tie: down to the even mantissa
    expect(bf16(1 + 3 * 2 ** -8)).toBe(1 + 2 ** -6); // tie: up to the even mantissa
    expect(bf16(1 + 2 ** -8 + 2 ** -20)).toBe(1 + 2 ** -7);
    expect(bf16(bf16(0.1))).toBe(bf16(0.1));
  });

  it('scale = float32(max|w| / 7); multiplying by float32(1/7) gives 1 ulp more for most bf16 scales', () => {
    let larger = 0;
    for (let mantissa = 0; mantissa < 128; mantissa++) {
      const s = (1 + mantissa / 128) * 2 ** -7; // every bf16 value in [2^-7, 2^-6)
      expect(mlcScale(7 * s)).toBe(s);
      const wrong = Math.fround(7 * s * Math.fround(1 / 7));
      if (wrong !== s) {
        expect(wrong - s).toBe(2 ** -30); // one float32 ulp at this exponent
        larger++;
      }
    }
    expect(larger).toBe(85); // 66 %; 70.7 % of the synthetic model's groups
  });
});

describe('synthetic weights and the CPU reference, against the recorded oracle', () => {
  let tmp = '';
  let summary: SyntheticModelSummary;
  let model: ModelWeights;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'real-engine-fixture-'));
    summary = writeSyntheticModel(LIBRARY_PATH, tmp, oracle.seed);
    model = loadModel(summary.dir);
  }, SLOW);

  afterAll(() => {
    model?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('writes byte-identical files to the fixture generator', () => {
    console.log(`writeSyntheticModel: ${summary.files.length} files, ${(summary.totalBytes / 2 ** 20).toFixed(1)} MiB in ${summary.seconds.toFixed(1)} s`);
    const written = Object.fromEntries(
      summary.files.map(({ name, bytes }) => [name, { sha256: sha256(readFileSync(join(summary.dir, name))), bytes }]),
    );
    expect(written).toEqual(oracle.files);
  }, SLOW);

  it('writes valid q4f32_1 groups: requantizing gives back the bytes', () => {
    const m = model.quantized('model.layers.0.self_attn.c_attn');
    const w = new Float64Array(m.inFeatures);
    const words = new Uint32Array(m.cols);
    for (let r = 0; r < m.rows; r += 7) {
      dequantizeRow(m, r, w);
      for (let g = 0; g < m.groups; g++) expect(quantizeGroup(w, g * GROUP_SIZE, words, g * WORDS_PER_GROUP)).toBe(m.scales[r * m.groups + g]);
      expect(words).toEqual(m.words.subarray(r * m.cols, (r + 1) * m.cols));
    }
  }, SLOW);

  it('predicts the recorded greedy reply and logits for "hi"', () => {
    const t0 = performance.now();
    const run: GreedyResult = greedy(new Session(model), chatPromptIds(oracle.prompt.message), oracle.steps.length);
    const seconds = (performance.now() - t0) / 1000;

    expect(run.tokens).toEqual(HI_TOKENS);
    expect(run.tokens).toEqual(oracle.steps.map((s) => s.token));
    let maxDelta = 0;
    let sumDelta = 0;
    let compared = 0;
    let maxMarginDelta = 0;
    oracle.steps.forEach((step, i) => {
      const logits = run.logits[i]!;
      maxMarginDelta = Math.max(maxMarginDelta, Math.abs(run.margins[i]! - step.margin));
      expect(topK(logits, step.top.length).map(([id]) => id)).toEqual(step.top.map(([id]) => id));
      const pairs = [...step.top.map(pair), ...step.sample.map((v, k) => pair([k * oracle.sampleStride, v]))];
      for (const [id, expected] of pairs) {
        const delta = Math.abs(logits[id]! - expected);
        // The oracle holds float32 logits rounded to 7 significant digits: that is all the difference there may be.
        expect(delta, `step ${i}, id ${id}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);
        maxDelta = Math.max(maxDelta, delta);
        sumDelta += delta;
        compared++;
      }
      let max = -Infinity;
      let min = Infinity;
      let sum = 0;
      for (const v of logits) {
        max = Math.max(max, v);
        min = Math.min(min, v);
        sum += v;
      }
      expect(Math.abs(max - step.max)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(min - step.min)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(sum / logits.length - step.mean)).toBeLessThanOrEqual(1e-5);
    });
    console.log(
      `reference "hi", ${oracle.steps.length} steps: ${seconds.toFixed(1)} s; margins ${run.margins.map((x) => x.toFixed(6)).join(', ')}; ` +
        `max |Δmargin| ${maxMarginDelta.toExponential(2)}; logits max |Δ| ${maxDelta.toExponential(2)}, mean |Δ| ${(sumDelta / compared).toExponential(2)} over ${compared}`,
    );
    expect(maxMarginDelta).toBeLessThanOrEqual(1e-4);
    // The fixture README's engine-vs-reference tolerance; two CPU references agree far closer.
    expect(maxDelta).toBeLessThanOrEqual(0.02);
    expect(sumDelta / compared).toBeLessThanOrEqual(0.003);
  }, SLOW);
});
