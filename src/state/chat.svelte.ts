/**
 * The person's actions on the open conversation: send, stop, regenerate, edit, switch branches, retry saving.
 * What is on screen is the ConversationView (live from IndexedDB, with this tab's own messages laid over it);
 * the reply being written streams through a ReplyStream (frames, timed draft writes, its Web Lock, interrupted
 * replies); the title policy decides when the model names the conversation.
 *
 * Storage can fail (a full disk, a broken profile). What is on screen is never dropped because of it: a
 * message whose write failed stays, marked "not saved", with a Retry that writes it (and anything before it
 * that is not saved either). Storage failures never become engine errors, and engine errors never hide text.
 */
import type { ChatMessage, ChatTurn, SamplingParams } from '../lib/chat/chat-types';
import { newConversation } from '../lib/chat/conversation';
import type { GenerationSettings } from '../lib/chat/generation-settings';
import { parentsFirst } from '../lib/chat/local-messages';
import { buildTurns } from '../lib/chat/request';
import { activePath, buildTree, siblingsOf, type MessageTree, type SiblingInfo } from '../lib/chat/tree';
import type { ConversationsRepo, MessagePatch } from '../lib/db/conversations.repo';
import { newId } from '../lib/db/conversations.repo';
import type { SettingsRepo } from '../lib/db/settings.repo';
import { formatCount } from '../lib/format';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { mapToAppError } from '../lib/inference/app-error';
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

function storageProblem(err: unknown): string {
  const error = mapToAppError(err);
  return error.kind === 'storage-full'
    ? 'This browser’s storage is full, so new messages are not being saved. They stay on screen: free some space (delete a model you don’t use), then use “Retry saving”.'
    : `Saving to this browser’s storage failed (${error.detail ?? error.message}). Messages stay on screen; use “Retry saving” to try again.`;
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
  #generating = $state(false);
  #stopping = $state(false);
  #current: Promise<void> | null = null;
  /** Stops the engine work of the reply being written (the reply, then its title request). */
  #abort: AbortController | null = null;
  #error = $state<string | null>(null);
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
  }

  get conversationId(): string | null {
    return this.#view.id;
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
  /** A history read or write that failed (e.g. the disk is full); what is on screen is kept. */
  get error(): string | null {
    return this.#error;
  }
  /** Messages whose latest text is on screen but not in storage (any conversation). */
  get unsavedCount(): number {
    return this.#view.unsavedIds.size;
  }
  get savingUnsaved(): boolean {
    return this.#saving;
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
      this.#error = `The last conversation could not be reopened: ${String(err)}`;
    }
    await this.open(id);
  }

  /** Shows a conversation (null: a new, not yet saved one). */
  async open(id: string | null): Promise<void> {
    if (id === this.#view.id && (this.#view.watching || id === null)) return;
    await this.stopAndWait();
    await this.#show(id);
  }

  async #show(id: string | null): Promise<void> {
    this.#view.show(id, (err) => (this.#error = `The conversation could not be read: ${String(err)}`));
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
    this.#error = `This message is too long to keep (${formatCount(content.length)} characters; the limit is ${formatCount(MAX_TEXT_LENGTH)}). Shorten it, then send it again.`;
    return true;
  }

  /**
   * Runs one person's action that ends in engine work (send, regenerate, edit). Its abort controller exists
   * from the first moment, so a Stop while the question is still being saved reaches the engine too.
   */
  #track(start: () => Promise<void>): Promise<void> {
    const abort = (this.#abort = new AbortController());
    const guarded = start()
      .catch((err) => void (this.#error = `Something went wrong with this reply: ${String(err)}`))
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
    const conversation = newConversation(newId(), { modelId, systemPrompt: '', settings: this.#replySettings() }, Date.now());
    try {
      await this.#repo.add(conversation);
      this.#hooks.onConversationSaved?.();
    } catch (err) {
      this.#view.localOf(conversation.id).row = conversation;
      this.#storageFailed(err);
    }
    await this.#show(conversation.id);
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
    const turns = buildTurns(activePath(buildTree([...this.#view.stored.filter((m) => m.id !== question.id), question]), question.id), this.#view.conversation?.systemPrompt ?? '');
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
      await this.#stream.write(reply.id, () => this.#view.isStored(reply), (push, ended) => this.#generate(reply, turns, sampling, push, ended));
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
  async #generate(reply: ChatMessage, turns: ChatTurn[], sampling: SamplingParams, push: (text: string) => void, ended: () => Promise<void>): Promise<void> {
    let result;
    try {
      const request = { conversation: { key: reply.conversationId, leafId: reply.parentId }, messages: turns, sampling };
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
    if (wantsModelTitle(turns, result)) {
      await this.#titleByModel(reply.conversationId, turns.find((t) => t.role === 'user')?.content ?? '', result.text);
    }
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
    else this.#error = `Replies cut off by a closed tab could not be checked: ${String(failed.error)}`;
  }
}
