import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { uniqueDbName } from '../../tests/support/state-test-kit';
import { openAppDb } from '../lib/db/app-db';
import { SettingsRepo } from '../lib/db/settings.repo';
import { isThemeChoice, ThemeState, type ThemeChoice } from './theme.svelte';

function setup() {
  const name = uniqueDbName('theme');
  const settings = new SettingsRepo(openAppDb(name));
  const applied: ThemeChoice[] = [];
  const theme = new ThemeState(settings, (choice) => applied.push(choice));
  /** Another ThemeState over the same database, as after a reload. */
  const reopen = async () => {
    const seen: ThemeChoice[] = [];
    const again = new ThemeState(new SettingsRepo(openAppDb(name)), (choice) => seen.push(choice));
    await again.init();
    return { again, seen };
  };
  return { settings, theme, applied, reopen };
}

describe('ThemeState', () => {
  it('follows the system until a choice is made, and applies that at start', async () => {
    const { theme, applied } = setup();
    expect(theme.choice).toBe('system');
    await theme.init();
    expect(theme.choice).toBe('system');
    expect(applied).toEqual(['system']);
  });

  it('applies a choice at once and remembers it across a reload', async () => {
    const { theme, applied, reopen } = setup();
    await theme.init();
    await theme.set('dark');
    expect(theme.choice).toBe('dark');
    expect(applied.at(-1)).toBe('dark');
    const { again, seen } = await reopen();
    expect(again.choice).toBe('dark');
    expect(seen).toEqual(['dark']);
    await again.set('system');
    expect((await reopen()).again.choice).toBe('system');
  });

  it('ignores a stored value it does not know, and a database that fails', async () => {
    const { settings, theme, applied } = setup();
    await settings.set('theme', 'sepia' as ThemeChoice);
    await theme.init();
    expect(theme.choice).toBe('system');
    expect(applied).toEqual(['system']);

    vi.spyOn(settings, 'get').mockRejectedValue(new Error('blocked'));
    vi.spyOn(settings, 'set').mockRejectedValue(new Error('quota'));
    const failing = new ThemeState(settings, () => undefined);
    await failing.init();
    expect(failing.choice).toBe('system');
    await failing.set('light'); // kept for this visit though it could not be stored
    expect(failing.choice).toBe('light');
  });

  it('knows its choices', () => {
    expect(['system', 'light', 'dark'].every(isThemeChoice)).toBe(true);
    expect([null, 'auto', 1, undefined].some(isThemeChoice)).toBe(false);
  });
});
