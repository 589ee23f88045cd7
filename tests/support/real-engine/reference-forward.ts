/**
 * CPU reference forward pass of Qwen2-0.5B over MLC q4f32_1 weights, independent of WebLLM: the expected logits and
 * greedy tokens for the real-engine tests. A port of the fixture's reference-forward.mjs with the same operations in
 * the same order (its recorded logits are matched to their 7 recorded digits):
 *   - weights dequantized as the engine does (float32 products), every sum accumulated in float64;
 *   - per layer: RMSNorm (eps 1e-6) -> fused q|k|v with bias -> rotate-half RoPE (θ = 1e6, read from the library's
 *     WGSL) -> causal GQA attention (scale 1/sqrt(head dim)) -> o_proj -> residual; RMSNorm -> fused gate|up ->
 *     SiLU(gate) * up -> down_proj -> residual; final RMSNorm; tied embeddings give the logits.
 * Typed-array reads carry `!`: indices are in range by construction (noUncheckedIndexedAccess).
 */
import { dequantizeRow, type QuantizedMatrix } from './q4-groups';
import type { ModelWeights } from './model-weights';

export interface ModelDims {
  readonly layers: number;
  readonly hidden: number;
  readonly vocab: number;
  readonly intermediate: number;
  readonly headDim: number;
  readonly queryHeads: number;
  readonly kvHeads: number;
}

/** Qwen2's head dimension (not in the weights' shapes alone). */
const HEAD_DIM = 64;

export function modelDims(model: ModelWeights): ModelDims {
  let layers = 0;
  while (model.has(`model.layers.${layers}.input_layernorm.weight`)) layers++;
  const shape = (name: string, i: number): number => {
    const d = model.record(name).shape[i];
    if (d === undefined) throw new Error(`${name} has no dimension ${i}`);
    return d;
  };
  const hidden = shape('model.embed_tokens.q_weight', 1) * 8;
  const vocab = shape('model.embed_tokens.q_weight', 0);
  const qkvRows = shape('model.layers.0.self_attn.c_attn.q_weight', 0);
  const qDim = shape('model.layers.0.self_attn.o_proj.q_weight', 1) * 8;
  const intermediate = shape('model.layers.0.mlp.gate_up_proj.q_weight', 0) / 2;
  const queryHeads = qDim / HEAD_DIM;
  const kvHeads = (qkvRows - qDim) / 2 / HEAD_DIM;
  if (!Number.isInteger(queryHeads) || !Number.isInteger(kvHeads)) throw new Error('unexpected attention shapes');
  return { layers, hidden, vocab, intermediate, headDim: HEAD_DIM, queryHeads, kvHeads };
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += a[j]! * b[j]!;
    s1 += a[j + 1]! * b[j + 1]!;
    s2 += a[j + 2]! * b[j + 2]!;
    s3 += a[j + 3]! * b[j + 3]!;
  }
  for (; j < n; j++) s0 += a[j]! * b[j]!;
  return s0 + s1 + (s2 + s3);
}

/** Y[t] = W · X[t] (+ bias), dequantizing W one row at a time and using each row for four tokens per pass. */
function linear(m: QuantizedMatrix, X: readonly Float64Array[], bias?: Float64Array): Float64Array[] {
  const { rows, inFeatures: n } = m;
  const T = X.length;
  const w = new Float64Array(n);
  const Y = X.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    dequantizeRow(m, r, w);
    const b = bias ? bias[r]! : 0;
    let t = 0;
    for (; t + 3 < T; t += 4) {
      const x0 = X[t]!;
      const x1 = X[t + 1]!;
      const x2 = X[t + 2]!;
      const x3 = X[t + 3]!;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let j = 0; j < n; j++) {
        const wj = w[j]!;
        a0 += x0[j]! * wj;
        a1 += x1[j]! * wj;
        a2 += x2[j]! * wj;
        a3 += x3[j]! * wj;
      }
      Y[t]![r] = a0 + b;
      Y[t + 1]![r] = a1 + b;
      Y[t + 2]![r] = a2 + b;
      Y[t + 3]![r] = a3 + b;
    }
    for (; t < T; t++) Y[t]![r] = dot(X[t]!, w, n) + b;
  }
  return Y;
}

