/**
 * The messages known now, per language: English's start-up catalog from the first line, another language's once
 * its chunk has loaded, and each later part's words once that part has loaded (messages/index.ts says which is
 * which). A part loaded before a language is loaded with the language; a language loaded first gets the part's
 * words when the part loads. English is the fallback of every language and the English of errors and logs.
 */
import { LATER_EN, START_EN, type MessagePart, type OtherLocaleMessages } from './messages';
import type { Locale } from './locale';
import type { Message } from './translate';

type Messages = Record<string, Message>;

const english: Messages = { ...START_EN };
/** English, read-only; it grows as parts load. */
export const ENGLISH: Readonly<Messages> = english;

/** Other languages, once loaded (with the words of every part asked for so far). */
const others: Partial<Record<Locale, Messages>> = {};
const modules: Partial<Record<Locale, OtherLocaleMessages>> = {};
const localeLoads = new Map<Locale, Promise<void>>();
const LOCALE_CHUNKS: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<OtherLocaleMessages>>> = {
  'zh-CN': async () => (await import('./messages/zh-CN')).ZH_CN,
};

/** Parts whose words were asked for, and their loads. */
const partLoads = new Map<MessagePart, Promise<void>>();

/** A language's own messages (undefined for English, and for a language not loaded yet). */
export function messagesOf(locale: Locale): Readonly<Messages> | undefined {
  return others[locale];
}

export function isLocaleLoaded(locale: Locale): boolean {
  return locale === 'en' || others[locale] !== undefined;
}

/** Loads a language's messages (its own chunk; English is built in). Call before showing that language. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' || others[locale]) return Promise.resolve();
  let load = localeLoads.get(locale);
  if (!load) {
    load = (async () => {
      const module = await LOCALE_CHUNKS[locale]();
      const messages: Messages = { ...module.start };
      // Parts asked for while these load are taken in too, until none is left: until `modules` has this
      // language, loadMessages loads a new part in English only.
      const done = new Set<MessagePart>();
      for (let parts = [...partLoads.keys()]; parts.length > 0; parts = [...partLoads.keys()].filter((part) => !done.has(part))) {
        Object.assign(messages, ...(await Promise.all(parts.map((part) => module.later[part]()))));
        parts.forEach((part) => done.add(part));
      }
      modules[locale] = module;
      others[locale] = messages;
    })().catch((err: unknown) => {
      localeLoads.delete(locale);
      throw err;
    });
    localeLoads.set(locale, load);
  }
  return load;
}

/**
 * Loads the words of `parts`, in English and in every language already loaded (each part once; a failed fetch
 * is tried again on the next call). Whatever shows a later part loads its words with it (ui/shell/lazy-component).
 */
export function loadMessages(...parts: readonly MessagePart[]): Promise<void> {
  return Promise.all(
    parts.map((part) => {
      let load = partLoads.get(part);
      if (!load) {
        load = (async () => {
          const loaded = Object.entries(modules) as [Locale, OtherLocaleMessages][];
          const [en, ...own] = await Promise.all([LATER_EN[part](), ...loaded.map(([, module]) => module.later[part]())]);
          Object.assign(english, en.en);
          loaded.forEach(([locale], i) => Object.assign(others[locale]!, own[i]));
        })().catch((err: unknown) => {
          partLoads.delete(part);
          throw err;
        });
        partLoads.set(part, load);
      }
      return load;
    }),
  ).then(() => undefined);
}

export const MESSAGE_PARTS = Object.keys(LATER_EN) as readonly MessagePart[];
