/** The app's frame: header, banners, language and theme choices. */
import type { Catalog, Translation } from '../translate';

export const en = {
  'shell.appName': 'Private Chat',
  'shell.language': 'Language',
} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {
  'shell.appName': '私密聊天',
  'shell.language': '语言',
};
