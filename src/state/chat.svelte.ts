/**
 * The person's actions on the open conversation: send, stop, regenerate, edit, switch branches, retry saving.
 * What is on screen is the ConversationView (live from IndexedDB, with this tab's own messages laid over it);
 * the reply being written streams through a ReplyStream (frames, timed draft writes, its Web Lock, interrupted
 * replies); the title policy decides when the model names the conversation. What the model is given for a
 * question (the follow-up rewrite, the context plan, the running summary) and the meter come from the
 * ContextPreparer; the conversation's own choices (system prompt, focus, rewriting, summary) from
 * ConversationOptionsState.
 *
 * Storage can fail (a full disk, a broken profile). What is on screen is never dropped because of it: a
 * message whose write failed stays, marked "not saved", with a Retry that writes it (and anything before it
 * that is not saved either). Storage failures never become engine errors, and engine errors never hide text.
 */
import type { ChatMessage, FollowUpRewrite, SamplingParams } from '../lib/chat/chat-types';
import { newConversation, type Conversation, type ConversationSummary, type FocusMode } from '../lib/chat/conversation';
import type { GenerationSettings } from '../lib/chat/generation-settings';
import { parentsFirst } from '../lib/chat/local-messages';
import { historyItems } from '../lib/chat/request';
import { activePath, buildTree, siblingsOf, type MessageTree, type SiblingInfo } from '../lib/chat/tree';
import type { ConversationsRepo, MessagePatch } from '../lib/db/conversations.repo';
import { newId } from '../lib/db/conversations.repo';
import type { SettingsRepo } from '../lib/db/settings.repo';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { mapToAppError, type AppError } from '../lib/inference/app-error';
import { ContextPreparer } from './chat/context-preparer.svelte';
import type { ContextState } from './chat/context-state.svelte';
import { ConversationOptionsState } from './chat/conversation-options.svelte';
import { ConversationView } from './chat/conversation-view.svelte';
import { ReplyStream } from './chat/reply-stream.svelte';
import { modelTitleRequest, titleFrom, wantsModelTitle } from './chat/title-policy';
import type { EngineState } from './engine.svelte';

/** Engine errors after which the model is gone and must be loaded again. */
const ENGINE_GONE = new Set(['device-lost', 'not-loaded', 'engine-unresponsive', 'out-of-memory']);

export interface ChatSessionHooks {
  /** After a conversation is first stored: the app asks the browser to keep its storage (once). */
  readonly onConversationSaved?: () => void;
}

/**
 * What went wrong with the open conversation, as data the UI words (ui/chat/chat-text.ts): storage that
 * refused a write or a read, a text over a limit, a reply that failed outside the engine. `detail` is the raw
 * cause; lengths and limits are characters.
 */
export type ChatProblem =
  | { readonly kind: 'storage-full' }
  /** A write failed for another reason than a full disk: the error as mapped (its raw cause in `detail`). */
  | { readonly kind: 'storage-failed'; readonly error: AppError }
  | { readonly kind: 'restore-failed' | 'read-failed' | 'reply-failed' | 'interrupted-check-failed'; readonly detail: string }
  | { readonly kind: 'message-too-long' | 'system-prompt-too-long' | 'summary-too-long'; readonly length: number; readonly limit: number };

function storageProblem(err: unknown): ChatProblem {
  const error = mapToAppError(err);
  return error.kind === 'storage-full' ? { kind: 'storage-full' } : { kind: 'storage-failed', error };
}

export class ChatSession {
  readonly #engine: EngineState;
  readonly #repo: ConversationsRepo;
  readonly #appSettings: SettingsRepo;
  readonly #sampling: () => SamplingParams;
  /** The reply settings now, stored with a new conversation. */
  readonly #replySettings: () => GenerationSettings | null;
  readonly #hooks: ChatSessionHooks;
  /** What is on screen of the open conversation. */
  readonly #view: ConversationView;
  /** This tab's reply in progress: what is on screen, ahead of the database. */
  readonly #stream: ReplyStream;
  /** The open conversation's system prompt, focus, rewriting, fresh context and running summary. */
  readonly #options: ConversationOptionsState;
  /** What the model is given for a question (rewrite, plan, summary), and the meter. */
  readonly #preparer: ContextPreparer;
  #generating = $state(false);
  #stopping = $state(false);
  #current: Promise<void> | null = null;
  /** Stops the engine work of the reply being written (the reply, then its title request). */
  #abort: AbortController | null = null;
  #error = $state.raw<ChatProblem | null>(null);
  #saving = $state(false);