function rmsNorm(x: Float64Array, g: Float64Array, eps: number): Float64Array {
  let ss = 0;
  for (let j = 0; j < x.length; j++) ss += x[j]! * x[j]!;
  const k = 1 / Math.sqrt(ss / x.length + eps);
  const o = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) o[j] = x[j]! * k * g[j]!;
  return o;
}

function add(x: Float64Array, y: Float64Array): Float64Array {
  const o = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) o[j] = x[j]! + y[j]!;
  return o;
}

export interface SessionOptions {
  /** RoPE base; the committed library was compiled with 1e6. */
  readonly theta?: number;
  readonly eps?: number;
}

export interface AppendOptions {
  /** Linear-layer name (e.g. `model.layers.23.mlp.down_proj`) -> receives that layer's input at the last position. */
  readonly capture?: Readonly<Record<string, Float64Array>>;
}

/** One sequence with a KV cache: each append() runs new tokens (prefill or decode) after the ones before. */
export class Session {
  readonly dims: ModelDims;
  private readonly keys: Float64Array[][];
  private readonly values: Float64Array[][];
  private readonly invFreq: Float64Array;
  private readonly eps: number;
  private pos = 0;

  constructor(
    private readonly model: ModelWeights,
    { theta = 1e6, eps = 1e-6 }: SessionOptions = {},
  ) {
    this.dims = modelDims(model);
    this.eps = eps;
    this.keys = Array.from({ length: this.dims.layers }, () => []);
    this.values = Array.from({ length: this.dims.layers }, () => []);
    const hd = this.dims.headDim;
    this.invFreq = Float64Array.from({ length: hd / 2 }, (_, i) => Math.pow(theta, (-2 * i) / hd));
  }

  /** Tokens run so far. */
  get position(): number {
    return this.pos;
  }

  /** Rotate-half RoPE of one head at v[off, off + headDim). */
  private rope(v: Float64Array, off: number, pos: number): void {
    const h = this.dims.headDim / 2;
    for (let i = 0; i < h; i++) {
      const a = pos * this.invFreq[i]!;
      const c = Math.cos(a);
      const s = Math.sin(a);
      const x0 = v[off + i]!;
      const x1 = v[off + i + h]!;
      v[off + i] = x0 * c - x1 * s;
      v[off + i + h] = x1 * c + x0 * s;
    }
  }

  /** Causal GQA attention of one position's queries (row[0, qDim)) over the layer's cache up to position n - 1. */
  private attend(row: Float64Array, keys: Float64Array[], values: Float64Array[], n: number): Float64Array {
    const { headDim: HD, queryHeads, kvHeads } = this.dims;
    const perKv = queryHeads / kvHeads;
    const scale = 1 / Math.sqrt(HD);
    const o = new Float64Array(queryHeads * HD);
    const sc = new Float64Array(n);
    for (let hh = 0; hh < queryHeads; hh++) {
      const qo = hh * HD;
      const ko = Math.floor(hh / perKv) * HD;
      let mx = -Infinity;
      for (let u = 0; u < n; u++) {
        const k = keys[u]!;
        let s = 0;
        for (let d = 0; d < HD; d++) s += row[qo + d]! * k[ko + d]!;
        sc[u] = s * scale;
        if (sc[u]! > mx) mx = sc[u]!;
      }
      let z = 0;
      for (let u = 0; u < n; u++) {
        sc[u] = Math.exp(sc[u]! - mx);
        z += sc[u]!;
      }
      for (let u = 0; u < n; u++) {
        const pw = sc[u]! / z;
        const v = values[u]!;
        for (let d = 0; d < HD; d++) o[qo + d]! += pw * v[ko + d]!;
      }
    }
    return o;
  }

