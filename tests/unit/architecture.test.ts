/**
 * Keeps the layers honest. The rules are data, in tests/unit/layers.ts: every file under src/ belongs to a
 * layer, and every module reference (static, side-effect, type, re-export, dynamic import(), worker and asset
 * URLs; see tests/support/import-scanner.ts) must be allowed by that table or by one of its named exceptions.
 * The pinned rules below restate the hard lines directly against the scanned imports, so loosening
 * the table alone cannot let them through. The scanner and the checker have their own tests
 * (import-scanner.test.ts, layer-check.test.ts), which feed each forbidden kind and expect it reported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers, describeEdge, formatViolations, inScope, layerOf, readTree, type Edge } from '../support/layer-check';
import { EXCEPTIONS, LAYERS, PACKAGES, PURE_LIB, type LayerName } from './layers';

const SRC = resolve(__dirname, '../../src');
const TABLE = { layers: LAYERS, packages: PACKAGES, exceptions: EXCEPTIONS };
const tree = readTree(SRC);
const { violations, usedExceptions } = checkLayers(tree.edges, tree.files, TABLE);

/** `file:line -> spec (kind)` for each scanned edge that matches. */
const offenders = (pred: (edge: Edge, to: string | null) => boolean) =>
  tree.edges.filter((edge) => pred(edge, edge.target?.type === 'file' ? edge.target.path : null)).map(describeEdge);
const pkg = (edge: Edge) => (edge.target?.type === 'package' ? edge.target.name : null);
const under = (path: string | null, ...prefixes: string[]) => path !== null && prefixes.some((prefix) => path.startsWith(prefix));

