/**
 * Follow-up rewriting and focus modes through the UI, with the scripted engine (its rewrite answers are
 * tests/e2e/fake/fake-engine.worker.ts fakeRewrite: "<question> [about: <previous question>]", and "New
 * topic: …" does not depend on the history): the rewrite is shown above its reply and editable, focus modes
 * change what the engine receives, the choices persist per conversation across a reload, and a topic change
 * offers a fresh context.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatRequest } from '../../src/protocol/engine-protocol';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';
import { lastReply, loadFakeModel, newChat, send, waitForReply } from './support/chat';
import { chatRequests, lastChatRequest } from './support/fake-requests';

const FIRST = '/echo Who won the 2020 World Series?';
const SECOND = '/echo Where was it held?';
const REWRITTEN = '/echo Where was it held? [about: Who won the 2020 World Series?]';
const EDITED = '/echo Where was the 2020 World Series played?';

const userTurns = (request: ChatRequest | undefined) => request?.messages.filter((m) => m.role === 'user').map((m) => m.content) ?? [];

describe('follow-up rewriting and focus modes (scripted engine)', () => {
  let browser: Browser;
  const page = () => browser.page;
  const rewriteRequests = async () => (await chatRequests(page())).filter((r) => r.conversation.key.startsWith('rewrite:'));
  const activeConversation = () => page().locator('[data-testid="conversation-item"].active').getAttribute('data-conversation-id');
  let conversationA = '';
  let conversationB = '';

  async function openContextSettings(): Promise<void> {
    const details = page().getByTestId('context-settings');
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
  }

  /** Sends and waits for the reply to end; returns the request the engine answered. */
  async function ask(text: string): Promise<ChatRequest | undefined> {
    await send(page(), text);
    expect(await waitForReply(page())).toBe('done');
    return lastChatRequest(page());
  }

  beforeAll(async () => {
    browser = await launch();
    await openApp(page(), inject('fakeAppUrl'));
    await loadFakeModel(page());
  });
  afterAll(async () => browser?.close());

  it('with rewriting on, a follow-up is rewritten, shown above its reply, and sent in its place', async () => {
    await newChat(page());
    await openContextSettings();
    await expect(page().getByTestId('rewrite-toggle').isChecked()).resolves.toBe(false);
    await page().getByTestId('rewrite-toggle').check();
    await ask(FIRST);
    // The first question has no history: nothing to rewrite.
    expect(await rewriteRequests()).toHaveLength(0);
    await expect(page().getByTestId('rewrite').count()).resolves.toBe(0);
    conversationA = (await activeConversation()) ?? '';
    expect(conversationA).not.toBe('');

    const request = await ask(SECOND);
    const rewrites = await rewriteRequests();
    expect(rewrites).toHaveLength(1);
    expect(rewrites[0]?.conversation.key).toBe(`rewrite:${conversationA}`);
    expect(userTurns(request)).toEqual([FIRST, REWRITTEN]);
    await expect(page().getByTestId('rewrite-text').textContent()).resolves.toBe(REWRITTEN);
    // Above the reply it belongs to.
    const next = await page().getByTestId('rewrite').evaluate((el) => el.nextElementSibling?.getAttribute('data-role'));
    expect(next).toBe('assistant');
    await expect(lastReply(page()).textContent()).resolves.toContain('to: Where was it held? [about: Who won the 2020 World Series?]');
    // The question itself stays as the person wrote it.
    await expect(page().locator('[data-testid="message"][data-role="user"] .user-text').last().textContent()).resolves.toBe(SECOND);
  });

  it('the rewrite is editable: Cancel keeps it, Save answers the edited question anew (what the engine receives)', async () => {
    await page().getByTestId('rewrite-edit').click();
    const input = page().getByTestId('rewrite-input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(input.inputValue()).resolves.toBe(REWRITTEN);
    await input.fill('something else');
    await input.press('Escape');
    await expect(page().getByTestId('rewrite-text').textContent()).resolves.toBe(REWRITTEN);
    await expect(page().getByTestId('rewrite-edit').evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await page().getByTestId('rewrite-edit').click();
    await input.fill(EDITED);
    await page().getByTestId('rewrite-save').click();
    // A new reply beside the old one: its branch switch shows once it is written.
    await lastReply(page()).getByTestId('branch-count').waitFor();
    expect(await waitForReply(page())).toBe('done');
    const request = await lastChatRequest(page());
    expect(userTurns(request)).toEqual([FIRST, EDITED]);
    expect(await rewriteRequests()).toHaveLength(1); // an edited rewrite is not rewritten again
    await expect(page().getByTestId('rewrite-text').textContent()).resolves.toBe(EDITED);
    await expect(page().getByTestId('rewrite').getAttribute('data-edited')).resolves.toBe('true');
    await expect(lastReply(page()).textContent()).resolves.toContain('to: Where was the 2020 World Series played?');
    await expect(lastReply(page()).getByTestId('branch-count').textContent()).resolves.toBe('2 / 2');
  });

  it('focus modes change what is sent: last 1 turn, then the standalone question', async () => {
    await openContextSettings();
    await page().getByTestId('focus-mode').selectOption('last');
    await page().getByTestId('focus-turns').fill('1');
    await page().getByTestId('focus-turns').press('Tab');
    await expect(page().getByTestId('context-settings-summary').textContent()).resolves.toBe('last 1 turn · rewriting follow-ups');
    let request = await ask('/echo third question');
    expect(userTurns(request)).toEqual([EDITED, '/echo third question [about: Where was the 2020 World Series played?]']);
    await expect(page().locator('[data-testid="message"][data-role="user"]').first().getAttribute('data-out-of-context')).resolves.toBe('true');

    await page().getByTestId('focus-mode').selectOption('standalone');
    request = await ask('/echo fourth');
    // No system prompt in this conversation: the rewritten question alone.
    expect(request?.messages).toEqual([{ role: 'user', content: '/echo fourth [about: third question]' }]);
    // The rewrite still read the history.
    expect((await rewriteRequests()).at(-1)?.messages.at(-1)?.content).toContain('third question');

    // A's final choice, checked after the reload.
    await page().getByTestId('focus-mode').selectOption('last');
    await page().getByTestId('focus-turns').fill('2');
    await page().getByTestId('focus-turns').press('Tab');
    await expect(page().getByTestId('context-settings-summary').textContent()).resolves.toBe('last 2 turns · rewriting follow-ups');
  });

  it('another conversation has its own choices: standalone without rewriting', async () => {
    await newChat(page());
    await openContextSettings();
    await expect(page().getByTestId('focus-mode').inputValue()).resolves.toBe('full');
    await expect(page().getByTestId('rewrite-toggle').isChecked()).resolves.toBe(false);
    await page().getByTestId('focus-mode').selectOption('standalone');
    const rewrites = (await rewriteRequests()).length;
    await ask('/echo alpha');
    const request = await ask('/echo beta');
    expect(request?.messages).toEqual([{ role: 'user', content: '/echo beta' }]);
    expect(await rewriteRequests()).toHaveLength(rewrites);
    conversationB = (await activeConversation()) ?? '';
    expect(conversationB).not.toBe(conversationA);
  });

  it('the choices persist per conversation across a reload', async () => {
    await page().reload();
    await openApp(page(), page().url());
    await page().waitForFunction((id) => document.querySelector('[data-testid="conversation-item"].active')?.getAttribute('data-conversation-id') === id, conversationB);
    await openContextSettings();
    // The conversation's row arrives from the database just after the conversation opens.
    await page().waitForFunction(() => (document.querySelector('[data-testid="focus-mode"]') as HTMLSelectElement | null)?.value === 'standalone');
    await expect(page().getByTestId('rewrite-toggle').isChecked()).resolves.toBe(false);

    await page().locator(`[data-testid="conversation-item"][data-conversation-id="${conversationA}"]`).getByTestId('open-conversation').click();
    await page().waitForFunction(() => (document.querySelector('[data-testid="focus-mode"]') as HTMLSelectElement | null)?.value === 'last');
    await expect(page().getByTestId('focus-turns').inputValue()).resolves.toBe('2');
    await expect(page().getByTestId('rewrite-toggle').isChecked()).resolves.toBe(true);
    await expect(page().getByTestId('context-settings-summary').textContent()).resolves.toBe('last 2 turns · rewriting follow-ups');
    // The stored rewrites are shown again.
    await expect(page().getByTestId('rewrite-text').allTextContents()).resolves.toContain('/echo fourth [about: third question]');

    await page().locator(`[data-testid="conversation-item"][data-conversation-id="${conversationB}"]`).getByTestId('open-conversation').click();
    await page().waitForFunction(() => (document.querySelector('[data-testid="focus-mode"]') as HTMLSelectElement | null)?.value === 'standalone');
    await expect(page().getByTestId('rewrite-toggle').isChecked()).resolves.toBe(false);
  });

  it('a topic change offers a fresh context; taken, earlier turns are not sent; and there is a way back', async () => {
    await loadFakeModel(page()); // the reload ended the engine's session
    await page().locator(`[data-testid="conversation-item"][data-conversation-id="${conversationA}"]`).getByTestId('open-conversation').click();
    await page().waitForFunction(() => (document.querySelector('[data-testid="focus-mode"]') as HTMLSelectElement | null)?.value === 'last');
    await page().getByTestId('focus-mode').selectOption('full');
    let request = await ask('New topic: can you suggest a pasta recipe?');
    expect(userTurns(request)[0]).toBe(FIRST); // answered with the whole history: the fresh context is offered, not imposed
    await page().getByTestId('topic-change').waitFor();
    await page().getByTestId('start-fresh-context').click();
    await page().getByTestId('fresh-context-note').waitFor();
    await expect(page().getByTestId('topic-change').count()).resolves.toBe(0);

    request = await ask('/echo more pasta');
    expect(userTurns(request)).toEqual(['New topic: can you suggest a pasta recipe?', '/echo more pasta [about: New topic: can you suggest a pasta recipe?]']);
    await expect(page().locator('[data-testid="message"][data-role="user"]').first().getAttribute('data-out-of-context')).resolves.toBe('true');

    await page().getByTestId('fresh-context-undo').click();
    await expect(page().getByTestId('fresh-context-note').count()).resolves.toBe(0);
    request = await ask('/echo and dessert');
    expect(userTurns(request)[0]).toBe(FIRST);
    expect(browser.errors).toEqual([]);
  });
});
