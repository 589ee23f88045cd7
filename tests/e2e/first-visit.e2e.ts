/**
 * A first visit explains itself: a browser without WebGPU is told so on the first screen with what to do;
 * sending with no model says "Load a model first" instead of nothing; typed text is kept per conversation
 * across reloads.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, storedRows } from './support/app';
import { launch, type Browser } from './support/browser';
import { loadFakeModel, newChat, send, waitForReply } from './support/chat';

const composer = (page: Page) => page.getByTestId('composer-input');
const notReady = (page: Page) => page.getByTestId('composer-not-ready');

describe('first visit', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('says at once, on the first screen, that this browser offers no GPU, and what to do', async () => {
    browser = await launch({ webgpu: false });
    const { page } = browser;
    await openApp(page, inject('appUrl'));
    const empty = page.getByTestId('empty-state');
    await expect(empty.getByTestId('no-webgpu-title').textContent()).resolves.toBe("This browser can't run a model here");
    await expect(empty.getByTestId('no-webgpu-reason').textContent()).resolves.toMatch(/did not offer the app a GPU/);
    // Headless Chromium on Linux: the flag is the fix, named first; another device is always offered.
    const steps = await empty.getByTestId('no-webgpu-advice').locator('li').allTextContents();
    expect(steps[0]).toMatch(/chrome:\/\/flags\/#enable-unsafe-webgpu/);
    expect(steps.at(-1)).toMatch(/another device/);
    // The claims of the usual first screen are not made.
    await expect(empty.textContent()).resolves.not.toMatch(/runs on your own GPU/);
    await expect(empty.getByTestId('choose-model').count()).resolves.toBe(0);

    await composer(page).fill('Is anyone there?');
    await composer(page).press('Enter');
    await expect(notReady(page).textContent()).resolves.toMatch(/no WebGPU/);
    await expect(composer(page).inputValue()).resolves.toBe('Is anyone there?');
    expect(browser.errors).toEqual([]);
  });

  it('answers Enter and Send with no model loaded by "Load a model first", keeping the text', async () => {
    browser = await launch();
    const { page } = browser;
    await openApp(page, inject('appUrl'));
    await expect(page.getByTestId('empty-state').textContent()).resolves.toMatch(/runs on your own GPU/);
    await expect(page.getByTestId('send-button').isDisabled()).resolves.toBe(true); // nothing typed yet
    await expect(notReady(page).count()).resolves.toBe(0);

    await composer(page).fill('Hello?');
    await composer(page).press('Enter');
    await expect(notReady(page).textContent()).resolves.toMatch(/^Load a model first/);
    await expect(composer(page).inputValue()).resolves.toBe('Hello?');
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(0);

    await page.getByTestId('send-button').click();
    await expect(notReady(page).isVisible()).resolves.toBe(true);
    await notReady(page).getByTestId('composer-choose-model').click();
    await page.getByTestId('model-manager').waitFor({ state: 'visible' });
    expect(browser.errors).toEqual([]);
  });

  it('keeps what was typed, per conversation, across a reload; a sent message leaves no draft', async () => {
    browser = await launch();
    const { page } = browser;
    await openApp(page, inject('fakeAppUrl'));
    await loadFakeModel(page);
    await send(page, 'First conversation');
    await waitForReply(page);
    await composer(page).fill('Half a thought for the first one');

    await newChat(page);
    await expect(composer(page).inputValue()).resolves.toBe('');
    await composer(page).fill('Started in a new chat\nwith a second line');
    // Each change is written at once (a write begun while the page unloads may not land); then reload.
    const storedDrafts = async () => (await storedRows<{ text: string }>(page, 'drafts')).map((row) => row.text).sort();
    await expect.poll(storedDrafts).toEqual(['Half a thought for the first one', 'Started in a new chat\nwith a second line']);
    await page.reload();
    await openApp(page, inject('fakeAppUrl'));
    await expect.poll(() => composer(page).inputValue()).toBe('Started in a new chat\nwith a second line');

    await page.locator('[data-testid="conversation-item"]', { hasText: 'First conversation' }).getByTestId('open-conversation').click();
    await page.locator('[data-testid="message"]').first().waitFor();
    await expect.poll(() => composer(page).inputValue()).toBe('Half a thought for the first one');

    // Sending clears the draft for good: after a reload the box is empty.
    await loadFakeModel(page);
    await composer(page).press('Enter');
    await waitForReply(page);
    await expect(composer(page).inputValue()).resolves.toBe('');
    await expect.poll(storedDrafts).toEqual(['Started in a new chat\nwith a second line']);
    await page.reload();
    await openApp(page, inject('fakeAppUrl'));
    await expect(composer(page).inputValue()).resolves.toBe('');
    expect(browser.errors).toEqual([]);
  });
});
