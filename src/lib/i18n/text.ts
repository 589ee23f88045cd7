/**
 * A message to show later, in whatever language is current then: its key and parameters as plain data, so it can
 * cross a worker boundary or be stored (errors, import summaries, form verdicts). Code below the UI returns these
 * instead of English sentences; the UI translates them with `translateText`, and `englishText` gives the English
 * for logs and `Error.message`. A parameter may itself be a text (a reason inside a sentence).
 */
import { ENGLISH } from './loaded-messages';
import type { MessageKey } from './messages';
import { formatMessage, placeholders, type Message, type ParamValue } from './translate';
import type { MessageArgs, Translate } from './index';

/** A parameter's value: a string, a number (grouped as "12,345"), or a message translated in the same language. */
export type TextParam = ParamValue | Text;

type TextOf<K extends MessageKey> =
  MessageArgs<K> extends []
    ? { readonly key: K; readonly params?: undefined }
    : { readonly key: K; readonly params: { readonly [P in keyof MessageArgs<K>[0]]: TextParam } };

/** A message key with exactly the parameters it needs. `Text<'errors.${string}'>`-style subsets narrow the keys. */
export type Text<K extends MessageKey = MessageKey> = K extends MessageKey ? TextOf<K> : never;

/** Keys that start with `prefix`, e.g. `KeysOf<'errors.'>`. */
export type KeysOf<Prefix extends string> = Extract<MessageKey, `${Prefix}${string}`>;

/** The English known now (a later part's keys once it has loaded). */
const CATALOG = ENGLISH;

function resolve(text: Text, render: (text: Text) => string): Record<string, ParamValue> | undefined {
  if (!text.params) return undefined;
  const out: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(text.params as Readonly<Record<string, TextParam>>)) {
    out[name] = typeof value === 'object' ? render(value) : value;
  }
  return out;
}

/** The text in the UI's current language (`t` from LocaleState). */
export function translateText(t: Translate, text: Text): string {
  if (!Object.hasOwn(CATALOG, text.key)) return '';
  const params = resolve(text, (inner) => translateText(t, inner));
  return (t as (key: MessageKey, params?: Readonly<Record<string, ParamValue>>) => string)(text.key, params);
}

/** The text in English: for `Error.message`, logs, and the English kept beside a text for whoever reads raw data. */
export function englishText(text: Text): string {
  const message = CATALOG[text.key];
  if (message === undefined) return '';
  return formatMessage('en', message, resolve(text, englishText));
}

/**
 * Whether data that was stored or crossed a worker is a text this build can show, and nothing else: a known key
 * (starting with `prefix` when given), and exactly its placeholders, each a string, a finite number or a valid
 * text (nested at most 3 deep). Nothing more is accepted, so a valid text can be kept as it is.
 */
export function isTextData(value: unknown, prefix = '', depth = 0): value is Text {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > 3) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.key !== 'string' || !v.key.startsWith(prefix) || !Object.hasOwn(CATALOG, v.key)) return false;
  if (!Object.keys(v).every((k) => k === 'key' || k === 'params')) return false;
  const needed = placeholders(CATALOG[v.key]!);
  if (needed.length === 0) return v.params === undefined;
  if (typeof v.params !== 'object' || v.params === null || Array.isArray(v.params)) return false;
  const params = v.params as Record<string, unknown>;
  if (Object.keys(params).length !== needed.length) return false;
  return needed.every((name) => {
    if (!Object.hasOwn(params, name)) return false;
    const p = params[name];
    return typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)) || isTextData(p, '', depth + 1);
  });
}
