import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the message store (the test setup has loaded everything into the shared one). */
async function fresh() {
  vi.resetModules();
  const store = await import('./loaded-messages');
  const { translate } = await import('./index');
  return { ...store, translate };
}

describe('messages loaded by part and by language', () => {
  beforeEach(() => vi.restoreAllMocks());

  it('starts with the start-up English only; a part brings its English', async () => {
    const { ENGLISH, loadMessages } = await fresh();
    expect(ENGLISH['chat.send']).toBe('Send');
    expect(ENGLISH['privacy.title']).toBeUndefined();
    await loadMessages('privacy');
    expect(ENGLISH['privacy.title']).toBeTypeOf('string');
    expect(ENGLISH['models.title']).toBeUndefined();
  });

  it('a part loaded before the language comes with the language', async () => {
    const { isLocaleLoaded, loadLocale, loadMessages, messagesOf } = await fresh();
    await loadMessages('shortcuts');
    expect(isLocaleLoaded('zh-CN')).toBe(false);
    await loadLocale('zh-CN');
    expect(isLocaleLoaded('zh-CN')).toBe(true);
    expect(messagesOf('zh-CN')?.['chat.send']).toBe('发送');
    expect(messagesOf('zh-CN')?.['shell.shortcut.newChat']).toMatch(/\p{Script=Han}/u);
    expect(messagesOf('zh-CN')?.['privacy.title']).toBeUndefined();
  });

  it('a language loaded before the part gets the part’s words when it loads', async () => {
    const { loadLocale, loadMessages, messagesOf, translate } = await fresh();
    await loadLocale('zh-CN');
    expect(messagesOf('zh-CN')?.['models.title']).toBeUndefined();
    await Promise.all([loadMessages('model-manager'), loadMessages('model-manager')]);
    expect(translate('zh-CN', 'models.title')).toMatch(/\p{Script=Han}/u);
    expect(translate('en', 'models.title')).toBe('Models');
  });

  it('a key used before its part loaded shows as the key and says so, never throws', async () => {
    const { translate } = await fresh();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(translate('en', 'privacy.title')).toBe('privacy.title');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('privacy.title'));
  });
});

describe('a part asked for while a language is loading', () => {
  it('comes in that language too', async () => {
    const { loadLocale, loadMessages, messagesOf } = await fresh();
    // The Chinese for the shortcuts (a part loaded before the language) takes its time to arrive.
    vi.doMock('./messages/zh-CN/shortcuts', async (actual) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return actual();
    });
    await loadMessages('shortcuts');
    const locale = loadLocale('zh-CN');
    await import('./messages/zh-CN');
    await new Promise((resolve) => setTimeout(resolve, 10)); // the language now waits for the shortcuts' Chinese
    const part = loadMessages('privacy');
    await Promise.all([locale, part]);
    expect(messagesOf('zh-CN')?.['privacy.title']).toMatch(/\p{Script=Han}/u);
    expect(messagesOf('zh-CN')?.['shell.shortcut.newChat']).toMatch(/\p{Script=Han}/u);
    vi.doUnmock('./messages/zh-CN/shortcuts');
  });
});
