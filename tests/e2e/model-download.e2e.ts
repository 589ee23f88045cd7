/**
 * The real worker and WebLLM 0.2.86 loading path, against a small synthetic model this test writes and
 * serves from 127.0.0.1: download with a moving progress bar into Cache Storage, the cached list with
 * sizes, delete, resume after a failed shard, cancel, a full disk, and the failure at the model library
 * (no library built for this WebLLM runtime is reachable here) shown as a mapped error.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ModelDescriptor } from '../../src/lib/models/model-descriptor';
import { addCustomModel, cacheKeys, modelRow, openApp, openModelManager } from './support/app';
import { launch, type Browser } from './support/browser';
import { startModelServer, type ModelServer } from './support/model-server';
import { recordProgress } from './support/progress-recorder';
import { writeSyntheticModel, type SyntheticModel } from './support/synthetic-model';

const ROOT = join(process.cwd(), '.e2e', 'model-host');

function descriptor(server: ModelServer, synthetic: SyntheticModel, id: string, libPath = synthetic.libPath): ModelDescriptor {
  return {
    id,
    name: id,
    modelUrl: `${server.origin}${synthetic.path}`,
    libUrl: `${server.origin}${libPath}`,
    quantization: 'q4f32_1',
    needsShaderF16: false,
    contextWindow: 1024,
    vramMB: null,
    downloadBytesEstimate: null,
    params: null,
    source: 'custom',
  };
}

describe('model download, cache and errors (real worker, WebLLM 0.2.86)', () => {
  let browser: Browser;
  let server: ModelServer;
  let tiny: ModelDescriptor;
  let noLib: ModelDescriptor;
  let synthetic: SyntheticModel;
  const base = () => `${tiny.modelUrl}/resolve/main/`;

  beforeAll(async () => {
    rmSync(ROOT, { recursive: true, force: true });
    mkdirSync(ROOT, { recursive: true });
    synthetic = writeSyntheticModel(ROOT, 'tiny');
    const other = writeSyntheticModel(ROOT, 'nolib', { shards: 2, shardBytes: 64 * 1024 });
    server = await startModelServer(ROOT);
    tiny = descriptor(server, synthetic, 'Tiny-Synthetic-q4f32_1');
    noLib = descriptor(server, other, 'Tiny-Missing-Library-q4f32_1', '/libs/does-not-exist.wasm');
    browser = await launch();
    const url = inject('appUrl');
    await openApp(browser.page, url);
    await addCustomModel(browser.page, url, tiny);
    await addCustomModel(browser.page, url, noLib);
    await openModelManager(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const error = () => browser.page.getByTestId('model-manager').getByTestId('error');
  const dismissError = () => browser.page.getByTestId('model-manager').getByLabel('Dismiss').click();

  it('downloads with a moving progress bar, caches every file, then fails at the model library with a mapped error', async () => {
    const { page } = browser;
    server.throttle(/params_shard/, 25);
    const samples = await recordProgress(page);
    await modelRow(page, tiny.id).getByTestId('load-model').click();
    await error().waitFor({ timeout: 90_000 });

    const downloading = (await samples()).filter((s) => s.phase === 'downloading');
    const percents = downloading.map((s) => s.percent).filter((p): p is number => p !== null);
    expect(new Set(percents).size).toBeGreaterThanOrEqual(4);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents[percents.length - 1]).toBe(100);
    expect(downloading.some((s) => /\d MB of 16\.8 MB/.test(s.text))).toBe(true);
    expect(downloading.some((s) => / of 8$/.test(s.text) || /MB\/s/.test(s.text))).toBe(true);

    // WebLLM got as far as the library: it is real WebAssembly, built against a runtime this WebLLM lacks.
    await expect(error().getAttribute('data-kind')).resolves.toBe('library-failed');
    const message = (await error().locator('.message').textContent()) ?? '';
    expect(message).toBe("The model's GPU program (its model library) could not be loaded.");
    await expect(error().locator('.hint').textContent()).resolves.toMatch(/different WebLLM version/);
    await expect(error().textContent()).resolves.not.toMatch(/\n\s+at |\.js:\d+/);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');

    const modelKeys = await cacheKeys(page, 'webllm/model');
    for (const file of ['tensor-cache.json', 'tokenizer.json', ...synthetic.shardFiles]) expect(modelKeys).toContain(base() + file);
    await expect(cacheKeys(page, 'webllm/config')).resolves.toContain(`${base()}mlc-chat-config.json`);
    await expect(cacheKeys(page, 'webllm/wasm')).resolves.toContain(tiny.libUrl);

    const cachedRow = modelRow(page, tiny.id, 'cached-list');
    await expect(cachedRow.getByTestId('model-cached').textContent()).resolves.toBe('On this device: 16.8 MB');
    await expect(page.getByTestId('cached-total').textContent()).resolves.toBe('16.8 MB');
    await dismissError();
  });

  it('loading again uses the cache: no file is downloaded twice', async () => {
    const { page } = browser;
    server.throttle(null);
    const before = server.requests.length;
    await modelRow(page, tiny.id, 'cached-list').getByTestId('load-model').click();
    await error().waitFor();
    await expect(error().getAttribute('data-kind')).resolves.toBe('library-failed');
    expect(server.requests.slice(before)).toEqual([]);
    await dismissError();
  });

  it('delete removes the files and the entry', async () => {
    const { page } = browser;
    await modelRow(page, tiny.id, 'cached-list').getByTestId('delete-model').click();
    await expect(page.getByRole('alertdialog').textContent()).resolves.toMatch(/Delete Tiny-Synthetic-q4f32_1 \(16\.8 MB\)/);
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('no-cached').waitFor();
    await expect(modelRow(page, tiny.id).getByTestId('model-cached').count()).resolves.toBe(0);
    const left = [...(await cacheKeys(page, 'webllm/model')), ...(await cacheKeys(page, 'webllm/config')), ...(await cacheKeys(page, 'webllm/wasm'))];
    expect(left.filter((key) => key.startsWith(base()) || key === tiny.libUrl)).toEqual([]);
  });

  it('a missing shard fails with the download error, keeps finished files, and resumes', async () => {
    const { page } = browser;
    server.refuse(/params_shard_5\.bin$/);
    await modelRow(page, tiny.id).getByTestId('load-model').click();
    await error().waitFor({ timeout: 60_000 });
    await expect(error().getAttribute('data-kind')).resolves.toBe('download-failed');
    await expect(error().locator('.message').textContent()).resolves.toBe('Downloading Tiny-Synthetic-q4f32_1 failed: the server answered 404 for params_shard_5.bin.');
    await expect(error().locator('.hint').textContent()).resolves.toMatch(/Resume fetches only what is missing/);
    await expect(error().textContent()).resolves.not.toMatch(/Failed to execute 'add' on 'Cache'/);
    const row = modelRow(page, tiny.id, 'cached-list');
    await expect(row.getByTestId('model-cached').textContent()).resolves.toMatch(/^Partly downloaded: /);
    await expect(cacheKeys(page, 'webllm/model')).resolves.not.toContain(`${base()}params_shard_5.bin`);

    server.refuse(null);
    const before = server.requests.length;
    await dismissError();
    await row.getByRole('button', { name: 'Resume' }).click();
    await error().waitFor({ timeout: 60_000 });
    await expect(error().getAttribute('data-kind')).resolves.toBe('library-failed');
    const fetched = server.requests.slice(before).filter((p) => p.includes('params_shard'));
    expect(fetched).toContain(`${synthetic.path}/resolve/main/params_shard_5.bin`);
    expect(fetched.length).toBeLessThan(synthetic.shardFiles.length);
    await expect(row.getByTestId('model-cached').textContent()).resolves.toBe('On this device: 16.8 MB');
    await dismissError();
    await row.getByTestId('delete-model').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('no-cached').waitFor();
  });

  it('cancel stops the download quietly and keeps what finished', async () => {
    const { page } = browser;
    server.throttle(/params_shard/, 40);
    await modelRow(page, tiny.id).getByTestId('load-model').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="progress-bar"]')?.getAttribute('aria-valuenow')) >= 30, null, { timeout: 60_000 });
    await page.getByTestId('cancel-load').click();
    await page.getByTestId('load-progress').waitFor({ state: 'detached' });
    await expect(error().count()).resolves.toBe(0);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    await expect(modelRow(page, tiny.id, 'cached-list').getByTestId('model-cached').textContent()).resolves.toMatch(/^Partly downloaded: /);
    server.throttle(null);
  });

  it('a full disk gets a clear message and leaves the model not usable offline, nothing corrupted', async () => {
    const { page, context } = browser;
    const cdp = await context.newCDPSession(page);
    const origin = new URL(inject('appUrl')).origin;
    await modelRow(page, tiny.id, 'cached-list').getByTestId('delete-model').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('no-cached').waitFor();
    // Room for the small files, not for the weights.
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 2_000_000 });
    try {
      await modelRow(page, tiny.id).getByTestId('load-model').click();
      await error().waitFor({ timeout: 60_000 });
      await expect(error().getAttribute('data-kind')).resolves.toBe('storage-full');
      await expect(error().locator('.message').textContent()).resolves.toMatch(/^There isn't enough storage space/);
      await expect(error().locator('.hint').textContent()).resolves.toMatch(/Delete cached models/);
      await expect(error().textContent()).resolves.not.toMatch(/^QuotaExceededError/);
      const shards = (await cacheKeys(page, 'webllm/model')).filter((k) => k.includes('params_shard'));
      expect(shards.length).toBeLessThan(synthetic.shardFiles.length);
      await expect(modelRow(page, tiny.id, 'cached-list').getByTestId('model-cached').textContent()).resolves.toMatch(/^Partly downloaded/);
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    }
    await dismissError();
  });

  it('an unreachable library fails fast, before any weights are downloaded', async () => {
    const { page } = browser;
    const before = server.requests.length;
    await modelRow(page, noLib.id).getByTestId('load-model').click();
    await error().waitFor({ timeout: 60_000 });
    await expect(error().getAttribute('data-kind')).resolves.toBe('library-failed');
    await expect(error().locator('.message').textContent()).resolves.toBe("The model's GPU program (its model library) could not be downloaded.");
    await error().locator('summary').click();
    await expect(error().locator('code').textContent()).resolves.toMatch(/HTTP 404 for does-not-exist\.wasm/);
    expect(server.requests.slice(before).some((p) => p.includes('params_shard'))).toBe(false);
  });

  it('keeps engine noise out of the UI', () => {
    expect(browser.errors.filter((e) => /Device was lost|Instance\.dispose/.test(e))).toEqual([]);
  });
});
