/**
 * Another tab opened this database with a newer schema (a newer version of the app), or deleted it. This tab's
 * connection then closes for good (openAppDb), so the other tab's upgrade is not blocked waiting for this one; from
 * then on this tab's reads and writes fail (DatabaseClosedError) instead of writing rows in an older shape. The listener hears about it first, with
 * the new schema version (null when the database is being deleted), so the page can say why and offer a reload.
 */
import type { AppDB } from './app-db';

/** Dexie stores version n as IndexedDB version n × 10. */
const DEXIE_VERSION_FACTOR = 10;

export function onChangedElsewhere(db: AppDB, listener: (newVersion: number | null) => void): () => void {
  const handler = (event: IDBVersionChangeEvent): void => {
    listener(event.newVersion === null || event.newVersion === 0 ? null : event.newVersion / DEXIE_VERSION_FACTOR);
  };
  db.on('versionchange', handler);
  return () => db.on('versionchange').unsubscribe(handler);
}
