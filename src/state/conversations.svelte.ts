/**
 * The conversation list (live from IndexedDB, so every tab sees the same), search over the whole history,
 * rename, pin, and delete with undo.
 */
import { groupByRecency, type Conversation } from '../lib/chat/conversation';
import type { ConversationsRepo, SearchHit } from '../lib/db/conversations.repo';
import { observe } from '../lib/db/live';
import { exportFileName, exportJson, exportMarkdown } from '../lib/transfer/export';
import type { ImportFile, ImportOutcome, ImportStep } from '../bridge/import-client';
import { LimitError } from '../lib/transfer/limits';
import type { KeysOf, Text, TextParam } from '../lib/i18n/text';
import type { ChatSession } from './chat.svelte';
import type { ConversationBundle } from '../lib/chat/conversation';

export type { ImportOutcome, ImportStep };

/** What went wrong with the list, for the sidebar to say in its language. */
export type ConversationsError = Text<KeysOf<'sidebar.error.'>>;

/** A failure's reason: what the app refused to store, in words it can translate, else the raw error. */
const reasonOf = (err: unknown): TextParam => (err instanceof LimitError ? err.text : String(err));

export interface ExportFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

const UNDO_MS = 10_000;
/** Conversations read and rendered at a time: a history of thousands must not freeze the page. */
const LIST_PAGE = 100;
const SEARCH_DEBOUNCE_MS = 120;

export class ConversationsState {
  readonly #repo: ConversationsRepo;
  readonly #chat: ChatSession;
  #list = $state.raw<Conversation[]>([]);
  #limit = LIST_PAGE;
  #hidden = $state(0);
  #ready = $state(false);
  #now = $state(Date.now());
  #query = $state('');
  #results = $state.raw<SearchHit[] | null>(null);
  #searching = $state(false);
  #deleted = $state.raw<ConversationBundle | null>(null);
  #error = $state.raw<ConversationsError | null>(null);
  #undoTimer: ReturnType<typeof setTimeout> | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #searchRun = 0;
  #unobserve: (() => void) | null = null;
  readonly #importFile: ImportFile;
  #importing = $state.raw<ImportStep | null>(null);

  readonly groups = $derived(groupByRecency(this.#list, this.#now));

  constructor(repo: ConversationsRepo, chat: ChatSession, importFile: ImportFile) {
    this.#repo = repo;
    this.#chat = chat;
    this.#importFile = importFile;
  }

  /** Pinned conversations and the newest others, a page at a time (see `showMore`). */
  get list(): Conversation[] {
    return this.#list;
  }
  /** Older conversations not read yet. */
  get hidden(): number {
    return this.#hidden;
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
  get deleted(): ConversationBundle | null {
    return this.#deleted;
  }
  get error(): ConversationsError | null {
    return this.#error;
  }
  /** The import in progress (its current step), or null. */
  get importing(): ImportStep | null {
    return this.#importing;
  }

  init(): void {
    if (!this.#unobserve) this.#observeList();
  }

  /** The next page of older conversations (the sidebar asks when its end scrolls into view). */
  showMore(): void {
    if (this.#hidden === 0) return;
    this.#limit += LIST_PAGE;
    this.#observeList();
  }

  #observeList(): void {
    this.#unobserve?.();
    const limit = this.#limit;
    this.#unobserve = observe(
      () => this.#repo.listPage(limit),
      ({ conversations, total }) => {
        this.#list = conversations;
        this.#hidden = Math.max(0, total - conversations.length);
        this.#now = Date.now();
        this.#ready = true;
        if (this.#query) this.#scheduleSearch();
      },
      (err) => (this.#error = { key: 'sidebar.error.list', params: { reason: reasonOf(err) } }),
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
      if (run === this.#searchRun) this.#error = { key: 'sidebar.error.search', params: { reason: reasonOf(err) } };
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

  /** Every conversation, every branch, as the app's versioned JSON; null (with `error` set) if reading failed. */
  async exportAll(): Promise<ExportFile | null> {
    return this.#guard(async () => {
      const bundles = await this.#repo.allBundles();
      const date = new Date().toISOString().slice(0, 10);
      return { name: `private-chat-${date}.json`, type: 'application/json', text: exportJson(bundles) };
    }, 'sidebar.error.export');
  }

  async exportOne(id: string, format: 'json' | 'md'): Promise<ExportFile | null> {
    return this.#guard(async () => {
      const bundle = await this.#repo.bundle(id);
      if (!bundle) return null;
      return format === 'json'
        ? { name: exportFileName(bundle.conversation.title, 'json'), type: 'application/json', text: exportJson([bundle]) }
        : { name: exportFileName(bundle.conversation.title, 'md'), type: 'text/markdown', text: exportMarkdown(bundle) };
    }, 'sidebar.error.export');
  }

  /**
   * Reads, validates and adds a file in the import worker (the page stays responsive, whatever its size);
   * nothing is written unless the whole file is valid.
   */
  async importFile(file: Blob): Promise<ImportOutcome> {
    this.#importing = { phase: 'reading' };
    try {
      return await this.#importFile(file, (step) => (this.#importing = step));
    } catch (err) {
      return { ok: false, error: { key: 'errors.import.failed', params: { reason: String(err) } } };
    } finally {
      this.#importing = null;
    }
  }

  /** Runs a step whose failure is shown in `error` (as `key` says) instead of rejecting; null when it failed. */
  async #guard<T>(run: () => Promise<T>, key: 'sidebar.error.export' | 'sidebar.error.other' = 'sidebar.error.other'): Promise<T | null> {
    try {
      return await run();
    } catch (err) {
      this.#error = { key, params: { reason: reasonOf(err) } };
      return null;
    }
  }
}
