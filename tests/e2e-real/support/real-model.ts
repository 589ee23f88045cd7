/**
 * The real-engine fixture (a compiled Qwen2-0.5B q4f32_1 WebLLM library plus a generator of matching
 * synthetic weights) laid out as a model host: models/<name>/resolve/main/… and libs/<library>.wasm.
 * Writing the 295 MiB of weights takes seconds; they are kept in a git-ignored folder and reused.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LIBRARY_FILE = 'Qwen2-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm';
export const MODEL_NAME = 'Qwen2-0.5B-Synthetic-q4f32_1-MLC';
export const BROKEN_MODEL_NAME = 'Qwen2-0.5B-Missing-Shard-q4f32_1-MLC';
export const MISSING_SHARD = 'params_shard_2.bin';
const SEED = '1';

/** Where the fixture is: $REAL_ENGINE_FIXTURE, or shared/fixtures/real-engine beside or inside the checkout. */
export function findFixture(repoRoot: string): string {
  const candidates = [
    process.env.REAL_ENGINE_FIXTURE,
    resolve(repoRoot, '..', 'shared', 'fixtures', 'real-engine'),
    resolve(repoRoot, 'shared', 'fixtures', 'real-engine'),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(join(dir, LIBRARY_FILE)) && existsSync(join(dir, 'make-model.mjs')));
  if (!found) {
    throw new Error(`The real-engine fixture was not found (looked in ${candidates.join(', ')}). Set REAL_ENGINE_FIXTURE to its folder.`);
  }
  return found;
}

/** Writes (or reuses) the host folder; returns its root. */
export function prepareModelHost(repoRoot: string): string {
  const fixture = findFixture(repoRoot);
  const root = join(repoRoot, '.e2e', 'real-host');
  const modelDir = join(root, 'models', MODEL_NAME);
  const files = join(modelDir, 'resolve', 'main');
  const stamp = join(modelDir, 'complete.json');
  const libSize = statSync(join(fixture, LIBRARY_FILE)).size;
  const expected = JSON.stringify({ seed: SEED, libSize });
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== expected) {
    rmSync(modelDir, { recursive: true, force: true });
    mkdirSync(modelDir, { recursive: true });
    execFileSync(process.execPath, [join(fixture, 'make-model.mjs'), join(fixture, LIBRARY_FILE), modelDir, SEED], { stdio: 'inherit' });
    writeFileSync(stamp, expected);
  }
  mkdirSync(join(root, 'libs'), { recursive: true });
  copyFileSync(join(fixture, LIBRARY_FILE), join(root, 'libs', LIBRARY_FILE));

  // The same weights under another name, one shard short: a host with an incomplete upload.
  const broken = join(root, 'models', BROKEN_MODEL_NAME, 'resolve', 'main');
  rmSync(join(root, 'models', BROKEN_MODEL_NAME), { recursive: true, force: true });
  mkdirSync(broken, { recursive: true });
  for (const file of readdirSync(files)) if (file !== MISSING_SHARD) symlinkSync(join(files, file), join(broken, file));
  return root;
}
