/** The UI's two languages: pick one, load its messages, look a message up, fill it in. */
import { ENGLISH, messagesOf } from './loaded-messages';
import type { English, MessageKey } from './messages';
import type { Locale } from './locale';
import { formatMessage, type ParamsOf } from './translate';

export { isLocaleLoaded, loadLocale, loadMessages, MESSAGE_PARTS } from './loaded-messages';
export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locale';
export type { MessageKey, MessagePart } from './messages';

/** The arguments after the key: none for a message without placeholders, else exactly its parameters. */
export type MessageArgs<K extends MessageKey> = ParamsOf<English[K]> extends Record<string, never> ? [] : [ParamsOf<English[K]>];

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

/**
 * A message in `locale`, or in English while that language is not loaded. A key of a later part whose words
 * have not loaded is a bug (its part must load them first): it shows as the key, and says so in the console.
 */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  const own = messagesOf(locale)?.[key];
  const message = own ?? ENGLISH[key];
  if (message === undefined) {
    console.error(`i18n: "${key}" is used before its part's messages were loaded`);
    return key;
  }
  return formatMessage(own !== undefined ? locale : 'en', message, args[0] as Readonly<Record<string, string | number>> | undefined);
}

/** A translator bound to one language (tests, exports written in the person's language); load it first. */
export function translator(locale: Locale): Translate {
  return (key, ...args) => translate(locale, key, ...args);
}
