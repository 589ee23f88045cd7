/** The app's frame: header, banners, language and theme choices. */
import type { Catalog } from '../translate';

export const en = {
  'shell.appName': 'Private Chat',
  'shell.language': 'Language',
  'shell.theme': 'Theme',
  'shell.theme.system': 'System',
  'shell.theme.light': 'Light',
  'shell.theme.dark': 'Dark',
  'shell.settings': 'Settings',
  'shell.conversations': 'Conversations',
  'shell.newChat': 'New chat',
  'shell.chooseModel': 'Choose a model',
  'shell.modelLoading': '{name} — {phase}',
  'shell.modelLoadingPercent': '{name} — {phase} {percent}%',
  'shell.export': 'Export',
  'shell.exportMarkdown': 'Markdown (this branch)',
  'shell.exportJson': 'JSON (every branch)',
  'shell.privacy': 'Privacy',
  'shell.close': 'Close',
  'shell.shortcuts': 'Keyboard shortcuts',
} as const satisfies Catalog;
