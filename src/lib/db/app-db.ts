/**
 * The app's IndexedDB database. This folder is the only place that imports Dexie. Each schema change is a
 * new version with an upgrade path; never edit a published version.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { ModelDescriptor } from '../models/model-descriptor';

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

export interface CustomModelRow extends ModelDescriptor {
  readonly addedAt: number;
}

export const DB_NAME = 'private-chat';

export type AppDB = Dexie & {
  settings: EntityTable<SettingRow, 'key'>;
  customModels: EntityTable<CustomModelRow, 'id'>;
};

export function openAppDb(name = DB_NAME): AppDB {
  const db = new Dexie(name) as AppDB;
  db.version(1).stores({
    settings: 'key',
    customModels: 'id, addedAt',
  });
  return db;
}
