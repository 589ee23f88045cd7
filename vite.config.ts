import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { parseExtraHosts, securityHeaders } from './src/lib/models/content-security-policy.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const SPAWN_REAL = `${root}src/bridge/spawn-engine-worker.ts`;
const SPAWN_FAKE = `${root}tests/e2e/fake/spawn-fake-engine-worker.ts`;

/**
 * Test builds only (mode "e2e-fake"): the page starts the scripted test engine instead of WebLLM's, behind
 * the same worker API. Production builds never contain it.
 */
function fakeEngine(): Plugin {
  return {
    name: 'fake-engine',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.includes('spawn-engine-worker')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === SPAWN_REAL ? SPAWN_FAKE : null;
    },
  };
}

/**
 * Test builds only (mode "e2e-real"): WebLLM 0.2.79, installed under the exactly pinned npm alias
 * "web-llm-v0279", stands in for 0.2.86. 0.2.79 is the newest runtime that can run a model library reachable on
 * a machine without internet (the fixture's v0_2_48 Qwen2 library; 0.2.80+ link libraries through the new TVM
 * FFI), and its engine internals and public API are 0.2.86's (per-model pipelines and locks, `usage.extra`
 * timings); only the FFI runtime differs. `dist/` never has it.
 */
const REAL_ENGINE_ALIAS = { find: '@mlc-ai/web-llm', replacement: 'web-llm-v0279' };

/**
 * Dexie's package entry wraps its ES5 CommonJS build (to guard against two copies when CommonJS code loads it
 * too); the app is all ES modules, so it takes Dexie's own ES2017 module build: the same API, 3 kB less gzip at
 * start and no CommonJS interop. vitest.config.ts uses the same, so the unit tests run what ships.
 */
export const DEXIE_MODULE_BUILD = { find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' };

/**
 * The Content-Security-Policy and friends, as response headers on every response of `npm start` and the test
 * servers (workers take their policy from their own script's headers, never from the page). Deployments that
 * allow custom models from other hosts list their origins in PRIVATE_CHAT_MODEL_HOSTS.
 */
const EXTRA_MODEL_HOSTS = parseExtraHosts(process.env.PRIVATE_CHAT_MODEL_HOSTS);
const HEADERS = securityHeaders(EXTRA_MODEL_HOSTS);

/**
 * The web app manifest and the service worker (src/sw/service-worker.ts, built with its precache list injected).
 * The page registers it itself (src/bridge/service-worker-client.ts), so that updates wait for consent and for a
 * reply to finish. The precache holds every file the app can load, the engine worker's multi-megabyte chunk
 * (WebLLM and its tokenizer wasm) included; model files are never in it.
 */
function progressiveWebApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/sw',
    filename: 'service-worker.ts',
    injectRegister: false,
    registerType: 'prompt',
    manifestFilename: 'manifest.webmanifest',
    // The glob below already lists every icon; listing them again would precache each twice.
    includeAssets: [],
    includeManifestIcons: false,
    injectManifest: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
      // The engine worker's chunk carries WebLLM and its tokenizer wasm (~6 MB); it must be there offline.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // Headers files and the like are for the static host, not the browser.
      globIgnores: ['_headers'],
    },
    manifest: {
      id: '/',
      name: 'Private Chat',
      short_name: 'Private Chat',
      description: 'Chat with language models that run entirely in your browser, on your GPU. Nothing you type leaves the device. 在浏览器中用你的 GPU 运行语言模型，私密聊天。',
      lang: 'en',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      display_override: ['window-controls-overlay', 'standalone'],
      orientation: 'any',
      theme_color: '#4f46e5',
      background_color: '#ffffff',
      categories: ['productivity', 'utilities'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    devOptions: { enabled: false },
  });
}

/**
 * Everything the page imports statically (main.ts and what it reaches without a dynamic import) goes into one
 * chunk, instead of a dozen small ones that each cost a request and compress worse apart. What loads later
 * (the engine's chunk, the markdown renderer, the panels) keeps its own chunks, and so do the modules only
 * they use. npm run bench -- --only=startup measures the result.
 */
function startChunkName(): (id: string, context: { getModuleInfo(id: string): { isEntry: boolean; importedIds: readonly string[] } | null }) => string | null {
  const entry = `${root}src/main.ts`;
  let start: Set<string> | null = null;
  return (id, context) => {
    if (!start) {
      start = new Set();
      const pending = [entry];
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        if (start.has(next)) continue;
        start.add(next);
        pending.push(...(context.getModuleInfo(next)?.importedIds ?? []));
      }
    }
    // The entry itself stays out: main.ts awaits the first language (top-level await), and a language's chunk
    // importing from a chunk that holds main.ts would wait for main.ts to finish, which waits for it.
    return start.has(id) && id !== entry ? 'app' : null;
  };
}

const OUT_DIR: Record<string, string> = { 'e2e-fake': '.e2e/dist-fake', 'e2e-real': '.e2e/dist-real' };

export default defineConfig(({ mode }) => ({
  plugins: [svelte(), progressiveWebApp(), ...(mode === 'e2e-fake' ? [fakeEngine()] : [])],
  resolve: { alias: [DEXIE_MODULE_BUILD, ...(mode === 'e2e-real' ? [REAL_ENGINE_ALIAS] : [])] },
  build: {
    target: 'es2022',
    outDir: OUT_DIR[mode] ?? 'dist',
    emptyOutDir: true,
    // web-llm's bundle (with its inlined tokenizer wasm) lives in the worker chunk only.
    chunkSizeWarningLimit: 8000,
    // Every browser with WebGPU supports <link rel="modulepreload">; the polyfill would be dead weight at start.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: startChunkName(), debugName: 'start' }] } } },
  },
  worker: { format: 'es' },
  // The add-model form says which hosts the policy allows before it fetches (lib/models/content-security-policy).
  define: { __PRIVATE_CHAT_MODEL_HOSTS__: JSON.stringify(EXTRA_MODEL_HOSTS) },
  preview: { host: '127.0.0.1', port: 4173, headers: HEADERS },
  // The dev server runs Vite's own inline client: it gets no policy (nothing is deployed from it).
  server: { host: '127.0.0.1' },
}));
