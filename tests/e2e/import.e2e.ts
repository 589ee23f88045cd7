/**
 * A large history file is imported off the page's thread: the sidebar shows the import worker's progress
 * (reading, checking N / M conversations, saving), the summary names what was left out, and the imported
 * conversations are listed. The files are the benchmark's own generators (a heavy user's ChatGPT export,
 * and the worst shape built for the importer), at sizes a test can afford.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { craftedWorstCaseExport, realisticChatGptExport } from '../bench/import-fixtures';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';

describe('importing a large file (import worker)', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'pc-import-'));

  beforeAll(async () => {
    browser = await launch();
    await openApp(browser.page, inject('fakeAppUrl'));
  });
  afterAll(async () => browser?.close());

  async function importFile(name: string, text: string, dismiss = true): Promise<{ phases: string[]; texts: string[]; summary: string }> {
    const { page } = browser;
    await page.evaluate(() => {
      const w = window as unknown as { __importSteps: Array<[string, string]> };
      w.__importSteps = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="import-progress"]');
        const step: [string, string] = [el?.getAttribute('data-phase') ?? '', el?.textContent ?? ''];
        if (el && step[1] !== w.__importSteps.at(-1)?.[1]) w.__importSteps.push(step);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const path = join(dir, name);
    writeFileSync(path, text);
    await page.getByTestId('import-file').setInputFiles(path);
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 90_000 });
    const steps = await page.evaluate(() => (window as unknown as { __importSteps: Array<[string, string]> }).__importSteps);
    const summary = (await outcome.textContent()) ?? '';
    if (dismiss) await outcome.locator('button').click();
    return { phases: [...new Set(steps.map(([phase]) => phase))], texts: steps.map(([, t]) => t), summary };
  }

  it('a heavy user’s ChatGPT export: progress while it is checked and saved, a summary that names what was left out', async () => {
    const { phases, texts, summary } = await importFile('conversations.json', realisticChatGptExport(4 * 1024 * 1024));
    expect(phases).toContain('converting');
    expect(phases).toContain('writing');
    expect(texts.some((t) => /Checking [\d,]+ \/ [\d,]+ conversations/.test(t))).toBe(true);
    const imported = Number(/Imported ([\d,]+) conversations/.exec(summary)?.[1]?.replace(/,/g, ''));
    expect(imported).toBeGreaterThan(10);
    expect(summary).toMatch(/images? left out \(shown as \[image omitted\]\)/);
    expect(summary).toMatch(/tool calls and tool outputs left out/);
    expect(summary).toMatch(/reasoning summar(y|ies) left out/);
    await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="conversation-item"]').length === n, imported);
  });

  it('the worst shape for the importer is imported too, with its oddities counted', async () => {
    await browser.page.getByTestId('sidebar').evaluate((el) => el.scrollTo(0, 0));
    const { summary } = await importFile('crafted.json', craftedWorstCaseExport(2 * 1024 * 1024), false);
    expect(summary).toMatch(/^Imported [\d,]+ conversations? from the ChatGPT export\./);
    expect(summary).toMatch(/too long and (was|were) replaced by shorter ones?/);
    expect(summary).toMatch(/appeared (twice|more than once) in the file/);
    // Hundreds of conversations: the list renders a page at a time, and the rest come on demand.
    const { page } = browser;
    const items = page.locator('[data-testid="conversation-item"]');
    await page.getByTestId('more-conversations').waitFor();
    await expect(items.count()).resolves.toBe(100);
    // Scrolling to the end of the list brings the next page by itself.
    await page.getByTestId('more-conversations').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="conversation-item"]').length > 100);
  });

  it('logged no errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
