/**
 * A Chinese browser gets the model manager, the conversation sidebar and their errors in Chinese: labels,
 * placeholders, the import summary, the GPU status and the no-WebGPU advice. No English sentence of the models.*
 * or sidebar.* catalogs is left on the page.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { realisticChatGptExport } from '../bench/import-fixtures';
import { en as modelManagerEn } from '../../src/lib/i18n/messages/model-manager';
import { en as modelsEn } from '../../src/lib/i18n/messages/models';
import { en as sidebarEn } from '../../src/lib/i18n/messages/sidebar';
import type { Message } from '../../src/lib/i18n/translate';
import { openApp, openModelManager } from './support/app';
import { launch, type Browser } from './support/browser';

/**
 * The English of every models.* and sidebar.* message, as the pieces between its placeholders, kept when they have
 * two words or more (one word, such as "Models" or "Delete", could be a name; a unit glued to a number, the "k" of
 * "{k}k context", is no word).
 */
function englishPhrases(): string[] {
  const messages = Object.values({ ...modelsEn, ...modelManagerEn, ...sidebarEn } as Readonly<Record<string, Message>>);
  const texts = messages.flatMap((m) => (typeof m === 'string' ? [m] : [m.other, ...(m.one === undefined ? [] : [m.one])]));
  const pieces = texts.flatMap((text) => text.split(/\{\w+\}/)).map((piece) => piece.trim());
  return [...new Set(pieces.filter((piece) => piece.split(/\s+/).filter((word) => /\p{L}{2}/u.test(word)).length >= 2))];
}

async function englishOnPage(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return englishPhrases().filter((phrase) => text.includes(phrase));
}

async function importFile(page: Page, name: string, text: string): Promise<string> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const outcome = page.getByTestId('import-outcome');
  await outcome.waitFor({ timeout: 90_000 });
  return (await outcome.textContent()) ?? '';
}

const CJK = /[\u4e00-\u9fff]/;

describe('the model manager and the sidebar in Chinese', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('labels, placeholders, the import summary and the model manager are Chinese, with no English sentence left', async () => {
    browser = await launch({ locale: 'zh-CN' });
    const { page } = browser;
    await openApp(page, inject('appUrl'));

    const sidebar = page.getByTestId('sidebar');
    await expect(sidebar.getAttribute('aria-label')).resolves.toBe('对话列表');
    await expect(page.getByTestId('history-search').getAttribute('placeholder')).resolves.toBe('搜索所有对话');
    await expect(page.getByTestId('no-conversations').textContent()).resolves.toBe('你的对话会显示在这里，它们只保存在此浏览器中。');

    // A small ChatGPT export: conversations to list under their headings, and a summary of what was left out.
    const summary = await importFile(page, 'conversations.json', realisticChatGptExport(96 * 1024));
    expect(summary).toMatch(/^已从 ChatGPT 导出文件导入 [\d,]+ 个对话。/);
    expect(summary).toMatch(/确定$/);
    await page.getByTestId('conversation-item').first().waitFor();
    const headings = await sidebar.locator('section > h2').allTextContents();
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(['置顶', '今天', '昨天', '过去 7 天', '过去 30 天', '更早']).toContain(heading);
    const item = page.getByTestId('conversation-item').first();
    await expect(item.getByTestId('delete-conversation').getAttribute('aria-label')).resolves.toMatch(/^删除“.+”$/);
    await expect(item.getByTestId('pin-conversation').getAttribute('aria-label')).resolves.toMatch(/^置顶“.+”$/);
    await expect(page.getByTestId('export-all').textContent()).resolves.toBe('全部导出');
    await expect(page.getByTestId('storage-status').textContent()).resolves.toMatch(CJK);

    await openModelManager(page);
    const manager = page.getByTestId('model-manager');
    await expect(manager.locator('#model-manager-title').textContent()).resolves.toBe('模型');
    await expect(page.getByTestId('model-search').getAttribute('placeholder')).resolves.toBe('搜索模型（例如 qwen 0.5b）');
    await expect(page.getByTestId('gpu-status').textContent()).resolves.toMatch(/最大缓冲区/);
    await expect(page.getByTestId('storage').locator('h3').textContent()).resolves.toBe('此设备上');
    const usable = manager.locator('[data-testid="model-row"][data-usable="true"]').first();
    await expect(usable.getByTestId('load-model').textContent()).resolves.toMatch(/^\s*(下载并加载|加载|继续下载)\s*$/);
    await manager.getByTestId('add-model').locator('summary').click();
    await expect(page.getByTestId('custom-add').textContent()).resolves.toMatch(/检查并添加/);

    expect(await englishOnPage(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('without WebGPU, the advice, the GPU status and an import error are Chinese', async () => {
    browser = await launch({ webgpu: false, locale: 'zh-CN' });
    const { page } = browser;
    await openApp(page, inject('appUrl'));

    // The first screen: why (no adapter here), and what to do, the Linux flag first.
    await expect(page.getByTestId('no-webgpu-reason').textContent()).resolves.toBe('此浏览器支持 WebGPU，但没有向本应用提供 GPU。');
    const steps = await page.getByTestId('no-webgpu-advice').locator('li').allTextContents();
    expect(steps[0]).toMatch(/^在 Linux 上.*chrome:\/\/flags\/#enable-unsafe-webgpu/);
    for (const step of steps) expect(step).toMatch(CJK);

    // A file that cannot be imported says why in Chinese (the import worker's error, translated on the page).
    await expect(importFile(page, 'empty.json', '')).resolves.toMatch(/^文件是空的。未导入任何内容。/);

    await page.getByTestId('open-models').click();
    await page.getByTestId('model-manager').waitFor({ state: 'visible' });
    const gpu = page.getByTestId('gpu-status');
    await expect(gpu.textContent()).resolves.toMatch(/没有 WebGPU。\s*此浏览器无法让本应用使用 GPU（WebGPU 不可用）。\s*请使用开启了硬件加速的新版 Chrome/);
    await page.getByTestId('model-unavailable').first().waitFor();
    await expect(page.getByTestId('model-unavailable').first().textContent()).resolves.toMatch(/^\s*此浏览器不支持 WebGPU。\s*$/);

    expect(await englishOnPage(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
