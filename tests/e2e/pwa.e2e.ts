/**
 * The installable app: manifest and service worker (install criteria as Chromium reports them), offline start
 * with the history, updates applied only on consent and never in the middle of a reply, WebLLM's caches and
 * unknown caches left alone, and another tab's database upgrade closing this tab's connection with a message.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LATEST_VERSION } from '../../src/lib/db/app-db';
import { importChatGptConversation, openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, send, waitForReply } from './support/chat';

/** Waits until the app's service worker is active and controls the page (it claims the page on first install). */
async function waitForServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready; // active: the precache is complete
    while (!navigator.serviceWorker.controller) await new Promise((resolve) => setTimeout(resolve, 50));
    return navigator.serviceWorker.controller.scriptURL;
  });
}

async function precachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.includes('precache'));
    const urls: string[] = [];
    for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
}

describe('installable (production build)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    await openApp(browser.page, inject('appUrl'));
  });
  afterAll(async () => browser?.close());

  it('has a valid manifest, and a service worker controls the page: Chromium reports no installability errors', async () => {
    const { page, context } = browser;
    expect(await waitForServiceWorker(page)).toMatch(/\/service-worker\.js$/);
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data ?? '{}') as { name?: string; display?: string; start_url?: string; icons?: { sizes: string; purpose?: string }[] };
    expect(data).toMatchObject({ name: 'Private Chat', display: 'standalone', start_url: '/' });
    expect(data.icons?.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`)).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  });

  it('precaches the shell and every lazily loaded chunk, and no model file', async () => {
    const paths = await precachedPaths(browser.page);
    expect(paths).toContain('/index.html');
    // The scripts and styles the page starts with, as index.html names them.
    const html = await browser.page.evaluate(async () => (await fetch('/index.html')).text());
    const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(named.filter((p) => p.endsWith('.js')).length).toBeGreaterThan(0);
    expect(named.filter((p) => p.endsWith('.css')).length).toBeGreaterThan(0);
    expect(paths).toEqual(expect.arrayContaining(named));
    // And what loads later: the workers, the markdown renderer, the panels.
    const later = [/^\/assets\/engine\.worker-.+\.js$/, /^\/assets\/import\.worker-.+\.js$/, /^\/assets\/render-markdown-.+\.js$/, /^\/assets\/ModelManager-.+\.js$/, /^\/assets\/ReplySettingsPanel-.+\.js$/];
    for (const chunk of later) {
      expect(paths.some((p) => chunk.test(p)), String(chunk)).toBe(true);
    }
    expect(paths.filter((p) => /\.(bin|wasm)$|tensor-cache|ndarray-cache|mlc-chat-config/.test(p))).toEqual([]);
  });

  it('offers its own Install entry when the browser says the app can be installed', async () => {
    const { page } = browser;
    // Chromium fires beforeinstallprompt once the install criteria hold; the app turns it into its own entry.
    await page.getByTestId('install-app').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('install-app').textContent()).resolves.toBe('Install app');
  });

  it('with the network cut, a reload shows the app and an existing conversation', async () => {
    const { page, context } = browser;
    // The production build has no model to talk to: the conversation comes in through Import, as a person's would.
    await importChatGptConversation(page, {
      title: 'Packing for the flight',
      question: 'What should I pack for a long flight?',
      answer: 'A charger, a book and a scarf.',
    });
    await page.getByTestId('conversation-item').first().waitFor();

    await context.setOffline(true);
    try {
      await page.reload();
      await openApp(page, inject('appUrl'));
      // The network really is cut: a request the service worker does not answer fails.
      await expect(page.evaluate(() => fetch('/not-precached', { cache: 'no-store' }).then(() => 'reached', () => 'failed'))).resolves.toBe('failed');
      await page.getByTestId('conversation-item').filter({ hasText: 'Packing for the flight' }).click();
      await page.locator('[data-testid="message"][data-role="assistant"]', { hasText: 'A charger, a book and a scarf.' }).waitFor();
      // The page came from the service worker with its headers: the policy still holds offline.
      const blocked = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.head.append(script);
        return !(window as unknown as { __inlineRan?: boolean }).__inlineRan;
      });
      expect(blocked).toBe(true);
    } finally {
      await context.setOffline(false);
    }
  });
});

describe('offline and updates (scripted engine, a server of its own)', () => {
  let dir: string;
  let server: PreviewServer;
  let url: string;
  let browser: Browser;
  const swFile = () => join(dir, 'service-worker.js');

  beforeAll(async () => {
    // A copy of the test build, so this file can deploy a "new version" by changing the service worker.
    dir = mkdtempSync(join(tmpdir(), 'pc-pwa-'));
    cpSync('.e2e/dist-fake', dir, { recursive: true });
    server = await preview({ mode: 'e2e-fake', logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await launch();
    await openApp(browser.page, url);
    await waitForServiceWorker(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no network: the app, the conversation, and a model that loads and answers', async () => {
    const { page, context } = browser;
    await loadFakeModel(page);
    await send(page, 'written before the flight');
    await waitForReply(page);
    const reply = await lastReply(page).innerText();

    await context.setOffline(true);
    try {
      await page.reload();
      await openApp(page, url);
      await page.locator('[data-testid="message"][data-role="user"]', { hasText: 'written before the flight' }).waitFor();
      await expect(lastReply(page).innerText()).resolves.toBe(reply);
      await expect(page.getByTestId('conversation-item').count()).resolves.toBe(1);
      // The engine worker's chunk comes from the precache too: the model loads and answers offline.
      await loadFakeModel(page);
      await send(page, 'and after take-off');
      await expect(waitForReply(page)).resolves.toBe('done');
    } finally {
      await context.setOffline(false);
    }
  });

  it('offers a new version and applies it only on consent, after the reply being written, leaving other caches alone', async () => {
    const { page } = browser;
    // WebLLM's model cache and a cache the app knows nothing about must survive the update untouched.
    await page.evaluate(async () => {
      await (await caches.open('webllm/model')).put('https://huggingface.co/x/resolve/main/params_shard_0.bin', new Response('weights'));
      await (await caches.open('someone-elses-cache')).put('/their-file', new Response('theirs'));
    });
    const before = await precachedPaths(page);

    // Deploy: any byte change in the service worker is a new version.
    writeFileSync(swFile(), `${readFileSync(swFile(), 'utf8')}\n// deployed again\n`);
    await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
    await page.getByTestId('app-update').waitFor();
    const waiting = () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
    await expect(waiting()).resolves.toBe(true);

    // No consent, no switch: "Later" hides the offer, and a reload still runs the old version and asks again.
    await page.getByTestId('app-update-later').click();
    await expect(page.getByTestId('app-update').isVisible()).resolves.toBe(false);
    await page.reload();
    await openApp(page, url);
    await page.getByTestId('app-update').waitFor();
    await expect(waiting()).resolves.toBe(true);

    // Consent while a reply is being written: the update waits for the reply to finish, then reloads.
    await loadFakeModel(page);
    await send(page, '/slow 30');
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
    await page.getByTestId('app-update-apply').click();
    await page.getByTestId('app-update-waiting').waitFor();
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await expect(lastReply(page).getAttribute('data-status')).resolves.toBe('streaming');
    await reloaded;
    await openApp(page, url);
    await expect(page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).resolves.toBeUndefined();
    await expect(waiting()).resolves.toBe(false);
    // The reply finished before the switch, and it was stored whole.
    await expect(lastReply(page).getAttribute('data-status')).resolves.toBe('done');
    await expect(lastReply(page).innerText()).resolves.toMatch(/word198 word199\n/);
    await expect(page.getByTestId('app-update').isVisible()).resolves.toBe(false);

    const kept = await page.evaluate(async () => ({
      names: await caches.keys(),
      model: await (await (await caches.open('webllm/model')).match('https://huggingface.co/x/resolve/main/params_shard_0.bin'))?.text(),
      theirs: await (await (await caches.open('someone-elses-cache')).match('/their-file'))?.text(),
    }));
    expect(kept.names).toEqual(expect.arrayContaining(['webllm/model', 'someone-elses-cache']));
    expect(kept.model).toBe('weights');
    expect(kept.theirs).toBe('theirs');
    expect(await precachedPaths(page)).toEqual(expect.arrayContaining(before));
  });

  it("another tab's database upgrade closes this tab's connection, without blocking it, and says why", async () => {
    const { page, context } = browser;
    const other = await context.newPage();
    await other.goto(`${url}favicon.svg`);
    const opened = other.evaluate(
      (version) =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('private-chat', version);
          request.onsuccess = () => {
            const got = request.result.version;
            request.result.close();
            resolve(got);
          };
          request.onerror = () => reject(request.error);
          request.onblocked = () => reject(new Error('blocked by the first tab'));
        }),
      (LATEST_VERSION + 1) * 10,
    );
    await expect(opened).resolves.toBe((LATEST_VERSION + 1) * 10);
    await page.getByTestId('app-stale').waitFor();
    await expect(page.getByTestId('app-stale').getAttribute('data-reason')).resolves.toBe('database-upgraded');
    await expect(page.getByTestId('app-stale').innerText()).resolves.toMatch(/your conversations are safe/);
    await other.close();
  });
});
