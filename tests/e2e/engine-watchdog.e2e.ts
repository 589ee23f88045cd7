/**
 * A stuck engine never holds the app hostage. The scripted engine gets stuck two ways: its thread spins
 * (heartbeats stop), or a reply waits forever on something that never resolves and ignores Stop (the thread
 * and its heartbeat stay alive). Either way the page replaces the worker, keeps the partial reply, says what
 * happened, and the model can be loaded again without reloading the page. (The scripted worker tells the
 * watchdog a 5 s silence limit and a 3 s grace after Stop; the real worker's are 30 s and 10 s.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, newChat, send, waitForReply } from './support/chat';

/** The scripted reply gets stuck after its third token ("Here is a"); wait until it is there, and a little more. */
async function stuck(page: Page): Promise<void> {
  await page.waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent ?? '').includes('Here is a'));
  await page.waitForTimeout(200);
}

describe('engine watchdog (scripted engine)', () => {
  let browser: Browser;
  const tokensShown = () => browser.page.evaluate(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent ?? '').length);

  beforeAll(async () => {
    browser = await launch();
    await openApp(browser.page, inject('fakeAppUrl'));
    await loadFakeModel(browser.page);
  });
  afterAll(async () => browser?.close());

  it('a worker whose thread is stuck mid-reply is replaced: the partial reply stays, marked, and the model loads again', async () => {
    const { page } = browser;
    await send(page, '/hang');
    await page.waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent ?? '').trim().length > 0);
    await expect(waitForReply(page)).resolves.toBe('error');
    const reply = lastReply(page);
    await expect(reply.locator('.assistant-text').textContent()).resolves.toMatch(/\S/); // the tokens that came are kept
    await expect(reply.getByTestId('error').getAttribute('data-kind')).resolves.toBe('engine-unresponsive');
    await expect(reply.getByTestId('error').locator('.message').textContent()).resolves.toMatch(/stopped responding/);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    // No page reload: a fresh worker loads the model and answers.
    await loadFakeModel(page);
    await send(page, '/echo after the hang');
    await expect(waitForReply(page)).resolves.toBe('done');
    await expect(lastReply(page).locator('.assistant-text').textContent()).resolves.toMatch(/to: after the hang/);
  });

  it('a reply that never ends and ignores Stop is stopped anyway: kept as stopped, the engine replaced', async () => {
    const { page } = browser;
    await newChat(page);
    await send(page, '/stall');
    await stuck(page);
    const shown = await tokensShown();
    await page.getByTestId('stop-button').click();
    await expect(waitForReply(page)).resolves.toBe('stopped');
    expect(await tokensShown()).toBeGreaterThanOrEqual(shown);
    await expect(lastReply(page).getByTestId('stopped-badge').count()).resolves.toBe(1);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    await expect(page.getByTestId('engine-banner').getByTestId('error').getAttribute('data-kind')).resolves.toBe('engine-unresponsive');
    await loadFakeModel(page);
    await send(page, '/echo after the stall');
    await expect(waitForReply(page)).resolves.toBe('done');
  });

  it('New chat and switching conversations do not wait forever on a stuck reply', async () => {
    const { page } = browser;
    await send(page, '/stall');
    await stuck(page);
    await page.getByTestId('new-chat').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
    // The stuck reply was kept in its conversation, marked stopped.
    await page.locator('[data-testid="conversation-item"]', { hasText: '/stall' }).first().getByTestId('open-conversation').click();
    await expect(waitForReply(page)).resolves.toBe('stopped');
    await loadFakeModel(page);
  });

  it('logged no errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
