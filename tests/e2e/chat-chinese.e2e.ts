/**
 * The open conversation in Chinese (a zh-CN browser, the scripted engine): the composer, its buttons, a reply
 * with its code block, stats and actions, the reply and context settings and the meter speak Chinese, and no
 * English sentence of the chat catalog is left anywhere on the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { en as chatEn } from '../../src/lib/i18n/messages/chat';
import { en as chatCardsEn } from '../../src/lib/i18n/messages/chat-cards';
import { en as chatSettingsEn } from '../../src/lib/i18n/messages/chat-settings';
import { zhCN as chatZh } from '../../src/lib/i18n/messages/zh-CN/chat';
import { zhCN as chatCardsZh } from '../../src/lib/i18n/messages/zh-CN/chat-cards';
import { zhCN as chatSettingsZh } from '../../src/lib/i18n/messages/zh-CN/chat-settings';

/** The chat's messages: the conversation's own, its settings panels' and its cards'. */
const CHAT_EN = { ...chatEn, ...chatSettingsEn, ...chatCardsEn };
const CHAT_ZH = { ...chatZh, ...chatSettingsZh, ...chatCardsZh };
import { importChatGptConversation, openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, send, waitForReply } from './support/chat';

const NAME = 'Fake Chat 0.5B Instruct';

/**
 * The English UI phrases to look for: every English chat message of two words or more. A message with
 * placeholders contributes its literal pieces between them (those of two words or more), since the filled-in
 * message cannot be known in advance.
 */
function englishPhrases(): string[] {
  const phrases = new Set<string>();
  for (const message of Object.values(CHAT_EN)) {
    const forms = typeof message === 'string' ? [message] : [message.other, message.one ?? ''];
    for (const form of forms) {
      for (const piece of form.split(/\{\w+\}/)) {
        const phrase = piece.trim();
        if (phrase.split(/\s+/).filter(Boolean).length >= 2) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

describe('the chat in Chinese (scripted engine)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch({ locale: 'zh-CN' });
    await openApp(browser.page, inject('fakeAppUrl'));
  });
  afterAll(async () => browser?.close());

  it('labels, replies, stats and settings are Chinese, and no English chat phrase is on the page', async () => {
    const { page } = browser;
    await loadFakeModel(page);
    const input = page.getByTestId('composer-input');
    await expect(input.getAttribute('placeholder')).resolves.toBe(`给 ${NAME} 发消息`);
    await expect(input.getAttribute('aria-label')).resolves.toBe(CHAT_ZH['chat.composer.label']);
    await expect(page.getByTestId('empty-state').innerText()).resolves.toContain(CHAT_ZH['chat.empty.readyTitle']);
    await expect(page.getByTestId('empty-state').innerText()).resolves.toContain(CHAT_ZH['chat.empty.example1']);
    await input.fill('你好');
    await expect(page.getByTestId('send-button').innerText()).resolves.toBe('发送');

    // A reply: its code block's button, its actions and its stats line.
    await input.press('Enter');
    await expect(waitForReply(page)).resolves.toBe('done');
    const reply = lastReply(page);
    await expect(reply.locator('[data-copy-code]').innerText()).resolves.toBe('复制');
    await expect(reply.getByTestId('regenerate').innerText()).resolves.toBe('重新生成');
    const stats = await reply.getByTestId('reply-stats').innerText();
    for (const label of ['解码', '预填充', '首 token', '提示', '回复']) expect(stats).toContain(label);
    expect(stats).toMatch(/\d+(\.\d+)? token\/秒/);
    expect(stats).not.toMatch(/decode|prefill|first token|prompt|reply|tok\/s/);

    // Stop while a reply is being written.
    await send(page, '/slow 150');
    const stop = page.getByTestId('stop-button');
    await stop.waitFor();
    await expect(stop.innerText()).resolves.toBe('停止');
    await stop.click();
    await expect(waitForReply(page)).resolves.toBe('stopped');
    await expect(lastReply(page).getByTestId('stopped-badge').innerText()).resolves.toBe('已停止');

    // Reply settings (with the advanced panel) and context settings, opened so that their text is on the page.
    await page.getByTestId('reply-settings').locator(':scope > summary').click();
    await page.getByTestId('advanced-settings').locator(':scope > summary').click();
    await page.getByTestId('context-settings').locator(':scope > summary').click();
    await expect(page.getByTestId('reply-settings').locator(':scope > summary').innerText()).resolves.toBe('回复设置：模型默认值');
    await expect(page.getByTestId('presets').innerText()).resolves.toContain('均衡');
    await expect(page.getByTestId('settings-reset').innerText()).resolves.toBe(CHAT_ZH['chat.settings.reset']);
    await expect(page.getByTestId('setting-seed').getAttribute('placeholder')).resolves.toBe('随机');
    await expect(page.getByTestId('context-settings').locator(':scope > summary').innerText()).resolves.toBe('上下文：完整历史');
    await expect(page.getByTestId('system-prompt').getAttribute('placeholder')).resolves.toBe(CHAT_ZH['chat.context.systemPromptPlaceholder']);
    await expect(page.getByTestId('composer-input').getAttribute('placeholder')).resolves.toBe(`给 ${NAME} 发消息`);

    // The meter, once it has planned the (empty) draft.
    await page.getByTestId('context-meter-text').waitFor();
    await expect(page.getByTestId('context-meter-text').innerText()).resolves.toMatch(/^上下文中已有 [\d,]+ \/ [\d,]+ 个 token · 下一条消息需处理 \+[\d,]+ 个，为回复预留 [\d,]+ 个$/);

    // Nothing of the English chat catalog is left on the page (placeholders and labels were checked above).
    const phrases = englishPhrases();
    expect(phrases.length).toBeGreaterThan(100);
    const text = await page.evaluate(() => document.body.innerText);
    expect(phrases.filter((phrase) => text.includes(phrase))).toEqual([]);
  });

  it('a conversation nothing has named yet is listed as 新对话, not the stored English placeholder', async () => {
    const { page } = browser;
    // A ChatGPT export whose conversation has no title: it is stored with the placeholder, as a new chat is.
    await importChatGptConversation(page, { title: null, question: '```js\nlet x = 1\n```', answer: '好的。' });
    const titles = page.getByTestId('conversation-item').getByTestId('open-conversation');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="open-conversation"]')].some((b) => (b as HTMLElement).innerText === '新对话'));
    expect(await titles.allInnerTexts()).not.toContain('New chat');
  });
});
