/**
 * The real-engine test tier builds against WebLLM 0.2.51 (npm alias "web-llm-v0251"); the app ships 0.2.86.
 * Each runtime embeds the model-library version it was built for ("v0_2_86/base" vs "v0_2_48"), which tells
 * the two apart in a bundle. dist/ must hold 0.2.86 only; the test build must hold 0.2.51 (so this can fail).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const OLD_RUNTIME = /v0_2_48|web-llm-v0251/;
const APP_RUNTIME = 'v0_2_86';

function scripts(dir: string): string {
  return readdirSync(join(dir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, 'assets', file), 'utf8'))
    .join('\n');
}

describe('WebLLM versions per build', () => {
  it('the production build (dist/, built by the e2e setup) ships WebLLM 0.2.86 and never the test alias', () => {
    const bundle = scripts(join(process.cwd(), 'dist'));
    expect(bundle).toContain(APP_RUNTIME);
    expect(bundle).not.toMatch(OLD_RUNTIME);
  });

  it('the real-engine test build resolves @mlc-ai/web-llm to 0.2.51', async () => {
    const outDir = join(process.cwd(), '.e2e', 'dist-real-check');
    await build({ mode: 'e2e-real', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    try {
      const bundle = scripts(outDir);
      expect(bundle).toMatch(/v0_2_48/);
      expect(bundle).not.toContain(APP_RUNTIME);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
