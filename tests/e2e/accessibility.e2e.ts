/**
 * Accessibility of the main screens, in the light and the dark theme: axe-core (WCAG 2.0/2.1 A and AA, and
 * best practices) finds nothing serious or critical on the first screen and the model manager (production
 * build), a conversation with streamed replies and the sidebar on a 360 px phone (scripted engine). And a reply
 * reaches a screen reader as ReplyAnnouncer promises: a start notice, then the finished text once, never the
 * text token by token.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, openModelManager } from './support/app';
import { formatViolations, runAxe, serious } from './support/axe';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, send, waitForReply } from './support/chat';

const SCHEMES = ['light', 'dark'] as const;

/** Fails with every serious or critical violation spelled out; the lesser ones are logged for the record. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await runAxe(page);
  const minor = violations.filter((v) => !serious([v]).length);
  if (minor.length) console.log(`axe, ${screen}: moderate or minor (not failing):\n${formatViolations(minor)}`);
  const found = serious(violations);
  expect(found.length, `axe, ${screen}: serious or critical violations:\n${formatViolations(found)}`).toBe(0);
}

/** The page shows the system's theme by default: data-theme (where the app sets one) follows it, and so do the colours. */
async function expectTheme(page: Page, scheme: (typeof SCHEMES)[number]): Promise<void> {
  const { theme, background } = await page.evaluate(() => ({
    theme: document.documentElement.dataset['theme'] ?? null,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
  if (theme !== null) expect(['system', scheme]).toContain(theme);
  const [r = 0, g = 0, b = 0] = (background.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  expect((r + g + b) / 3 > 128 ? 'light' : 'dark', `page background ${background}`).toBe(scheme);
}

for (const scheme of SCHEMES) {
  describe(`accessibility, ${scheme} theme`, () => {
    let production: Browser;
    let fake: Browser;

    beforeAll(async () => {
      [production, fake] = await Promise.all([launch({ colorScheme: scheme, serviceWorkers: 'block' }), launch({ colorScheme: scheme, serviceWorkers: 'block' })]);
    });
    afterAll(async () => {
      await Promise.all([production?.close(), fake?.close()]);
    });

    it('the first screen (production build)', async () => {
      const { page } = production;
      await openApp(page, inject('appUrl'));
      await expectTheme(page, scheme);
      await expectAccessible(page, `first screen, ${scheme}`);
    });

    it('the model manager, open', async () => {
      const { page } = production;
      await openModelManager(page);
      await expectAccessible(page, `model manager, ${scheme}`);
    });

    it('a conversation with streamed replies (scripted engine)', async () => {
      const { page } = fake;
      await openApp(page, inject('fakeAppUrl'));
      await loadFakeModel(page);
      await send(page, 'hello');
      await expect(waitForReply(page)).resolves.toBe('done');
      await send(page, '/markdown 250');
      await expect(waitForReply(page)).resolves.toBe('done');
      await expectAccessible(page, `conversation, ${scheme}`);
    });

    it('the sidebar on a 360 px screen', async () => {
      const { page } = fake;
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByTestId('toggle-sidebar').click();
      await page.getByTestId('sidebar').waitFor({ state: 'visible' });
      await page.getByTestId('conversation-list').first().waitFor();
      await expectAccessible(page, `sidebar at 360 px, ${scheme}`);
    });
  });
}

describe('reply announcements for screen readers', () => {
  let browser: Browser;
  const announcements = (page: Page) => page.evaluate(() => (window as unknown as { __said: string[] }).__said.splice(0));

  beforeAll(async () => {
    browser = await launch({ serviceWorkers: 'block' });
    await openApp(browser.page, inject('fakeAppUrl'));
    await loadFakeModel(browser.page);
    // Every text the status region shows, once per change (what a screen reader would be given to say).
    await browser.page.evaluate(() => {
      const w = window as unknown as { __said: string[] };
      w.__said = [];
      const region = document.querySelector('[data-testid="reply-announcer"]')!;
      new MutationObserver(() => {
        const text = (region as HTMLElement).innerText.trim();
        if (text && text !== w.__said.at(-1)) w.__said.push(text);
      }).observe(region, { subtree: true, childList: true, characterData: true });
    });
  });
  afterAll(async () => browser?.close());

  it('the streaming text is in no live region; the announcer is a polite status', async () => {
    const { page } = browser;
    const region = page.getByTestId('reply-announcer');
    await expect(region.getAttribute('role')).resolves.toBe('status');
    await expect(region.getAttribute('aria-live')).resolves.toBe('polite');
    await send(page, '/slow 10');
    const live = await lastReply(page).evaluate((reply) => {
      // Live: an aria-live other than "off", or a role that is live by default without one.
      const liveAncestor = (el: Element | null): string | null => {
        for (; el; el = el.parentElement) {
          const live = el.getAttribute('aria-live');
          if (live && live !== 'off') return el.outerHTML.slice(0, 120);
          if (!live && ['log', 'status', 'alert', 'marquee', 'timer'].includes(el.getAttribute('role') ?? '')) return el.outerHTML.slice(0, 120);
        }
        return null;
      };
      return liveAncestor(reply);
    });
    expect(live).toBeNull();
    await expect(waitForReply(page)).resolves.toBe('done');
    await announcements(page);
  });

  it('a 100-token reply: a start notice, then the finished text once with the finished notice', async () => {
    const { page } = browser;
    await send(page, '/markdown 100');
    await expect(waitForReply(page)).resolves.toBe('done');
    await page.waitForFunction(() => (document.querySelector('[data-testid="reply-announcer"]') as HTMLElement).innerText.trim().endsWith('Reply finished'));
    const said = await announcements(page);
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(said.length).toBeLessThan(6);
    expect(said[0]).toBe('Writing a reply…');
    // Nothing partial: each announcement is the start notice or a whole finished reply.
    for (const text of said.slice(1)) expect(text).toMatch(/Reply finished$/);
    const final = said.at(-1)!;
    expect(final).toMatch(/^Section 1\n/);
    expect(final).toContain('Streaming text must stay smooth');
    expect(final).toContain('Code block in typescript, 1 line');
    expect(final).not.toMatch(/```|\*\*|##|\|/);
  });

  it('Stop: the start notice, then "Reply stopped", and no text read', async () => {
    const { page } = browser;
    await send(page, '/slow 300');
    await page.waitForFunction(() => ([...document.querySelectorAll('[data-role="assistant"]')].at(-1)?.textContent?.match(/word\d+/g)?.length ?? 0) >= 3);
    await page.getByTestId('stop-button').click();
    await expect(waitForReply(page)).resolves.toBe('stopped');
    await page.waitForFunction(() => (document.querySelector('[data-testid="reply-announcer"]') as HTMLElement).innerText.trim() === 'Reply stopped');
    await expect(announcements(page)).resolves.toEqual(['Writing a reply…', 'Reply stopped']);
  });
});