describe('architecture', () => {
  it('scanned the source files', () => {
    expect(tree.sources.size).toBeGreaterThan(60);
    expect(tree.edges.length).toBeGreaterThan(150);
    expect(tree.edges.some((edge) => edge.kind === 'dynamic')).toBe(true);
    expect(tree.edges.some((edge) => edge.kind === 'url')).toBe(true);
  });

  it('every import in src/ is allowed by the layer table or a named exception', () => {
    expect(formatViolations(violations)).toEqual([]);
  });

  it('every exception is still needed', () => {
    expect(EXCEPTIONS.filter((exception) => !usedExceptions.has(exception)).map((e) => `${e.from} -> ${e.to}: unused, remove it`)).toEqual([]);
  });

  describe('the table', () => {
    /** Layer -> layers it may reach, exceptions included. */
    const graph = new Map<string, Set<string>>(
      Object.entries(LAYERS).map(([name, layer]) => [name, new Set(layer.mayImport.map((allow) => (typeof allow === 'string' ? allow : allow.layer)))]),
    );
    const layersOf = (scope: string) => (scope in LAYERS ? [scope] : tree.files.filter((file) => inScope(scope, file, TABLE)).map((file) => layerOf(file, TABLE)));
    for (const exception of EXCEPTIONS) {
      for (const from of layersOf(exception.from)) for (const to of layersOf(exception.to)) if (from && to && from !== to) graph.get(from)?.add(to);
    }

    it('layers import downward only: the allowed edges, exceptions included, have no cycle', () => {
      const cycles: string[] = [];
      const visit = (layer: string, path: string[]) => {
        if (path.includes(layer)) {
          cycles.push([...path.slice(path.indexOf(layer)), layer].join(' -> '));
          return;
        }
        for (const next of graph.get(layer) ?? []) visit(next, [...path, layer]);
      };
      for (const layer of graph.keys()) visit(layer, []);
      expect(cycles).toEqual([]);
    });

    it('pure lib areas may reach only pure lib areas, and no exception lets one out', () => {
      const pure = new Set<string>(PURE_LIB);
      expect(PURE_LIB.flatMap((area) => [...(graph.get(area) ?? [])].filter((to) => !pure.has(to)).map((to) => `${area} -> ${to}`))).toEqual([]);
      expect(Object.entries(PACKAGES).filter(([, rule]) => rule.in.some((scope) => layersOf(scope).some((layer) => layer !== null && pure.has(layer))))).toEqual([]);
    });

    it('every layer path and package scope names something that exists', () => {
      const missing = Object.values(LAYERS)
        .flatMap((layer) => layer.paths)
        .concat(Object.values(PACKAGES).flatMap((rule) => rule.in.filter((scope) => !(scope in LAYERS))))
        .filter((scope) => !tree.files.some((file) => inScope(scope, file, TABLE)));
      expect(missing).toEqual([]);
    });
  });

  describe('pinned rules (restated here, independent of the table)', () => {
    const layer = (edge: Edge) => layerOf(edge.file, TABLE) as LayerName | null;

    it('only src/lib/db imports Dexie', () => {
      expect(offenders((edge) => pkg(edge) === 'dexie' && !edge.file.startsWith('lib/db/'))).toEqual([]);
    });

    it("only the engine worker's WebLLM adapter imports web-llm", () => {
      expect(offenders((edge) => pkg(edge) === '@mlc-ai/web-llm' && !edge.file.startsWith('worker/engine/webllm/'))).toEqual([]);
    });

    it('no source file names the test-only WebLLM alias (the e2e-real build swaps it in)', () => {
      expect(offenders((edge) => /^web-llm-v0/.test(edge.spec ?? ''))).toEqual([]);
      expect([...tree.sources].filter(([, text]) => /web-llm-v0/.test(text)).map(([file]) => file)).toEqual([]);
    });

    it('nothing in src imports test code (or anything else outside src/)', () => {
      expect(offenders((edge) => edge.target?.type === 'outside' || /(^|\/)tests\//.test(edge.spec ?? ''))).toEqual([]);
    });

    it('pure lib never reaches lib/db, UI, state, the bridge, workers or the protocol, nor Svelte, Dexie or DOM-only libraries', () => {
      expect(
        offenders(
          (edge, to) =>
            (PURE_LIB as readonly string[]).includes(layer(edge) ?? '') &&
            (under(to, 'lib/db/', 'ui/', 'state/', 'bridge/', 'worker/', 'protocol/') ||
              ['svelte', 'dexie', '@mlc-ai/web-llm', 'comlink', 'dompurify', 'highlight.js', 'marked'].includes(pkg(edge) ?? '')),
        ),
      ).toEqual([]);
    });

    it('UI takes only types from the protocol, and nothing from the bridge, the workers or lib/db', () => {
      expect(offenders((edge, to) => edge.file.startsWith('ui/') && (under(to, 'bridge/', 'worker/', 'lib/db/') || (under(to, 'protocol/') && !edge.typeOnly)))).toEqual([]);
    });

    it('state imports no UI, and reaches the workers only through the bridge (types, outside the composition root) and the protocol', () => {
      expect(offenders((edge, to) => edge.file.startsWith('state/') && under(to, 'ui/', 'worker/'))).toEqual([]);
      expect(offenders((edge, to) => edge.file.startsWith('state/') && edge.file !== 'state/create-app-state.ts' && under(to, 'bridge/') && !edge.typeOnly)).toEqual([]);
    });

    it('the page-side bridge imports only the protocol and pure lib, and reaches workers only by worker URL', () => {
      expect(offenders((edge, to) => edge.file.startsWith('bridge/') && (under(to, 'ui/', 'state/', 'lib/db/') || (under(to, 'worker/') && edge.kind !== 'url')))).toEqual([]);
    });

    it('worker code never imports state, UI or the bridge; the engine worker never touches lib/db', () => {
      expect(offenders((edge, to) => edge.file.startsWith('worker/') && under(to, 'ui/', 'state/', 'bridge/'))).toEqual([]);
      expect(offenders((edge, to) => edge.file.startsWith('worker/engine/') && under(to, 'lib/db/', 'worker/import/'))).toEqual([]);
    });
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
