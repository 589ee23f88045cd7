/**
 * The one set of limits for what the app stores and what it imports. The repository refuses to write past
 * them and the importer clamps to them (counting each change), so whatever "Export all" writes can always be
 * imported again. Titles are cut by `cleanTitle` (lib/chat/conversation) on both sides.
 */
import { englishText, type KeysOf, type Text } from '../i18n/text';

/** Conversation and message ids (IndexedDB keys). The app's own ids are 46 characters. */
export const MAX_ID_LENGTH = 200;
/** A message's text, and a conversation's system prompt. */
export const MAX_TEXT_LENGTH = 5_000_000;
/** Times are milliseconds since 1970; 8.64e15 is the largest a JS Date can hold. */
export const MIN_TIME = 0;
export const MAX_TIME = 8.64e15;

export const isValidTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= MIN_TIME && value <= MAX_TIME;

export const isValidId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

export type LimitField = 'text' | 'id' | 'time';

/** What a limit was checked on, as the refusal names it (errors.limit.subject.*). */
export type LimitSubject = 'message' | 'systemPrompt' | 'conversationId' | 'messageId' | 'conversationTime' | 'messageTime';

export type LimitText = Text<KeysOf<'errors.limit.'>>;

/** A write the app refuses because what it would store could not be imported again: `text` for the UI. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
  constructor(
    readonly field: LimitField,
    readonly text: LimitText,
  ) {
    super(englishText(text));
  }
}

const subject = (what: LimitSubject): LimitText => ({ key: `errors.limit.subject.${what}` });

export function checkText(text: string, what: 'message' | 'systemPrompt' = 'message'): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new LimitError('text', { key: 'errors.limit.textTooLong', params: { what: subject(what), length: text.length, limit: MAX_TEXT_LENGTH } });
  }
}

export function checkId(id: string, what: 'conversationId' | 'messageId'): void {
  if (!isValidId(id)) throw new LimitError('id', { key: 'errors.limit.badId', params: { what: subject(what), max: MAX_ID_LENGTH } });
}

export function checkTime(time: number, what: 'conversationTime' | 'messageTime'): void {
  if (!isValidTime(time)) throw new LimitError('time', { key: 'errors.limit.badTime', params: { what: subject(what), time: String(time) } });
}
