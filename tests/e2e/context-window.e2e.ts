/**
 * The context window through the UI, with the scripted engine (its tokenizer and template are
 * tests/support/fake-token-count.ts; window 4096): the composer's meter follows the draft, a long
 * conversation never overflows, old turns are marked out of context, and a pinned exchange is sent again.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeTokenCount } from '../support/fake-token-count';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { loadFakeModel, send, waitForReply } from './support/chat';
import { lastChatRequest } from './support/fake-requests';

const WINDOW = 4096;
/** About 900 tokens: four of them and their replies overflow the window once 1024 are kept for a reply. */
const long = (tag: string) => `${tag} ${Array.from({ length: 900 }, (_, i) => `w${i}`).join(' ')}`;

describe('context window (scripted engine)', () => {
  let browser: Browser;
  const page = () => browser.page;
  const meter = () => page().getByTestId('context-meter');
  const meterPrompt = async () => Number(await meter().getAttribute('data-prompt-tokens'));
  const question = (tag: string) => page().locator('[data-testid="message"][data-role="user"]', { hasText: tag });

  beforeAll(async () => {
    browser = await launch();
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
  });
  afterAll(async () => browser?.close());

  it('the meter counts the draft exactly as the engine will, and moves as the person types', async () => {
    const input = page().getByTestId('composer-input');
    await input.fill('hello there');
    const expected = fakeTokenCount({ conversation: { key: 'new', leafId: null }, messages: [{ role: 'user', content: 'hello there' }] }, WINDOW, null);
    await page().waitForFunction((n) => document.querySelector('[data-testid="context-meter"]')?.getAttribute('data-prompt-tokens') === String(n), expected.promptTokens);
    await expect(meter().getAttribute('data-window')).resolves.toBe(String(WINDOW));
    await expect(meter().getAttribute('data-reply-tokens')).resolves.toBe('1024');
    await input.pressSequentially(' and a few more words');
    await page().waitForFunction((n) => Number(document.querySelector('[data-testid="context-meter"]')?.getAttribute('data-prompt-tokens')) > n, expected.promptTokens);
    await expect(page().getByTestId('context-meter-text').textContent()).resolves.toMatch(/tokens in context · next message \+\d+ to process, 1,024 kept for the reply/);
    await input.fill('');
  });

  it('after a reply the next message costs only the new turn (the cache continues)', async () => {
    // The first reply is followed by the title request, which takes the engine's cache: the second message
    // is prefilled whole, the third continues the second.
    await send(page(), 'first short question');
    await waitForReply(page());
    await send(page(), 'a second question');
    await waitForReply(page());
    await page().getByTestId('composer-input').fill('second');
    await page().waitForFunction(() => {
      const m = document.querySelector('[data-testid="context-meter"]');
      return m && Number(m.getAttribute('data-prefill-tokens')) < Number(m.getAttribute('data-prompt-tokens'));
    });
    // "second" is one word: its turn (1 + 3 framing) and the reply header (2).
    await expect(meter().getAttribute('data-prefill-tokens')).resolves.toBe('6');
    await send(page(), 'second');
    await waitForReply(page());
    const stats = await page().locator('[data-testid="message"][data-role="assistant"]').last().getByTestId('reply-stats').textContent();
    expect(stats).toMatch(/prompt\s+6 tok/);
    expect(stats).toMatch(/reused\s+\d+ tok/);
  });

  it('a long conversation never overflows: old turns leave, are marked, and a pinned one comes back', async () => {
    for (const tag of ['alpha', 'bravo', 'charlie', 'delta']) {
      await send(page(), long(tag));
      expect(await waitForReply(page())).toBe('done');
      const request = await lastChatRequest(page());
      expect(fakeTokenCount(request!, WINDOW, null).promptTokens + 1024).toBeLessThanOrEqual(WINDOW);
    }
    // The first exchanges left the context in one block; the newest stay.
    await expect(question('first short question').getAttribute('data-out-of-context')).resolves.toBe('true');
    await expect(question('alpha').getAttribute('data-out-of-context')).resolves.toBe('true');
    await expect(question('delta').getAttribute('data-out-of-context')).resolves.toBe('false');
    await expect(question('alpha').getByTestId('out-of-context').isVisible()).resolves.toBe(true);
    const sent = (await lastChatRequest(page()))!.messages.map((m) => m.content.split(' ')[0]);
    expect(sent).not.toContain('alpha');
    await expect(page().getByTestId('context-meter-dropped').textContent()).resolves.toMatch(/earlier messages are out of context/);

    // Pinned, it is in the next plan at once (the meter re-plans) and in the next request.
    await question('alpha').getByTestId('pin-message').click();
    await expect(question('alpha').getByTestId('pinned-badge').isVisible()).resolves.toBe(true);
    await page().waitForFunction(() => document.querySelector('[data-testid="message"][data-role="user"][data-out-of-context="false"] [data-testid="pinned-badge"]') !== null);
    await send(page(), 'what was the first word?');
    await waitForReply(page());
    const withPin = (await lastChatRequest(page()))!.messages.map((m) => m.content.split(' ')[0]);
    expect(withPin[0]).toBe('alpha');
    expect(withPin.at(-1)).toBe('what');

    // The pin is stored: after a reload it is still there and still sent.
    await openApp(page(), inject('fakeAppUrl'));
    await expect(question('alpha').getByTestId('pinned-badge').isVisible()).resolves.toBe(true);
    expect(await meterPrompt().catch(() => 0)).toBeGreaterThanOrEqual(0);
  });
});
