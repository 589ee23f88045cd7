/**
 * The layer checker, against the real table (tests/unit/layers.ts), on small made-up trees: each forbidden
 * edge, in each import form, must be reported. This is what shows the architecture test can fail.
 */
import { describe, expect, it } from 'vitest';
import { checkLayers, collectEdges, formatViolations, layerOf, resolveSpec, type LayerTable } from '../support/layer-check';
import { EXCEPTIONS, LAYERS, PACKAGES } from './layers';

const TABLE: LayerTable = { layers: LAYERS, packages: PACKAGES, exceptions: EXCEPTIONS };

/** Files the made-up sources may import (paths relative to src/). */
const EXISTING = [
  'app.css',
  'lib/chat/chat-types.ts',
  'lib/chat/search.ts',
  'lib/db/app-db.ts',
  'lib/db/conversations.repo.ts',
  'lib/db/live.ts',
  'lib/format.ts',
  'lib/inference/app-error.ts',
  'lib/transfer/limits.ts',
  'protocol/engine-protocol.ts',
  'bridge/engine-client.ts',
  'state/app-context.ts',
  'worker/engine/engine.worker.ts',
  'worker/engine/stream-relay.ts',
  'worker/import/import.worker.ts',
];

/** Violations, as the architecture test prints them, of the given sources (path relative to src/ -> text). */
function check(sources: Record<string, string>, table: LayerTable = TABLE) {
  const files = [...new Set([...EXISTING, ...Object.keys(sources)])];
  const edges = collectEdges(new Map(Object.entries(sources)), new Set(files));
  return checkLayers(edges, files, table);
}
const violationsOf = (sources: Record<string, string>) => formatViolations(check(sources).violations);

