/**
 * The engine table of `npm run bench`: the fixture's real Qwen2-0.5B library with synthetic weights on
 * SwiftShader WebGPU, run twice in the same browser build and the same run, each in a fresh profile:
 *  - through the app (test build with WebLLM 0.2.79): add by URL, load, greedy reply to "hi";
 *  - on a bare WebLLM page (no app, no worker, no Comlink), same model, prompt and settings.
 * Load time is split into fetch (network into Cache Storage), GPU upload and shader compilation; prefill
 * and decode tok/s come from WebLLM's usage (the app shows them under the reply; data-value has them unrounded).
 * SwiftShader shares two CPU cores with everything else, so runs alternate (bare, app, app, bare, …) and the
 * table shows the median per side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview, runnerImport } from 'vite';

const PROMPT = 'hi';
const MAX_TOKENS = 4;
const WAIT = { timeout: 900_000 };

async function load(root, path) {
  return (await runnerImport(join(root, path), { logLevel: 'warn' })).module;
}

async function withProfile({ args, chromiumPath }, run) {
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-engine-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    viewport: { width: 1200, height: 900 },
  });
  try {
    return await run(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function appRun(page, { appUrl, modelUrl, libUrl, helpers }) {
  const { openApp, openModelManager, addModelByUrl, modelRow, recordProgress, MODEL_NAME } = helpers;
  await openApp(page, appUrl);
  await openModelManager(page);
  const added = await addModelByUrl(page, { weightsUrl: modelUrl, libUrl });
  if (!added.ok) throw new Error(`the app refused the bench model: ${added.text}`);
  const progress = await recordProgress(page);
  const t0 = await page.evaluate(() => performance.now());
  await modelRow(page, MODEL_NAME).getByTestId('load-model').click();
  const ready = await (
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready' ? performance.now() : null),
      null,
      { ...WAIT, polling: 'raf' },
    )
  ).jsonValue();
  const samples = await progress();
  const firstOf = (phase) => samples.find((s) => s.phase === phase)?.t ?? null;
  const upload = firstOf('loading') ?? ready;
  const compile = firstOf('compiling') ?? ready;

  const details = page.getByTestId('reply-settings');
  await details.locator('summary').first().click();
  await page.getByTestId('setting-temperature').fill('0');
  await page.getByTestId('setting-temperature').press('Tab');
  await page.getByTestId('setting-max-tokens').fill(String(MAX_TOKENS));
  await page.getByTestId('setting-max-tokens').press('Tab');
  await page.getByTestId('composer-input').fill(PROMPT);
  await page.getByTestId('composer-input').press('Enter');
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1)?.getAttribute('data-status') === 'done',
    null,
    { ...WAIT, polling: 1000 },
  );
  const reply = page.locator('[data-testid="message"][data-role="assistant"]').last();
  const stat = async (key) => {
    const raw = await reply.locator(`[data-stat="${key}"]`).getAttribute('data-value');
    return raw ? Number(raw) : null;
  };
  return {
    fetchS: (upload - t0) / 1000,
    uploadS: (compile - upload) / 1000,
    compileS: (ready - compile) / 1000,
    loadS: (ready - t0) / 1000,
    promptTokens: await stat('promptTokens'),
    prefillTokS: await stat('prefillTokensPerS'),
    decodeTokS: await stat('decodeTokensPerS'),
    text: ((await reply.locator('.assistant-text').textContent()) ?? '').trim(),
  };
}

async function bareRun(page, { bareUrl, modelUrl, libUrl }) {
  await page.goto(bareUrl);
  await page.waitForFunction(() => typeof window.runBare === 'function');
  const result = await page.evaluate(([m, l, p, n]) => window.runBare(m, l, p, n), [modelUrl, libUrl, PROMPT, MAX_TOKENS]);
  return { ...result, text: result.text.trim() };
}

/** Runs both sides `runs` times each, alternating, and returns every result. */
export async function engineBench({ root, args, chromiumPath, runs = 2 }) {
  const helpers = {
    ...(await load(root, 'tests/e2e/support/app.ts')),
    ...(await load(root, 'tests/e2e/support/progress-recorder.ts')),
    ...(await load(root, 'tests/e2e-real/support/real-model.ts')),
  };
  const { startModelServer } = await load(root, 'tests/e2e/support/model-server.ts');
  const hostRoot = helpers.prepareModelHost(root);
  const server = await startModelServer(hostRoot);

  await build({ root, mode: 'e2e-real', logLevel: 'warn', build: { outDir: join(root, '.bench/dist-real'), emptyOutDir: true } });
  const app = await preview({ root, mode: 'e2e-real', logLevel: 'warn', build: { outDir: join(root, '.bench/dist-real') }, preview: { host: '127.0.0.1', port: 0 } });
  const bareConfig = {
    root: join(root, 'tests/bench'),
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(root, '.bench/dist-bare'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000, rollupOptions: { input: join(root, 'tests/bench/bare-webllm.html') } },
  };
  await build(bareConfig);
  const bare = await preview({ ...bareConfig, preview: { host: '127.0.0.1', port: 0 } });
  try {
    const urls = {
      modelUrl: `${server.origin}/models/${helpers.MODEL_NAME}`,
      libUrl: `${server.origin}/libs/${helpers.LIBRARY_FILE}`,
      appUrl: app.resolvedUrls.local[0],
      bareUrl: `${bare.resolvedUrls.local[0]}bare-webllm.html`,
      helpers,
    };
    const results = { app: [], bare: [] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['bare', 'app'] : ['app', 'bare'];
      for (const side of order) {
        const result = await withProfile({ args, chromiumPath }, (page) => (side === 'app' ? appRun(page, urls) : bareRun(page, urls)));
        results[side].push(result);
        console.log(`  engine run ${i + 1}/${runs}, ${side}: decode ${result.decodeTokS?.toPrecision(3)} tok/s, prefill ${result.prefillTokS?.toPrecision(3)} tok/s, load ${result.loadS.toFixed(1)} s`);
      }
    }
    return results;
  } finally {
    await Promise.all([server.close(), app.close(), bare.close()]);
  }
}

const ratio = (a, b) => (a === null || b === null || !b ? '—' : (a / b).toFixed(3));
const seconds = (s) => `${s.toFixed(1)} s`;
const rate = (r) => (r === null ? '—' : `${r.toPrecision(3)} tok/s`);

function median(values) {
  const known = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}

export function engineRows({ app, bare }) {
  const m = (side, key) => median(side.map((r) => r[key]));
  const row = (label, key, format) => [label, format(m(app, key)), format(m(bare, key)), ratio(m(app, key), m(bare, key))];
  const texts = new Set([...app, ...bare].map((r) => r.text));
  return [
    row('Load: fetch 309 MB into Cache Storage', 'fetchS', seconds),
    row('Load: upload weights to the GPU', 'uploadS', seconds),
    row('Load: compile shaders', 'compileS', seconds),
    row('Load: total', 'loadS', seconds),
    row(`Prefill (${m(app, 'promptTokens')} / ${m(bare, 'promptTokens')} prompt tokens)`, 'prefillTokS', rate),
    row(`Decode (${MAX_TOKENS} tokens; goal: app / bare ≥ 0.98)`, 'decodeTokS', rate),
    ['Decode per run', app.map((r) => rate(r.decodeTokS)).join(', '), bare.map((r) => rate(r.decodeTokS)).join(', '), ''],
    ['Reply (greedy, identical in every run)', app[0]?.text ?? '', bare[0]?.text ?? '', texts.size === 1 ? 'same' : 'DIFFERENT'],
  ];
}
