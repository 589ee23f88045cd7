/**
 * What the person chose for the open conversation beyond its messages: the system prompt, focus mode,
 * follow-up rewriting, a fresh context's start, the running summary. A new chat keeps its choices in memory
 * until it is stored (they are stored with it); a stored one shows a change at once (ConversationView's
 * overlay) and writes it, kept on screen if the write fails.
 */
import { sanitizeFocus, type ConversationOptions, type FocusMode } from '../../lib/chat/conversation';
import type { ConversationsRepo } from '../../lib/db/conversations.repo';
import { SUMMARY_MAX_CHARS } from '../../lib/chat/running-summary';
import { MAX_TEXT_LENGTH } from '../../lib/transfer/limits';
import type { ConversationView } from './conversation-view.svelte';

export interface OptionsReports {
  /** A write failed (the change stays in force on screen). */
  readonly storageFailed: (err: unknown) => void;
  /** A text was refused: over its limit (characters). */
  readonly refused: (problem: { readonly kind: 'system-prompt-too-long' | 'summary-too-long'; readonly length: number; readonly limit: number }) => void;
}

export class ConversationOptionsState {
  readonly #view: ConversationView;
  readonly #repo: ConversationsRepo;
  readonly #reports: OptionsReports;
  /** Options chosen for a new chat before it is stored; stored with it. */
  #newChat = $state.raw<ConversationOptions>({});

  constructor(view: ConversationView, repo: ConversationsRepo, reports: OptionsReports) {
    this.#view = view;
    this.#repo = repo;
    this.#reports = reports;
  }

  /** The open conversation's options (of a new chat: the ones it will be stored with). */
  get current(): ConversationOptions | null {
    return this.#view.id === null ? this.#newChat : this.#view.conversation;
  }
  get systemPrompt(): string {
    return this.current?.systemPrompt ?? '';
  }
  get focus(): FocusMode {
    return sanitizeFocus(this.current?.focus);
  }
  get rewriteFollowUps(): boolean {
    return this.current?.rewriteFollowUps === true;
  }
  get contextStartId(): string | null {
    return this.current?.contextStartId ?? null;
  }
  get summarize(): boolean {
    return this.current?.summarize === true;
  }

  /** What a new chat is created with; another conversation shown forgets them. */
  takeNewChat(): ConversationOptions {
    const options = this.#newChat;
    this.#newChat = {};
    return options;
  }
  forgetNewChat(): void {
    this.#newChat = {};
  }

  setSystemPrompt(text: string): Promise<void> {
    if (text.length > MAX_TEXT_LENGTH) {
      this.#reports.refused({ kind: 'system-prompt-too-long', length: text.length, limit: MAX_TEXT_LENGTH });
      return Promise.resolve();
    }
    return this.set({ systemPrompt: text });
  }

  setFocus(focus: FocusMode): Promise<void> {
    return this.set({ focus: sanitizeFocus(focus) });
  }

  setRewriteFollowUps(on: boolean): Promise<void> {
    return this.set({ rewriteFollowUps: on });
  }

  setSummarize(on: boolean): Promise<void> {
    return this.set({ summarize: on });
  }

  /** The person's own running summary: sent from the next request on (empty: cleared). */
  editSummary(text: string): Promise<void> {
    const summary = this.current?.summary;
    const content = text.trim();
    if (!summary) return Promise.resolve();
    if (content.length > SUMMARY_MAX_CHARS) {
      this.#reports.refused({ kind: 'summary-too-long', length: content.length, limit: SUMMARY_MAX_CHARS });
      return Promise.resolve();
    }
    return this.set({ summary: { text: content, throughId: summary.throughId, edited: true } });
  }

  /** A fresh context from this question on (null: the whole history again). */
  setContextStart(questionId: string | null): Promise<void> {
    return this.set({ contextStartId: questionId });
  }

  /** Changes options of the open conversation (of the new chat: stored with it when it is created). */
  async set(choice: ConversationOptions): Promise<void> {
    const id = this.#view.id;
    // Another focus or context start plans the context afresh: the policy's boundary only ever moves forward.
    const options: ConversationOptions = 'focus' in choice || 'contextStartId' in choice ? { ...choice, contextBoundaryId: null } : choice;
    if (id === null) {
      this.#newChat = { ...this.#newChat, ...options };
      return;
    }
    await this.store(id, options);
  }

  /** Shows options of a stored (or unsaved) conversation at once and stores them; kept on screen if that fails. */
  async store(id: string, options: ConversationOptions): Promise<void> {
    this.#view.patch(id, options);
    if (this.#view.peekLocal(id)?.row) return; // written with the conversation by Retry saving
    await this.#repo.setOptions(id, options).catch((err) => this.#reports.storageFailed(err));
  }
}