describe('layer check: each forbidden kind is reported', () => {
  it('static import: pure lib/chat -> lib/db', () => {
    expect(violationsOf({ 'lib/chat/x.ts': "import { observe } from '../db/live';" })).toEqual([
      'lib/chat/x.ts:1 -> ../db/live (static): lib/chat may not import lib/db',
    ]);
  });

  it('static type-only import: lib/transfer -> lib/db (types do not excuse a pure area)', () => {
    expect(violationsOf({ 'lib/transfer/x.ts': "import type { AppDB } from '../db/app-db';" })).toEqual([
      'lib/transfer/x.ts:1 -> ../db/app-db (static, type-only): lib/transfer may not import lib/db',
    ]);
  });

  it('side-effect import: the engine worker -> lib/db', () => {
    expect(violationsOf({ 'worker/engine/x.ts': "import '../../lib/db/app-db';" })).toEqual([
      'worker/engine/x.ts:1 -> ../../lib/db/app-db (side-effect): worker/engine may not import lib/db',
    ]);
  });

  it('dynamic import(): ui -> lib/db, in a .ts helper and in a .svelte script block', () => {
    expect(
      violationsOf({
        'ui/shell/x.ts': "export const db = () => import('../../lib/db/app-db');",
        'ui/shell/X.svelte': "<script lang=\"ts\">\n  const repo = import('../../lib/db/conversations.repo');\n</script>\n<p>x</p>",
      }),
    ).toEqual([
      'ui/shell/x.ts:1 -> ../../lib/db/app-db (dynamic): ui may not import lib/db',
      'ui/shell/X.svelte:2 -> ../../lib/db/conversations.repo (dynamic): ui may not import lib/db',
    ]);
  });

  it('re-export: lib/transfer -> lib/db, by export * and export { }', () => {
    expect(
      violationsOf({
        'lib/transfer/x.ts': "export * from '../db/live';\nexport { ConversationsRepo } from '../db/conversations.repo';",
      }),
    ).toEqual([
      'lib/transfer/x.ts:1 -> ../db/live (re-export): lib/transfer may not import lib/db',
      'lib/transfer/x.ts:2 -> ../db/conversations.repo (re-export): lib/transfer may not import lib/db',
    ]);
  });

  it('worker URL: state and ui may not start a worker (only the bridge does)', () => {
    expect(
      violationsOf({
        'state/x.svelte.ts': "export const w = new Worker(new URL('../worker/engine/engine.worker.ts', import.meta.url), { type: 'module' });",
        'ui/chat/x.ts': "new Worker(new URL('../../worker/import/import.worker.ts', import.meta.url));",
      }),
    ).toEqual([
      'state/x.svelte.ts:1 -> ../worker/engine/engine.worker.ts (url): state may not import worker/engine',
      'ui/chat/x.ts:1 -> ../../worker/import/import.worker.ts (url): ui may not import worker/import',
    ]);
  });

  it('the bridge reaches workers by worker URL only, and only to a *.worker.ts entry', () => {
    expect(
      violationsOf({
        'bridge/ok.ts': "new Worker(new URL('../worker/engine/engine.worker.ts', import.meta.url));",
        'bridge/x.ts': "import { relayStream } from '../worker/engine/stream-relay';\nnew Worker(new URL('../worker/engine/stream-relay.ts', import.meta.url));",
      }),
    ).toEqual([
      "bridge/x.ts:1 -> ../worker/engine/stream-relay (static): bridge may reach worker/engine only by new URL('….worker.ts', import.meta.url)",
      'bridge/x.ts:2 -> ../worker/engine/stream-relay.ts (url): a worker URL must name a *.worker.ts entry, not worker/engine/stream-relay.ts',
    ]);
  });

  it('ui takes only types from the protocol', () => {
    expect(
      violationsOf({
        'ui/models/ok.ts': "import type { GpuProbe } from '../../protocol/engine-protocol';",
        'ui/models/x.ts': "import { type GpuProbe } from '../../protocol/engine-protocol';\nexport { DEFAULT_WATCHDOG } from '../../protocol/engine-protocol';",
      }),
    ).toEqual([
      'ui/models/x.ts:1 -> ../../protocol/engine-protocol (static): ui may import only types from protocol',
      'ui/models/x.ts:2 -> ../../protocol/engine-protocol (re-export): ui may import only types from protocol',
    ]);
  });

  it('state takes only types from the bridge and lib/db, outside the composition root and the named exceptions', () => {
    const { violations, usedExceptions } = check({
      'state/ok.svelte.ts': "import type { EngineClient } from '../bridge/engine-client';\nimport { observe } from '../lib/db/live';",
      'state/create-app-state.ts': "import { openAppDb } from '../lib/db/app-db';\nimport { createEngineClient } from '../bridge/engine-client';",
      'state/x.svelte.ts': "import { createEngineClient } from '../bridge/engine-client';\nimport { openAppDb } from '../lib/db/app-db';",
    });
    expect(formatViolations(violations)).toEqual([
      'state/x.svelte.ts:1 -> ../bridge/engine-client (static): state may import only types from bridge',
      'state/x.svelte.ts:2 -> ../lib/db/app-db (static): state may import only types from lib/db',
    ]);
    expect([...usedExceptions].map((e) => `${e.from} -> ${e.to}`).sort()).toEqual(['state -> lib/db/live.ts', 'state/create-app-state.ts -> bridge', 'state/create-app-state.ts -> lib/db']);
  });

  it('upward imports: lib -> state, worker -> ui, protocol -> bridge, bridge -> state', () => {
    expect(
      violationsOf({
        'lib/models/x.ts': "import { useAppState } from '../../state/app-context';",
        'worker/import/x.ts': "import C from '../../ui/chat/ChatView.svelte';",
        'protocol/x.ts': "import type { EngineClient } from '../bridge/engine-client';",
        'bridge/x.ts': "import type { AppState } from '../state/app-context';",
      }),
    ).toEqual([
      'lib/models/x.ts:1 -> ../../state/app-context (static): lib/models may not import state',
      'worker/import/x.ts:1 -> ../../ui/chat/ChatView.svelte (static): worker/import may not import ui',
      'protocol/x.ts:1 -> ../bridge/engine-client (static, type-only): protocol may not import bridge',
      'bridge/x.ts:1 -> ../state/app-context (static, type-only): bridge may not import state',
    ]);
  });

  it('packages: Dexie, WebLLM, Comlink, Svelte and the markdown libraries only where the table says; unlisted ones never', () => {
    expect(
      violationsOf({
        'state/x.svelte.ts': "import type { Table } from 'dexie';",
        'worker/engine/x.ts': "import * as webllm from '@mlc-ai/web-llm';\nimport { MLCEngine } from 'web-llm-v0279';",
        'worker/engine/webllm/ok.ts': "import { MLCEngine } from '@mlc-ai/web-llm';",
        'lib/chat/x.ts': "import { mount } from 'svelte';\nimport * as Comlink from 'comlink';",
        'ui/shell/x.ts': "import { marked } from 'marked';\nimport hljs from 'highlight.js/lib/core';\nimport DOMPurify from 'dompurify';",
        'ui/chat/markdown/ok.ts': "import hljs from 'highlight.js/lib/core';\nimport { readFileSync } from 'node:fs';",
      }),
    ).toEqual([
      'state/x.svelte.ts:1 -> dexie (static, type-only): dexie may be imported only in lib/db (IndexedDB is reached through lib/db only)',
      "worker/engine/x.ts:1 -> @mlc-ai/web-llm (static): @mlc-ai/web-llm may be imported only in worker/engine/webllm/ (WebLLM lives behind the engine worker's adapter (and in its chunk))",
      'worker/engine/x.ts:2 -> web-llm-v0279 (static): package web-llm-v0279 is not in PACKAGES',
      'lib/chat/x.ts:1 -> svelte (static): svelte may be imported only in app, ui, state (the page: components, runes state and its context)',
      'lib/chat/x.ts:2 -> comlink (static): comlink may be imported only in bridge, worker/engine, worker/import (the RPC across the worker boundary: page-side clients and worker entries)',
      'ui/shell/x.ts:1 -> marked (static): marked may be imported only in ui/chat/markdown/ (the lazily loaded markdown renderer)',
      'ui/shell/x.ts:2 -> highlight.js/lib/core (static): highlight.js may be imported only in ui/chat/markdown/ (the lazily loaded markdown renderer)',
      'ui/shell/x.ts:3 -> dompurify (static): dompurify may be imported only in ui/chat/markdown/ (the lazily loaded markdown renderer sanitizes its HTML)',
      'ui/chat/markdown/ok.ts:2 -> node:fs (static): package node:fs is not in PACKAGES',
    ]);
  });

  it('reaching outside src/ (tests), non-literal import(), import.meta.glob, and files in no layer', () => {
    expect(
      violationsOf({
        'lib/chat/x.ts': "import { arb } from '../../../tests/support/transfer-arbitraries';\nexport const load = (name: string) => import(`./${name}`);",
        'ui/chat/x.ts': "const all = import.meta.glob('./*.svelte');",
        'utils/x.ts': "import { formatBytes } from '../lib/format';",
      }),
    ).toEqual([
      'utils/x.ts: is in no layer: add it to LAYERS',
      'lib/chat/x.ts:1 -> ../../../tests/support/transfer-arbitraries (static): reaches outside src/ (../tests/support/transfer-arbitraries): source never imports tests, scripts or config',
      'lib/chat/x.ts:2 -> (non-literal) (dynamic): import() of a non-literal cannot be checked against the layers',
      'ui/chat/x.ts:1 -> ./*.svelte (glob): import.meta.glob cannot be checked against the layers',
    ]);
  });

  it('without its exception, the import worker writing through lib/db is refused', () => {
    const source = { 'worker/import/x.ts': "import { openAppDb } from '../../lib/db/app-db';" };
    expect(formatViolations(check(source).violations)).toEqual([]);
    const strict = { ...TABLE, exceptions: EXCEPTIONS.filter((e) => !(e.from === 'worker/import' && e.to === 'lib/db')) };
    expect(formatViolations(check(source, strict).violations)).toEqual(['worker/import/x.ts:1 -> ../../lib/db/app-db (static): worker/import may not import lib/db']);
  });

  it('allowed edges pass: downward imports, same-layer imports, the worker entries and the app stylesheet', () => {
    expect(
      violationsOf({
        'main.ts': "import './app.css';\nimport App from './App.svelte';",
        'App.svelte': "<script lang=\"ts\">\n  import { provideAppState } from './state/app-context';\n</script>",
        'ui/chat/y.ts': "import { formatBytes } from '../../lib/format';\nimport { useAppState } from '../../state/app-context';",
        'worker/engine/y.ts': "import { relayStream } from './stream-relay';\nimport { makeAppError } from '../../lib/inference/app-error';\nimport * as Comlink from 'comlink';",
        'lib/db/y.ts': "import { matchesAll } from '../chat/search';\nimport { checkId } from '../transfer/limits';\nimport type { AppError } from '../inference/app-error';",
        'protocol/y.ts': "import type { ChatTurn } from '../lib/chat/chat-types';",
      }),
    ).toEqual([]);
  });
});

