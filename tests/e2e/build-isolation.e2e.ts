/**
 * The real-engine test tier builds against WebLLM 0.2.79 (exactly pinned npm alias "web-llm-v0279"); the app
 * ships 0.2.86. Each runtime embeds the model-library version it was built for ("v0_2_86/base" vs "v0_2_48"),
 * which tells the two apart in a bundle. dist/ must hold 0.2.86 only; the test build must hold exactly 0.2.79
 * (so this can fail): checked on the package the build actually read, and on the bundle (0.2.51, which also
 * expects v0_2_48 libraries, has no per-model pipeline Map).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { build, type Plugin } from 'vite';
import { describe, expect, it } from 'vitest';

const OLD_RUNTIME = /v0_2_48|web-llm-v\d/;
const APP_RUNTIME = 'v0_2_86';
const TEST_ALIAS = 'web-llm-v0279';
const TEST_VERSION = '0.2.79';

function scripts(dir: string): string {
  return readdirSync(join(dir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, 'assets', file), 'utf8'))
    .join('\n');
}

/** Records every module a build loads from a package whose manifest names it @mlc-ai/web-llm (worker bundles included). */
function recordWebLlmPackages(found: Map<string, string>): Plugin {
  const seen = new Set<string>();
  return {
    name: 'record-web-llm-packages',
    load(id) {
      const file = id.split('?')[0]!;
      const marker = `${sep}node_modules${sep}`;
      const at = file.lastIndexOf(marker);
      if (at < 0) return null;
      const rest = file.slice(at + marker.length).split(sep);
      const pkgDir = join(file.slice(0, at + marker.length), ...rest.slice(0, rest[0]!.startsWith('@') ? 2 : 1));
      if (seen.has(pkgDir)) return null;
      seen.add(pkgDir);
      if (!existsSync(join(pkgDir, 'package.json'))) return null;
      const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@mlc-ai/web-llm') found.set(pkgDir, manifest.version ?? '?');
      return null;
    },
  };
}

describe('WebLLM versions per build', () => {
  it('the production build (dist/, built by the e2e setup) ships WebLLM 0.2.86 and never the test alias', () => {
    const bundle = scripts(join(process.cwd(), 'dist'));
    expect(bundle).toContain(APP_RUNTIME);
    expect(bundle).not.toMatch(OLD_RUNTIME);
  });

  it(`the real-engine test build resolves @mlc-ai/web-llm to exactly ${TEST_VERSION} (alias ${TEST_ALIAS})`, async () => {
    const outDir = join(process.cwd(), '.e2e', 'dist-real-check');
    const found = new Map<string, string>();
    const record = recordWebLlmPackages(found);
    await build({
      mode: 'e2e-real',
      logLevel: 'warn',
      plugins: [record],
      worker: { plugins: () => [record] },
      build: { outDir, emptyOutDir: true },
    });
    try {
      // The one WebLLM package the build read is the alias, at exactly the pinned version.
      expect([...found].map(([dir, version]) => [dir.split(sep).slice(-1)[0], version])).toEqual([[TEST_ALIAS, TEST_VERSION]]);
      const bundle = scripts(outDir);
      expect(bundle).toMatch(/v0_2_48/);
      expect(bundle).toContain('loadedModelIdToPipeline');
      expect(bundle).not.toContain(APP_RUNTIME);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
