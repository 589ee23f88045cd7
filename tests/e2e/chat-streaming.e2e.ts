/**
 * Chat through the UI with the scripted test engine behind the same worker API: load, send, stream,
 * markdown, copy, stop, stats, errors, and the last model remembered across a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { modelRow, openApp, openModelManager } from './support/app';
import { launch, type Browser } from './support/browser';
import { recordProgress } from './support/progress-recorder';

const MODEL = 'Fake-Chat-0.5B-Instruct-q4f32_1-MLC';
const NAME = 'Fake Chat 0.5B Instruct';

describe('streaming chat (scripted engine)', () => {
  let browser: Browser;
  const lastReply = () => browser.page.locator('[data-testid="message"][data-role="assistant"]').last();
  const waitForReply = (status = 'done') =>
    browser.page.waitForFunction(
      (s) => [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1)?.getAttribute('data-status') === s,
      status,
      { timeout: 30_000 },
    );
  const send = async (text: string) => {
    await browser.page.getByTestId('composer-input').fill(text);
    await browser.page.getByTestId('composer-input').press('Enter');
  };

  beforeAll(async () => {
    browser = await launch();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(browser.page, inject('fakeAppUrl'));
  });
  afterAll(async () => browser?.close());

  it('loads a model through its phases, then the composer is ready', async () => {
    const { page } = browser;
    await openModelManager(page);
    await expect(modelRow(page, 'Fake-Chat-0.5B-Instruct-q4f16_1-MLC').getAttribute('data-usable')).resolves.toBe('false');
    const samples = await recordProgress(page);
    await modelRow(page, MODEL).getByTestId('load-model').click();
    await page.getByTestId('model-manager').waitFor({ state: 'hidden' });
    const phases = [...new Set((await samples()).map((s) => s.phase))];
    expect(phases).toEqual(['preparing', 'downloading', 'loading', 'compiling']);
    expect((await samples()).some((s) => /123 MB of 123 MB/.test(s.text))).toBe(true);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe(NAME);
    await expect(page.getByTestId('empty-state').textContent()).resolves.toMatch(/Ready when you are/);
    await expect(page.getByTestId('composer-input').getAttribute('placeholder')).resolves.toBe(`Message ${NAME}`);
  });

  it('Enter sends, Shift+Enter starts a new line', async () => {
    const { page } = browser;
    const input = page.getByTestId('composer-input');
    await input.click();
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(0);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="message"][data-role="user"] .user-text').last().innerText()).resolves.toBe('line one\nline two');
    await expect(input.inputValue()).resolves.toBe('');
    await waitForReply();
  });

  it('streams the reply in many updates without touching earlier messages, then renders sanitized markdown', async () => {
    const { page } = browser;
    await page.evaluate(() => {
      const w = window as unknown as { __lengths: number[]; __earlierMutations: number };
      w.__lengths = [];
      w.__earlierMutations = 0;
      const list = document.querySelector('[data-testid="messages"]')!;
      const earlier = [...list.querySelectorAll('[data-testid="message"]')];
      new MutationObserver((records) => {
        for (const r of records) if (earlier.some((m) => m.contains(r.target))) w.__earlierMutations++;
        const last = [...list.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1);
        if (last?.getAttribute('data-status') === 'streaming') {
          const n = last.textContent?.length ?? 0;
          if (n !== w.__lengths.at(-1)) w.__lengths.push(n);
        }
      }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await send('hello');
    await waitForReply();
    const { lengths, earlierMutations } = await page.evaluate(() => {
      const w = window as unknown as { __lengths: number[]; __earlierMutations: number };
      return { lengths: w.__lengths, earlierMutations: w.__earlierMutations };
    });
    // Rendered length may dip when markup completes ("**mark" -> bold "mark"), but it grows overall. How many
    // updates a person sees depends on the frame rate (a busy machine paints less): several, not one.
    expect(lengths.length).toBeGreaterThanOrEqual(3);
    expect(lengths.at(-1)).toBeGreaterThan(lengths[0]! * 5);
    expect(earlierMutations).toBe(0);

    const reply = lastReply();
    await expect(reply.locator('h2').textContent()).resolves.toBe('Steps');
    await expect(reply.locator('ol > li').count()).resolves.toBe(2);
    await expect(reply.locator('strong').textContent()).resolves.toBe('markdown');
    await expect(reply.locator('.code-lang').textContent()).resolves.toBe('python');
    await expect(reply.locator('code .hljs-keyword').first().textContent()).resolves.toBe('def');

    await reply.getByRole('button', { name: 'Copy' }).first().click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      'def count_lines(path):\n    with open(path) as f:\n        return sum(1 for _ in f)',
    );
    await expect(reply.locator('[data-copy-code]').textContent()).resolves.toBe('Copied');

    const stats = (await reply.getByTestId('reply-stats').textContent()) ?? '';
    expect(stats).toMatch(/decode \d+(\.\d+)? tok\/s/);
    expect(stats).toMatch(/prefill \d+(\.\d+)? tok\/s/);
    expect(stats).toMatch(/first token \d+ ms/);
    expect(stats).toMatch(/prompt \d+ tok/);
    expect(stats).toMatch(/reply \d+ tok/);
    expect(stats).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('Stop ends the reply within one token, marks it stopped, and the next message works', async () => {
    const { page } = browser;
    // 300 ms between tokens: the Stop message has that long to reach the worker even on a busy machine.
    await send('/slow 300');
    await page.waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent?.match(/word\d+/g)?.length ?? 0) >= 3);
    const atClick = await page.evaluate(() => {
      const count = [...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent?.match(/word\d+/g)?.length ?? 0;
      (document.querySelector('[data-testid="stop-button"]') as HTMLButtonElement).click();
      return count;
    });
    await waitForReply('stopped');
    const reply = lastReply();
    const final = ((await reply.textContent()) ?? '').match(/word\d+/g)?.length ?? 0;
    // At most the token being decoded when Stop reached the engine, plus one already on its way to the
    // screen when the button was pressed; nothing after that.
    expect(final).toBeGreaterThanOrEqual(atClick);
    expect(final).toBeLessThanOrEqual(atClick + 2);
    await expect(reply.getByTestId('stopped-badge').textContent()).resolves.toBe('Stopped');
    await expect(page.getByTestId('send-button').isVisible()).resolves.toBe(true);

    await send('hello again');
    await waitForReply();
    await expect(lastReply().locator('h2').textContent()).resolves.toBe('Steps');
  });

  it('renders hostile model output inert', async () => {
    const { page } = browser;
    await send('/xss');
    await waitForReply();
    const reply = lastReply();
    await expect(reply.textContent()).resolves.toMatch(/Inert payloads follow/);
    await expect(reply.locator('script').count()).resolves.toBe(0);
    await expect(reply.locator('[onerror], [onclick]').count()).resolves.toBe(0);
    await expect(reply.getByText('click me').getAttribute('href')).resolves.toBeNull();
    const link = reply.getByText('plain link');
    await expect(link.getAttribute('href')).resolves.toBe('https://example.com');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await page.waitForTimeout(200);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).resolves.toBeUndefined();
  });

  it('a GPU lost mid-reply is explained, the conversation stays, and the model must be loaded again', async () => {
    const { page } = browser;
    const before = await page.locator('[data-testid="message"]').count();
    await send('/fail');
    await waitForReply('error');
    const error = lastReply().getByTestId('error');
    await expect(error.getAttribute('data-kind')).resolves.toBe('device-lost');
    await expect(error.locator('.message').textContent()).resolves.toMatch(/GPU stopped working/);
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(before + 2);
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    await expect(page.getByTestId('send-button').isDisabled()).resolves.toBe(true);
  });

  it('a crashed engine worker is reported and a fresh one takes over', async () => {
    const { page } = browser;
    await page.getByTestId('open-models').click();
    await modelRow(page, MODEL).getByTestId('load-model').click();
    await page.getByTestId('model-manager').waitFor({ state: 'hidden' });
    await send('/crash');
    await waitForReply('error');
    await expect(lastReply().getByTestId('error').locator('.message').textContent()).resolves.toBe('The model engine stopped unexpectedly.');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    // The next load starts a new worker.
    await page.getByTestId('open-models').click();
    await modelRow(page, MODEL).getByTestId('load-model').click();
    await page.getByTestId('model-manager').waitFor({ state: 'hidden' });
    await send('hello');
    await waitForReply();
  });

  it('a paste longer than what can be stored is refused with a clear message, and the text stays in the composer', async () => {
    const { page } = browser;
    const before = await page.locator('[data-testid="message"]').count();
    const input = page.getByTestId('composer-input');
    await input.fill('x'.repeat(5_000_001));
    await expect(page.getByTestId('composer-too-long').textContent()).resolves.toMatch(/1 characters over the limit of 5,000,000/);
    await expect(page.getByTestId('send-button').isDisabled()).resolves.toBe(true);
    await input.press('Enter');
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(before);
    await expect(input.evaluate((el) => (el as HTMLTextAreaElement).value.length)).resolves.toBe(5_000_001);
    await input.fill('');
    await page.getByTestId('composer-too-long').waitFor({ state: 'detached' });
  });

  it('Escape stops a reply', async () => {
    const { page } = browser;
    await send('/slow');
    await page.waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent?.match(/word\d+/g)?.length ?? 0) >= 3);
    await page.getByTestId('composer-input').press('Escape');
    await waitForReply('stopped');
  });

  it('New chat clears the conversation', async () => {
    const { page } = browser;
    await page.getByTestId('new-chat').click();
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(0);
    await page.getByTestId('empty-state').waitFor();
  });

  it('remembers the last model across a reload and offers to load it', async () => {
    const { page } = browser;
    await openApp(page, inject('fakeAppUrl'));
    const button = page.getByTestId('load-last-model');
    await button.waitFor();
    await expect(button.textContent()).resolves.toMatch(new RegExp(`Load ${NAME}.*123 MB, on this device`));
    await button.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="open-models"]')?.getAttribute('data-status') === 'ready');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe(NAME);
  });

  it('logged no errors but the simulated crash', () => {
    expect(browser.errors.filter((e) => !e.includes('simulated crash'))).toEqual([]);
  });
});
