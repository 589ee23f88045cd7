#!/usr/bin/env node
/**
 * `npm run bench`: streaming figures measured in Debian Chromium (real WebGPU adapter, real worker).
 *  1. Pipeline throughput: the test build's scripted engine emits tokens as fast as it can through the same
 *     worker API, stream relay and Comlink channel as the real engine; the app renders them. Tokens per
 *     second from the first token on screen to the finished reply on screen.
 *  2. Per-token main-thread cost of rendering a 2,000-token markdown reply with code blocks (p50/p99), and
 *     MarkdownStream.append alone over a 100,000-token reply (total, per append, characters scanned).
 *  3. History (history-bench.ts): 1,000 conversations / 50,000 messages in real IndexedDB through the app's
 *     repository: list, open a 500-message conversation, search, draft writes while streaming.
 *  4. Import (import-bench.mjs): ChatGPT exports of 12.5 / 25 / 50 MB, realistic and crafted worst case,
 *     imported through the app's UI into a fresh profile: time, growth, the main thread's longest block.
 *  5. Engine (engine-bench.mjs): a real model on SwiftShader through the app vs a bare WebLLM page.
 *  6. Context (context-bench.ts): prompt tokens re-prefilled by the context policy vs dropping the oldest turn.
 *  7. Logits (logit-processor-bench.ts): the top-k / min-p logit processor's CPU time per token, by vocabulary size.
 *  8. Start-up (startup-bench.mjs): JavaScript needed before the app is interactive (gzip), and time to
 *     interactive from a warm service worker.
 * `npm run bench -- --only=streaming|history|import|engine|context|logits|startup` runs one part (the engine part takes ~10 minutes;
 * `--engine-runs=N` sets the runs per side, default 2).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview, runnerImport } from 'vite';
import { engineBench, engineRows } from './engine-bench.mjs';
import { importBench, importRows } from './import-bench.mjs';
import { startupBench, startupRows } from './startup-bench.mjs';

const root = resolve(import.meta.dirname, '../..');
const ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const THROUGHPUT_TOKENS = 50_000;
const RUNS = 3;

async function serve(config) {
  await build({ ...config, logLevel: 'warn' });
  return preview({ ...config, logLevel: 'warn', preview: { ...config.preview, host: '127.0.0.1', port: 0 } });
}

async function throughput(page, url) {
  await page.goto(url);
  await page.getByTestId('choose-model').click();
  await page.locator('[data-model-id="Fake-Chat-0.5B-Instruct-q4f32_1-MLC"] [data-testid="load-model"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready');
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    await page.getByTestId('new-chat').click().catch(() => undefined);
    const measured = page.evaluate(
      () =>
        new Promise((done) => {
          let first = 0;
          const list = document.querySelector('[data-testid="messages"]');
          const observer = new MutationObserver(() => {
            const reply = [...list.querySelectorAll('[data-role="assistant"]')].at(-1);
            if (!reply) return;
            if (!first && reply.textContent.includes('tok')) first = performance.now();
            if (reply.getAttribute('data-status') === 'done') {
              observer.disconnect();
              done({ ms: performance.now() - first, text: reply.textContent.length });
            }
          });
          observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
        }),
    );
    await page.getByTestId('composer-input').fill(`/bench ${THROUGHPUT_TOKENS}`);
    await page.getByTestId('composer-input').press('Enter');
    const { ms } = await measured;
    results.push((THROUGHPUT_TOKENS / ms) * 1000);
  }
  return results.sort((a, b) => a - b)[Math.floor(results.length / 2)];
}

async function renderCost(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.runBench === 'function');
  return page.evaluate(() => window.runBench());
}

/** Rows for MarkdownStream.append alone (tests/bench/render-bench.svelte.ts, runMarkdownStreamBench). */
function markdownStreamRows(md) {
  const n = md.tokens.toLocaleString('en-US');
  return [
    [`MarkdownStream.append alone, ${n}-token reply (${md.chars.toLocaleString('en-US')} chars, ${md.blocks.toLocaleString('en-US')} blocks), total (median of 7)`, `${fmt(md.totalMs, 1)} ms`, 'linear in length'],
    ['MarkdownStream.append, time for the last quarter of the tokens ÷ the first quarter (fastest of 7)', `×${fmt(md.lastToFirst, 1)}`, '≈ 1 (linear)'],
    ['MarkdownStream.append, per append, p50 / p99 / max', `${fmt(md.p50, 4)} / ${fmt(md.p99, 4)} / ${fmt(md.max, 3)} ms`, 'p99 < 0.1 ms'],
    ['MarkdownStream, characters scanned per character of text', fmt(md.scannedPerChar, 2), '≤ 2'],
  ];
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? 'all';

// Every figure below depends on the machine and on what else it was doing: say both, before and after.
const { requireChromium, CHROMIUM: CHROMIUM_PATH } = (await runnerImport(join(root, 'tests/support/chromium.mjs'), { logLevel: 'warn' })).module;
// Vite's runnerImport leaves NODE_ENV at "development"; every build measured here must be a production build.
process.env.NODE_ENV = 'production';
const machine = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`;
console.log(`${new Date().toISOString()} · ${requireChromium()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · ${machine()}\n`);
process.on('exit', () => console.log(`Finished · ${machine()}`));

function printTable(title, header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

const fmt = (n, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Builds the bench pages (tests/bench/*.html, using the app's own modules) and serves them. */
function serveBenchPages() {
  return serve({
    root: join(root, 'tests/bench'),
    configFile: false,
    plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
    build: {
      outDir: join(root, '.bench/dist'),
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: [join(root, 'tests/bench/render-bench.html'), join(root, 'tests/bench/history-bench.html')] },
    },
    // Cross-origin isolation gives performance.now() microsecond resolution instead of 100 µs steps.
    preview: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  });
}

async function withBrowser(run) {
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport: { width: 1200, height: 900 } });
  try {
    return await run(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function historyBench() {
  const bench = await serveBenchPages();
  try {
    const r = await withBrowser(async (page) => {
      await page.goto(`${bench.resolvedUrls.local[0]}history-bench.html`);
      await page.waitForFunction(() => typeof window.runHistoryBench === 'function');
      return page.evaluate(() => window.runHistoryBench());
    });
    const ms = (v) => `${fmt(v, 1)} ms`;
    printTable(
      `History benchmark — ${r.conversations.toLocaleString('en-US')} conversations, ${r.messages.toLocaleString('en-US')} messages in IndexedDB (seeded in ${fmt(r.seedMs / 1000, 1)} s), median of 7 runs`,
      ['measure', 'value', 'goal'],
      [
        ['List conversations and group by recency (app start), first read after opening the database', ms(r.firstListMs), ''],
        ['List conversations and group by recency, p50', ms(r.listMs), '< 100 ms'],
        ['Open a 500-message conversation (read, build the tree, take the branch), p50', ms(r.openMs), '< 50 ms'],
        [`Search, a rare word (${r.hits} hit), p50`, ms(r.searchRare), '< 150 ms'],
        [`Search, a common word (${r.commonHits} conversations shown, the newest), p50`, ms(r.searchCommon), '< 150 ms'],
        [`Search, two common words (${r.twoHits} shown), p50`, ms(r.searchTwo), '< 150 ms'],
        [`Draft write while streaming (reply growing to ${r.draftChars.toLocaleString('en-US')} chars), p50 / max`, `${ms(r.writeP50)} / ${ms(r.writeMax)}`, 'app writes every 250 ms'],
        ['Draft writes the database takes per second', `${fmt(r.writesPerS, 0)} /s`, '≥ 4 /s'],
      ],
    );
  } finally {
    await bench.close();
  }
}

async function streamingBench() {
  const app = await serve({ root, mode: 'e2e-fake' });
  const bench = await serveBenchPages();
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport: { width: 1200, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const tokS = await throughput(page, app.resolvedUrls.local[0]);
    const cost = await renderCost(page, `${bench.resolvedUrls.local[0]}render-bench.html`);
    const md = await page.evaluate(() => window.runMarkdownStreamBench());
    printTable(`Streaming benchmark — ${await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0])}, headless, ${new Date().toISOString().slice(0, 10)}`, ['measure', 'value', 'goal'], [
      ['Pipeline throughput, worker → page → rendered (median of 3 × 50,000 tokens)', `${fmt(tokS, 0)} tok/s`, '≥ 20,000 tok/s'],
      [`Per-token main-thread cost, ${cost.incremental.tokens}-token markdown reply, p50`, `${fmt(cost.incremental.p50, 3)} ms`, ''],
      ['Per-token main-thread cost, p99', `${fmt(cost.incremental.p99, 3)} ms`, '< 4 ms'],
      ['Per-token main-thread cost, max', `${fmt(cost.incremental.max, 3)} ms`, ''],
      ['Final full render when the reply ends (once per reply)', `${fmt(cost.incremental.finalMs, 1)} ms`, ''],
      ['Reference: re-parse the whole reply per token, p50 / p99', `${fmt(cost.naive.p50, 3)} / ${fmt(cost.naive.p99, 3)} ms`, '(what the app avoids)'],
      ...markdownStreamRows(md),
    ]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await Promise.all([app.close(), bench.close()]);
  }
}

if (only === 'all' || only === 'context') {
  const { contextRows } = (await runnerImport(join(root, 'tests/bench/context-bench.ts'), { logLevel: 'warn' })).module;
  printTable(
    'Context benchmark — 100 exchanges (questions 8–120 tokens, replies 30–400), reply budget 256, system 60: prompt tokens prefilled',
    ['conversation', 'context policy', 'drop oldest turn per message', 'policy / naive', 'mean prompt kept (room)'],
    contextRows(),
  );
  console.log('Goal: the policy re-prefills at most 1/5 (20 %) of what dropping the oldest turn per message does.\n');
}
if (only === 'all' || only === 'logits') {
  const { logitRows } = (await runnerImport(join(root, 'tests/bench/logit-processor-bench.ts'), { logLevel: 'warn' })).module;
  printTable(
    'Logit processor benchmark — top-k / min-p on one token\'s logits (CPU, in place), p50 / p99 of 200 runs, ms',
    ['vocabulary', 'filters', 'ms per token'],
    logitRows(),
  );
  console.log('Paid only by replies that set top-k or min-p; WebLLM adds a GPU→CPU copy of the logits and a device sync per token for any processor.\n');
}
if (only === 'all' || only === 'startup') {
  const r = await startupBench({ root, args: ARGS, chromiumPath: CHROMIUM_PATH });
  printTable('Start-up benchmark — production build with its headers, fresh profile, then reloads answered by the service worker', ['measure', 'value', 'goal'], startupRows(r, fmt));
}
if (only === 'all' || only === 'streaming') await streamingBench();
if (only === 'all' || only === 'history') await historyBench();
if (only === 'all' || only === 'import') {
  const started = Date.now();
  const app = await serve({ root, mode: 'e2e-fake' });
  try {
    const results = await importBench({ root, args: ARGS, chromiumPath: CHROMIUM_PATH, appUrl: app.resolvedUrls.local[0] });
    printTable(
      `Import benchmark — ChatGPT exports through the app's UI into a fresh profile (import worker + IndexedDB), ${((Date.now() - started) / 1000).toFixed(0)} s`,
      ['file', 'time', 'time per MB vs the smallest', "page's longest task", 'longest frame gap'],
      importRows(results, fmt),
    );
    console.log('Goals: time per MB flat (×1.0 = linear); the page never blocked for more than 100 ms.\n');
  } finally {
    await app.close();
  }
}
if (only === 'all' || only === 'engine') {
  const started = Date.now();
  const runs = Number(process.argv.find((arg) => arg.startsWith('--engine-runs='))?.slice('--engine-runs='.length) ?? 2);
  const result = await engineBench({ root, args: ARGS, chromiumPath: CHROMIUM_PATH, runs });
  printTable(
    `Engine benchmark — Qwen2-0.5B q4f32_1 library, synthetic weights, WebLLM 0.2.79 on SwiftShader WebGPU, greedy reply to "hi", median of ${runs} alternating runs per side (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    ['measure', 'app', 'bare WebLLM', 'app / bare'],
    engineRows(result),
  );
}
