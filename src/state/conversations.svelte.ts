/**
 * The conversation list (live from IndexedDB, so every tab sees the same), search over the whole history,
 * rename, pin, and delete with undo.
 */
import { groupByRecency, type Conversation } from '../lib/chat/conversation';
import type { ConversationsRepo, DeletedConversation, SearchHit } from '../lib/db/conversations.repo';
import { observe } from '../lib/db/live';
import type { ChatSession } from './chat.svelte';

const UNDO_MS = 10_000;
const SEARCH_DEBOUNCE_MS = 120;

export class ConversationsState {
  readonly #repo: ConversationsRepo;
  readonly #chat: ChatSession;
  #list = $state.raw<Conversation[]>([]);
  #ready = $state(false);
  #now = $state(Date.now());
  #query = $state('');
  #results = $state.raw<SearchHit[] | null>(null);
  #searching = $state(false);
  #deleted = $state.raw<DeletedConversation | null>(null);
  #error = $state<string | null>(null);
  #undoTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #searchRun = 0;
  #unobserve: (() => void) | null = null;

  readonly groups = $derived(groupByRecency(this.#list, this.#now));

  constructor(repo: ConversationsRepo, chat: ChatSession) {
    this.#repo = repo;
    this.#chat = chat;
  }

  get list(): Conversation[] {
    return this.#list;
  }
  get ready(): boolean {
    return this.#ready;
  }
  get query(): string {
    return this.#query;
  }
  /** null when no search is active. */
  get results(): SearchHit[] | null {
    return this.#results;
  }
  get searching(): boolean {
    return this.#searching;
  }
  /** The conversation just deleted, while it can still be undone. */
  get deleted(): DeletedConversation | null {
    return this.#deleted;
  }
  get error(): string | null {
    return this.#error;
  }

  init(): void {
    this.#unobserve ??= observe(
      () => this.#repo.list(),
      (list) => {
        this.#list = list;
        this.#now = Date.now();
        this.#ready = true;
        if (this.#query) this.#scheduleSearch();
      },
      (err) => (this.#error = `The conversation list could not be read: ${String(err)}`),
    );
  }

  search(query: string): void {
    this.#query = query;
    this.#scheduleSearch();
  }

  #scheduleSearch(): void {
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    if (!this.#query.trim()) {
      this.#results = null;
      this.#searching = false;
      return;
    }
    this.#searching = true;
    this.#searchTimer = setTimeout(() => void this.#runSearch(), SEARCH_DEBOUNCE_MS);
  }

  async #runSearch(): Promise<void> {
    const run = ++this.#searchRun;
    const query = this.#query;
    try {
      const results = await this.#repo.search(query);
      if (run === this.#searchRun) this.#results = results;
    } catch (err) {
      if (run === this.#searchRun) this.#error = `Search failed: ${String(err)}`;
    } finally {
      if (run === this.#searchRun) this.#searching = false;
    }
  }

  async rename(id: string, title: string): Promise<void> {
    await this.#guard(() => this.#repo.rename(id, title));
  }

  async togglePin(conversation: Conversation): Promise<void> {
    await this.#guard(() => this.#repo.setPinned(conversation.id, !conversation.pinned));
  }

  async remove(id: string): Promise<void> {
    if (this.#chat.conversationId === id) await this.#chat.newChat();
    await this.#guard(async () => {
      const removed = await this.#repo.remove(id);
      if (!removed) return;
      this.#deleted = removed;
      if (this.#undoTimer) clearTimeout(this.#undoTimer);
      this.#undoTimer = setTimeout(() => (this.#deleted = null), UNDO_MS);
    });
  }

  async undoRemove(): Promise<void> {
    const deleted = this.#deleted;
    if (!deleted) return;
    this.#deleted = null;
    await this.#guard(() => this.#repo.restore([deleted]));
  }

  dismissError(): void {
    this.#error = null;
  }

  async #guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.#error = String(err);
    }
  }
}
