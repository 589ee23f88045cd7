/**
 * The reply being written, as this tab sees it: its text reaches the screen once per animation frame however
 * fast tokens come, and the database at most every 250 ms and when it ends, so a closed tab or a crash loses
 * at most the last interval. While it is written, a Web Lock named after it is held: another tab (or the next
 * start) that finds a reply left "streaming" with no lock held knows it was cut off, and shows it interrupted.
 */
import type { ConversationsRepo } from '../../lib/db/conversations.repo';

const DRAFT_WRITE_MS = 250;
const replyLock = (id: string) => `private-chat:reply:${id}`;

export class ReplyStream {
  readonly #repo: ConversationsRepo;
  /** What is on screen of the reply in progress, ahead of the database. */
  #draft = $state<{ id: string; content: string } | null>(null);
  /** Replies left streaming by a tab that is gone: shown as interrupted even if marking them fails. */
  #orphans = $state.raw<ReadonlySet<string>>(new Set());
  #pending = '';
  #frame: number | null = null;

  constructor(repo: ConversationsRepo) {
    this.#repo = repo;
  }

  get draft(): { readonly id: string; readonly content: string } | null {
    return this.#draft;
  }
  get orphans(): ReadonlySet<string> {
    return this.#orphans;
  }

  /**
   * Streams into reply `id`: `run` gets `push(text)` for the engine's deltas and may call `ended()` once the
   * engine is done (the last text is on screen and no draft write still runs). `isStored` says whether the
   * reply's row exists yet (draft writes wait for it). The Web Lock is held throughout.
   */
  async write(id: string, isStored: () => boolean, run: (push: (text: string) => void, ended: () => Promise<void>) => Promise<void>): Promise<void> {
    this.#draft = { id, content: '' };
    let written = '';
    let writing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      const content = this.#draft?.content ?? '';
      if (content === written || !isStored()) return;
      written = content;
      // A failed draft write is not reported on its own: the final write carries the whole text, and if
      // that fails too, the reply is marked not saved.
      writing = writing.then(() => this.#repo.update(id, { content })).catch(() => undefined);
    }, DRAFT_WRITE_MS);
    const ended = async () => {
      this.#flush();
      clearInterval(timer);
      await writing;
    };
    try {
      await this.#holdLock(id, () => run((text) => this.#queue(text), ended));
    } finally {
      clearInterval(timer);
      if (this.#frame !== null) cancelAnimationFrame(this.#frame);
      this.#frame = null;
      this.#pending = '';
      this.#draft = null;
    }
  }

  /** The text on screen of the reply in progress (what a failure keeps). */
  get content(): string {
    return this.#draft?.content ?? '';
  }

  /** Marks replies of a conversation left "streaming" by a tab that is gone; returns a failure to report, if any. */
  async recoverInterrupted(conversationId: string): Promise<{ ids: string[]; error: unknown } | null> {
    let orphans: string[] = [];
    try {
      const streaming = await this.#repo.streamingIds(conversationId);
      if (streaming.length === 0) return null;
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const held = new Set(((await locks?.query())?.held ?? []).map((lock) => lock.name));
      orphans = streaming.filter((id) => !held.has(replyLock(id)) && id !== this.#draft?.id);
      if (orphans.length === 0) return null;
      this.#orphans = new Set([...this.#orphans, ...orphans]);
      await this.#repo.markInterrupted(orphans);
      return null;
    } catch (error) {
      // Shown as interrupted all the same (and can be regenerated); the caller reports the failure.
      return { ids: orphans, error };
    }
  }

  async #holdLock(id: string, run: () => Promise<void>): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.locks) return run();
    await navigator.locks.request(replyLock(id), run);
  }

  /** Stream text for the reply; it reaches the screen on the next frame. */
  #queue(text: string): void {
    this.#pending += text;
    if (this.#frame === null) this.#frame = requestAnimationFrame(() => this.#flush());
  }

  #flush(): void {
    if (this.#frame !== null) {
      cancelAnimationFrame(this.#frame);
      this.#frame = null;
    }
    if (!this.#pending || !this.#draft) return;
    this.#draft.content += this.#pending;
    this.#pending = '';
  }
}
