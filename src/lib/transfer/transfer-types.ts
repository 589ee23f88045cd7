/** What an import reads, reports and returns. (A conversation with its tree is lib/chat's ConversationBundle.) */
import type { ConversationBundle } from '../chat/conversation';
import { englishText, type KeysOf, type Text } from '../i18n/text';

/**
 * Everything an import left out or changed, each under its own name, so the summary can say what happened.
 * Every count is a number of items (messages, parts, conversations, ids or times), never bytes.
 */
export interface ImportReport {
  /** ChatGPT: assistant messages addressed to a tool (code runs, searches, image requests) and tool outputs. */
  readonly toolMessages: number;
  /** Image parts; each left a visible "[image omitted]" where it stood. */
  readonly images: number;
  /** Audio and video parts; each left "[audio omitted]" or "[video omitted]". */
  readonly otherMedia: number;
  /** Thinking summaries and reasoning recaps. */
  readonly reasoning: number;
  /** System messages with text: custom instructions, memory, system prompts. Empty scaffolding is not counted. */
  readonly systemMessages: number;
  /** Messages ChatGPT itself hid from the conversation that still had text. */
  readonly hiddenMessages: number;
  /** Content of a kind the importer does not know (new ChatGPT content types, unknown roles, odd parts). */
  readonly unknownContent: number;
  /** Texts over MAX_TEXT_LENGTH, cut to it. */
  readonly shortened: number;
  /** ChatGPT: a conversation id seen again in the same file; only the first copy is imported. */
  readonly duplicateConversations: number;
  /** ChatGPT: entries of the list that are not conversations. */
  readonly notConversations: number;
  /** ChatGPT: conversations with no message left to import. */
  readonly emptyConversations: number;
  /**
   * Times present but unusable (negative, beyond MAX_TIME, not a number; in the app's own format also null or
   * missing), replaced by the previous message's or the conversation's. A ChatGPT node without a time is not counted.
   */
  readonly invalidTimes: number;
  /** Ids over MAX_ID_LENGTH, replaced by a shorter id derived from the whole id (the same on every import). */
  readonly remappedIds: number;
  /** ChatGPT: loops in the parent links, cut so every message is reachable from a root. */
  readonly loopsCut: number;
}

export interface ImportResult {
  readonly format: 'private-chat' | 'chatgpt';
  readonly bundles: readonly ConversationBundle[];
  readonly report: ImportReport;
}

/** What the repository did with the bundles (ConversationsRepo.importBundles). */
export interface ImportWritten {
  readonly added: number;
  /** Conversations whose id was already here: left exactly as they are. */
  readonly existing: number;
  /** Messages of added conversations whose id was already taken, stored under a fresh id. */
  readonly remappedMessageIds: number;
}

export interface ImportProgress {
  readonly phase: 'parsing' | 'converting';
  /** Conversations converted so far, of `total` (both 0 while parsing). */
  readonly done: number;
  readonly total: number;
}

/** The parser's own work, counted for tests that check it stays linear in the size of the file. */
export interface ImportWork {
  /** Nodes in all ChatGPT mappings. */
  nodes: number;
  /** Steps taken along parent links (bridging skipped nodes, finding loops). */
  parentSteps: number;
}

export interface ImportOptions {
  /** The time given to conversations that have none (ms). */
  readonly now?: number;
  /** Called about every 1% of conversations (and at least every 200), never per message. */
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly work?: ImportWork;
}

/** Why a file cannot be imported: `text` for the UI, its English as the message. */
export type ImportErrorText = Text<KeysOf<'errors.import.'>>;

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(readonly text: ImportErrorText) {
    super(englishText(text));
  }
}

/** Files above this are refused before parsing: a browser tab cannot hold much more as a JS string safely. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
