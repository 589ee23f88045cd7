/**
 * The app's frame: the language and theme chosen in the header (and kept across reloads), the browser's
 * language taken without asking, keyboard shortcuts and their help sheet, the privacy page naming the model
 * hosts, and a header that fits a 360 px phone.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MODEL_HOSTS } from '../../src/lib/models/content-security-policy';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, send, waitForReply } from './support/chat';

const heading = (page: Page) => page.locator('header h1').textContent();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(22, 22, 26)';

async function openMenu(page: Page): Promise<void> {
  if (!(await page.getByTestId('settings-menu').isVisible())) await page.getByTestId('settings-menu-button').click();
  await page.getByTestId('settings-menu').waitFor({ state: 'visible' });
}

async function chooseLocale(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await openMenu(page);
  await page.getByTestId(`locale-${locale}`).check();
  await page.keyboard.press('Escape'); // closes the menu
  await page.getByTestId('settings-menu').waitFor({ state: 'hidden' });
  // The switch happens once the language's messages (its chunk, and the words of parts already loaded) are in.
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
}

async function chooseTheme(page: Page, theme: 'system' | 'light' | 'dark'): Promise<void> {
  await openMenu(page);
  await page.getByTestId(`theme-${theme}`).check();
  await page.keyboard.press('Escape');
  await page.getByTestId('settings-menu').waitFor({ state: 'hidden' });
}

/** Focus on nothing in particular, as after a click on the page's background. */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('the app frame', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('switches English -> Chinese -> English from the header, and keeps the choice across reloads', async () => {
    browser = await launch({ locale: 'en-US' });
    const { page } = browser;
    const url = inject('appUrl');
    await openApp(page, url);
    await expect(heading(page)).resolves.toBe('Private Chat');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');

    await chooseLocale(page, 'zh-CN');
    await expect(heading(page)).resolves.toBe('私密聊天');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('选择模型');
    await expect(page.getByTestId('new-chat').getAttribute('title')).resolves.toBe('新对话');
    await expect(page.getByTestId('toggle-sidebar').getAttribute('aria-label')).resolves.toBe('对话列表');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');

    await page.reload();
    await openApp(page, url);
    await expect(heading(page)).resolves.toBe('私密聊天');
    await openMenu(page);
    await expect(page.getByTestId('locale-zh-CN').isChecked()).resolves.toBe(true);

    await chooseLocale(page, 'en');
    await expect(heading(page)).resolves.toBe('Private Chat');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('Choose a model');
    await page.reload();
    await openApp(page, url);
    await expect(heading(page)).resolves.toBe('Private Chat');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    expect(browser.errors).toEqual([]);
  });

  it("speaks Chinese to a Chinese browser without being asked", async () => {
    browser = await launch({ locale: 'zh-CN' });
    const { page } = browser;
    await openApp(page, inject('appUrl'));
    await expect(heading(page)).resolves.toBe('私密聊天');
    await expect(page.getByTestId('current-model').textContent()).resolves.toBe('选择模型');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await openMenu(page);
    await expect(page.getByTestId('locale-zh-CN').isChecked()).resolves.toBe(true);
    expect(browser.errors).toEqual([]);
  });

  it('switches the theme from the header, keeps it across reloads, and follows the system under "System"', async () => {
    browser = await launch({ colorScheme: 'light' });
    const { page } = browser;
    const url = inject('appUrl');
    await openApp(page, url);
    await expect(background(page)).resolves.toBe(WHITE);
    await openMenu(page);
    await expect(page.getByTestId('theme-system').isChecked()).resolves.toBe(true);

    await chooseTheme(page, 'dark');
    await expect(background(page)).resolves.toBe(DARK);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    // The browser's bar colour follows the page, where the page has one.
    const themeColor = () => page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')?.content ?? null);
    if ((await themeColor()) !== null) await expect(themeColor()).resolves.toBe(DARK);

    await page.reload();
    await openApp(page, url);
    await expect(background(page)).resolves.toBe(DARK);
    await openMenu(page);
    await expect(page.getByTestId('theme-dark').isChecked()).resolves.toBe(true);

    await chooseTheme(page, 'system');
    await expect(background(page)).resolves.toBe(WHITE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(background(page)).resolves.toBe(DARK);
    await chooseTheme(page, 'light');
    await expect(background(page)).resolves.toBe(WHITE);
    await page.reload();
    await openApp(page, url);
    await expect(background(page)).resolves.toBe(WHITE); // the system is dark; the choice holds
    expect(browser.errors).toEqual([]);
  });

  it('opens the shortcuts sheet with ? and from the header, closes it with Esc; shortcuts open the models and search', async () => {
    browser = await launch();
    const { page } = browser;
    await openApp(page, inject('appUrl'));
    const sheet = page.getByTestId('shortcuts-help');

    await blur(page);
    await page.keyboard.press('?');
    await sheet.waitFor({ state: 'visible' });
    const actions = await sheet.getByTestId('shortcut').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual(['newChat', 'focusComposer', 'stopReply', 'regenerate', 'searchConversations', 'openModels', 'showShortcuts', 'closeDialog']);
    // Linux: Ctrl, not ⌘.
    await expect(sheet.locator('[data-action="newChat"] td').textContent()).resolves.toMatch(/Ctrl\s*Shift\s*O/);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    // "?" in a text field types a question mark; Ctrl+/ opens the sheet from there too.
    await page.getByTestId('composer-input').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('composer-input').inputValue()).resolves.toBe('?');
    await expect(sheet.isVisible()).resolves.toBe(false);
    await page.keyboard.press('Control+/');
    await sheet.waitFor({ state: 'visible' });
    await page.getByTestId('shortcuts-help-close').click();
    await sheet.waitFor({ state: 'hidden' });

    await openMenu(page);
    await page.getByTestId('open-shortcuts').click();
    await sheet.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    await blur(page);
    await page.keyboard.press('Control+Shift+M');
    await page.getByTestId('model-manager').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.getByTestId('model-manager').waitFor({ state: 'hidden' });

    await page.keyboard.press('Control+K');
    await expect(focusedTestId(page)).resolves.toBe('history-search');
    await page.keyboard.press('Shift+Escape');
    await expect(focusedTestId(page)).resolves.toBe('composer-input');
    expect(browser.errors).toEqual([]);
  });

  it('regenerates, stops and starts a new chat from the keyboard', async () => {
    browser = await launch();
    const { page } = browser;
    await openApp(page, inject('fakeAppUrl'));
    await loadFakeModel(page);
    await send(page, '/echo one');
    await waitForReply(page);
    const first = await lastReply(page).textContent();

    await blur(page);
    await page.keyboard.press('Control+Shift+E');
    await page.waitForFunction((before) => {
      const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      return replies.length === 1 && replies[0]?.textContent !== before && replies[0]?.getAttribute('data-status') === 'done';
    }, first);
    await expect(lastReply(page).textContent()).resolves.toMatch(/Answer 2 to: one/);

    await send(page, '/slow');
    await blur(page);
    await page.keyboard.press('Escape');
    await expect(waitForReply(page)).resolves.toBe('stopped');

    await page.keyboard.press('Control+Shift+O');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 0);
    await expect(focusedTestId(page)).resolves.toBe('composer-input');
    expect(browser.errors).toEqual([]);
  });

  it('the privacy page names the model hosts, in both languages', async () => {
    browser = await launch();
    const { page } = browser;
    await openApp(page, inject('appUrl'));
    const privacy = page.getByTestId('privacy-page');

    await openMenu(page);
    await page.getByTestId('open-privacy').click();
    await privacy.waitFor({ state: 'visible' });
    await expect(privacy.locator('h2').textContent()).resolves.toBe('Privacy');
    await expect(privacy.getByTestId('privacy-host').allTextContents()).resolves.toEqual([...MODEL_HOSTS]);
    await expect(privacy.textContent()).resolves.toMatch(/no analytics/);
    await expect(privacy.textContent()).resolves.toMatch(/IndexedDB/);
    await expect(privacy.textContent()).resolves.toMatch(/Network panel/);
    await page.keyboard.press('Escape');
    await privacy.waitFor({ state: 'hidden' });

    await chooseLocale(page, 'zh-CN');
    await openMenu(page);
    await page.getByTestId('open-privacy').click();
    await privacy.waitFor({ state: 'visible' });
    await expect(privacy.locator('h2').textContent()).resolves.toBe('隐私');
    await expect(privacy.getByTestId('privacy-host').allTextContents()).resolves.toEqual([...MODEL_HOSTS]);
    await expect(privacy.textContent()).resolves.toMatch(/没有统计分析/);
    await expect(privacy.textContent()).resolves.toMatch(/IndexedDB/);
    await privacy.getByTestId('privacy-page-close').click();
    await privacy.waitFor({ state: 'hidden' });
    expect(browser.errors).toEqual([]);
  });

  it('fits a 360 px phone: nothing overflows sideways and every header control is on screen', async () => {
    browser = await launch({ width: 360 });
    const { page } = browser;
    await openApp(page, inject('fakeAppUrl'));
    const fits = async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      for (const id of ['toggle-sidebar', 'open-models', 'new-chat', 'settings-menu-button']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.x, id).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, id).toBeLessThanOrEqual(360);
      }
    };
    await fits();

    // With a conversation open the header also offers Export, and a long model name must give way.
    await loadFakeModel(page);
    await send(page, '/echo hello');
    await waitForReply(page);
    await page.getByTestId('export-conversation').waitFor();
    await fits();
    const exportBox = await page.getByTestId('export-conversation').boundingBox();
    expect(exportBox!.x + exportBox!.width).toBeLessThanOrEqual(360);

    await openMenu(page);
    const menu = await page.getByTestId('settings-menu').boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(360);
    await page.getByTestId('locale-zh-CN').check();
    await page.keyboard.press('Escape');
    await fits();
    expect(browser.errors).toEqual([]);
  });
});
