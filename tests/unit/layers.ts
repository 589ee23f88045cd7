/**
 * The layering rules of src/, as data: the one table that tests/unit/architecture.test.ts enforces (through
 * tests/support/layer-check.ts) and that docs may cite.
 *
 * - LAYERS: every file under src/ belongs to exactly one layer (by path, relative to src/; a path ending in "/"
 *   is a folder, anything else one file). `mayImport` lists the layers it may reach besides itself. Layers
 *   import downward only: the graph of allowed edges (exceptions included) has no cycle, which a test checks.
 *   An entry `{ layer, only: 'types' }` allows `import type` / `export type` only; `{ layer, only: 'worker-url' }`
 *   allows only `new URL('….worker.ts', import.meta.url)`, the way the page starts a worker.
 * - PACKAGES: every npm package src/ may import, with where (layer names, or paths) and why. A package that is not
 *   listed may not be imported at all (this covers node: built-ins and the test-only web-llm-v0… alias).
 * - EXCEPTIONS: named edges the layer rules would refuse, each with its reason. An exception that no import
 *   needs any more fails the tests, so the list cannot go stale. `TODO(issue 15)` marks a real violation
 *   kept only until it is fixed.
 *
 * Every import form counts: static, side-effect, re-export, dynamic import(), new URL(…, import.meta.url),
 * import.meta.glob (never allowed: it cannot be checked) and require().
 */

/** The pure TypeScript areas of lib/: no I/O, no DOM-only libraries, usable on both sides of every worker. */
export const PURE_LIB = ['lib/chat', 'lib/transfer', 'lib/markdown', 'lib/models', 'lib/inference', 'lib/i18n', 'lib/shortcuts', 'lib/format'] as const;

export type LayerName =
  | 'app'
  | 'ui'
  | 'state'
  | 'bridge'
  | 'protocol'
  | 'worker/engine'
  | 'worker/import'
  | 'sw'
  | 'lib/db'
  | (typeof PURE_LIB)[number];

export type Allow = LayerName | { readonly layer: LayerName; readonly only: 'types' | 'worker-url' };

export interface Layer {
  readonly paths: readonly string[];
  readonly role: string;
  readonly mayImport: readonly Allow[];
}

const types = (layer: LayerName): Allow => ({ layer, only: 'types' });
const workerUrl = (layer: LayerName): Allow => ({ layer, only: 'worker-url' });

export const LAYERS: Readonly<Record<LayerName, Layer>> = {
  app: {
    paths: ['main.ts', 'App.svelte', 'app.css'],
    role: 'the page entry: mounts App with the state the composition root builds',
    mayImport: ['ui', 'state', ...PURE_LIB, types('protocol')],
  },
  ui: {
    paths: ['ui/'],
    role: 'Svelte components and their helpers',
    mayImport: ['state', ...PURE_LIB, types('protocol')],
  },
  state: {
    paths: ['state/'],
    role: 'runes state classes; repositories and worker clients are handed in by the composition root',
    mayImport: [...PURE_LIB, 'protocol', types('bridge'), types('lib/db')],
  },
  bridge: {
    paths: ['bridge/'],
    role: 'page-side worker clients; the only code that starts workers',
    mayImport: ['protocol', ...PURE_LIB, workerUrl('worker/engine'), workerUrl('worker/import')],
  },
  protocol: {
    paths: ['protocol/'],
    role: 'the worker contracts (types and constants) both sides import',
    mayImport: [...PURE_LIB],
  },
  'worker/engine': {
    paths: ['worker/engine/'],
    role: 'runs inside the engine worker (webllm/ is the only WebLLM importer)',
    mayImport: ['protocol', ...PURE_LIB],
  },
  'worker/import': {
    paths: ['worker/import/'],
    role: 'runs inside the import worker',
    mayImport: ['protocol', ...PURE_LIB],
  },
  sw: {
    paths: ['sw/'],
    role: "the service worker: precaches the app shell, answers navigations offline; never touches WebLLM's caches",
    mayImport: ['protocol'],
  },
  'lib/db': {
    paths: ['lib/db/'],
    role: 'persistence (IndexedDB through Dexie); not pure',
    mayImport: PURE_LIB.map(types),
  },
  'lib/transfer': { paths: ['lib/transfer/'], role: 'export and import formats (pure)', mayImport: ['lib/chat', 'lib/inference', 'lib/format', 'lib/i18n'] },
  'lib/chat': { paths: ['lib/chat/'], role: 'conversations, message trees, search, titles (pure)', mayImport: ['lib/inference', 'lib/format'] },
  'lib/markdown': { paths: ['lib/markdown/'], role: 'streaming markdown splitting (pure)', mayImport: ['lib/format'] },
  'lib/models': { paths: ['lib/models/'], role: 'model catalog and model files (pure)', mayImport: ['lib/format', 'lib/i18n'] },
  'lib/inference': { paths: ['lib/inference/'], role: 'errors, progress, stats of inference (pure)', mayImport: ['lib/format', 'lib/i18n'] },
  'lib/i18n': { paths: ['lib/i18n/'], role: 'the UI\'s messages in every language, typed keys, plural forms (pure)', mayImport: ['lib/format'] },
  'lib/shortcuts': { paths: ['lib/shortcuts/'], role: 'keyboard shortcuts: key combinations -> actions, keycap labels (pure)', mayImport: [] },
  'lib/format': { paths: ['lib/format.ts'], role: 'number and size formatting (pure)', mayImport: [] },
};

