/**
 * Storage that fails never costs the person what is on screen. An init script makes this profile's
 * IndexedDB refuse writes on demand (as a full disk does: QuotaExceededError), either every write or only a
 * reply's final one. Messages stay on screen marked "Not saved", a Retry writes them once storage works,
 * storage failures never turn into engine errors, and no failure ends as an unhandled rejection. The app
 * also asks once, when the first conversation is stored, that the browser keep its storage, and shows the
 * browser's real answer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, storedRows } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, newChat, send, waitForReply } from './support/chat';

type FailMode = 'all' | 'final-reply' | null;

/** Runs in the page before the app: IndexedDB writes fail while localStorage says so; persist() calls are counted. */
function failingStorage() {
  const refuse = (store: string, value: unknown): boolean => {
    const mode = localStorage.getItem('test:fail-writes');
    if (mode === 'all') return true;
    const v = value as { role?: string; status?: string } | undefined;
    return mode === 'final-reply' && store === 'messages' && v?.role === 'assistant' && v.status !== undefined && v.status !== 'streaming';
  };
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (refuse(this.name, value)) throw quota();
      return original.call(this, value, key);
    };
  }
  for (const method of ['delete', 'clear'] as const) {
    const original = IDBObjectStore.prototype[method] as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
    (IDBObjectStore.prototype as unknown as Record<string, unknown>)[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (localStorage.getItem('test:fail-writes') === 'all') throw quota();
      return original.apply(this, args);
    };
  }
  const update = IDBCursor.prototype.update;
  IDBCursor.prototype.update = function (this: IDBCursor, value: unknown) {
    if (refuse((this.source as IDBObjectStore).name, value)) throw quota();
    return update.call(this, value);
  };
  const persist = StorageManager.prototype.persist;
  StorageManager.prototype.persist = function (this: StorageManager) {
    localStorage.setItem('test:persist-calls', String(Number(localStorage.getItem('test:persist-calls') ?? 0) + 1));
    return persist.call(this);
  };
}

/** Rows of the messages store, read without the app. */
const storedMessages = (page: Page) => storedRows<{ id: string; role: string; content: string; status: string; conversationId: string }>(page, 'messages');

