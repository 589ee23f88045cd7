/**
 * Start-up benchmark: the production build served with its headers, in Debian Chromium.
 *  - First visit (network): the scripts the page needs to start (index.html's entry and its static imports), and their size gzipped (as a
 *    static host or CDN sends them; Vite's preview server sends them uncompressed, so the bench gzips the files).
 *    The engine worker's chunk (WebLLM) is listed apart: it loads in the background, after the app is on screen.
 *  - The same first visit from a Chinese browser: the JavaScript fetched before the app mounted (the start-up
 *    script and the Chinese messages it loads before the first paint; not the service worker's helper).
 *  - Warm visits (the service worker answers from its precache): time to interactive = the later of the app's
 *    "app-mounted" mark and the end of the last long task (> 50 ms) before it; and how many requests still reached
 *    the network (goal: none).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const WARM_RUNS = 7;

/** Installs a long-task observer before any script of the page runs. */
const OBSERVE_LONG_TASKS = () => {
  const tasks = [];
  window.__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function interactive(page) {
  await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0 && document.querySelector('[data-testid="composer-input"]'), null, { timeout: 60_000 });
  // Let anything the mount started (effects, first fetches) run, then read the marks.
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const mounted = performance.getEntriesByName('app-mounted')[0].startTime;
    const tasks = window.__longTasks ?? [];
    const lastEnd = Math.max(0, ...tasks.filter((t) => t.start <= mounted + 50).map((t) => t.end));
    const nav = performance.getEntriesByType('navigation')[0];
    return { mounted, tti: Math.max(mounted, lastEnd), longest: Math.max(0, ...tasks.map((t) => t.end - t.start)), domContentLoaded: nav.domContentLoadedEventEnd };
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function startupBench({ root, args, chromiumPath }) {
  const outDir = mkdtempSync(join(tmpdir(), 'pc-startup-dist-'));
  // Built as `npm start` builds it: an earlier Vite call in this process (runnerImport) leaves NODE_ENV at
  // "development", which would compile Svelte in dev mode and drop the service worker's registration.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls.local[0];
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args, viewport: { width: 1200, height: 900 } });
  try {
    await context.addInitScript(OBSERVE_LONG_TASKS);
    const page = context.pages()[0] ?? (await context.newPage());
    const network = [];
    page.on('request', (request) => network.push(request));
    const responses = [];
    page.on('response', (response) => responses.push(response));

    // First visit: everything comes from the network.
    await page.goto(url);
    const cold = await interactive(page);
    const scripts = await page.evaluate(
      (mounted) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || e.name.endsWith('.js'))
          .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, beforeMounted: e.startTime < mounted })),
      cold.mounted,
    );
    const gz = (path) => gzipSync(readFileSync(join(outDir, path))).length;
    // What the page needs to start is what index.html names: its entry script and the modules Vite preloads for it
    // (every static import). Everything else the page fetched (lazy panels, the service worker's helper) is
    // listed apart with the time it was requested.
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const named = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
    const startJs = named.map((path) => ({ path, gzip: gz(path) }));
    const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g)].map((m) => ({ path: m[1], gzip: gz(m[1]) }));
    const later = scripts.filter((s) => s.path.endsWith('.js') && !named.includes(s.path) && !s.path.includes('.worker-')).map((s) => ({ ...s, gzip: gz(s.path) }));
    const workerScripts = network.filter((r) => /\/assets\/engine\.worker-.+\.js$/.test(new URL(r.url()).pathname)).map((r) => new URL(r.url()).pathname);
    const engineWorker = workerScripts[0] ? gz(workerScripts[0]) : null;
    const controlled = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 30_000))]),
    );
    if (!controlled) throw new Error('the service worker did not activate within 30 s (is this a production build?)');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Warm visits: the service worker answers.
    const warm = [];
    let reachedNetwork = 0;
    for (let i = 0; i < WARM_RUNS; i++) {
      responses.length = 0;
      await page.reload();
      warm.push(await interactive(page));
      const own = responses.filter((r) => new URL(r.url()).origin === new URL(url).origin && !r.fromServiceWorker());
      reachedNetwork = Math.max(reachedNetwork, own.length);
    }
    // A Chinese browser's first visit, in a profile of its own: what it fetched before the app mounted.
    const chinese = await chineseStart(url, chromiumPath, args, gz);
    return {
      chinese,
      startJs,
      css,
      later,
      startJsGzip: startJs.reduce((sum, s) => sum + s.gzip, 0),
      cssGzip: css.reduce((sum, s) => sum + s.gzip, 0),
      engineWorker,
      cold,
      warmTti: median(warm.map((w) => w.tti)),
      warmMounted: median(warm.map((w) => w.mounted)),
      warmLongest: median(warm.map((w) => w.longest)),
      warmDcl: median(warm.map((w) => w.domContentLoaded)),
      reachedNetwork,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function chineseStart(url, chromiumPath, args, gz) {
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-zh-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args, locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const { mounted } = await interactive(page);
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (!lang.startsWith('zh')) throw new Error(`the Chinese browser got lang="${lang}"`);
    const before = await page.evaluate(
      (at) => performance.getEntriesByType('resource').filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js')).map((e) => new URL(e.name).pathname),
      mounted,
    );
    // The service worker's helper loads when the page is idle, which here can come before the mount (the mount
    // waits for the Chinese messages); the mount does not need it.
    const needed = before.filter((path) => !path.includes('workbox-window'));
    return { scripts: needed, gzip: needed.reduce((sum, path) => sum + gz(path), 0) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function startupRows(r, fmt) {
  const kb = (bytes) => `${fmt(bytes / 1000, 1)} kB`;
  const ms = (v) => `${fmt(v, 0)} ms`;
  return [
    [`JavaScript the page needs to start (index.html's entry and its static imports), gzip: ${r.startJs.map((s) => s.path.replace('/assets/', '')).join(', ')}`, kb(r.startJsGzip), '< 100 kB'],
    [`Chinese browser, first visit: JavaScript the mount waited for (the start-up script and the Chinese messages), gzip: ${r.chinese.scripts.map((p) => p.replace('/assets/', '')).join(', ')}`, kb(r.chinese.gzip), ''],
    ['CSS at start, gzip', kb(r.cssGzip), ''],
    [`JavaScript fetched after the start in the background, gzip (${r.later.map((s) => `${s.path.replace('/assets/', '')} at ${fmt(s.start, 0)} ms`).join(', ')})`, kb(r.later.reduce((sum, s) => sum + s.gzip, 0)), ''],
    ['Engine worker chunk (WebLLM + tokenizer wasm), gzip: loads in the background after the app is on screen', r.engineWorker === null ? '—' : kb(r.engineWorker), ''],
    ['First visit (network): app mounted / interactive', `${ms(r.cold.mounted)} / ${ms(r.cold.tti)}`, ''],
    [`Warm service worker: time to interactive, median of ${WARM_RUNS} reloads`, ms(r.warmTti), '< 1000 ms'],
    ['Warm: DOMContentLoaded / app mounted, median', `${ms(r.warmDcl)} / ${ms(r.warmMounted)}`, ''],
    ['Warm: longest main-thread task during start, median', ms(r.warmLongest), ''],
    ['Warm: app requests that reached the network', String(r.reachedNetwork), '0'],
  ];
}
