/**
 * The import summary shown to the person: one sentence per thing that happened, only those that did. Returned as
 * texts (keys and counts of the sidebar.import.* messages), so the UI says them in its language.
 */
import type { KeysOf, Text } from '../i18n/text';
import { MAX_TEXT_LENGTH } from './limits';
import type { ImportReport, ImportResult, ImportWritten } from './transfer-types';

export type ImportLine = Text<KeysOf<'sidebar.import.'>>;

type Sentence = (count: number) => ImportLine;

/** In the order they are shown: what was left out first, then what was changed. */
const SENTENCES: ReadonlyArray<readonly [keyof ImportReport, Sentence]> = [
  ['duplicateConversations', (count) => ({ key: 'sidebar.import.duplicateConversations', params: { count } })],
  ['notConversations', (count) => ({ key: 'sidebar.import.notConversations', params: { count } })],
  ['emptyConversations', (count) => ({ key: 'sidebar.import.emptyConversations', params: { count } })],
  ['toolMessages', (count) => ({ key: 'sidebar.import.toolMessages', params: { count } })],
  ['images', (count) => ({ key: 'sidebar.import.images', params: { count } })],
  ['otherMedia', (count) => ({ key: 'sidebar.import.otherMedia', params: { count } })],
  ['reasoning', (count) => ({ key: 'sidebar.import.reasoning', params: { count } })],
  ['systemMessages', (count) => ({ key: 'sidebar.import.systemMessages', params: { count } })],
  ['hiddenMessages', (count) => ({ key: 'sidebar.import.hiddenMessages', params: { count } })],
  ['unknownContent', (count) => ({ key: 'sidebar.import.unknownContent', params: { count } })],
  ['shortened', (count) => ({ key: 'sidebar.import.shortened', params: { count, limit: MAX_TEXT_LENGTH } })],
  ['invalidTimes', (count) => ({ key: 'sidebar.import.invalidTimes', params: { count } })],
  ['remappedIds', (count) => ({ key: 'sidebar.import.remappedIds', params: { count } })],
  ['loopsCut', (count) => ({ key: 'sidebar.import.loopsCut', params: { count } })],
];

export function describeImport(result: Pick<ImportResult, 'format' | 'report'>, written: ImportWritten): ImportLine[] {
  const out: ImportLine[] = [{ key: result.format === 'chatgpt' ? 'sidebar.import.addedChatGpt' : 'sidebar.import.added', params: { count: written.added } }];
  if (written.existing) out.push({ key: 'sidebar.import.existing', params: { count: written.existing } });
  if (written.remappedMessageIds) out.push({ key: 'sidebar.import.remappedMessageIds', params: { count: written.remappedMessageIds } });
  for (const [key, sentence] of SENTENCES) if (result.report[key] > 0) out.push(sentence(result.report[key]));
  return out;
}
