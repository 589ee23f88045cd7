/**
 * The app's IndexedDB database. This folder is the only place that imports Dexie. Each schema change is a
 * new entry in SCHEMA with its upgrade; a published version is never edited (app-db.test.ts opens a
 * database written by each earlier version and checks every record survives).
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { ChatMessage } from '../chat/chat-types';
import type { Conversation } from '../chat/conversation';
import type { ModelDescriptor } from '../models/model-descriptor';

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export interface CustomModelRow extends ModelDescriptor {
  readonly addedAt: number;
}

/** Stored with the words it is found by (multi-entry index, see lib/chat/search.ts). */
export interface ConversationRow extends Conversation {
  readonly titleWords: string[];
}

export interface MessageRow extends ChatMessage {
  readonly words: string[];
}

/** Text typed into the composer and not sent yet, per conversation (`key`: its id, or NEW_CHAT_DRAFT). */
export interface DraftRow {
  readonly key: string;
  readonly text: string;
  readonly updatedAt: number;
}

export const DB_NAME = 'private-chat';

export type AppDB = Dexie & {
  settings: EntityTable<SettingRow, 'key'>;
  customModels: EntityTable<CustomModelRow, 'id'>;
  conversations: EntityTable<ConversationRow, 'id'>;
  messages: EntityTable<MessageRow, 'id'>;
  drafts: EntityTable<DraftRow, 'key'>;
};

interface SchemaVersion {
  readonly version: number;
  readonly stores: Record<string, string | null>;
  readonly upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const SCHEMA: readonly SchemaVersion[] = [
  { version: 1, stores: { settings: 'key', customModels: 'id, addedAt' } },
  {
    // Conversations and their message trees. Nothing to migrate: v1 kept conversations in memory only.
    version: 2,
    stores: {
      conversations: 'id, updatedAt, pinned, *titleWords',
      messages: 'id, conversationId, status, *words',
    },
  },
  // Unsent composer text survives a reload. Nothing to migrate: v2 kept it in memory only.
  { version: 3, stores: { drafts: 'key' } },
];

export const LATEST_VERSION = SCHEMA[SCHEMA.length - 1]?.version ?? 1;

/** Opens the database at `upTo` (the latest unless a test asks for an older schema). */
export function openAppDb(name = DB_NAME, upTo = LATEST_VERSION): AppDB {
  const db = new Dexie(name) as AppDB;
  for (const step of SCHEMA) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
  // Another tab opened a newer schema (or deleted the database): close for good. Dexie 4 would otherwise reopen on
  // the next query, at the newer version, and this tab's older code would write rows in its older shapes. Returning
  // false keeps Dexie's own handler (which closes with auto-reopen) from running after this one.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    return false;
  });
  return db;
}
