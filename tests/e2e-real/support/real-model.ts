/**
 * The real-engine model host, from what the repository carries: the committed Qwen2-0.5B q4f32_1 WebLLM library
 * (tests/fixtures/real-engine) and the project's own generator of matching synthetic weights
 * (tests/support/real-engine), laid out as models/<name>/resolve/main/… and libs/<library>.wasm. Writing the
 * 295 MiB of weights takes seconds; they are kept in a git-ignored folder and reused while the library, the
 * seed and the generator's recorded output are the same.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBRARY_FILE, LIBRARY_PATH } from '../../support/real-engine/model-library';
import oracle from '../../support/real-engine/oracle.json';
import { writeSyntheticModel } from '../../support/real-engine/synthetic-model';

export { LIBRARY_FILE };
export const MODEL_NAME = 'Qwen2-0.5B-Synthetic-q4f32_1-MLC';
export const BROKEN_MODEL_NAME = 'Qwen2-0.5B-Missing-Shard-q4f32_1-MLC';
export const MISSING_SHARD = 'params_shard_2.bin';
const SEED = 1;

/** Writes (or reuses) the host folder; returns its root. */
export function prepareModelHost(repoRoot: string): string {
  const root = join(repoRoot, '.e2e', 'real-host');
  const modelDir = join(root, 'models', MODEL_NAME);
  const files = join(modelDir, 'resolve', 'main');
  const stamp = join(modelDir, 'complete.json');
  // The unit tier proves the generator writes exactly the oracle's files; the stamp ties this copy to them.
  const expected = JSON.stringify({ seed: SEED, libSize: statSync(LIBRARY_PATH).size, files: oracle.files });
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== expected) {
    rmSync(modelDir, { recursive: true, force: true });
    mkdirSync(modelDir, { recursive: true });
    const written = writeSyntheticModel(LIBRARY_PATH, modelDir, SEED);
    console.log(`synthetic weights: ${(written.totalBytes / 2 ** 20).toFixed(1)} MiB in ${written.seconds.toFixed(1)} s -> ${written.dir}`);
    writeFileSync(stamp, expected);
  }
  mkdirSync(join(root, 'libs'), { recursive: true });
  copyFileSync(LIBRARY_PATH, join(root, 'libs', LIBRARY_FILE));

  // The same weights under another name, one shard short: a host with an incomplete upload.
  const broken = join(root, 'models', BROKEN_MODEL_NAME, 'resolve', 'main');
  rmSync(join(root, 'models', BROKEN_MODEL_NAME), { recursive: true, force: true });
  mkdirSync(broken, { recursive: true });
  for (const file of readdirSync(files)) if (file !== MISSING_SHARD) symlinkSync(join(files, file), join(broken, file));
  return root;
}
