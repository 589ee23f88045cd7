/**
 * Messages with named placeholders ("{count} messages") and plural forms, typed from the English catalog: a key
 * that does not exist, or a placeholder a message needs and the caller forgot, is a type error.
 */
import { formatCount } from '../format';
import type { Locale } from './locale';

/** Plural forms by Intl.PluralRules category; `other` is always required (Chinese needs nothing else). */
export interface PluralMessage {
  readonly one?: string;
  readonly other: string;
}
export type Message = string | PluralMessage;
export type Catalog = Readonly<Record<string, Message>>;

/** "{a} of {b}" -> "a" | "b". */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;
type NamesOf<M> = M extends string ? PlaceholdersOf<M> : M extends PluralMessage ? 'count' | PlaceholdersOf<M['other']> | PlaceholdersOf<NonNullable<M['one']>> : never;
export type ParamValue = string | number;
/** The parameters a message needs (every placeholder; `count` selects the plural form). */
export type ParamsOf<M> = [NamesOf<M>] extends [never] ? Record<string, never> : { readonly [K in NamesOf<M>]: ParamValue };

/** Another language's catalog: the same keys as the English one, every message a string or plural forms. */
export type Translation<C extends Catalog> = { readonly [K in keyof C]: C[K] extends string ? string : PluralMessage };

const PLACEHOLDER = /\{(\w+)\}/g;

/** Names of the placeholders in a message (all plural forms together), sorted: the catalogs test compares them. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : [message.other, message.one ?? ''];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]!);
  if (typeof message !== 'string') names.add('count');
  return [...names].sort();
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  // Created on first use: only plural messages pay for ICU, and only once per language.
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** Fill a message's placeholders; numbers are grouped; a plural message picks its form from `count`. */
export function formatMessage(locale: Locale, message: Message, params: Readonly<Record<string, ParamValue>> = {}): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params['count'] ?? 0);
    const category = pluralCategory(locale, count);
    text = (category === 'one' ? message.one : undefined) ?? message.other;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // Grouped as both languages write them ("12,345"), without Intl's start-up cost (lib/format).
    return typeof value === 'number' ? formatCount(value) : value;
  });
}
