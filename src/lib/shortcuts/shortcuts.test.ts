import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, comboKeys, isMacPlatform, SHORTCUTS, shortcutFor, shortcutOf, type KeyContext, type KeyPress, type ShortcutAction } from './shortcuts';

const PC: KeyContext = { mac: false, typing: false, inDialog: false, generating: false };
const MAC: KeyContext = { ...PC, mac: true };

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}
/** Ctrl (PC) or ⌘ (Mac) with Shift and a letter, as a browser reports it: Shift makes the key upper-case. */
const modShift = (letter: string, mac: boolean) => press(letter.toUpperCase(), { code: `Key${letter.toUpperCase()}`, shiftKey: true, ctrlKey: !mac, metaKey: mac });

describe('shortcutFor', () => {
  it.each<[ShortcutAction, KeyPress, KeyPress]>([
    ['newChat', modShift('o', false), modShift('o', true)],
    ['regenerate', modShift('e', false), modShift('e', true)],
    ['openModels', modShift('m', false), modShift('m', true)],
    ['searchConversations', press('k', { ctrlKey: true }), press('k', { metaKey: true })],
    ['focusComposer', press('Escape', { shiftKey: true }), press('Escape', { shiftKey: true })],
    ['showShortcuts', press('?', { shiftKey: true }), press('?', { shiftKey: true })],
    ['showShortcuts', press('/', { ctrlKey: true }), press('/', { metaKey: true })],
  ])('%s: Ctrl on a PC, ⌘ on a Mac', (action, pc, mac) => {
    expect(shortcutFor(pc, PC)).toBe(action);
    expect(shortcutFor(mac, MAC)).toBe(action);
  });

  it('takes only the platform’s own modifier: ⌘ does nothing on a PC, Ctrl nothing on a Mac', () => {
    expect(shortcutFor(modShift('o', true), PC)).toBeNull();
    expect(shortcutFor(modShift('o', false), MAC)).toBeNull();
    expect(shortcutFor(press('O', { shiftKey: true, ctrlKey: true, metaKey: true }), PC)).toBeNull();
  });

  it('wants exactly the modifiers named: no Alt, no missing or extra Shift', () => {
    expect(shortcutFor(press('o', { ctrlKey: true }), PC)).toBeNull(); // Ctrl+O: the browser's "open file"
    expect(shortcutFor(press('O', { ctrlKey: true, shiftKey: true, altKey: true }), PC)).toBeNull();
    expect(shortcutFor(press('K', { ctrlKey: true, shiftKey: true }), PC)).toBeNull();
    expect(shortcutFor(press('o', { shiftKey: true }), PC)).toBeNull();
    expect(shortcutFor(press('?', { shiftKey: true, ctrlKey: true }), PC)).toBeNull();
  });

  it('leaves the browser’s own combinations alone', () => {
    const reserved = [modShift('r', false), modShift('n', false), modShift('t', false), modShift('w', false), modShift('g', false), press('Delete', { ctrlKey: true, shiftKey: true }), press('Backspace', { metaKey: true, shiftKey: true })];
    for (const p of reserved) {
      expect(shortcutFor(p, PC)).toBeNull();
      expect(shortcutFor(p, MAC)).toBeNull();
    }
  });

  it('finds letters by their physical key on a layout without Latin letters', () => {
    // Ctrl+Shift+O on a Russian layout reports "Щ".
    expect(shortcutFor(press('Щ', { code: 'KeyO', ctrlKey: true, shiftKey: true }), PC)).toBe('newChat');
    // A Latin layout that puts another letter there (AZERTY's A is at KeyQ) goes by the letter.
    expect(shortcutFor(press('A', { code: 'KeyQ', ctrlKey: true, shiftKey: true }), PC)).toBeNull();
  });

  it('Esc stops a reply only while one is being written, and not from a text field (the composer stops its own)', () => {
    const esc = press('Escape');
    expect(shortcutFor(esc, PC)).toBeNull();
    expect(shortcutFor(esc, { ...PC, generating: true })).toBe('stopReply');
    expect(shortcutFor(esc, { ...PC, generating: true, typing: true })).toBeNull();
    expect(shortcutFor(press('Escape', { shiftKey: true }), { ...PC, generating: true })).toBe('focusComposer');
  });

  it('while typing: combinations that type nothing still work, "?" types a question mark', () => {
    const typing = { ...PC, typing: true };
    expect(shortcutFor(press('?', { shiftKey: true }), typing)).toBeNull();
    expect(shortcutFor(press('/', { ctrlKey: true }), typing)).toBe('showShortcuts');
    expect(shortcutFor(modShift('o', false), typing)).toBe('newChat');
    expect(shortcutFor(press('Escape', { shiftKey: true }), typing)).toBe('focusComposer');
  });

  it('nothing fires in a dialog or a menu, or while an input method composes', () => {
    for (const shortcut of SHORTCUTS) {
      for (const combo of shortcut.combos) {
        const p = press(combo.key, { ctrlKey: combo.mod === true, shiftKey: combo.shift === true });
        expect(shortcutFor(p, { ...PC, generating: true })).toBe(shortcut.action);
        expect(shortcutFor(p, { ...PC, generating: true, inDialog: true })).toBeNull();
        expect(shortcutFor({ ...p, isComposing: true }, { ...PC, generating: true })).toBeNull();
      }
    }
    expect(shortcutFor(press('Process', { shiftKey: true }), PC)).toBeNull();
  });

  it('no two shortcuts share a combination', () => {
    const seen = SHORTCUTS.flatMap((s) => s.combos.map((c) => `${c.mod ?? false}|${c.shift}|${c.key}`));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('labels', () => {
  it('writes keycaps as each platform does', () => {
    const combo = shortcutOf('newChat').combos[0]!;
    expect(comboKeys(combo, true)).toEqual(['⌘', '⇧', 'O']);
    expect(comboKeys(combo, false)).toEqual(['Ctrl', 'Shift', 'O']);
    expect(comboKeys(shortcutOf('focusComposer').combos[0]!, false)).toEqual(['Shift', 'Esc']);
    expect(comboKeys(shortcutOf('stopReply').combos[0]!, true)).toEqual(['Esc']);
    expect(comboKeys(shortcutOf('showShortcuts').combos[0]!, false)).toEqual(['?']);
  });

  it('gives aria-keyshortcuts values', () => {
    expect(ariaKeyShortcuts(shortcutOf('newChat').combos[0]!, false)).toBe('Control+Shift+O');
    expect(ariaKeyShortcuts(shortcutOf('newChat').combos[0]!, true)).toBe('Meta+Shift+O');
    expect(ariaKeyShortcuts(shortcutOf('searchConversations').combos[0]!, false)).toBe('Control+K');
  });

  it('knows Apple platforms', () => {
    expect(['MacIntel', 'macOS', 'iPhone', 'iPad'].every(isMacPlatform)).toBe(true);
    expect(['Win32', 'Windows', 'Linux x86_64', 'Android', ''].some(isMacPlatform)).toBe(false);
  });
});
