/**
 * Rendered replies never contact the network, and Copy puts on the clipboard only what the screen shows.
 * Every request the browser makes during a whole session (hostile replies streamed and finished, hostile
 * conversations imported in both formats and opened) is recorded: none may leave 127.0.0.1, and none may
 * carry a hostile URL to the app's own server either.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COPY_TRAP_REPLY, LEAK_REPLY, LEAK_VECTORS } from './fake/hostile-content';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, newChat, send, waitForReply } from './support/chat';

function hostileOwnExport(): string {
  const t = Date.UTC(2026, 0, 5);
  const messages = [
    { id: 'leak-q', parentId: null, role: 'user', content: LEAK_VECTORS.join('\n'), status: 'done', createdAt: t, updatedAt: t },
    { id: 'leak-a', parentId: 'leak-q', role: 'assistant', content: LEAK_REPLY, status: 'done', createdAt: t + 1, updatedAt: t + 1 },
  ];
  const conversation = { id: 'hostile-own', title: `Imported hostile <img src="https://leak.test/title">`, titleSource: 'user', modelId: null, systemPrompt: '', settings: null, createdAt: t, updatedAt: t + 1, pinned: 0, activeLeafId: 'leak-a', messages };
  return JSON.stringify({ format: 'private-chat-export', version: 1, exportedAt: new Date(t).toISOString(), conversations: [conversation] });
}

function hostileChatGptExport(): string {
  const node = (id: string, parent: string | null, role: string | null, text: string | null) => ({
    id,
    parent,
    children: [],
    message: role ? { id, author: { role }, create_time: 1_700_000_000, content: { content_type: 'text', parts: [text] }, metadata: {}, recipient: 'all' } : null,
  });
  return JSON.stringify([
    {
      title: 'ChatGPT hostile',
      create_time: 1_700_000_000,
      update_time: 1_700_000_100,
      conversation_id: 'hostile-chatgpt',
      current_node: 'a',
      mapping: { root: node('root', null, null, null), q: node('q', 'root', 'user', 'show me'), a: node('a', 'q', 'assistant', LEAK_REPLY) },
    },
  ]);
}

describe('privacy and copy (scripted engine)', () => {
  let browser: Browser;
  const requests: string[] = [];
  const offDevice = () =>
    requests.filter((url) => {
      const { hostname, protocol } = new URL(url);
      return !['data:', 'blob:'].includes(protocol) && (hostname !== '127.0.0.1' || /leak|evil/i.test(url));
    });

  beforeAll(async () => {
    browser = await launch();
    browser.context.on('request', (request) => requests.push(request.url()));
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(browser.page, inject('fakeAppUrl'));
    await loadFakeModel(browser.page);
  });
  afterAll(async () => browser?.close());

  it('a hostile reply renders its text, keeps device-local images, offers remote media as links, and loads nothing', async () => {
    const { page } = browser;
    await send(page, '/leak');
    // While it streams, every partial render goes through the same sanitizer.
    await expect(waitForReply(page)).resolves.toBe('done');
    const reply = lastReply(page);
    await expect(reply.textContent()).resolves.toContain('End of hostile media.');
    await expect(reply.textContent()).resolves.toContain('table cell');
    const links = await reply.locator('a[data-remote-media]').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    expect(links.find((l) => l.href === 'https://leak.test/md-image?q=SECRET')?.text).toBe('Image “secret chart” from leak.test (not loaded; opens in a new tab)');
    expect(links.some((l) => l.href === 'https://leak.test/video')).toBe(true);
    await expect(reply.locator('img[src^="data:image/gif"]').count()).resolves.toBe(1);
    // Nothing in the reply can fetch: no element keeps a remote or relative URL outside a clickable link.
    const fetching = await reply.evaluate((root) =>
      [...root.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^(src|srcset|poster|background|data|action|formaction|ping)$/.test(a.name) || (/href$/.test(a.name) && !['A', 'a'].includes(el.tagName) && !a.value.startsWith('#')) || /url\(/i.test(a.value))
          .filter((a) => !/^(data:|blob:)/.test(a.value) && !/^url\(#/.test(a.value))
          .map((a) => `${el.tagName} ${a.name}=${a.value}`),
      ),
    );
    expect(fetching).toEqual([]);
    // Links load only when clicked, and then in a new tab: never in place of the app (SVG links included).
    const links2 = await reply.locator('.assistant-text a').evaluateAll((as) => as.map((a) => `${a.getAttribute('target')} ${a.getAttribute('rel')}`));
    expect(links2.length).toBeGreaterThan(3);
    expect(new Set(links2)).toEqual(new Set(['_blank noopener noreferrer']));
    await page.waitForTimeout(300); // a lazy request would have started by now
    expect(offDevice()).toEqual([]);
  });

  it('Copy on a code block copies its source; an imitation in raw HTML gets no Copy button and hides nothing', async () => {
    const { page } = browser;
    await newChat(page);
    await send(page, '/copytrap');
    await waitForReply(page);
    const reply = lastReply(page);
    // The imitation is plain HTML now: no code-block look, no button (not even the bare forged one).
    await expect(reply.locator('.assistant-text button').count()).resolves.toBe(1);
    await expect(reply.locator('.code-block').count()).resolves.toBe(1);
    await page.evaluate(() => navigator.clipboard.writeText('clipboard before'));
    await reply.locator('.code-block button').click();
    await reply.locator('.code-block button', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('echo real <span hidden>not hidden in code</span>');
    // What was copied is what the block shows.
    await expect(reply.locator('.code-block code').innerText()).resolves.toBe(copied);
    expect(copied).not.toContain('curl');
  });

  it('hostile conversations imported from a file (both formats) render without a single request', async () => {
    const { page } = browser;
    const dir = mkdtempSync(join(tmpdir(), 'pc-privacy-'));
    for (const [name, text] of [
      ['own.json', hostileOwnExport()],
      ['conversations.json', hostileChatGptExport()],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, text);
      await page.getByTestId('import-file').setInputFiles(path);
      await page.locator('[data-testid="import-outcome"][data-ok="true"]').waitFor();
      await page.locator('[data-testid="import-outcome"] button').click();
    }
    for (const title of ['Imported hostile', 'ChatGPT hostile']) {
      await page.locator('[data-testid="conversation-item"]', { hasText: title }).getByTestId('open-conversation').click();
      await lastReply(page).locator('.assistant-text', { hasText: 'End of hostile media.' }).waitFor();
      await expect(lastReply(page).locator('a[data-remote-media]').count()).resolves.toBeGreaterThan(3);
    }
    await page.waitForTimeout(300);
    expect(offDevice()).toEqual([]);
    // The session really did talk to the app: the recorder works.
    expect(requests.some((url) => url.startsWith(inject('fakeAppUrl')))).toBe(true);
  });
});
