/**
 * Keeps the layers honest: UI -> state -> (worker client, lib) and worker -> lib; Dexie only in lib/db,
 * web-llm only in the worker's engine, and nothing in src reaches into tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
  target: string;
}

const IMPORT = /import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

const imports: Import[] = files(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = m[2] ?? '';
    const target = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec;
    return { file: relative(SRC, file), spec, typeOnly: Boolean(m[1]), target };
  });
});

const offenders = (pred: (i: Import) => boolean) => imports.filter(pred).map((i) => `${i.file} -> ${i.spec}`);

describe('architecture', () => {
  it('found the source files', () => {
    expect(imports.length).toBeGreaterThan(50);
  });

  it('only src/lib/db imports Dexie', () => {
    expect(offenders((i) => i.spec === 'dexie' && !i.file.startsWith('lib/db/'))).toEqual([]);
  });

  it("only the engine worker's WebLLM adapter imports web-llm", () => {
    expect(offenders((i) => i.spec.startsWith('@mlc-ai/web-llm') && !i.file.startsWith('worker/engine/webllm/'))).toEqual([]);
  });

  it('no source file names the test-only WebLLM alias (the e2e-real build swaps it in)', () => {
    expect(offenders((i) => i.spec.startsWith('web-llm-v0251'))).toEqual([]);
  });

  it('lib is pure: no UI, state, worker, Svelte or DOM-only libraries', () => {
    expect(
      offenders(
        (i) =>
          i.file.startsWith('lib/') &&
          (/^(ui|state|worker|bridge|protocol)\//.test(i.target) || i.spec.startsWith('svelte') || ['dompurify', 'comlink', 'highlight.js'].some((p) => i.spec.startsWith(p))),
      ),
    ).toEqual([]);
  });

  it('worker code imports only lib, the protocol and its own folder, never state, UI or the page-side bridge', () => {
    expect(offenders((i) => i.file.startsWith('worker/') && /^(ui|state|bridge)\//.test(i.target))).toEqual([]);
  });

  it('the page-side bridge imports only the protocol and lib', () => {
    expect(offenders((i) => i.file.startsWith('bridge/') && /^(ui|state|worker)\//.test(i.target))).toEqual([]);
  });

  it('state imports no UI, and reaches the workers only through the bridge and the protocol', () => {
    expect(offenders((i) => i.file.startsWith('state/') && /^(ui|worker)\//.test(i.target))).toEqual([]);
  });

  it('UI takes only types from the protocol, and nothing from the bridge or the workers', () => {
    expect(offenders((i) => i.file.startsWith('ui/') && (/^(bridge|worker)\//.test(i.target) || (i.target.startsWith('protocol/') && !i.typeOnly)))).toEqual([]);
  });

  it('nothing in src imports test code', () => {
    expect(offenders((i) => i.target.startsWith('../tests') || i.spec.includes('/tests/'))).toEqual([]);
  });
});

describe('self-contained', () => {
  const ROOT = resolve(__dirname, '../..');
  /** Everything a test run reads or builds from; scripts/ is left out (the oracle recorder takes a path). */
  const scanned = [
    ...['src', 'tests'].flatMap((dir) => textFiles(join(ROOT, dir))),
    ...['package.json', 'vite.config.ts', 'vitest.config.ts', 'vitest.e2e.config.ts', 'vitest.real.config.ts', '.ci/run'].map((f) => join(ROOT, f)),
  ];

  function textFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? textFiles(path) : /\.(ts|mts|mjs|js|svelte|json|html)$/.test(name) ? [path] : [];
    });
  }

  it('no test, source or config reads anything beside the checkout (a fresh clone must pass alone)', () => {
    expect(scanned.length).toBeGreaterThan(100);
    const outside = /\.\.\/shared|\/work\/shared|shared\/fixtures|REAL_ENGINE_FIXTURE/;
    expect(scanned.filter((file) => file !== __filename && outside.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file))).toEqual([]);
  });
});