  /** Runs `tokens` and returns the last position's logits (every one checked finite). */
  append(tokens: readonly number[], { capture = {} }: AppendOptions = {}): Float64Array {
    const { layers, hidden, intermediate: I, headDim: HD, queryHeads, kvHeads } = this.dims;
    const m = this.model;
    const p0 = this.pos;
    const last = tokens.length - 1;
    const cap = (name: string, X: readonly Float64Array[]) => capture[name]?.set(X[last]!);
    const emb = m.quantized('model.embed_tokens');
    let X: Float64Array[] = tokens.map((t) => {
      if (!(Number.isInteger(t) && t >= 0 && t < emb.rows)) throw new Error(`token id out of range: ${t}`);
      const o = new Float64Array(hidden);
      dequantizeRow(emb, t, o);
      return o;
    });
    const qd = queryHeads * HD;
    const kvd = kvHeads * HD;
    for (let l = 0; l < layers; l++) {
      const P = `model.layers.${l}`;
      const g1 = m.floats(`${P}.input_layernorm.weight`);
      const h = X.map((x) => rmsNorm(x, g1, this.eps));
      cap(`${P}.self_attn.c_attn`, h);
      const qkv = linear(m.quantized(`${P}.self_attn.c_attn`), h, m.floats(`${P}.self_attn.c_attn.bias`));
      const keys = this.keys[l]!;
      const values = this.values[l]!;
      qkv.forEach((row, t) => {
        for (let hh = 0; hh < queryHeads; hh++) this.rope(row, hh * HD, p0 + t);
        for (let hh = 0; hh < kvHeads; hh++) this.rope(row, qd + hh * HD, p0 + t);
        keys.push(row.slice(qd, qd + kvd));
        values.push(row.slice(qd + kvd, qd + 2 * kvd));
      });
      const att = qkv.map((row, t) => this.attend(row, keys, values, p0 + t + 1));
      cap(`${P}.self_attn.o_proj`, att);
      const ao = linear(m.quantized(`${P}.self_attn.o_proj`), att);
      X = X.map((x, t) => add(x, ao[t]!));
      const g2 = m.floats(`${P}.post_attention_layernorm.weight`);
      const h2 = X.map((x) => rmsNorm(x, g2, this.eps));
      cap(`${P}.mlp.gate_up_proj`, h2);
      const gu = linear(m.quantized(`${P}.mlp.gate_up_proj`), h2);
      const act = gu.map((r) => {
        const a = new Float64Array(I);
        for (let j = 0; j < I; j++) {
          const g = r[j]!;
          a[j] = (g / (1 + Math.exp(-g))) * r[I + j]!;
        }
        return a;
      });
      cap(`${P}.mlp.down_proj`, act);
      const dn = linear(m.quantized(`${P}.mlp.down_proj`), act);
      X = X.map((x, t) => add(x, dn[t]!));
    }
    this.pos += tokens.length;
    const normed = rmsNorm(X[last]!, m.floats('model.norm.weight'), this.eps);
    const logits = linear(emb, [normed])[0]!;
    for (let i = 0; i < logits.length; i++) if (!Number.isFinite(logits[i])) throw new Error(`non-finite logit at id ${i}`);
    return logits;
  }
}

/** The k largest logits as [id, logit], largest first (ties keep the lower id first). */
export function topK(logits: ArrayLike<number>, k: number): Array<[number, number]> {
  const idx: number[] = []; // small k: insertion into a sorted list
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (idx.length < k || v > logits[idx[idx.length - 1]!]!) {
      let p = idx.length < k ? idx.length : k - 1;
      if (idx.length < k) idx.push(i);
      while (p > 0 && logits[idx[p - 1]!]! < v) {
        idx[p] = idx[p - 1]!;
        p--;
      }
      idx[p] = i;
    }
  }
  return idx.map((i) => [i, logits[i]!]);
}

export interface GreedyResult {
  readonly tokens: number[];
  /** Top-1 minus top-2 logit at each step. */
  readonly margins: number[];
  /** Each step's full logits (step 0 is the prompt's last position). */
  readonly logits: Float64Array[];
}

/** Runs the prompt, then continues greedily: n tokens, the first being the prompt's argmax. */
export function greedy(session: Session, promptIds: readonly number[], n: number): GreedyResult {
  const result: GreedyResult = { tokens: [], margins: [], logits: [] };
  for (let i = 0; i < n; i++) {
    const logits = i === 0 ? session.append(promptIds) : session.append([result.tokens[i - 1]!]);
    const [first, second] = topK(logits, 2);
    if (!first || !second) throw new Error('fewer than two logits');
    result.tokens.push(first[0]);
    result.margins.push(first[1] - second[1]);
    result.logits.push(logits);
  }
  return result;
}