describe('storage failures (scripted engine)', () => {
  let browser: Browser;
  const page = () => browser.page;
  const failWrites = (mode: FailMode) =>
    page().evaluate((m) => (m ? localStorage.setItem('test:fail-writes', m) : localStorage.removeItem('test:fail-writes')), mode);
  const persistCalls = () => page().evaluate(() => Number(localStorage.getItem('test:persist-calls') ?? 0));

  beforeAll(async () => {
    browser = await launch();
    await browser.context.addInitScript(failingStorage);
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
  });
  afterAll(async () => browser?.close());

  it('asks once, when the first conversation is stored, to keep storage, and shows the answer', async () => {
    expect(await persistCalls()).toBe(0);
    await send(page(), '/echo first');
    await waitForReply(page());
    await page().waitForFunction(() => localStorage.getItem('test:persist-calls') === '1');
    const persisted = await page().evaluate(() => navigator.storage.persisted());
    await page().waitForFunction((p) => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-persisted') === String(p), persisted);
    await expect(page().getByTestId('storage-status').textContent()).resolves.toMatch(persisted ? /won't clear your conversations or models/ : /may clear conversations and models/);
    await newChat(page());
    await send(page(), '/echo second');
    await waitForReply(page());
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
    await newChat(page());
    await send(page(), '/echo third');
    await waitForReply(page());
    expect(await persistCalls()).toBe(1);
  });

  it('with every write failing, the question and the whole reply stay on screen, marked not saved; Retry saves them', async () => {
    await newChat(page());
    await failWrites('all');
    await send(page(), '/echo on a full disk');
    await expect(waitForReply(page())).resolves.toBe('done'); // a storage failure is not an engine error
    const reply = lastReply(page());
    await expect(reply.locator('.assistant-text').textContent()).resolves.toMatch(/to: on a full disk/);
    await expect(reply.getByTestId('error').count()).resolves.toBe(0);
    await expect(page().locator('[data-testid="message"] [data-testid="not-saved"]').count()).resolves.toBe(2);
    await expect(page().getByTestId('chat-error').textContent()).resolves.toMatch(/storage is full/);
    await expect(reply.getByTestId('regenerate').isEnabled()).resolves.toBe(true);

    // The reply settings apply but say they were not saved.
    await page().getByTestId('reply-settings').locator('summary').first().click();
    await page().getByTestId('setting-max-tokens').fill('77');
    await page().getByTestId('setting-max-tokens').press('Tab');
    await page().getByTestId('settings-error').waitFor();
    await expect(page().getByTestId('reply-settings-summary').textContent()).resolves.toMatch(/77/);

    // A second message on the same unsaved conversation: also on screen, also marked.
    await send(page(), '/echo still full');
    await waitForReply(page());
    await expect(page().locator('[data-testid="message"] [data-testid="not-saved"]').count()).resolves.toBe(4);
    expect((await storedMessages(page())).some((m) => /full/.test(m.content))).toBe(false);

    await failWrites(null);
    await lastReply(page()).getByTestId('retry-save').click();
    await page().waitForFunction(() => document.querySelectorAll('[data-testid="not-saved"]').length === 0);
    const stored = await storedMessages(page());
    const mine = stored.filter((m) => /full/.test(m.content));
    expect(mine.map((m) => `${m.role} ${m.status}`).sort()).toEqual(['assistant done', 'assistant done', 'user done', 'user done']);
    expect(new Set(mine.map((m) => m.conversationId)).size).toBe(1);
    // After a reload, the conversation is there in full.
    await openApp(page(), inject('fakeAppUrl'));
    await page().locator('[data-testid="conversation-item"]', { hasText: 'on a full disk' }).getByTestId('open-conversation').click();
    await page().waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 4);
    await loadFakeModel(page());
  });

  it('when only the final write fails, a good reply stays good on screen (not an engine error) and Retry stores it', async () => {
    await newChat(page());
    await failWrites('final-reply');
    await send(page(), '/echo last write fails');
    await expect(waitForReply(page())).resolves.toBe('done');
    const reply = lastReply(page());
    await expect(reply.getByTestId('not-saved').count()).resolves.toBe(1);
    await expect(reply.getByTestId('error').count()).resolves.toBe(0);
    const text = (await reply.locator('.assistant-text').textContent())?.trim();
    expect(text).toMatch(/to: last write fails/);
    // The store has the reply as it began (its final write failed), still marked as being written.
    const id = await reply.getAttribute('data-message-id');
    const before = (await storedMessages(page())).find((m) => m.id === id);
    expect(before?.status).toBe('streaming');
    await failWrites(null);
    await reply.getByTestId('retry-save').click();
    await reply.getByTestId('not-saved').waitFor({ state: 'detached' });
    const after = (await storedMessages(page())).find((m) => m.id === id);
    expect(after).toMatchObject({ status: 'done', content: text });
  });

  it('switching branches while storage fails shows the branch and says the choice was not stored (no unhandled rejection)', async () => {
    await lastReply(page()).getByTestId('regenerate').click();
    await waitForReply(page());
    await expect(lastReply(page()).getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
    const second = await lastReply(page()).locator('.assistant-text').textContent();
    await failWrites('all');
    await lastReply(page()).getByTestId('branch-previous').click();
    await expect(lastReply(page()).getByTestId('branch-count').textContent()).resolves.toBe('1 / 2');
    expect(await lastReply(page()).locator('.assistant-text').textContent()).not.toBe(second);
    await expect(page().getByTestId('chat-error').textContent()).resolves.toMatch(/storage is full/);
    await failWrites(null);
  });

  it('logged no unhandled errors', () => {
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
