import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { uniqueDbName } from '../../tests/support/state-test-kit';
import { openAppDb } from '../lib/db/app-db';
import { SettingsRepo } from '../lib/db/settings.repo';
import { LocaleState } from './locale.svelte';

function setup(browserLanguages: readonly string[]) {
  const name = uniqueDbName('locale');
  const settings = new SettingsRepo(openAppDb(name));
  const i18n = new LocaleState(settings, browserLanguages);
  /** Another LocaleState over the same database, as after a reload (same browser). */
  const reopen = async () => {
    const again = new LocaleState(new SettingsRepo(openAppDb(name)), browserLanguages);
    await again.init();
    return again;
  };
  return { settings, i18n, reopen };
}

describe('LocaleState', () => {
  it("speaks the browser's language until one is chosen", async () => {
    const zh = setup(['zh-CN', 'en']).i18n;
    await zh.init();
    expect(zh.locale).toBe('zh-CN');
    expect(zh.t('shell.language')).toBe('语言');
    const other = setup(['fr-FR', 'de']).i18n;
    await other.init();
    expect(other.locale).toBe('en');
    expect(other.t('shell.language')).toBe('Language');
  });

  it('switches at once and remembers the choice across a reload, over the browser’s language', async () => {
    const { i18n, reopen } = setup(['en-US']);
    await i18n.init();
    await i18n.set('zh-CN');
    expect(i18n.locale).toBe('zh-CN');
    expect(i18n.t('shell.newChat')).toBe('新对话');
    expect((await reopen()).locale).toBe('zh-CN');
    await i18n.set('en');
    const again = await reopen();
    expect(again.locale).toBe('en');
    expect(again.t('shell.newChat')).toBe('New chat');
  });

  it('ignores a stored value it does not know, and a database that fails', async () => {
    const { settings, i18n } = setup(['zh-TW']);
    await settings.set('locale', 'fr' as 'en');
    await i18n.init();
    expect(i18n.locale).toBe('zh-CN');

    vi.spyOn(settings, 'get').mockRejectedValue(new Error('blocked'));
    vi.spyOn(settings, 'set').mockRejectedValue(new Error('quota'));
    const failing = new LocaleState(settings, ['en']);
    await failing.init();
    expect(failing.locale).toBe('en');
    await failing.set('zh-CN');
    expect(failing.locale).toBe('zh-CN');
  });
});
