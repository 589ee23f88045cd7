/**
 * Conversation history in IndexedDB, through the UI with the scripted engine: a reply survives a reload
 * mid-stream (shown as interrupted), branches from regenerate and edit, search, rename / pin / delete with
 * undo, hostile titles rendered inert, and two tabs that see each other's changes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addCustomModel, modelRow, openApp, openModelManager, storedRows } from './support/app';
import { launch, type Browser } from './support/browser';

const MODEL = 'Fake-Chat-0.5B-Instruct-q4f32_1-MLC';

describe('conversation history', () => {
  let browser: Browser;
  let url: string;
  const page = () => browser.page;
  const messages = (p: Page = page()) => p.locator('[data-testid="message"]');
  const lastOf = (role: 'user' | 'assistant', p: Page = page()) => p.locator(`[data-testid="message"][data-role="${role}"]`).last();
  const lastText = async (role: 'user' | 'assistant') =>
    ((await lastOf(role).locator(role === 'user' ? '.user-text' : '.assistant-text').textContent()) ?? '').trim();

  async function loadModel(p: Page = page()) {
    await openModelManager(p);
    await modelRow(p, MODEL).getByTestId('load-model').click();
    await p.getByTestId('model-manager').waitFor({ state: 'hidden' });
    await p.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready');
  }

  /** New chat, unless the chat on screen is already a new, empty one (the button is disabled then). */
  async function newChat(p: Page = page()) {
    if (await p.getByTestId('new-chat').isEnabled()) await p.getByTestId('new-chat').click();
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
  }

  async function send(text: string, p: Page = page()) {
    const before = await p.locator('[data-testid="message"][data-role="assistant"]').count();
    await p.getByTestId('composer-input').fill(text);
    await p.getByTestId('composer-input').press('Enter');
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid="message"][data-role="assistant"]').length > n, before);
  }

  const waitForReply = (p: Page = page()) =>
    p.waitForFunction(() => [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1)?.getAttribute('data-status') !== 'streaming', null, {
      timeout: 30_000,
    });

  const sidebarTitles = (p: Page = page()) => p.locator('[data-testid="conversation-item"] .title').allTextContents();

  beforeAll(async () => {
    browser = await launch();
    url = inject('fakeAppUrl');
    await openApp(page(), url);
    await loadModel();
  });
  afterAll(async () => browser?.close());

  it('a reload mid-stream keeps the partial reply, marked interrupted, and it can be regenerated', async () => {
    await send('/slow');
    // Wait for a draft write to hold a good part of the reply (read from IndexedDB, not timed), then reload.
    const draftWords = async () =>
      Math.max(0, ...(await storedRows<{ status: string; content: string }>(page(), 'messages')).filter((m) => m.status === 'streaming').map((m) => m.content.match(/word\d+/g)?.length ?? 0));
    await expect.poll(draftWords, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(10);
    const savedWords = await draftWords();

    await openApp(page(), url);
    await expect(lastText('user')).resolves.toBe('/slow');
    const reply = lastOf('assistant');
    await expect(reply.getAttribute('data-status')).resolves.toBe('interrupted');
    await expect(reply.getByTestId('interrupted-badge').textContent()).resolves.toBe('Interrupted');
    const kept = (await lastText('assistant')).match(/word\d+/g) ?? [];
    // Everything written before the reload is kept (at most one 250 ms draft interval is ever lost), in order.
    expect(kept.length).toBeGreaterThanOrEqual(savedWords);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => `word${i}`));
    await expect(sidebarTitles()).resolves.toContain('/slow');

    await loadModel();
    await reply.getByTestId('regenerate').click();
    await page().waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"] .assistant-text')].at(-1)?.textContent?.match(/word\d+/g)?.length ?? 0) >= 3);
    await page().getByTestId('stop-button').click();
    await waitForReply();
    await expect(lastOf('assistant').getAttribute('data-status')).resolves.toBe('stopped');
    await expect(lastOf('assistant').getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
    await lastOf('assistant').getByTestId('branch-previous').click();
    await expect(lastOf('assistant').getAttribute('data-status')).resolves.toBe('interrupted');
  });

  it('regenerate and edit make branches; switching shows each, and the choice survives a reload', async () => {
    await newChat();
    await send('/echo hello');
    await waitForReply();
    const first = await lastText('assistant');
    expect(first).toMatch(/^Answer \d+ to: hello$/);

    await lastOf('assistant').getByTestId('regenerate').click();
    await page().waitForFunction((old) => {
      const last = [...document.querySelectorAll('[data-role="assistant"]')].at(-1);
      return last?.getAttribute('data-status') === 'done' && !last.textContent?.includes(old);
    }, first);
    const second = await lastText('assistant');
    expect(second).toMatch(/^Answer \d+ to: hello$/);
    expect(second).not.toBe(first);
    await expect(lastOf('assistant').getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
    await expect(messages().count()).resolves.toBe(2);

    await lastOf('assistant').getByTestId('branch-previous').click();
    await expect(lastOf('assistant').getByTestId('branch-count').textContent()).resolves.toBe('1 / 2');
    await expect(lastText('assistant')).resolves.toBe(first);
    // The choice is stored before the reload (a reload within the same millisecond could lose it).
    const shown = await lastOf('assistant').getAttribute('data-message-id');
    await page().waitForFunction(
      (id) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('private-chat');
          open.onsuccess = () => {
            const request = open.result.transaction('conversations').objectStore('conversations').getAll();
            request.onsuccess = () => {
              open.result.close();
              resolve(request.result.some((c: { activeLeafId: string | null }) => c.activeLeafId === id));
            };
          };
        }),
      shown,
    );

    await openApp(page(), url);
    await expect(lastText('assistant')).resolves.toBe(first);
    await expect(lastOf('assistant').getByTestId('branch-count').textContent()).resolves.toBe('1 / 2');

    await loadModel();
    await lastOf('user').getByTestId('edit-message').click();
    await page().getByTestId('edit-input').fill('/echo goodbye');
    await page().getByTestId('edit-send').click();
    await waitForReply();
    await expect(lastText('user')).resolves.toBe('/echo goodbye');
    await expect(lastText('assistant')).resolves.toMatch(/^Answer \d+ to: goodbye$/);
    await expect(lastOf('user').getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
    await expect(messages().count()).resolves.toBe(2);

    // Back on the first question: its newest answer, with both answers still there to flip between.
    await lastOf('user').getByTestId('branch-previous').click();
    await expect(lastText('user')).resolves.toBe('/echo hello');
    await expect(lastText('assistant')).resolves.toBe(second);
    await expect(lastOf('assistant').getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
  });

  it('search finds a message on any branch, marks the hit, and opens its conversation', async () => {
    await newChat();
    await send('/echo the quick brown fox');
    await waitForReply();
    await newChat();
    await expect(messages().count()).resolves.toBe(0);

    await page().getByTestId('history-search').fill('goodbye');
    const hit = page().getByTestId('search-hit');
    await hit.first().waitFor();
    await expect(hit.count()).resolves.toBe(1);
    await expect(hit.locator('mark').first().textContent()).resolves.toMatch(/^goodbye$/i);
    await page().getByTestId('history-search').fill('brown fox');
    await page().waitForFunction(() => document.querySelector('[data-testid="search-hit"] .hit-title')?.textContent?.includes('quick brown fox'));
    await hit.first().click();
    await expect(lastText('assistant')).resolves.toMatch(/to: the quick brown fox$/);
    await page().getByTestId('history-search').fill('zebra unicorn');
    await page().getByText('Nothing matches').waitFor();
    await page().getByTestId('history-search').fill('');
  });

  it('renames, pins, and deletes with undo; a hostile title stays text', async () => {
    await newChat();
    await send('/echo <img src=x onerror="window.__pwned=1"><b>bold</b>');
    await waitForReply();
    const item = page().locator('[data-testid="conversation-item"]', { hasText: '<img' });
    await expect(item.count()).resolves.toBe(1);
    await expect(page().locator('[data-testid="sidebar"] img, [data-testid="sidebar"] b').count()).resolves.toBe(0);
    await page().getByTestId('history-search').fill('onerror');
    await page().getByTestId('search-hit').first().waitFor();
    await expect(page().getByTestId('search-hit').locator('mark').first().textContent()).resolves.toBe('onerror');
    await expect(page().locator('[data-testid="search-results"] img').count()).resolves.toBe(0);
    await page().getByTestId('history-search').fill('');
    expect(await page().evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await item.hover();
    await item.getByTestId('rename-conversation').click();
    await page().getByTestId('rename-input').fill('Renamed safely');
    await page().getByTestId('rename-input').press('Enter');
    const renamed = page().locator('[data-testid="conversation-item"]', { hasText: 'Renamed safely' });
    await renamed.waitFor();

    await renamed.getByTestId('pin-conversation').click();
    await page().locator('section[aria-label="Pinned"] [data-testid="conversation-item"]', { hasText: 'Renamed safely' }).waitFor();

    const count = (await sidebarTitles()).length;
    await renamed.getByTestId('delete-conversation').click();
    await page().getByTestId('undo-delete').waitFor();
    await expect(page().getByTestId('undo-delete').textContent()).resolves.toMatch(/Deleted “Renamed safely”/);
    await expect(sidebarTitles()).resolves.not.toContain('Renamed safely');
    await expect(messages().count()).resolves.toBe(0);
    await page().getByTestId('undo-button').click();
    await page().locator('section[aria-label="Pinned"] [data-testid="conversation-item"]', { hasText: 'Renamed safely' }).waitFor();
    await expect(sidebarTitles()).resolves.toHaveLength(count);
  });

  it('a fast model names the conversation after the first exchange', async () => {
    await newChat();
    await send('/echo name me please');
    await waitForReply();
    await page().locator('[data-testid="conversation-item"][aria-current], [data-testid="conversation-item"]', { hasText: 'Named by the model' }).first().waitFor();
    await expect(page().locator('[data-testid="conversation-item"].active .title').textContent()).resolves.toBe('Named by the model');
    // A second exchange does not rename it again.
    await send('/echo name me again');
    await waitForReply();
    await expect(page().locator('[data-testid="conversation-item"].active .title').textContent()).resolves.toBe('Named by the model');
  });

  it('two tabs see each other’s changes live', async () => {
    const other = await browser.context.newPage();
    await openApp(other, url);
    const before = (await sidebarTitles(other)).length;
    await newChat();
    await send('/echo from the first tab');
    await waitForReply();
    await other.locator('[data-testid="conversation-item"]', { hasText: '/echo from the first tab' }).waitFor();
    expect((await sidebarTitles(other)).length).toBe(before + 1);

    const inOther = other.locator('[data-testid="conversation-item"]', { hasText: '/echo from the first tab' });
    await inOther.getByTestId('open-conversation').click();
    await expect(lastOf('assistant', other).locator('.assistant-text').textContent()).resolves.toMatch(/to: from the first tab/);
    await inOther.hover();
    await inOther.getByTestId('rename-conversation').click();
    await other.getByTestId('rename-input').fill('Named in tab two');
    await other.getByTestId('rename-input').press('Enter');
    await page().locator('[data-testid="conversation-item"]', { hasText: 'Named in tab two' }).waitFor();
    await other.close();
  });

  it('export then import into a fresh profile reproduces every conversation; twice adds nothing; bad files change nothing', async () => {
    const titles = (await sidebarTitles()).sort();
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByTestId('export-all').click()]);
    expect(download.suggestedFilename()).toMatch(/^private-chat-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();

    const fresh = await launch();
    try {
      const p = fresh.page;
      await openApp(p, url);
      await p.getByTestId('no-conversations').waitFor();
      const importFile = async (path: string) => {
        await p.getByTestId('import-file').setInputFiles(path);
        const outcome = p.getByTestId('import-outcome');
        await outcome.waitFor();
        const result = { ok: (await outcome.getAttribute('data-ok')) === 'true', text: (await outcome.textContent()) ?? '' };
        await outcome.getByRole('button', { name: 'OK' }).click();
        return result;
      };
      const first = await importFile(file);
      expect(first.ok).toBe(true);
      expect(first.text).toMatch(new RegExp(`Imported ${titles.length} conversations`));
      await p.waitForFunction((n) => document.querySelectorAll('[data-testid="conversation-item"]').length === n, titles.length);
      expect((await sidebarTitles(p)).sort()).toEqual(titles);

      // The branched conversation comes back with its branches and the branch that was on screen.
      await p.locator('[data-testid="conversation-item"]', { hasText: '/echo hello' }).getByTestId('open-conversation').click();
      await expect(lastOf('user', p).getByTestId('branch-count').textContent()).resolves.toBe('1 / 2');
      await expect(lastOf('assistant', p).getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');

      const again = await importFile(file);
      expect(again.text).toMatch(new RegExp(`Imported 0 conversations.*${titles.length} were already here`));
      expect((await sidebarTitles(p)).length).toBe(titles.length);

      const dir = mkdtempSync(join(tmpdir(), 'pc-import-'));
      const truncated = join(dir, 'truncated.json');
      writeFileSync(truncated, '{"format":"private-chat-export","version":1,"conversations":[{"id":"x","tit');
      const bad = await importFile(truncated);
      expect(bad).toMatchObject({ ok: false });
      expect(bad.text).toMatch(/not valid JSON.*Nothing was imported/);
      expect((await sidebarTitles(p)).length).toBe(titles.length);

      const chatgpt = join(dir, 'conversations.json');
      writeFileSync(
        chatgpt,
        JSON.stringify([
          {
            title: '<img src=x onerror="window.__pwned=1">Imported from ChatGPT',
            create_time: 1_700_000_000,
            update_time: 1_700_000_100,
            conversation_id: 'gpt-1',
            current_node: 'a',
            mapping: {
              root: { id: 'root', message: null, parent: null, children: ['u'] },
              u: { id: 'u', parent: 'root', children: ['a'], message: { author: { role: 'user' }, content: { content_type: 'text', parts: ['Hello from **ChatGPT**'] } } },
              a: { id: 'a', parent: 'u', children: [], message: { author: { role: 'assistant' }, recipient: 'all', content: { content_type: 'text', parts: ['<script>window.__pwned=1</script>Hi!'] } } },
            },
          },
        ]),
      );
      const imported = await importFile(chatgpt);
      expect(imported.text).toMatch(/Imported 1 conversation from the ChatGPT export/);
      const item = p.locator('[data-testid="conversation-item"]', { hasText: 'Imported from ChatGPT' });
      await expect(item.locator('.title').textContent()).resolves.toBe('<img src=x onerror="window.__pwned=1">Imported from ChatGPT');
      await item.getByTestId('open-conversation').click();
      await expect(lastOf('assistant', p).locator('.assistant-text').textContent()).resolves.toMatch(/Hi!/);
      await expect(p.locator('[data-testid="messages"] script, [data-testid="sidebar"] img').count()).resolves.toBe(0);
      expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('only one tab runs the model: the other says so, and can take it over', async () => {
    // This tab has the model loaded (earlier tests); a second tab asks for it too.
    await expect(page().getByTestId('open-models').getAttribute('data-status')).resolves.toBe('ready');
    const other = await browser.context.newPage();
    try {
      await openApp(other, url);
      await openModelManager(other);
      await modelRow(other, MODEL).getByTestId('load-model').click();
      const error = other.getByTestId('model-manager').getByTestId('error');
      await error.waitFor();
      await expect(error.getAttribute('data-kind')).resolves.toBe('engine-in-other-tab');
      await expect(error.locator('.message').textContent()).resolves.toBe('Another tab of this app is using the GPU for a model.');
      await expect(other.getByTestId('open-models').getAttribute('data-status')).resolves.toBe('idle');

      await other.getByTestId('take-over').click();
      await other.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready');
      await page().waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'idle');
      await expect(page().getByTestId('error').first().getAttribute('data-kind')).resolves.toBe('taken-over');
      await expect(page().getByTestId('send-button').isDisabled()).resolves.toBe(true);

      await send('/echo works in the second tab', other);
      await waitForReply(other);
      await expect(lastOf('assistant', other).locator('.assistant-text').textContent()).resolves.toMatch(/to: works in the second tab/);
    } finally {
      await other.close();
    }
    // The lock went with the closed tab: this one can load again without a fight.
    await loadModel();
  });

  it('on a narrow screen the conversation list opens from the header and closes on choosing one', async () => {
    await page().setViewportSize({ width: 400, height: 800 });
    try {
      const sidebar = page().getByTestId('sidebar');
      await expect(sidebar.isVisible()).resolves.toBe(false);
      await page().getByTestId('toggle-sidebar').click();
      await expect(page().getByTestId('toggle-sidebar').getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(sidebar.isVisible()).resolves.toBe(true);
      await sidebar.locator('[data-testid="conversation-item"]', { hasText: 'Named by the model' }).getByTestId('open-conversation').click();
      await expect(sidebar.isVisible()).resolves.toBe(false);
      await expect(lastText('user')).resolves.toBe('/echo name me again');
    } finally {
      await page().setViewportSize({ width: 1200, height: 900 });
    }
  });

  it('a model whose download fails leaves the loaded one in place, still usable', async () => {
    const unreachable = {
      id: 'Fake-Unreachable-0.5B-q4f32_1-MLC',
      name: 'Fake Unreachable',
      modelUrl: 'https://fake.invalid/unreachable',
      libUrl: 'https://fake.invalid/unreachable.wasm',
      quantization: 'q4f32_1',
      needsShaderF16: false,
      contextWindow: 4096,
      vramMB: null,
      downloadBytesEstimate: null,
      params: '0.5B',
      source: 'custom' as const,
    };
    await addCustomModel(page(), url, unreachable);
    await loadModel();
    const name = (await page().getByTestId('current-model').textContent()) ?? '';
    await openModelManager(page());
    await modelRow(page(), unreachable.id).getByTestId('load-model').click();
    const error = page().getByTestId('model-manager').getByTestId('error');
    await error.waitFor();
    await expect(error.getAttribute('data-kind')).resolves.toBe('download-failed');
    await expect(page().getByTestId('open-models').getAttribute('data-status')).resolves.toBe('ready');
    await expect(page().getByTestId('current-model').textContent()).resolves.toBe(name);
    await page().getByRole('button', { name: 'Close' }).click();
    await newChat();
    await send('/echo still here');
    await waitForReply();
    await expect(lastText('assistant')).resolves.toMatch(/to: still here$/);
  });
});
