/**
 * The running summary through the UI, with the scripted engine (window 4096; its summary answers are
 * tests/e2e/fake/fake-engine.worker.ts fakeSummary: "covers <n> messages; first words: …"): turned on in the
 * Context panel, a long conversation overflows the window, the model summarizes the block that left, the
 * summary is shown above the messages still in context and sent in the system message; an edit is what the
 * next request carries, and it is still there after a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatRequest } from '../../src/protocol/engine-protocol';
import { openApp, storedRows } from './support/app';
import { launch, type Browser } from './support/browser';
import { loadFakeModel, newChat, send, waitForReply } from './support/chat';
import { chatRequests, lastChatRequest } from './support/fake-requests';

/** About 900 tokens: four of them and their replies overflow the window once 1024 are kept for a reply. */
const long = (tag: string) => `${tag} ${Array.from({ length: 900 }, (_, i) => `w${i}`).join(' ')}`;
const SYSTEM = 'You are a careful assistant.';
const EDITED = 'The person sent long lists of words tagged alpha, bravo and charlie.';

describe('running summary (scripted engine)', () => {
  let browser: Browser;
  const page = () => browser.page;
  const summaryRequests = async () => (await chatRequests(page())).filter((r) => r.conversation.key.startsWith('summary:'));
  const systemOf = (request: ChatRequest | undefined) => (request?.messages[0]?.role === 'system' ? request.messages[0].content : null);
  const card = () => page().getByTestId('running-summary');

  async function openContextSettings(): Promise<void> {
    const details = page().getByTestId('context-settings');
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
  }

  beforeAll(async () => {
    browser = await launch();
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
  });
  afterAll(async () => browser?.close());

  it('with summarizing on, the block that leaves the window is summarized first, shown, and sent after the system prompt', async () => {
    await newChat(page());
    await openContextSettings();
    await expect(page().getByTestId('summarize-toggle').isChecked()).resolves.toBe(false);
    await page().getByTestId('summarize-toggle').check();
    await page().getByTestId('system-prompt').fill(SYSTEM);
    await page().getByTestId('system-prompt').blur();
    await expect(page().getByTestId('context-settings-summary').textContent()).resolves.toBe('system prompt · full history · running summary');
    // Whether the status line ever showed while the summary was written.
    await page().evaluate(() => {
      const w = window as unknown as { sawSummarizing: boolean };
      w.sawSummarizing = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="summarizing"]')) w.sawSummarizing = true;
      }).observe(document.body, { childList: true, subtree: true });
    });

    for (const tag of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
      await send(page(), long(tag));
      expect(await waitForReply(page())).toBe('done');
      if ((await summaryRequests()).length > 0) break;
    }
    const [summaryRequest, ...more] = await summaryRequests();
    expect(more).toHaveLength(0);
    expect(summaryRequest?.messages.at(-1)?.content).toMatch(/^Summary so far:\n\(none yet\)\n\nMessages leaving the context:\nUser: alpha w0 w1/);
    await expect(page().evaluate(() => (window as unknown as { sawSummarizing: boolean }).sawSummarizing)).resolves.toBe(true);
    await expect(page().getByTestId('summarizing').count()).resolves.toBe(0);

    // Shown above the first message still in context; those before it are out of context.
    await card().waitFor();
    const text = (await page().getByTestId('running-summary-text').textContent()) ?? '';
    expect(text).toMatch(/^covers \d+ messages; first words: alpha w0 w1$/);
    const next = await card().evaluate((el) => ({ role: el.nextElementSibling?.getAttribute('data-role'), out: el.nextElementSibling?.getAttribute('data-out-of-context'), before: el.previousElementSibling?.getAttribute('data-out-of-context') }));
    expect(next).toEqual({ role: 'user', out: 'false', before: 'true' });

    // The reply's request carried it, after the system prompt.
    const system = systemOf(await lastChatRequest(page()));
    expect(system?.startsWith(`${SYSTEM}\n\nSummary of the earlier part of this conversation`)).toBe(true);
    expect(system?.endsWith(`\n${text}`)).toBe(true);

    // The next message continues the same context: no new summary.
    await send(page(), 'a short follow-up');
    await waitForReply(page());
    expect(await summaryRequests()).toHaveLength(1);
    expect(systemOf(await lastChatRequest(page()))?.endsWith(`\n${text}`)).toBe(true);
  });

  it('the summary is editable (keyboard: Escape cancels); the edit is what the next request carries', async () => {
    await page().getByTestId('running-summary-edit').click();
    const input = page().getByTestId('running-summary-input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page().getByLabel('Summary the model reads').count()).resolves.toBe(1);
    await input.fill('something else');
    await input.press('Escape');
    await expect(page().getByTestId('running-summary-edit').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page().getByTestId('running-summary-text').textContent()).resolves.toMatch(/^covers/);

    await page().getByTestId('running-summary-edit').press('Enter');
    await input.fill(EDITED);
    await page().getByTestId('running-summary-save').click();
    await page().waitForFunction((t) => document.querySelector('[data-testid="running-summary-text"]')?.textContent === t, EDITED);
    await expect(card().getAttribute('data-edited')).resolves.toBe('true');

    await send(page(), 'what were the tags?');
    await waitForReply(page());
    expect(systemOf(await lastChatRequest(page()))?.endsWith(`\n${EDITED}`)).toBe(true);
    expect(await summaryRequests()).toHaveLength(1);
  });

  it('the summary and the switch persist across a reload, and are sent again', async () => {
    await page().reload();
    await openApp(page(), page().url());
    await page().waitForFunction((t) => document.querySelector('[data-testid="running-summary-text"]')?.textContent === t, EDITED);
    await expect(card().getAttribute('data-edited')).resolves.toBe('true');
    await openContextSettings();
    await expect(page().getByTestId('summarize-toggle').isChecked()).resolves.toBe(true);
    const rows = await storedRows<{ summarize?: boolean; summary?: { text: string; edited?: boolean } }>(page(), 'conversations');
    expect(rows.find((r) => r.summary)).toMatchObject({ summarize: true, summary: { text: EDITED, edited: true } });

    await loadFakeModel(page()); // the reload ended the engine's session
    await send(page(), 'and after the reload?');
    await waitForReply(page());
    expect(systemOf(await lastChatRequest(page()))?.endsWith(`\n${EDITED}`)).toBe(true);

    // Cleared, it is gone from the screen and from the next request.
    await page().getByTestId('running-summary-clear').click();
    await card().waitFor({ state: 'detached' });
    await send(page(), 'and now?');
    await waitForReply(page());
    expect(systemOf(await lastChatRequest(page()))).toBe(SYSTEM);
  });
});
