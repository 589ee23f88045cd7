/** The page's side of the keyboard shortcuts (lib/shortcuts): where focus is, which platform this is. */
import { isMacPlatform, shortcutFor, type KeyContext, type ShortcutAction } from '../../lib/shortcuts/shortcuts';

let mac: boolean | undefined;

/** ⌘ or Ctrl: Apple's systems by the platform the browser reports. */
export function platformIsMac(): boolean {
  if (mac === undefined) {
    const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
    mac = isMacPlatform(nav.userAgentData?.platform || nav.platform || '');
  }
  return mac;
}

const NOT_TEXT = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** Focus is somewhere a key types text (or a select, whose keys pick an option). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

/** Focus is in a dialog, a menu or a confirmation, or a dialog or menu is open: their own keys win. */
function isInDialog(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('dialog, [popover], [role="dialog"], [role="alertdialog"]')) return true;
  return document.querySelector('dialog[open]') !== null || popoverOpen();
}

/** A menu (popover) is open, wherever focus is: Esc closes it, and must not also stop a reply. */
function popoverOpen(): boolean {
  try {
    return document.querySelector(':popover-open') !== null;
  } catch {
    return false; // a browser without popovers has none open
  }
}

/** The shortcut a keydown on the page asks for, or null. */
export function shortcutOfEvent(event: KeyboardEvent, generating: boolean): ShortcutAction | null {
  if (event.defaultPrevented) return null; // a field handled it (the composer's Esc stops its reply)
  const context: KeyContext = { mac: platformIsMac(), typing: isTyping(event.target), inDialog: isInDialog(event.target), generating };
  return shortcutFor(event, context);
}

/** Focuses an element found by its data-testid (the composer, the search box), if it is on the page. */
export function focusTestId(testid: string): boolean {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  element?.focus();
  return element !== null && document.activeElement === element;
}
