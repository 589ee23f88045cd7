/** One conversation with its whole message tree, as exported and imported. */
import type { ChatMessage } from '../chat/chat-types';
import type { Conversation } from '../chat/conversation';

export interface ConversationBundle {
  readonly conversation: Conversation;
  readonly messages: readonly ChatMessage[];
}

export interface ImportResult {
  readonly format: 'private-chat' | 'chatgpt';
  readonly bundles: readonly ConversationBundle[];
  /** Things left out on purpose (tool calls, hidden system scaffolding, images), counted for the message. */
  readonly skipped: number;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** Files above this are refused before parsing: a browser tab cannot hold much more as a JS string safely. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