export interface PackageRule {
  /** Layer names or paths (see LAYERS) where the package may be imported. */
  readonly in: readonly string[];
  readonly reason: string;
}

export const PACKAGES: Readonly<Record<string, PackageRule>> = {
  svelte: { in: ['app', 'ui', 'state'], reason: 'the page: components, runes state and its context' },
  dexie: { in: ['lib/db'], reason: 'IndexedDB is reached through lib/db only' },
  '@mlc-ai/web-llm': { in: ['worker/engine/webllm/'], reason: "WebLLM lives behind the engine worker's adapter (and in its chunk)" },
  comlink: { in: ['bridge', 'worker/engine', 'worker/import'], reason: 'the RPC across the worker boundary: page-side clients and worker entries' },
  'workbox-window': { in: ['bridge'], reason: "registers the service worker and reports its updates (bridge/service-worker-client.ts)" },
  'workbox-precaching': { in: ['sw'], reason: 'the precache of the app shell, inside the service worker' },
  'workbox-routing': { in: ['sw'], reason: 'navigations answered with the cached page, inside the service worker' },
  'workbox-core': { in: ['sw'], reason: 'clientsClaim on the first install, inside the service worker' },
  marked: { in: ['ui/chat/markdown/'], reason: 'the lazily loaded markdown renderer' },
  'highlight.js': { in: ['ui/chat/markdown/'], reason: 'the lazily loaded markdown renderer' },
  dompurify: { in: ['ui/chat/markdown/'], reason: 'the lazily loaded markdown renderer sanitizes its HTML' },
};

export interface Exception {
  /** Layer name or path of the importing files. */
  readonly from: string;
  /** Layer name or path of the imported files, or a package name. */
  readonly to: string;
  readonly reason: string;
}

export const EXCEPTIONS: readonly Exception[] = [
  {
    from: 'worker/import',
    to: 'lib/db',
    reason: 'the import worker parses and writes a whole import in one IndexedDB transaction, off the page thread',
  },
  {
    from: 'lib/db',
    to: 'lib/chat',
    reason: 'the conversations repository applies the pure chat rules at run time (new conversations, titles, search terms, words, snippets)',
  },
  {
    from: 'lib/db',
    to: 'lib/transfer/limits.ts',
    reason: 'the repository enforces the same id, text and time limits that import validates',
  },
  {
    from: 'state/create-app-state.ts',
    to: 'lib/db',
    reason: 'composition root: opens the database and builds the repositories the state classes are given',
  },
  {
    from: 'state/create-app-state.ts',
    to: 'bridge',
    reason: 'composition root: creates the engine and import clients the state classes are given',
  },
  {
    from: 'state',
    to: 'lib/db/live.ts',
    reason: "state follows IndexedDB through lib/db's liveQuery adapter (observe), so Dexie itself stays in lib/db",
  },
  {
    from: 'state/chat.svelte.ts',
    to: 'lib/db/conversations.repo.ts',
    reason: 'newId: chat state mints message and conversation ids the way the repository does',
  },
  {
    from: 'state/drafts.svelte.ts',
    to: 'lib/db/drafts.repo.ts',
    reason: "NEW_CHAT_DRAFT: the key of the unsaved chat's draft, shared with the repository",
  },
];
