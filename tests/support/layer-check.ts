/**
 * Checks module references against the layer table (tests/unit/layers.ts): resolves each reference to a file
 * under src/ or a package, finds the layers on both ends, and lists every reference that the table and its
 * exceptions do not allow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Allow, Exception, Layer, PackageRule } from '../unit/layers';
import { scanImports, type ImportRef } from './import-scanner';

export interface LayerTable {
  readonly layers: Readonly<Record<string, Layer>>;
  readonly packages: Readonly<Record<string, PackageRule>>;
  readonly exceptions: readonly Exception[];
}

/** Where a reference leads: a path relative to src/ (existing or not), outside src/, or a package. */
export type Target = { readonly type: 'file'; readonly path: string } | { readonly type: 'outside'; readonly path: string } | { readonly type: 'package'; readonly name: string };

export interface Edge extends ImportRef {
  /** The importing file, relative to src/. */
  readonly file: string;
  /** Null for a non-literal import() or glob. */
  readonly target: Target | null;
}

export interface Violation {
  readonly file: string;
  /** Null when the file itself is at fault (it belongs to no layer). */
  readonly edge: Edge | null;
  readonly reason: string;
}

/** Scanned as source: script and Svelte files that are not colocated unit tests. */
export const isSource = (path: string) => /\.(ts|js|mjs|svelte)$/.test(path) && !/\.test\.ts$/.test(path);

/** Every file under `dir`, as posix paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Resolves `spec` as written in `file` (both relative to src/); `files` are the files that exist there. */
export function resolveSpec(file: string, spec: string, files: ReadonlySet<string>): Target {
  const bare = spec.replace(/[?#].*$/, '');
  if (bare.startsWith('/')) return { type: 'outside', path: bare };
  if (!bare.startsWith('.')) return { type: 'package', name: packageName(bare) };
  const path = posix.normalize(posix.join(posix.dirname(file), bare));
  if (path === '..' || path.startsWith('../')) return { type: 'outside', path };
  const found = [path, `${path}.ts`, `${path}.js`, `${path}/index.ts`].find((candidate) => files.has(candidate));
  return { type: 'file', path: found ?? path };
}

/** Every module reference of every source file in `sources` (path relative to src/ -> text). */
export function collectEdges(sources: ReadonlyMap<string, string>, files: ReadonlySet<string>): Edge[] {
  return [...sources].flatMap(([file, text]) =>
    scanImports(text, file).map((ref) => ({ ...ref, file, target: ref.spec === null ? null : resolveSpec(file, ref.spec, files) })),
  );
}

/** Reads src/ (or any folder laid out like it): its files, and the edges of its source files. */
export function readTree(srcDir: string): { files: string[]; sources: Map<string, string>; edges: Edge[] } {
  const files = listFiles(srcDir);
  const sources = new Map(files.filter(isSource).map((file) => [file, readFileSync(join(srcDir, file), 'utf8')]));
  return { files, sources, edges: collectEdges(sources, new Set(files)) };
}

/** Whether `path` is covered by a table path (a folder ending in "/", else one file). */
const covers = (scope: string, path: string) => (scope.endsWith('/') ? path.startsWith(scope) : path === scope);

/** The layer a path belongs to (the longest matching table path wins), or null. */
export function layerOf(path: string, table: LayerTable): string | null {
  let best: { name: string; length: number } | null = null;
  for (const [name, layer] of Object.entries(table.layers)) {
    for (const scope of layer.paths) {
      if (covers(scope, path) && (!best || scope.length > best.length)) best = { name, length: scope.length };
    }
  }
  return best?.name ?? null;
}

/** Whether a path is within a scope: a layer name or a table path. */
export const inScope = (scope: string, path: string, table: LayerTable) => (scope in table.layers ? layerOf(path, table) === scope : covers(scope, path));

const allowName = (allow: Allow) => (typeof allow === 'string' ? allow : allow.layer);

export function describeEdge(edge: Edge): string {
  return `${edge.file}:${edge.line} -> ${edge.spec ?? '(non-literal)'} (${edge.kind}${edge.typeOnly ? ', type-only' : ''})`;
}

const WORKER_ENTRY = /\.worker\.ts$/;

/**
 * The edges the table refuses, each with why, and which exceptions were needed. `files` are all files under
 * src/ (to report a file that belongs to no layer).
 */
export function checkLayers(edges: readonly Edge[], files: readonly string[], table: LayerTable): { violations: Violation[]; usedExceptions: Set<Exception> } {
  const violations: Violation[] = [];
  const usedExceptions = new Set<Exception>();
  const refuse = (edge: Edge, reason: string) => violations.push({ file: edge.file, edge, reason });
  const excepted = (edge: Edge, to: (scope: string) => boolean) => {
    const exception = table.exceptions.find((e) => inScope(e.from, edge.file, table) && to(e.to));
    if (exception) usedExceptions.add(exception);
    return exception !== undefined;
  };

  for (const file of files) {
    // Colocated unit tests are not source: they are not scanned and belong to no layer.
    if (!/\.test\.ts$/.test(file) && layerOf(file, table) === null) violations.push({ file, edge: null, reason: 'is in no layer: add it to LAYERS' });
  }

  for (const edge of edges) {
    const from = layerOf(edge.file, table);
    if (from === null) continue; // reported above
    const { target } = edge;
    if (edge.kind === 'glob') {
      refuse(edge, 'import.meta.glob cannot be checked against the layers');
      continue;
    }
    if (target === null) {
      refuse(edge, 'import() of a non-literal cannot be checked against the layers');
      continue;
    }
    if (target.type === 'outside') {
      refuse(edge, `reaches outside src/ (${target.path}): source never imports tests, scripts or config`);
      continue;
    }
    if (target.type === 'package') {
      const rule = table.packages[target.name];
      if (rule && rule.in.some((scope) => inScope(scope, edge.file, table))) continue;
      if (excepted(edge, (scope) => scope === target.name)) continue;
      refuse(edge, rule ? `${target.name} may be imported only in ${rule.in.join(', ')} (${rule.reason})` : `package ${target.name} is not in PACKAGES`);
      continue;
    }
    const to = layerOf(target.path, table);
    if (to === null) {
      refuse(edge, `${target.path} is in no layer`);
      continue;
    }
    // Into a worker from another layer, a URL is a worker start: it must name the worker's entry.
    if (edge.kind === 'url' && to !== from && to.startsWith('worker/') && !WORKER_ENTRY.test(target.path)) {
      refuse(edge, `a worker URL must name a *.worker.ts entry, not ${target.path}`);
      continue;
    }
    if (to === from) continue;
    const allows = table.layers[from]!.mayImport.filter((allow) => allowName(allow) === to);
    const allowed = allows.some(
      (allow) => typeof allow === 'string' || (allow.only === 'types' ? edge.typeOnly : edge.kind === 'url'),
    );
    if (allowed) continue;
    if (excepted(edge, (scope) => inScope(scope, target.path, table))) continue;
    const only = allows.map((allow) => (typeof allow === 'string' ? '' : allow.only));
    refuse(
      edge,
      only.includes('types')
        ? `${from} may import only types from ${to}`
        : only.includes('worker-url')
          ? `${from} may reach ${to} only by new URL('….worker.ts', import.meta.url)`
          : `${from} may not import ${to}`,
    );
  }
  return { violations, usedExceptions };
}

/** One line per violation: `file:line -> spec (kind): reason`. */
export function formatViolations(violations: readonly Violation[]): string[] {
  return violations.map(({ file, edge, reason }) => `${edge ? describeEdge(edge) : file}: ${reason}`);
}
