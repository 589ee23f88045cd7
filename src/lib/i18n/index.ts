/** The UI's two languages: pick one, look a message up, fill it in. */
import { CATALOGS, EN, type MessageKey } from './messages';
import type { Locale } from './locale';
import { formatMessage, type ParamsOf } from './translate';

export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locale';
export type { MessageKey } from './messages';

/** The arguments after the key: none for a message without placeholders, else exactly its parameters. */
export type MessageArgs<K extends MessageKey> = ParamsOf<(typeof EN)[K]> extends Record<string, never> ? [] : [ParamsOf<(typeof EN)[K]>];

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  const message = CATALOGS[locale][key] ?? EN[key];
  return formatMessage(locale, message, args[0] as Readonly<Record<string, string | number>> | undefined);
}

/** A translator bound to one language (tests, exports written in the person's language). */
export function translator(locale: Locale): Translate {
  return (key, ...args) => translate(locale, key, ...args);
}