describe('layer check: resolution', () => {
  const files = new Set(['lib/format.ts', 'ui/chat/markdown/markdown-renderer.svelte.ts', 'lib/db/index.ts', 'app.css']);

  it('resolves extensionless, .svelte.ts and folder specifiers, strips queries, and names packages', () => {
    expect(resolveSpec('ui/chat/X.svelte', '../../lib/format', files)).toEqual({ type: 'file', path: 'lib/format.ts' });
    expect(resolveSpec('ui/chat/X.svelte', './markdown/markdown-renderer.svelte', files)).toEqual({ type: 'file', path: 'ui/chat/markdown/markdown-renderer.svelte.ts' });
    expect(resolveSpec('state/x.ts', '../lib/db', files)).toEqual({ type: 'file', path: 'lib/db/index.ts' });
    expect(resolveSpec('main.ts', './app.css?inline', files)).toEqual({ type: 'file', path: 'app.css' });
    expect(resolveSpec('ui/x.ts', 'highlight.js/lib/core', files)).toEqual({ type: 'package', name: 'highlight.js' });
    expect(resolveSpec('ui/x.ts', '@mlc-ai/web-llm/lib/index', files)).toEqual({ type: 'package', name: '@mlc-ai/web-llm' });
    expect(resolveSpec('ui/x.ts', '/public/icon.svg', files)).toEqual({ type: 'outside', path: '/public/icon.svg' });
  });

  it('puts each path in its most specific layer', () => {
    expect(layerOf('lib/format.ts', TABLE)).toBe('lib/format');
    expect(layerOf('lib/formatting/x.ts', TABLE)).toBe(null);
    expect(layerOf('worker/engine/webllm/webllm-engine.ts', TABLE)).toBe('worker/engine');
    expect(layerOf('App.svelte', TABLE)).toBe('app');
    expect(layerOf('lib/db/live.ts', TABLE)).toBe('lib/db');
  });
});
