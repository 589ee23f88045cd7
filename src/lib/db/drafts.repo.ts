/** Unsent composer text, one row per conversation; an empty draft is no row. */
import type { AppDB } from './app-db';

/** The key of the draft typed before a conversation exists. */
export const NEW_CHAT_DRAFT = 'new';

export class DraftsRepo {
  readonly #db: AppDB;

  constructor(db: AppDB) {
    this.#db = db;
  }

  /** Every stored draft, by key. */
  async all(): Promise<Map<string, string>> {
    const rows = await this.#db.drafts.toArray();
    return new Map(rows.map((row) => [row.key, row.text]));
  }

  async put(key: string, text: string): Promise<void> {
    if (text.length === 0) await this.#db.drafts.delete(key);
    else await this.#db.drafts.put({ key, text, updatedAt: Date.now() });
  }

  /**
   * Drops drafts whose conversation is gone. Deleting a conversation leaves its draft (so Undo brings both
   * back); this sweeps them on the next start.
   */
  async pruneOrphans(): Promise<number> {
    return this.#db.transaction('rw', this.#db.drafts, this.#db.conversations, async () => {
      const keys = (await this.#db.drafts.toCollection().primaryKeys()).filter((key) => key !== NEW_CHAT_DRAFT);
      const found = await this.#db.conversations.bulkGet(keys);
      const orphans = keys.filter((_, i) => found[i] === undefined);
      await this.#db.drafts.bulkDelete(orphans);
      return orphans.length;
    });
  }
}
