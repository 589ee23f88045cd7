/**
 * Decoding controls through the UI with the scripted engine: a preset, the advanced panel (top-k, min-p,
 * penalties, stop strings, seed) used from the keyboard, the summary line, the request the engine received
 * and the reply's record of it, and each conversation keeping its own settings across a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, storedRows } from './support/app';
import { launch, type Browser } from './support/browser';
import { loadFakeModel, newChat, send, waitForReply } from './support/chat';
import { lastChatRequest } from './support/fake-requests';

const A_SUMMARY = 'Balanced · top-k 40 · min-p 0.05 · repetition ×1.1 · presence 0.5 · frequency 0.25 · 2 stop strings · seed 7';
const A_SAMPLING = {
  temperature: 0.7,
  top_p: 0.95,
  top_k: 40,
  min_p: 0.05,
  repetition_penalty: 1.1,
  presence_penalty: 0.5,
  frequency_penalty: 0.25,
  stop: ['###', '\n\nEND'],
  seed: 7,
};
const B_SUMMARY = 'Precise · 2 stop strings · seed 99';
const B_SAMPLING = { temperature: 0.2, top_p: 0.9, stop: ['###', '\n\nEND'], seed: 99 };

describe('decoding controls (scripted engine)', () => {
  let browser: Browser;
  const page = () => browser.page;
  const summary = () => page().getByTestId('reply-settings-summary').textContent();
  /** The summary follows the conversation read from IndexedDB: waits for it, then asserts it. */
  async function expectSummary(text: string) {
    await page()
      .waitForFunction((t) => document.querySelector('[data-testid="reply-settings-summary"]')?.textContent === t, text, { timeout: 10_000 })
      .catch(() => undefined);
    await expect(summary()).resolves.toBe(text);
  }
  let conversationA = '';
  let conversationB = '';

  beforeAll(async () => {
    browser = await launch();
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
  });
  afterAll(async () => browser?.close());

  async function openSettings(p: Page = page()) {
    const details = p.getByTestId('reply-settings');
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').first().click();
  }

  async function openAdvanced() {
    const advanced = page().getByTestId('advanced-settings');
    if (!(await advanced.evaluate((el) => (el as HTMLDetailsElement).open))) await advanced.locator('summary').click();
  }

  /** Types into a labelled field and leaves it with Tab, as a keyboard user would. */
  async function type(label: string, text: string) {
    const field = page().getByRole('spinbutton', { name: label, exact: true });
    await field.focus();
    await page().keyboard.press('ControlOrMeta+a');
    await page().keyboard.press('Backspace');
    await page().keyboard.type(text);
    await page().keyboard.press('Tab');
  }

  async function openConversation(id: string) {
    const open = page().locator(`[data-testid="conversation-item"][data-conversation-id="${id}"] [data-testid="open-conversation"]`);
    await open.click();
    await page().waitForFunction((c) => document.querySelector(`[data-conversation-id="${c}"] [data-testid="open-conversation"]`)?.getAttribute('aria-current') === 'page', id);
  }

  it('a preset and the advanced panel, from the keyboard: the summary says it, the engine receives it, the reply records it', async () => {
    await openSettings();
    await expect(summary()).resolves.toBe("model's defaults");
    // Presets are a radio group: arrow keys move between them.
    await page().getByRole('radio', { name: 'Precise' }).focus();
    await page().keyboard.press('Space');
    await expect(summary()).resolves.toBe('Precise');
    await page().keyboard.press('ArrowRight');
    await expect(page().getByRole('radio', { name: 'Balanced' }).isChecked()).resolves.toBe(true);
    await expect(summary()).resolves.toBe('Balanced');
    await expect(page().getByRole('spinbutton', { name: 'Temperature' }).inputValue()).resolves.toBe('0.7');

    // The advanced panel opens from the keyboard (its summary is a button-like toggle).
    const advanced = page().getByTestId('advanced-settings');
    await advanced.locator('summary').focus();
    await page().keyboard.press('Enter');
    await expect(advanced.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);
    await type('Top-k', '40');
    await type('Min-p', '0.05');
    await type('Repetition penalty', '1.1');
    await type('Presence penalty', '0.5');
    await type('Frequency penalty', '0.25');
    await type('Seed', '7');
    const stops = page().getByRole('textbox', { name: 'Stop strings' });
    await stops.focus();
    await page().keyboard.type('###');
    await page().keyboard.press('Enter');
    await page().keyboard.type('\\n\\nEND');
    await page().keyboard.press('Tab');
    await expect(summary()).resolves.toBe(A_SUMMARY);
    // Every control has its help text as its description.
    await expect(page().getByRole('spinbutton', { name: 'Top-k' }).getAttribute('aria-describedby')).resolves.toBe('setting-top-k-help');
    await expect(page().locator('#setting-top-k-help').textContent()).resolves.toMatch(/k most likely tokens/);

    await send(page(), 'hello');
    await expect(waitForReply(page())).resolves.toBe('done');
    const request = await lastChatRequest(page());
    expect(request?.sampling).toEqual(A_SAMPLING);
    conversationA = request!.conversation.key;

    const replies = (await storedRows<{ role: string; conversationId: string; sampling?: unknown }>(page(), 'messages')).filter((m) => m.role === 'assistant' && m.conversationId === conversationA);
    expect(replies.at(-1)?.sampling).toEqual(A_SAMPLING);
    const stored = (await storedRows<{ id: string; settings: unknown }>(page(), 'conversations')).find((c) => c.id === conversationA);
    expect(stored?.settings).toMatchObject({ temperature: 0.7, topP: 0.95, topK: 40, minP: 0.05, seed: 7, stop: ['###', '\n\nEND'] });
  });

  it('a new chat starts from the last settings; each conversation keeps its own, across a reload', async () => {
    await newChat(page());
    await expect(summary()).resolves.toBe(A_SUMMARY);
    // Precise replaces the sampling shape (top-k, min-p and the penalties go); stop strings and seed stay.
    await page().getByTestId('preset-precise').check();
    await type('Seed', '99');
    await expect(summary()).resolves.toBe(B_SUMMARY);
    await send(page(), 'hi there');
    await waitForReply(page());
    const request = await lastChatRequest(page());
    expect(request?.sampling).toEqual(B_SAMPLING);
    conversationB = request!.conversation.key;
    expect(conversationB).not.toBe(conversationA);

    // A reload reopens B with B's settings; A still has its own, and uses them.
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
    await openSettings();
    await openAdvanced();
    await expectSummary(B_SUMMARY);
    await openConversation(conversationA);
    await expectSummary(A_SUMMARY);
    await expect(page().getByRole('spinbutton', { name: 'Top-k' }).inputValue()).resolves.toBe('40');
    await expect(page().getByRole('radio', { name: 'Balanced' }).isChecked()).resolves.toBe(true);
    await send(page(), 'and again');
    await waitForReply(page());
    expect((await lastChatRequest(page()))?.sampling).toEqual(A_SAMPLING);

    // A change in A stays in A: B is as it was.
    await type('Top-k', '');
    await expect(summary()).resolves.toBe(A_SUMMARY.replace(' · top-k 40', ''));
    await openConversation(conversationB);
    await expectSummary(B_SUMMARY);
    await expect(page().getByRole('spinbutton', { name: 'Top-k' }).inputValue()).resolves.toBe('');
    await expect(page().getByRole('radio', { name: 'Precise' }).isChecked()).resolves.toBe(true);

    // "Use the model's defaults" clears everything, for this conversation.
    await page().getByTestId('settings-reset').click();
    await expect(summary()).resolves.toBe("model's defaults");
    await send(page(), 'plain');
    await waitForReply(page());
    expect((await lastChatRequest(page()))?.sampling).toEqual({});
    expect(browser.errors).toEqual([]);
  });
});
