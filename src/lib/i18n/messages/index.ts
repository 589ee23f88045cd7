/**
 * Every string of the UI, per language. One file per feature (each owns a key prefix), merged here; the English
 * catalog is the source of the key type, and each other language must have the same keys (a type error when one is
 * missing, and catalogs.test.ts checks keys, placeholders and plural forms at run time too).
 */
import type { Locale } from '../locale';
import type { Catalog, Translation } from '../translate';
import * as a11y from './a11y';
import * as app from './app';
import * as chat from './chat';
import * as errors from './errors';
import * as models from './models';
import * as privacy from './privacy';
import * as shell from './shell';
import * as sidebar from './sidebar';

/** Each feature's catalogs, for the test that no key is defined twice. */
export const FEATURE_CATALOGS: readonly { readonly en: Catalog; readonly zhCN: Catalog }[] = [a11y, app, chat, errors, models, privacy, shell, sidebar];

export const EN = { ...a11y.en, ...app.en, ...chat.en, ...errors.en, ...models.en, ...privacy.en, ...shell.en, ...sidebar.en } as const;
export type MessageKey = keyof typeof EN;

export const CATALOGS: Readonly<Record<Locale, Translation<typeof EN>>> = {
  en: EN,
  'zh-CN': { ...a11y.zhCN, ...app.zhCN, ...chat.zhCN, ...errors.zhCN, ...models.zhCN, ...privacy.zhCN, ...shell.zhCN, ...sidebar.zhCN },
};
