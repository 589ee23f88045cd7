/** Steps shared by the browser tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ModelDescriptor } from '../../../src/lib/models/model-descriptor';

/** Opens the app and waits until the GPU probe and the model list are done. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('open-models').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') !== 'probing');
}

export async function openModelManager(page: Page): Promise<void> {
  if (!(await page.getByTestId('model-manager').isVisible())) await page.getByTestId('open-models').click();
  await page.getByTestId('model-manager').waitFor({ state: 'visible' });
  await page.getByTestId('catalog').waitFor();
}

/**
 * Stores a custom model the way the app does (IndexedDB "private-chat", table customModels), then reloads.
 * This is the test's way to point the app at a model served from localhost.
 */
export async function addCustomModel(page: Page, url: string, model: ModelDescriptor): Promise<void> {
  await page.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('private-chat');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('customModels', 'readwrite');
          tx.objectStore('customModels').put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ...model, addedAt: Date.now() },
  );
  await openApp(page, url);
}

/** Cache Storage keys (full URLs) in one of WebLLM's scopes. */
export function cacheKeys(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), scope);
}

export function modelRow(page: Page, id: string, within: 'catalog' | 'cached-list' = 'catalog') {
  return page.getByTestId(within).locator(`[data-testid="model-row"][data-model-id="${id}"]`);
}

export interface ModelByUrl {
  readonly weightsUrl: string;
  readonly libUrl: string;
  readonly name?: string;
}

/** Fills the model manager's "Add a model by URL" form and waits for its verdict. */
export async function addModelByUrl(page: Page, input: ModelByUrl): Promise<{ ok: boolean; text: string; field: string | null }> {
  const form = page.getByTestId('add-model');
  if (!(await form.evaluate((el) => (el as HTMLDetailsElement).open))) await form.locator('summary').click();
  await page.getByTestId('custom-weights-url').fill(input.weightsUrl);
  await page.getByTestId('custom-lib-url').fill(input.libUrl);
  await page.getByTestId('custom-name').fill(input.name ?? '');
  await page.getByTestId('custom-add').click();
  const verdict = page.getByTestId('custom-error').or(page.getByTestId('custom-added'));
  await verdict.waitFor({ timeout: 60_000 });
  const ok = (await verdict.getAttribute('data-testid')) === 'custom-added';
  return { ok, text: (await verdict.textContent()) ?? '', field: await verdict.getAttribute('data-field') };
}

/** Every row of one of the app's IndexedDB tables, read straight from IndexedDB (not through the app). */
export function storedRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('private-chat');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

/** Rows in the app's customModels table, read straight from IndexedDB. */
export function storedCustomModels(page: Page): Promise<Array<{ id: string; modelUrl: string; libUrl: string }>> {
  return storedRows(page, 'customModels');
}

/**
 * Imports one two-message conversation through the sidebar's Import, as a ChatGPT `conversations.json`
 * (`title: null` is an export without a title). Resolves once the import reports success; throws otherwise.
 */
export async function importChatGptConversation(page: Page, conversation: { title: string | null; question: string; answer: string }): Promise<void> {
  const message = (id: string, role: string, text: string, at: number) => ({ id, author: { role }, create_time: at, content: { content_type: 'text', parts: [text] }, recipient: 'all' });
  const dir = mkdtempSync(join(tmpdir(), 'pc-import-'));
  const file = join(dir, 'conversations.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        title: conversation.title,
        create_time: 1_700_000_000,
        update_time: 1_700_000_060,
        current_node: 'b',
        mapping: {
          root: { id: 'root', message: null, parent: null, children: ['a'] },
          a: { id: 'a', parent: 'root', children: ['b'], message: message('a', 'user', conversation.question, 1_700_000_000) },
          b: { id: 'b', parent: 'a', children: [], message: message('b', 'assistant', conversation.answer, 1_700_000_060) },
        },
      },
    ]),
  );
  try {
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-outcome').waitFor();
    const ok = await page.getByTestId('import-outcome').getAttribute('data-ok');
    if (ok !== 'true') throw new Error(`import failed: ${await page.getByTestId('import-outcome').textContent()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
