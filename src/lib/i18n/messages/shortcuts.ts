/** The keyboard shortcuts sheet. English, loaded with that part (messages/index.ts). */
import type { Catalog } from '../translate';

export const en = {
  'shell.shortcuts.hint': 'Press ? anywhere outside a text field to see this list again.',
  'shell.shortcut.newChat': 'New chat',
  'shell.shortcut.focusComposer': 'Go to the message box',
  'shell.shortcut.stopReply': 'Stop the reply being written',
  'shell.shortcut.regenerate': 'Regenerate the last reply',
  'shell.shortcut.searchConversations': 'Search conversations',
  'shell.shortcut.openModels': 'Open the model manager',
  'shell.shortcut.showShortcuts': 'Show keyboard shortcuts',
  'shell.shortcut.closeDialog': 'Close a dialog or menu',
} as const satisfies Catalog;
