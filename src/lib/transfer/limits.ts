/**
 * The one set of limits for what the app stores and what it imports. The repository refuses to write past
 * them and the importer clamps to them (counting each change), so whatever "Export all" writes can always be
 * imported again. Titles are cut by `cleanTitle` (lib/chat/conversation) on both sides.
 */

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

/** A write the app refuses because what it would store could not be imported again. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
  constructor(
    readonly field: LimitField,
    message: string,
  ) {
    super(message);
  }
}

export function checkText(text: string, what = 'The message'): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new LimitError('text', `${what} is too long (${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEXT_LENGTH.toLocaleString('en-US')}).`);
  }
}

export function checkId(id: string, what = 'id'): void {
  if (!isValidId(id)) throw new LimitError('id', `The ${what} must be 1 to ${MAX_ID_LENGTH} characters long.`);
}

export function checkTime(time: number, what = 'time'): void {
  if (!isValidTime(time)) throw new LimitError('time', `The ${what} ${String(time)} is not a valid time.`);
}
