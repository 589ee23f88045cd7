/** The import summary shown to the person: one sentence per thing that happened, only those that did. */
import { MAX_TEXT_LENGTH } from './limits';
import type { ImportReport, ImportResult, ImportWritten } from './transfer-types';

const n = (count: number) => count.toLocaleString('en-US');

/** "1 image" / "4 images", with the verb that agrees. */
const of = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

type Sentence = (count: number) => string;

/** In the order they are shown: what was left out first, then what was changed. */
const SENTENCES: ReadonlyArray<readonly [keyof ImportReport, Sentence]> = [
  ['duplicateConversations', (c) => (c === 1 ? '1 conversation appeared twice in the file; the second copy was skipped.' : `${n(c)} conversations appeared more than once in the file; only the first copy of each was imported.`)],
  ['notConversations', (c) => `${of(c, 'entry in the file was not a conversation and was', 'entries in the file were not conversations and were')} skipped.`],
  ['emptyConversations', (c) => `${of(c, 'conversation had', 'conversations had')} no messages to import and ${c === 1 ? 'was' : 'were'} skipped.`],
  ['toolMessages', (c) => `${of(c, 'tool call or tool output', 'tool calls and tool outputs')} left out.`],
  ['images', (c) => `${of(c, 'image', 'images')} left out (shown as [image omitted]).`],
  ['otherMedia', (c) => `${of(c, 'audio or video clip', 'audio and video clips')} left out (shown as [audio omitted] or [video omitted]).`],
  ['reasoning', (c) => `${of(c, 'reasoning summary', 'reasoning summaries')} left out.`],
  ['systemMessages', (c) => `${of(c, 'system message', 'system messages')} (custom instructions, memory) left out.`],
  ['hiddenMessages', (c) => `${of(c, 'hidden message', 'hidden messages')} left out.`],
  ['unknownContent', (c) => `${of(c, 'item of an unknown kind', 'items of unknown kinds')} left out.`],
  ['shortened', (c) => `${of(c, 'message was', 'messages were')} longer than ${n(MAX_TEXT_LENGTH)} characters and ${c === 1 ? 'was' : 'were'} shortened.`],
  ['invalidTimes', (c) => `${of(c, 'time was invalid and was', 'times were invalid and were')} replaced.`],
  ['remappedIds', (c) => `${of(c, 'id was', 'ids were')} too long and ${c === 1 ? 'was' : 'were'} replaced by ${c === 1 ? 'a shorter one' : 'shorter ones'}.`],
  ['loopsCut', (c) => `${of(c, 'loop', 'loops')} in the links between messages ${c === 1 ? 'was' : 'were'} cut.`],
];

export function describeImport(result: Pick<ImportResult, 'format' | 'report'>, written: ImportWritten): string[] {
  const source = result.format === 'chatgpt' ? 'ChatGPT export' : 'export';
  const out = [`Imported ${of(written.added, 'conversation', 'conversations')} from the ${source}.`];
  if (written.existing) out.push(`${n(written.existing)} ${written.existing === 1 ? 'was' : 'were'} already here and left as ${written.existing === 1 ? 'it is' : 'they are'}.`);
  if (written.remappedMessageIds) {
    out.push(`${of(written.remappedMessageIds, 'message had an id', 'messages had ids')} already in use and ${written.remappedMessageIds === 1 ? 'was given a new one' : 'were given new ones'}.`);
  }
  for (const [key, sentence] of SENTENCES) if (result.report[key] > 0) out.push(sentence(result.report[key]));
  return out;
}
