/** The conversation list: search, rename, pin, delete, export and import. */
import type { Catalog } from '../translate';

export const en = {
  'sidebar.label': 'Conversations',
  'sidebar.search': 'Search all conversations',
  'sidebar.deleted': 'Deleted “{title}”.',
  'sidebar.undo': 'Undo',
  'sidebar.results': 'Search results',
  'sidebar.noMatch': 'Nothing matches “{query}”.',
  'sidebar.empty': 'Your conversations will appear here. They are stored only in this browser.',
  'sidebar.more': 'Show more ({count} older)',

  // Headings of the list, by when a conversation last changed (lib/chat/conversation.ts groupByRecency).
  'sidebar.group.pinned': 'Pinned',
  'sidebar.group.today': 'Today',
  'sidebar.group.yesterday': 'Yesterday',
  'sidebar.group.week': 'Previous 7 days',
  'sidebar.group.month': 'Previous 30 days',
  'sidebar.group.older': 'Older',

  // One conversation.
  'sidebar.item.titleLabel': 'Conversation title',
  'sidebar.item.pinned': 'Pinned',
  'sidebar.item.rename': 'Rename {title}',
  'sidebar.item.pin': 'Pin {title}',
  'sidebar.item.unpin': 'Unpin {title}',
  'sidebar.item.delete': 'Delete {title}',

  // Whether the browser keeps conversations and models.
  'sidebar.storage.kept': "Kept on this device: the browser won't clear your conversations or models on its own.",
  'sidebar.storage.declined':
    'The browser may clear conversations and models when space runs low (it declined to keep them; installing the app usually changes that).',
  'sidebar.storage.mayClear': 'The browser may clear conversations and models when space runs low.',
  'sidebar.storage.ask': 'Ask to keep them',

  // Export and import.
  'sidebar.exportAll': 'Export all',
  'sidebar.import': 'Import…',
  'sidebar.importing': 'Importing…',
  'sidebar.importOk': 'OK',
  'sidebar.progress.reading': 'Reading the file…',
  'sidebar.progress.parsing': 'Checking the file…',
  'sidebar.progress.converting': 'Checking {done} / {total} conversations…',
  'sidebar.progress.writing': 'Saving {conversations} conversations…',

  // What went wrong with the list (ConversationsState).
  'sidebar.error.list': 'The conversation list could not be read: {reason}',
  'sidebar.error.search': 'Search failed: {reason}',
  'sidebar.error.export': 'The export failed: {reason}',
  'sidebar.error.other': '{reason}',

  // The import summary (lib/transfer/describe-import.ts): what was imported, left out and changed.
  'sidebar.import.added': { one: 'Imported {count} conversation from the export.', other: 'Imported {count} conversations from the export.' },
  'sidebar.import.addedChatGpt': {
    one: 'Imported {count} conversation from the ChatGPT export.',
    other: 'Imported {count} conversations from the ChatGPT export.',
  },
  'sidebar.import.existing': { one: '{count} was already here and left as it is.', other: '{count} were already here and left as they are.' },
  'sidebar.import.remappedMessageIds': {
    one: '{count} message had an id already in use and was given a new one.',
    other: '{count} messages had ids already in use and were given new ones.',
  },
  'sidebar.import.duplicateConversations': {
    one: '{count} conversation appeared twice in the file; the second copy was skipped.',
    other: '{count} conversations appeared more than once in the file; only the first copy of each was imported.',
  },
  'sidebar.import.notConversations': {
    one: '{count} entry in the file was not a conversation and was skipped.',
    other: '{count} entries in the file were not conversations and were skipped.',
  },
  'sidebar.import.emptyConversations': {
    one: '{count} conversation had no messages to import and was skipped.',
    other: '{count} conversations had no messages to import and were skipped.',
  },
  'sidebar.import.toolMessages': { one: '{count} tool call or tool output left out.', other: '{count} tool calls and tool outputs left out.' },
  'sidebar.import.images': { one: '{count} image left out (shown as [image omitted]).', other: '{count} images left out (shown as [image omitted]).' },
  'sidebar.import.otherMedia': {
    one: '{count} audio or video clip left out (shown as [audio omitted] or [video omitted]).',
    other: '{count} audio and video clips left out (shown as [audio omitted] or [video omitted]).',
  },
  'sidebar.import.reasoning': { one: '{count} reasoning summary left out.', other: '{count} reasoning summaries left out.' },
  'sidebar.import.systemMessages': {
    one: '{count} system message (custom instructions, memory) left out.',
    other: '{count} system messages (custom instructions, memory) left out.',
  },
  'sidebar.import.hiddenMessages': { one: '{count} hidden message left out.', other: '{count} hidden messages left out.' },
  'sidebar.import.unknownContent': { one: '{count} item of an unknown kind left out.', other: '{count} items of unknown kinds left out.' },
  'sidebar.import.shortened': {
    one: '{count} message was longer than {limit} characters and was shortened.',
    other: '{count} messages were longer than {limit} characters and were shortened.',
  },
  'sidebar.import.invalidTimes': { one: '{count} time was invalid and was replaced.', other: '{count} times were invalid and were replaced.' },
  'sidebar.import.remappedIds': {
    one: '{count} id was too long and was replaced by a shorter one.',
    other: '{count} ids were too long and were replaced by shorter ones.',
  },
  'sidebar.import.loopsCut': { one: '{count} loop in the links between messages was cut.', other: '{count} loops in the links between messages were cut.' },
} as const satisfies Catalog;
