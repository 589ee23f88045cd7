/** The UI's two languages: pick one, load its messages, look a message up, fill it in. */
import { EN, type FullCatalog, type MessageKey } from './messages';
import type { Locale } from './locale';
import { formatMessage, type ParamsOf } from './translate';

export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locale';
export type { MessageKey } from './messages';

/** The arguments after the key: none for a message without placeholders, else exactly its parameters. */
export type MessageArgs<K extends MessageKey> = ParamsOf<(typeof EN)[K]> extends Record<string, never> ? [] : [ParamsOf<(typeof EN)[K]>];

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

/** Each language's messages once loaded; English is always there. */
const loaded: Partial<Record<Locale, FullCatalog>> = { en: EN };

/** Loads a language's messages (its own chunk; English is built in). Call before showing that language. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (loaded[locale]) return;
  if (locale === 'zh-CN') loaded[locale] = (await import('./messages/zh-CN')).ZH_CN;
}

export function isLocaleLoaded(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/** A message in `locale`, or in English while that language is not loaded (never a raw key). */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  const catalog = loaded[locale];
  const message = catalog?.[key] ?? EN[key];
  return formatMessage(catalog ? locale : 'en', message, args[0] as Readonly<Record<string, string | number>> | undefined);
}

/** A translator bound to one language (tests, exports written in the person's language); load it first. */
export function translator(locale: Locale): Translate {
  return (key, ...args) => translate(locale, key, ...args);
}
