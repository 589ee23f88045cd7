/** Steps shared by the browser tests. */
import type { Page } from 'playwright-core';
import type { ModelDescriptor } from '../../../src/lib/models/model-descriptor';

/** Opens the app and waits until the GPU probe and the model list are done. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('open-models').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') !== 'probing');
}

export async function openModelManager(page: Page): Promise<void> {
  await page.getByTestId('open-models').click();
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
