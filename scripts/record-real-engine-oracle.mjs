#!/usr/bin/env node
// Records the real-engine oracle that tests/unit/real-engine-fixture.test.ts checks the repository's own generator
// and CPU reference against, so that the test needs nothing outside the repository. It runs the fixture's scripts
// (not the repository's TypeScript ports), so the oracle is independent of the code under test.
//
//   node scripts/record-real-engine-oracle.mjs <fixture-dir> [out-json]
//
// <fixture-dir> holds the model library, make-model.mjs and reference-forward.mjs (the real-engine fixture).
// out-json defaults to tests/support/real-engine/oracle.json. The output is deterministic: no times or paths in it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIBRARY_FILE = 'Qwen2-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm';
const SEED = 1;
const STEPS = 4;
const TOP = 20;
const STRIDE = 64; // the sample keeps ids 0, 64, 128, …: 2374 of 151 936 logits per step
const MESSAGE = 'hi';

const [fixtureArg, outArg] = process.argv.slice(2);
if (!fixtureArg) {
  console.error('usage: record-real-engine-oracle.mjs <fixture-dir> [out-json]');
  process.exit(2);
}
const fixture = resolve(fixtureArg);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(outArg ?? join(repoRoot, 'tests', 'support', 'real-engine', 'oracle.json'));

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const fileInfo = (path) => {
  const bytes = readFileSync(path);
  return { sha256: sha256(bytes), bytes: bytes.length };
};
// ~7 significant digits: the float32 logits the reference writes carry about that many.
const round7 = (x) => Number(x.toPrecision(7));

// The model's ChatML template with an empty system message; every byte of the text is one token (the synthetic
// tokenizer has no merges), and the three markers are Qwen2's special tokens.
function chatPromptIds(message) {
  const IM_START = 151644;
  const IM_END = 151645;
  const bytes = (text) => [...Buffer.from(text, 'utf8')];
  return [
    IM_START, ...bytes('system\n'), IM_END, ...bytes('\n'),
    IM_START, ...bytes('user\n'), ...bytes(message), IM_END, ...bytes('\n'),
    IM_START, ...bytes('assistant\n'),
  ];
}

function stepSummary(logits, token, margin) {
  const order = Array.from({ length: logits.length }, (_, i) => i)
    .sort((a, b) => logits[b] - logits[a] || a - b)
    .slice(0, TOP);
  if (order[0] !== token) throw new Error(`the reference reported token ${token}, its logits file has argmax ${order[0]}`);
  let max = -Infinity, min = Infinity, sum = 0;
  for (const v of logits) {
    if (v > max) max = v;
    if (v < min) min = v;
    sum += v;
  }
  const sample = [];
  for (let i = 0; i < logits.length; i += STRIDE) sample.push(round7(logits[i]));
  return {
    token,
    margin,
    top: order.map((i) => [i, round7(logits[i])]),
    max: round7(max),
    min: round7(min),
    mean: round7(sum / logits.length),
    sample,
  };
}

const work = mkdtempSync(join(tmpdir(), 'real-engine-oracle-'));
try {
  const t0 = performance.now();
  const modelDir = join(work, 'model');
  execFileSync(process.execPath, [join(fixture, 'make-model.mjs'), join(fixture, LIBRARY_FILE), modelDir, String(SEED)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const files = join(modelDir, 'resolve', 'main');
  const t1 = performance.now();

  const ids = chatPromptIds(MESSAGE);
  const prefix = join(work, 'logits');
  const printed = execFileSync(
    process.execPath,
    [join(fixture, 'reference-forward.mjs'), files, ids.join(','), '--top-k', String(TOP), '--generate', String(STEPS), '--out-steps', prefix],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const t2 = performance.now();
  const result = JSON.parse(printed.trim().split('\n').pop());

  const steps = result.generated.map(({ token, margin }, i) => {
    const raw = readFileSync(`${prefix}_step${i}.f32`);
    const logits = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
    return stepSummary(logits, token, margin);
  });
  const vocabSize = readFileSync(`${prefix}_step0.f32`).length / 4;

  const oracle = {
    about:
      'Recorded by scripts/record-real-engine-oracle.mjs from the real-engine fixture scripts (make-model.mjs, ' +
      'reference-forward.mjs). Logits are the float32 values reference-forward.mjs writes, rounded to 7 significant ' +
      'digits; margins are its float64 top-1 minus top-2, rounded to 1e-6.',
    seed: SEED,
    library: { file: LIBRARY_FILE, ...fileInfo(join(fixture, LIBRARY_FILE)) },
    scripts: {
      'make-model.mjs': fileInfo(join(fixture, 'make-model.mjs')).sha256,
      'reference-forward.mjs': fileInfo(join(fixture, 'reference-forward.mjs')).sha256,
    },
    files: Object.fromEntries(readdirSync(files).sort().map((name) => [name, fileInfo(join(files, name))])),
    prompt: { message: MESSAGE, ids },
    vocabSize,
    sampleStride: STRIDE,
    steps,
  };
  // Two-space JSON, with every array of numbers on one line.
  const text = JSON.stringify(oracle, null, 2).replace(/\[[\d\s,.eE+-]*\]/g, (m) => m.replace(/\s+/g, ''));
  writeFileSync(outFile, text + '\n');
  const t3 = performance.now();
  console.log(
    `oracle: tokens ${steps.map((s) => s.token).join(', ')}, margins ${steps.map((s) => s.margin).join(', ')}; ` +
      `make-model ${((t1 - t0) / 1000).toFixed(1)} s, reference ${((t2 - t1) / 1000).toFixed(1)} s, ` +
      `total ${((t3 - t0) / 1000).toFixed(1)} s; ${text.length} bytes -> ${outFile}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
