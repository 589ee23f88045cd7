/**
 * The app's keyboard shortcuts, as data: which key combination does what, when it applies, and how it is written
 * on a keycap (⌘ on a Mac, Ctrl elsewhere). The shell's window listener asks `shortcutFor` and runs the action.
 *
 * The combinations avoid what browsers keep for themselves or what typing needs:
 * - every modified one uses Ctrl/⌘ with Shift (or ⌘K, the usual "search" key), never Ctrl/⌘+letter alone (print,
 *   save, find, bookmark…) and never the combinations browsers reserve (Ctrl/⌘+Shift+N/T/W, Ctrl/⌘+Shift+R is a
 *   hard reload, Ctrl/⌘+Shift+Delete/⌫ clears browsing data, Ctrl/⌘+Shift+G finds the previous match);
 * - keys that type something (`?`) or mean something in a field (Esc) only count when focus is not in a text field;
 * - nothing fires while a dialog or a menu is open or has focus: its own keys (Esc closes it) win;
 * - nothing fires while an input method composes (Chinese input uses Esc and Shift).
 */

export type ShortcutAction = 'newChat' | 'focusComposer' | 'stopReply' | 'regenerate' | 'searchConversations' | 'openModels' | 'showShortcuts';

/** One key combination. `key` is KeyboardEvent.key, lower-case for letters; `mod` is ⌘ on a Mac and Ctrl elsewhere. */
export interface KeyCombo {
  readonly key: string;
  readonly mod?: boolean;
  /** true/false: Shift must be down/up; absent: the key itself says it (`?` is Shift+/ on most layouts, not all). */
  readonly shift?: boolean;
}

export interface Shortcut {
  readonly action: ShortcutAction;
  /** The first is the one shown in the help sheet. */
  readonly combos: readonly KeyCombo[];
  /** Also while focus is in a text field; there only its combinations that type nothing count (⌃/ does, `?` not). */
  readonly whileTyping: boolean;
  /** Only while a reply is being written. */
  readonly whileGenerating?: boolean;
}

/** In the order the help sheet lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'newChat', combos: [{ key: 'o', mod: true, shift: true }], whileTyping: true },
  { action: 'focusComposer', combos: [{ key: 'Escape', shift: true }], whileTyping: true },
  // The composer stops its own reply on Esc; this is for when focus is elsewhere on the page.
  { action: 'stopReply', combos: [{ key: 'Escape', shift: false }], whileTyping: false, whileGenerating: true },
  { action: 'regenerate', combos: [{ key: 'e', mod: true, shift: true }], whileTyping: true },
  { action: 'searchConversations', combos: [{ key: 'k', mod: true, shift: false }], whileTyping: true },
  { action: 'openModels', combos: [{ key: 'm', mod: true, shift: true }], whileTyping: true },
  {
    action: 'showShortcuts',
    combos: [
      { key: '?', mod: false },
      { key: '/', mod: true, shift: false },
    ],
    whileTyping: true,
  },
];

/** What the listener knows about a keydown (a KeyboardEvent fits). */
export interface KeyPress {
  readonly key: string;
  /** The physical key ("KeyO"): letters are matched by it when the layout types no Latin letter there. */
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly isComposing?: boolean;
}

export interface KeyContext {
  readonly mac: boolean;
  /** Focus is in a text field (input, textarea, select, contenteditable). */
  readonly typing: boolean;
  /** A dialog or a menu is open, or focus is in one. */
  readonly inDialog: boolean;
  /** A reply is being written. */
  readonly generating: boolean;
}

/** Platform strings (navigator.userAgentData.platform or navigator.platform) of Apple's systems. */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** The key a combination names: letters lower-case; a non-Latin layout's letter by its physical key. */
function pressedKey(press: KeyPress): string {
  const { key, code } = press;
  if (/^[a-z]$/i.test(key)) return key.toLowerCase();
  if (key.length === 1 && code && /^Key[A-Z]$/.test(code) && !/[ -~]/.test(key)) return code.slice(3).toLowerCase();
  return key;
}

export function matches(combo: KeyCombo, press: KeyPress, mac: boolean): boolean {
  if (press.altKey) return false;
  const mod = mac ? press.metaKey : press.ctrlKey;
  const other = mac ? press.ctrlKey : press.metaKey;
  if (other || mod !== (combo.mod ?? false)) return false;
  if (combo.shift !== undefined && press.shiftKey !== combo.shift) return false;
  return pressedKey(press) === combo.key;
}

/** A combination that puts no character into a text field: one with Ctrl/⌘, or a named key (Esc). */
function typesNothing(combo: KeyCombo): boolean {
  return combo.mod === true || combo.key.length > 1;
}

/** The action a keydown asks for here, or null (then the key does what it would anyway). */
export function shortcutFor(press: KeyPress, context: KeyContext): ShortcutAction | null {
  // An input method composing (pinyin, say) owns every key until it commits.
  if (press.isComposing || press.key === 'Process' || press.key === 'Dead' || press.key === 'Unidentified') return null;
  if (context.inDialog) return null;
  for (const shortcut of SHORTCUTS) {
    if (context.typing && !shortcut.whileTyping) continue;
    if (shortcut.whileGenerating && !context.generating) continue;
    const combos = context.typing ? shortcut.combos.filter(typesNothing) : shortcut.combos;
    if (combos.some((combo) => matches(combo, press, context.mac))) return shortcut.action;
  }
  return null;
}

export function shortcutOf(action: ShortcutAction): Shortcut {
  const found = SHORTCUTS.find((s) => s.action === action);
  if (!found) throw new Error(`no shortcut for ${action}`);
  return found;
}

const KEY_NAMES: Readonly<Record<string, string>> = { Escape: 'Esc', Backspace: '⌫', Enter: '↵', ' ': 'Space' };

/** The keycaps of a combination as the platform writes them: ["⌘", "⇧", "O"] on a Mac, ["Ctrl", "Shift", "O"] elsewhere. */
export function comboKeys(combo: KeyCombo, mac: boolean): string[] {
  const keys: string[] = [];
  if (combo.mod) keys.push(mac ? '⌘' : 'Ctrl');
  if (combo.shift) keys.push(mac ? '⇧' : 'Shift');
  keys.push(KEY_NAMES[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key));
  return keys;
}

/** The combination in the form of the aria-keyshortcuts attribute ("Control+Shift+O", "Meta+Shift+O"). */
export function ariaKeyShortcuts(combo: KeyCombo, mac: boolean): string {
  const parts: string[] = [];
  if (combo.mod) parts.push(mac ? 'Meta' : 'Control');
  if (combo.shift) parts.push('Shift');
  parts.push(combo.key.length === 1 ? combo.key.toUpperCase() : combo.key);
  return parts.join('+');
}