  /** The branch on screen, root first, with this tab's reply in progress as it streams. */
  readonly messages: ChatMessage[] = $derived.by(() => {
    const path = activePath(this.#view.tree, this.#view.leaf);
    const draft = this.#stream.draft;
    const orphans = this.#stream.orphans;
    return path.map((m) =>
      draft && m.id === draft.id
        ? { ...m, content: draft.content, status: 'streaming' }
        : m.status === 'streaming' && orphans.has(m.id)
          ? { ...m, status: 'interrupted' }
          : m,
    );
  });

  constructor(
    engine: EngineState,
    repo: ConversationsRepo,
    appSettings: SettingsRepo,
    sampling: () => SamplingParams = () => ({}),
    replySettings: () => GenerationSettings | null = () => null,
    hooks: ChatSessionHooks = {},
  ) {
    this.#engine = engine;
    this.#repo = repo;
    this.#appSettings = appSettings;
    this.#sampling = sampling;
    this.#replySettings = replySettings;
    this.#hooks = hooks;
    this.#stream = new ReplyStream(repo);
    this.#view = new ConversationView(repo);
    this.#options = new ConversationOptionsState(this.#view, repo, { storageFailed: (err) => this.#storageFailed(err), refused: (problem) => (this.#error = problem) });
    this.#preparer = new ContextPreparer({
      engine,
      view: this.#view,
      options: this.#options,
      repo,
      sampling,
      storeRewrite: (question, rewrite) => this.#storeRewrite(question, rewrite),
      isFatal: (error) => ENGINE_GONE.has(error.kind),
    });
  }

  get conversationId(): string | null {
    return this.#view.id;
  }
  /** The open conversation as stored (null: a new one, not saved yet). */
  get conversation(): Conversation | null {
    return this.#view.conversation;
  }
  get tree(): MessageTree {
    return this.#view.tree;
  }
  get generating(): boolean {
    return this.#generating;
  }
  get stopping(): boolean {
    return this.#stopping;
  }
  /** A history read or write that failed (e.g. the disk is full), or a refused text; what is on screen is kept. */
  get error(): ChatProblem | null {
    return this.#error;
  }
  /** Messages whose latest text is on screen but not in storage (any conversation). */
  get unsavedCount(): number {
    return this.#view.unsavedIds.size;
  }
  get savingUnsaved(): boolean {
    return this.#saving;
  }

  /** Out-of-context marks and the meter's figures for the open conversation. */
  get context(): ContextState {
    return this.#preparer.context;
  }

  // The open conversation's options (chat/conversation-options.svelte.ts).
  /** Sent first in every request, whatever leaves the context (of a new chat: the one it will be stored with). */
  get systemPrompt(): string {
    return this.#options.systemPrompt;
  }
  /** What of the history the model is given. */
  get focus(): FocusMode {
    return this.#options.focus;
  }
  /** Follow-up questions are rewritten into standalone ones before answering. */
  get rewriteFollowUps(): boolean {
    return this.#options.rewriteFollowUps;
  }
  /** The question a fresh context starts at (null: the whole history). */
  get contextStartId(): string | null {
    return this.#options.contextStartId;
  }
  /** Turns that leave the context are summarized by the model, and the summary is sent in their place. */
  get summarize(): boolean {
    return this.#options.summarize;
  }
  setSystemPrompt(text: string): Promise<void> {
    return this.#options.setSystemPrompt(text);
  }
  setFocus(focus: FocusMode): Promise<void> {
    return this.#options.setFocus(focus);
  }
  setRewriteFollowUps(on: boolean): Promise<void> {
    return this.#options.setRewriteFollowUps(on);
  }
  setSummarize(on: boolean): Promise<void> {
    return this.#options.setSummarize(on);
  }
  /** The person's own running summary: sent from the next request on. */
  editSummary(text: string): Promise<void> {
    return this.#options.editSummary(text);
  }
  /** The model no longer reads the summary; turns that leave from now on start a new one. */
  clearSummary(): Promise<void> {
    return this.#options.editSummary('');
  }
  /** A fresh context from `question` on (older turns are not sent, pins excepted); null: the whole history again. */
  setContextStart(question: ChatMessage | null): Promise<void> {
    if (question && question.role !== 'user') return Promise.resolve();
    return this.#options.setContextStart(question?.id ?? null);
  }

  // The side steps before a reply (chat/context-preparer.svelte.ts).
  /** The question whose standalone form is being written (before its reply starts). */
  get rewritingId(): string | null {
    return this.#preparer.rewritingId;
  }
  /** The running summary the next request of the branch on screen carries (null: none, off, or another branch's). */
  get summary(): ConversationSummary | null {
    return this.#summary;
  }
  readonly #summary: ConversationSummary | null = $derived.by(() => this.#preparer.summaryFor(this.messages));
  /** The model is folding the turns that just left the context into the running summary (before the reply). */
  get summarizing(): boolean {
    const id = this.#preparer.summarizingId;
    return id !== null && id === this.#view.id;
  }
  /**
   * The latest question on screen when the follow-up step found that it does not depend on the history (a
   * new topic), unless a fresh context already starts there: the app offers to start one.
   */
  get topicChange(): ChatMessage | null {
    return this.#topicChange;
  }
  readonly #topicChange: ChatMessage | null = $derived.by(() => {
    const questions = this.messages.filter((m) => m.role === 'user');
    const question = questions.at(-1);
    if (!question || questions.length < 2 || question.rewrite?.dependsOnHistory !== false || this.contextStartId === question.id) return null;
    return question;
  });

  /**
   * The person's own standalone form of a question (or the question as written: `useOriginal`): stored on
   * it, then answered anew beside the old reply, as Regenerate does.
   */
  editRewrite(question: ChatMessage, text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    const current = this.#view.tree.byId.get(question.id) ?? question;
    if (!content || this.#generating || !loaded || current.role !== 'user' || this.#tooLong(content)) return Promise.resolve();
    const rewrite: FollowUpRewrite = { text: content, dependsOnHistory: current.rewrite?.dependsOnHistory ?? true, edited: true };
    return this.#track(async () => {
      this.#generating = true;
      try {
        await this.#reply(await this.#storeRewrite(current, rewrite), loaded.modelId);
      } finally {
        this.#generating = false;
      }
    });
  }

  /** Answers the question as the person wrote it, not its rewrite (kept so that it is not rewritten again). */
  useOriginal(question: ChatMessage): Promise<void> {
    return this.editRewrite(question, question.content);
  }

  /**
   * Plans the request the draft would make (the meter, while the person types): exact counts from the
   * engine, the same focus and context policy as a send. Quietly does nothing without a model or mid-reply.
   */
  async measure(draft: string, signal?: AbortSignal): Promise<void> {
    if (!this.#engine.loaded || this.#generating) return;
    await this.#preparer.measure(this.messages, draft, signal);
  }

  /** Pins an exchange into the context (or unpins it): a pinned question and its answer are always sent. */
  async setPinned(message: ChatMessage, pinned: boolean): Promise<void> {
    const question = message.role === 'user' ? message : message.parentId ? this.#view.tree.byId.get(message.parentId) : undefined;
    if (!question || question.role !== 'user' || (question.pinned === true) === pinned) return;
    const updated: ChatMessage = { ...question, pinned, updatedAt: Math.max(Date.now(), question.updatedAt + 1) };
    await this.#persist(updated, !this.#view.isStored(question), () => this.#repo.update(question.id, { pinned }, updated.updatedAt));
  }

  isUnsaved(id: string): boolean {
    return this.#view.unsavedIds.has(id);
  }

  siblings(message: ChatMessage): SiblingInfo {
    return siblingsOf(this.#view.tree, message);
  }

  /** Reopens the conversation from the last visit, if it still exists. */
  async restore(): Promise<void> {
    let id: string | null = null;
    try {
      const last = await this.#appSettings.get('lastConversationId');
      id = last && (await this.#repo.get(last)) ? last : null;
    } catch (err) {
      this.#error = { kind: 'restore-failed', detail: String(err) };
    }
    await this.open(id);
  }

  /** Shows a conversation (null: a new, not yet saved one). */
  async open(id: string | null): Promise<void> {
    if (id === this.#view.id && (this.#view.watching || id === null)) return;
    await this.stopAndWait();
    await this.#show(id);
  }

  async #show(id: string | null, known: Conversation | null = null): Promise<void> {
    this.#options.forgetNewChat();
    this.#view.show(id, (err) => (this.#error = { kind: 'read-failed', detail: String(err) }), known);
    this.#preparer.context.reset(id);
    // Which conversation was open is only a convenience for the next visit, but a failure still says so.
    this.#appSettings.set('lastConversationId', id).catch((err) => this.#storageFailed(err));
    // Replies another tab left streaming show as interrupted at once; marking them in storage follows.
    if (id !== null) await this.#recoverInterrupted(id);
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    await this.#show(null);
  }

  send(text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    if (!content || this.#generating || !loaded || this.#tooLong(content)) return Promise.resolve();
    const parentId = this.messages.at(-1)?.id ?? null;
    return this.#track(() => this.#ask(content, parentId, loaded.modelId));
  }

  /** A new answer to the same question, kept beside the old one. */
  regenerate(reply: ChatMessage): Promise<void> {
    const loaded = this.#engine.loaded;
    const question = reply.parentId ? this.#view.tree.byId.get(reply.parentId) : undefined;
    if (this.#generating || !loaded || reply.role !== 'assistant' || question?.role !== 'user') return Promise.resolve();
    return this.#track(() => this.#reply(question, loaded.modelId));
  }

  /** The question changed: a sibling of the old one, answered anew; the old branch stays. */
  edit(question: ChatMessage, text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    if (!content || this.#generating || !loaded || question.role !== 'user' || this.#tooLong(content)) return Promise.resolve();
    return this.#track(() => this.#ask(content, question.parentId, loaded.modelId));
  }

  /** Shows another alternative of a message, with that alternative's own latest continuation. */
  async switchTo(siblingId: string): Promise<void> {
    const id = this.#view.id;
    const leaf = this.#view.leafAfterSwitch(siblingId);
    if (!id || !leaf || this.#generating) return;
    this.#view.choose(leaf); // on screen at once; stays chosen here even if storing the choice fails
    if (this.#view.peekLocal(id)?.row) return; // the conversation itself is not stored yet
    await this.#repo.setActiveLeaf(id, leaf).catch((err) => this.#storageFailed(err));
  }

  async stop(): Promise<void> {
    if (!this.#generating || this.#stopping) return;
    this.#stopping = true;
    // Cancels the engine job; if the worker cannot even take that, the engine client's watchdog ends the reply.
    this.#abort?.abort();
  }

  /** Stops the reply being written, if any, and resolves once it has ended (e.g. before switching models). */
  async stopAndWait(): Promise<void> {
    const current = this.#current;
    if (!this.#generating || !current) return;
    await this.stop();
    await current;
  }

  /** Writes every message that is on screen but not stored, parents first. */
  async retrySave(): Promise<void> {
    if (this.#saving) return;
    this.#saving = true;
    try {
      let ok = true;
      for (const conversationId of this.#view.localConversationIds) ok = (await this.#saveUnsaved(conversationId)) && ok;
      if (ok) this.#error = null;
    } finally {
      this.#saving = false;
    }
  }

  dismissError(): void {
    this.#error = null;
  }

  /** Storage (and every export) holds messages up to a limit; a longer paste is refused before it is sent. */
  #tooLong(content: string): boolean {
    if (content.length <= MAX_TEXT_LENGTH) return false;
    this.#error = { kind: 'message-too-long', length: content.length, limit: MAX_TEXT_LENGTH };
    return true;
  }

  /**
   * Runs one person's action that ends in engine work (send, regenerate, edit). Its abort controller exists
   * from the first moment, so a Stop while the question is still being saved reaches the engine too.
   */
  #track(start: () => Promise<void>): Promise<void> {
    const abort = (this.#abort = new AbortController());
    const guarded = start()
      .catch((err) => void (this.#error = { kind: 'reply-failed', detail: String(err) }))
      .finally(() => {
        if (this.#abort === abort) this.#abort = null;
      });
    this.#current = guarded;
    return guarded;
  }

  #storageFailed(err: unknown): void {
    this.#error = storageProblem(err);
  }

  async #ensureConversation(modelId: string): Promise<string> {
    if (this.#view.id) return this.#view.id;
    // The reply settings in force when it started; each reply also records the sampling it used.
    const conversation: Conversation = { ...newConversation(newId(), { modelId, systemPrompt: '', settings: this.#replySettings() }, Date.now()), ...this.#options.takeNewChat() };
    try {
      await this.#repo.add(conversation);
      this.#hooks.onConversationSaved?.();
    } catch (err) {
      this.#view.localOf(conversation.id).row = conversation;
      this.#storageFailed(err);
    }
    await this.#show(conversation.id, conversation);
    return conversation.id;
  }

  async #ask(content: string, parentId: string | null, modelId: string): Promise<void> {
    this.#generating = true; // at once: a second Enter must not send twice while the question is saved
    try {
      const conversationId = await this.#ensureConversation(modelId);
      const now = Date.now();
      const question: ChatMessage = { id: newId(), conversationId, parentId, role: 'user', content, status: 'done', createdAt: now, updatedAt: now };
      await this.#reply(question, modelId, true);
    } finally {
      this.#generating = false;
    }
  }

  /** Answers `question`; a new question is shown together with its reply and saved first. */
  async #reply(question: ChatMessage, modelId: string, saveQuestion = false): Promise<void> {
    this.#generating = true;
    const sampling = this.#sampling();
    const path = activePath(buildTree([...this.#view.stored.filter((m) => m.id !== question.id), question]), question.id);
    const now = Date.now();
    const reply: ChatMessage = {
      id: newId(),
      conversationId: question.conversationId,
      parentId: question.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      modelId,
      sampling,
      createdAt: now,
      updatedAt: now,
    };
    if (saveQuestion) this.#view.setLocal(question, 'pending');
    this.#view.setLocal(reply, 'pending');
    this.#view.choose(reply.id);
    try {
      if (saveQuestion) await this.#add(question);
      await this.#add(reply);
      await this.#stream.write(reply.id, () => this.#view.isStored(reply), (push, ended) => this.#generate(reply, path, sampling, push, ended));
    } finally {
      this.#generating = false;
      this.#stopping = false;
    }
  }

  /** Stores a new message; if that fails (or something before it is not stored), it stays on screen, unsaved. */
  async #add(message: ChatMessage): Promise<void> {
    const local = this.#view.localOf(message.conversationId);
    const gapBefore = local.row !== null || [...local.messages.values()].some((e) => e.state === 'unsaved');
    await this.#persist(message, gapBefore, () => this.#repo.append(message));
  }

  /** Writes a reply's final state; on failure the final text stays on screen, marked not saved. */
  async #finish(reply: ChatMessage, patch: MessagePatch): Promise<void> {
    const now = Math.max(Date.now(), reply.updatedAt + 1);
    await this.#persist({ ...reply, ...patch, updatedAt: now }, !this.#view.isStored(reply), () => this.#repo.update(reply.id, patch, now));
  }

  /**
   * Shows `message` as it now is and stores it with `write`. When something it depends on is not stored
   * (`gapBefore`), it is written together with that instead, so the stored tree never has a gap; when the
   * write fails, it stays on screen, unsaved.
   */
  async #persist(message: ChatMessage, gapBefore: boolean, write: () => Promise<void>): Promise<void> {
    if (gapBefore) {
      this.#view.setLocal(message, 'unsaved');
      await this.#saveUnsaved(message.conversationId);
      return;
    }
    this.#view.setLocal(message, 'pending');
    try {
      await write();
    } catch (err) {
      this.#view.setLocal(message, 'unsaved');
      this.#storageFailed(err);
    }
  }

  async #saveUnsaved(conversationId: string): Promise<boolean> {
    const local = this.#view.peekLocal(conversationId);
    if (!local) return true;
    const unsaved = [...local.messages.values()].filter((e) => e.state === 'unsaved' || local.row).map((e) => e.message);
    if (!local.row && unsaved.length === 0) return true;
    const leaf = conversationId === this.#view.id ? (this.messages.at(-1)?.id ?? null) : (unsaved.at(-1)?.id ?? null);
    try {
      const wasNew = local.row !== null;
      await this.#repo.saveUnsaved(local.row, parentsFirst(unsaved), leaf);
      local.row = null;
      for (const message of unsaved) if (local.messages.get(message.id)?.message === message) local.messages.set(message.id, { message, state: 'pending' });
      this.#view.refresh();
      if (wasNew) this.#hooks.onConversationSaved?.();
      return true;
    } catch (err) {
      this.#storageFailed(err);
      return false;
    }
  }

  /** Asks the engine for the reply and writes how it ended; `push` shows its text, `ended` settles the drafts. */
  async #generate(reply: ChatMessage, path: readonly ChatMessage[], sampling: SamplingParams, push: (text: string) => void, ended: () => Promise<void>): Promise<void> {
    let result;
    try {
      path = await this.#preparer.followUp(path, this.#abort?.signal);
      const planned = await this.#preparer.prepare(reply.conversationId, path, this.#abort?.signal);
      const request = { ...planned, conversation: { key: reply.conversationId, leafId: reply.parentId }, sampling };
      result = await this.#engine.chat(
        request,
        (events) => {
          for (const event of events) if (event.type === 'delta') push(event.text);
        },
        this.#abort?.signal,
      );
    } catch (err) {
      await ended();
      const error = mapToAppError(err);
      const content = this.#stream.content;
      // A reply the person stopped (before it started, or whose engine then had to be shut down) is still
      // theirs: stopped, not failed.
      const stopped = this.#stopping && (error.kind === 'engine-unresponsive' || error.kind === 'cancelled');
      await this.#finish(reply, stopped ? { content, status: 'stopped', finishReason: 'abort' } : { content, status: 'error', error });
      if (ENGINE_GONE.has(error.kind)) this.#engine.markLost(error);
      return;
    }
    await ended();
    await this.#finish(reply, {
      content: result.text,
      finishReason: result.finishReason,
      stats: result.stats,
      status: result.finishReason === 'abort' ? 'stopped' : 'done',
    });
    if (wantsModelTitle(historyItems(path).map((item) => item.turn), result)) {
      await this.#titleByModel(reply.conversationId, path.find((m) => m.role === 'user')?.content ?? '', result.text);
    }
  }

  /** Shows and stores a question's standalone form (unsaved on screen if storage refuses it). */
  async #storeRewrite(question: ChatMessage, rewrite: FollowUpRewrite): Promise<ChatMessage> {
    const updated: ChatMessage = { ...question, rewrite, updatedAt: Math.max(Date.now(), question.updatedAt + 1) };
    await this.#persist(updated, !this.#view.isStored(question), () => this.#repo.update(question.id, { rewrite }, updated.updatedAt));
    return updated;
  }

  /**
   * After the first exchange, a fast model names the conversation (the first words stay if it can't).
   * Runs while the composer still counts as busy, so it never races the next message for the engine.
   */
  async #titleByModel(conversationId: string, question: string, answer: string): Promise<void> {
    const conversation = this.#view.conversation;
    if ((conversation && conversation.titleSource !== 'auto') || this.#stopping || this.#view.peekLocal(conversationId)?.row) return;
    try {
      const result = await this.#engine.chat(modelTitleRequest(conversationId, question, answer), () => undefined, this.#abort?.signal);
      const title = titleFrom(result);
      if (title) await this.#repo.setAutoTitle(conversationId, title);
    } catch (err) {
      // The title from the first words stays: a missing model title is not worth an error. A lost engine is.
      const error = mapToAppError(err);
      if (ENGINE_GONE.has(error.kind)) this.#engine.markLost(error);
    }
  }

  async #recoverInterrupted(conversationId: string): Promise<void> {
    const failed = await this.#stream.recoverInterrupted(conversationId);
    if (!failed) return;
    if (failed.ids.length) this.#storageFailed(failed.error);
    else this.#error = { kind: 'interrupted-check-failed', detail: String(failed.error) };
  }
}
