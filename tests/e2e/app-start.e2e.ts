/**
 * The production build with the real WebLLM worker: the app starts, detects this machine's WebGPU
 * (SwiftShader, no shader-f16), marks f16 models, and a person can pick a model.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Browser } from './support/browser';
import { modelRow, openApp } from './support/app';

describe('app start and model picking (real worker)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    await openApp(browser.page, inject('appUrl'));
  });
  afterAll(async () => browser?.close());

  it('shows a first-time user what to do', async () => {
    const { page } = browser;
    const empty = page.getByTestId('empty-state');
    await expect(empty.textContent()).resolves.toMatch(/runs on your own GPU/);
    await expect(empty.getByTestId('choose-model').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('composer-input').getAttribute('placeholder')).resolves.toBe('Load a model to start chatting');
    await expect(page.getByTestId('send-button').isDisabled()).resolves.toBe(true);
  });

  it('detects the SwiftShader adapter without shader-f16', async () => {
    const { page } = browser;
    await page.getByTestId('choose-model').click();
    await page.getByTestId('model-manager').waitFor({ state: 'visible' });
    await expect(page.getByTestId('gpu-name').textContent()).resolves.toMatch(/SwiftShader/);
    await expect(page.getByTestId('gpu-f16').textContent()).resolves.toBe('no shader-f16');
    await expect(page.getByTestId('gpu-status').textContent()).resolves.toMatch(/f16 models can't run here/);
  });

  it("lists WebLLM's chat models with size and context, f16 ones marked with their q4f32_1 twin", async () => {
    const { page } = browser;
    await page.getByTestId('catalog').waitFor();
    const rows = page.getByTestId('catalog').getByTestId('model-row');
    expect(await rows.count()).toBeGreaterThan(100);

    const f16 = modelRow(page, 'SmolLM2-360M-Instruct-q4f16_1-MLC');
    await expect(f16.getAttribute('data-usable')).resolves.toBe('false');
    await expect(f16.getByTestId('model-unavailable').textContent()).resolves.toMatch(/Needs shader-f16/);
    await expect(f16.getByTestId('load-model').count()).resolves.toBe(0);
    // Qwen2.5's record does not declare shader-f16; the app still knows it needs it.
    await expect(modelRow(page, 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC').getAttribute('data-usable')).resolves.toBe('false');

    const twin = modelRow(page, 'SmolLM2-360M-Instruct-q4f32_1-MLC');
    await expect(twin.getAttribute('data-usable')).resolves.toBe('true');
    const facts = await twin.textContent();
    expect(facts).toMatch(/360M params/);
    expect(facts).toMatch(/4k context/);
    expect(facts).toMatch(/GPU memory/);
    expect(facts).toMatch(/download ≈\d/);

    await f16.getByTestId('pick-twin').click();
    await expect(twin.evaluate((el) => el.classList.contains('highlight'))).resolves.toBe(true);
  });

  it('shows storage use and asks the browser to keep models, reporting its real answer', async () => {
    const { page } = browser;
    const storage = page.getByTestId('storage');
    await expect(storage.textContent()).resolves.toMatch(/Models use 0 B · this app stores [\d.]+ \w?B of [\d.]+ \w?B available/);
    await expect(page.getByTestId('no-cached').textContent()).resolves.toBe('No models downloaded yet.');
    await page.getByTestId('persist-storage').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="persist-declined"], [data-testid="storage-persisted"]'));
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    await expect(storage.getByTestId(persisted ? 'storage-persisted' : 'persist-declined').count()).resolves.toBe(1);
  });

  it('filters the list by search and by what this GPU can run', async () => {
    const { page } = browser;
    await page.getByTestId('model-search').fill('smollm2 360m');
    const ids = await page.getByTestId('catalog').getByTestId('model-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.every((id) => id?.startsWith('SmolLM2-360M'))).toBe(true);
    await page.getByLabel('Only models this GPU can run').check();
    const usable = await page.getByTestId('catalog').getByTestId('model-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-usable')));
    expect(usable.length).toBeGreaterThan(0);
    expect(usable.every((u) => u === 'true')).toBe(true);
    await page.getByLabel('Only models this GPU can run').uncheck();
    await page.getByTestId('model-search').fill('');
  });

  it('picking a model starts loading it, and offline the failure is explained, not dumped', async () => {
    const { page } = browser;
    await modelRow(page, 'SmolLM2-360M-Instruct-q4f32_1-MLC').getByTestId('load-model').click();
    const error = page.getByTestId('model-manager').getByTestId('error');
    await error.waitFor({ timeout: 60_000 });
    // No internet here: Hugging Face is unreachable.
    await expect(error.getAttribute('data-kind')).resolves.toBe('download-failed');
    const text = (await error.locator('.message').textContent()) ?? '';
    expect(text).toMatch(/could not be downloaded/);
    expect(text).not.toMatch(/TypeError|at \w+ \(/);
    await expect(error.locator('.hint').textContent()).resolves.toMatch(/resumes/);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
  });
});
