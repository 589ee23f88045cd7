/**
 * Unsent composer text per conversation, kept across reloads. The text on screen changes at once and is
 * written at once, one write at a time: keystrokes typed while a write is running are coalesced into the next
 * one. (A write started while the page unloads is not reliably committed, so waiting for typing to pause
 * would lose the last words of a quick reload.) Drafts are a convenience: a failed write keeps the text on
 * screen and is not reported as a problem with the history.
 */
import { NEW_CHAT_DRAFT, type DraftsRepo } from '../lib/db/drafts.repo';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';

export class DraftsState {
  readonly #repo: DraftsRepo;
  #texts = $state.raw<ReadonlyMap<string, string>>(new Map());
  readonly #pending = new Map<string, string>();
  #writing: Promise<void> | null = null;

  constructor(repo: DraftsRepo) {
    this.#repo = repo;
  }

  async init(): Promise<void> {
    try {
      await this.#repo.pruneOrphans();
      const stored = await this.#repo.all();
      // Typing that happened while reading wins over what was stored.
      this.#texts = new Map([...stored, ...this.#texts]);
    } catch (err) {
      console.warn('Drafts could not be read', err);
    }
  }

  /** The draft of a conversation (null: the chat not started yet). */
  get(conversationId: string | null): string {
    return this.#texts.get(conversationId ?? NEW_CHAT_DRAFT) ?? '';
  }

  set(conversationId: string | null, text: string): void {
    const key = conversationId ?? NEW_CHAT_DRAFT;
    if ((this.#texts.get(key) ?? '') === text) return;
    const next = new Map(this.#texts);
    if (text) next.set(key, text);
    else next.delete(key);
    this.#texts = next;
    // Text too long to send is too long to keep: the last draft that fitted stays stored.
    if (text.length > MAX_TEXT_LENGTH) return;
    this.#pending.set(key, text);
    void this.flush();
  }

  /** Resolves when every draft set so far is written. */
  flush(): Promise<void> {
    this.#writing ??= this.#drain().finally(() => (this.#writing = null));
    return this.#writing;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const writes = [...this.#pending];
      this.#pending.clear();
      await Promise.all(
        writes.map(([key, text]) => this.#repo.put(key, text).catch((err: unknown) => console.warn('A draft could not be saved', err))),
      );
    }
  }
}
