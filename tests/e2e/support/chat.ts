/** Chat steps shared by the browser tests that talk to the scripted engine. */
import type { Page } from 'playwright-core';
import { modelRow, openModelManager } from './app';

export const FAKE_MODEL = 'Fake-Chat-0.5B-Instruct-q4f32_1-MLC';

export async function loadFakeModel(page: Page, id = FAKE_MODEL): Promise<void> {
  await openModelManager(page);
  await modelRow(page, id).getByTestId('load-model').click();
  await page.getByTestId('model-manager').waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready');
}

/** New chat, unless the chat on screen is already a new, empty one (the button is disabled then). */
export async function newChat(page: Page): Promise<void> {
  if (await page.getByTestId('new-chat').isEnabled()) await page.getByTestId('new-chat').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
}

/** Sends a message and waits until its reply is on screen (not finished). */
export async function send(page: Page, text: string): Promise<void> {
  const before = await page.locator('[data-testid="message"][data-role="assistant"]').count();
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="message"][data-role="assistant"]').length > n, before);
}

/** Waits until the last reply is no longer streaming; returns its status. */
export async function waitForReply(page: Page): Promise<string | null> {
  const handle = await page.waitForFunction(
    () => {
      const status = [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1)?.getAttribute('data-status');
      return status && status !== 'streaming' ? status : null;
    },
    null,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as string | null;
}

export const lastReply = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]').last();
