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
import type { ChatMessage, ChatTurn, FollowUpRewrite, SamplingParams } from '../lib/chat/chat-types';
import { newConversation, sanitizeFocus, type Conversation, type ConversationOptions, type ConversationSummary, type FocusMode } from '../lib/chat/conversation';
import type { GenerationSettings } from '../lib/chat/generation-settings';
import { parentsFirst } from '../lib/chat/local-messages';
import { historyItems } from '../lib/chat/request';
import { SUMMARY_MAX_CHARS, summaryInForce } from '../lib/chat/running-summary';
import { activePath, buildTree, siblingsOf, type MessageTree, type SiblingInfo } from '../lib/chat/tree';
import type { ConversationsRepo, MessagePatch } from '../lib/db/conversations.repo';
import { newId } from '../lib/db/conversations.repo';
import type { SettingsRepo } from '../lib/db/settings.repo';
import { formatCount } from '../lib/format';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { mapToAppError } from '../lib/inference/app-error';
import type { ChatRequest } from '../protocol/engine-protocol';
import { ContextState } from './chat/context-state.svelte';
import { planRequest, tooLong, unplannedRequest, type ContextPlanResult, type PlanInput } from './chat/context-planner';
import { ConversationView } from './chat/conversation-view.svelte';
import { followUpRequest, runFollowUpStep } from './chat/follow-up-step';
import { ReplyStream } from './chat/reply-stream.svelte';
import { runSummaryStep, summaryJob } from './chat/summary-step';
import { modelTitleRequest, titleFrom, wantsModelTitle } from './chat/title-policy';
import type { EngineState } from './engine.svelte';

/** The draft's stand-in id while the meter plans it (never stored). */
const DRAFT_ID = 'draft';

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
  /** What the model is given: out-of-context marks and the composer's meter. */
  readonly #context = new ContextState();
  #generating = $state(false);
  #stopping = $state(false);
  #current: Promise<void> | null = null;
  /** Stops the engine work of the reply being written (the reply, then its title request). */
  #abort: AbortController | null = null;
  #error = $state<string | null>(null);
  #saving = $state(false);
  /** The question whose standalone form the model is writing now (the follow-up step). */
  #rewriting = $state<string | null>(null);
  /** The conversation whose running summary the model is writing now (the summary step). */
  #summarizing = $state<string | null>(null);
  /** The last summary step that ended without a summary (conversation and leaving turns): not tried again. */
  #summaryTried: string | null = null;
  /** Options chosen for a new chat before it is stored; stored with it. */
  #newChatOptions = $state.raw<ConversationOptions>({});

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

  /** Out-of-context marks and the meter's figures for the open conversation. */
  get context(): ContextState {
    return this.#context;
  }

  /** What of the history the model is given in the open conversation (or the new chat). */
  get focus(): FocusMode {
    return sanitizeFocus(this.#options?.focus);
  }
  /** The open conversation rewrites follow-up questions into standalone ones before answering. */
  get rewriteFollowUps(): boolean {
    return this.#options?.rewriteFollowUps === true;
  }
  /** The question a fresh context starts at (null: the whole history). */
  get contextStartId(): string | null {
    return this.#options?.contextStartId ?? null;
  }
  /** The question whose standalone form is being written (before its reply starts). */
  get rewritingId(): string | null {
    return this.#rewriting;
  }
  /** The open conversation keeps a running summary of the turns that leave the context. */
  get summarize(): boolean {
    return this.#options?.summarize === true;
  }
  /** The running summary the next request of the branch on screen carries (null: none, off, or another branch's). */
  get summary(): ConversationSummary | null {
    return this.#summary;
  }
  readonly #summary: ConversationSummary | null = $derived(summaryInForce(historyItems(this.messages), this.#options));
  /** The model is folding the turns that just left the context into the running summary (before the reply). */
  get summarizing(): boolean {
    return this.#summarizing !== null && this.#summarizing === this.#view.id;
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

  get #options(): ConversationOptions | null {
    return this.#view.id === null ? this.#newChatOptions : this.#view.conversation;
  }

  /** The open conversation's system prompt (of a new chat: the one it will be stored with). */
  get systemPrompt(): string {
    return this.#options?.systemPrompt ?? '';
  }

  /** Sent first in every request, whatever leaves the context. Too long to store: refused with a message. */
  setSystemPrompt(text: string): Promise<void> {
    if (this.#tooLong(text)) return Promise.resolve();
    return this.#setOptions({ systemPrompt: text });
  }

  setFocus(focus: FocusMode): Promise<void> {
    return this.#setOptions({ focus: sanitizeFocus(focus) });
  }

  setRewriteFollowUps(on: boolean): Promise<void> {
    return this.#setOptions({ rewriteFollowUps: on });
  }

  /** Turns that leave the context are summarized by the model, and the summary is sent in their place. */
  setSummarize(on: boolean): Promise<void> {
    return this.#setOptions({ summarize: on });
  }

  /** The person's own running summary: sent from the next request on (empty: cleared). */
  editSummary(text: string): Promise<void> {
    const summary = this.#options?.summary;
    const content = text.trim();
    if (!summary) return Promise.resolve();
    if (content.length > SUMMARY_MAX_CHARS) {
      this.#error = `The summary is too long (${formatCount(content.length)} characters; the limit is ${formatCount(SUMMARY_MAX_CHARS)}): it is sent with every message. Shorten it, then save it again.`;
      return Promise.resolve();
    }
    return this.#setOptions({ summary: { text: content, throughId: summary.throughId, edited: true } });
  }

  /** The model no longer reads the summary; turns that leave from now on start a new one. */
  clearSummary(): Promise<void> {
    return this.editSummary('');
  }

  /** A fresh context from `question` on (older turns are not sent, pins excepted); null: the whole history again. */
  setContextStart(question: ChatMessage | null): Promise<void> {
    if (question && question.role !== 'user') return Promise.resolve();
    return this.#setOptions({ contextStartId: question?.id ?? null });
  }

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
   * engine, the same focus and context policy as a send. Quietly does nothing without a model.
   */
  async measure(draft: string, signal?: AbortSignal): Promise<void> {
    const loaded = this.#engine.loaded;
    const conversationId = this.#view.id;
    if (!loaded || this.#generating) return;
    const question: ChatMessage = { id: DRAFT_ID, conversationId: conversationId ?? '', parentId: null, role: 'user', content: draft.trim(), status: 'done', createdAt: 0, updatedAt: 0 };
    const path = [...this.messages, question];
    try {
      const plan = await this.#plan(conversationId ?? 'new', path, signal);
      // With rewriting on, the question first goes to the model inside the rewrite prompt: its cost too.
      const conversation = this.#view.conversation;
      const rewrite = followUpRequest({ conversationId: conversationId ?? 'new', path, enabled: this.rewriteFollowUps, contextStartId: conversation?.contextStartId });
      const rewriteTokens = rewrite ? (await this.#engine.countTokens(rewrite, signal)).promptTokens : null;
      if (!signal?.aborted && conversationId === this.#view.id) this.#context.sent(conversationId, plan, { rewriteTokens });
    } catch {
      // The meter is a help, not a gate: a failed count (a busy or lost engine) leaves it empty.
      if (!signal?.aborted) this.#context.clearMeter();
    }
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

  async #show(id: string | null, known: Conversation | null = null): Promise<void> {
    this.#newChatOptions = {};
    this.#view.show(id, (err) => (this.#error = `The conversation could not be read: ${String(err)}`), known);
    this.#context.reset(id);
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
    const conversation: Conversation = { ...newConversation(newId(), { modelId, systemPrompt: '', settings: this.#replySettings() }, Date.now()), ...this.#newChatOptions };
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

  /**
   * What the model is given for the question ending `path`: the focus mode's share of the history, fitted
   * into the context window by the context policy (counted exactly by the engine). Remembers the policy's
   * boundary, so the next request extends this one until a block has to leave.
   */
  async #prepare(conversationId: string, path: readonly ChatMessage[], signal?: AbortSignal): Promise<ChatRequest> {
    let plan: ContextPlanResult;
    try {
      plan = await this.#plan(conversationId, path, signal);
      // Turns just left out are folded into the running summary first; the plan then makes room for it.
      if (await this.#summarize(conversationId, path, plan, signal)) plan = await this.#plan(conversationId, path, signal);
      // A summary that leaves no room for the question itself is not sent this time.
      if (!plan.fits && this.#planInput(conversationId, path).summary) plan = await this.#plan(conversationId, path, signal, false);
    } catch (err) {
      const error = mapToAppError(err);
      if (signal?.aborted || error.kind === 'cancelled' || ENGINE_GONE.has(error.kind)) throw error;
      // An engine that cannot count still answers; only the context policy is off for this request.
      return unplannedRequest(this.#planInput(conversationId, path));
    }
    if (!plan.fits) throw tooLong(plan);
    this.#context.sent(conversationId, plan);
    const conversation = this.#view.conversation;
    if (plan.boundaryId !== (conversation?.contextBoundaryId ?? null) && !this.#view.peekLocal(conversationId)?.row) {
      // Only a hint for the next request (the KV cache it protects does not survive a reload either).
      this.#view.patch(conversationId, { contextBoundaryId: plan.boundaryId });
      await this.#repo.setOptions(conversationId, { contextBoundaryId: plan.boundaryId }).catch(() => undefined);
    }
    return plan.request;
  }

  #plan(conversationId: string, path: readonly ChatMessage[], signal?: AbortSignal, withSummary = true): Promise<ContextPlanResult> {
    const input = this.#planInput(conversationId, path);
    return planRequest((request, s) => this.#engine.countTokens(request, s), withSummary ? input : { ...input, summary: null }, signal);
  }

  #planInput(conversationId: string, path: readonly ChatMessage[]): PlanInput {
    const conversation = this.#options;
    const items = historyItems(path);
    return {
      conversation: { key: conversationId, leafId: path.at(-1)?.id ?? null },
      systemPrompt: conversation?.systemPrompt ?? '',
      summary: summaryInForce(items, conversation)?.text ?? null,
      items,
      focus: conversation?.focus,
      contextStartId: conversation?.contextStartId,
      boundaryId: conversation?.contextBoundaryId,
      maxTokens: this.#sampling().max_tokens ?? null,
    };
  }

  /** Asks the engine for the reply and writes how it ended; `push` shows its text, `ended` settles the drafts. */
  async #generate(reply: ChatMessage, path: readonly ChatMessage[], sampling: SamplingParams, push: (text: string) => void, ended: () => Promise<void>): Promise<void> {
    let result;
    try {
      path = await this.#followUp(path);
      const planned = await this.#prepare(reply.conversationId, path, this.#abort?.signal);
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

  /** The follow-up step (chat/follow-up-step.ts): the question's standalone form, stored on it before planning. */
  async #followUp(path: readonly ChatMessage[]): Promise<readonly ChatMessage[]> {
    const question = path.at(-1);
    const conversation = this.#view.conversation;
    const request = question && followUpRequest({ conversationId: question.conversationId, path, enabled: conversation?.rewriteFollowUps === true, contextStartId: conversation?.contextStartId });
    if (!question || !request) return path;
    // The rewrite prompt must fit the window with its answer too; if it cannot, the question goes as asked.
    const count = await this.#engine.countTokens(request, this.#abort?.signal).catch(() => null);
    if (count?.contextWindow && count.promptTokens + (request.sampling?.max_tokens ?? 0) > count.contextWindow) return path;
    this.#rewriting = question.id;
    let rewrite: FollowUpRewrite | null;
    try {
      rewrite = await runFollowUpStep((r, onEvents, signal) => this.#engine.chat(r, onEvents, signal), request, question.content, (error) => ENGINE_GONE.has(error.kind), this.#abort?.signal);
    } finally {
      this.#rewriting = null;
    }
    return rewrite ? [...path.slice(0, -1), await this.#storeRewrite(question, rewrite)] : path;
  }

  /**
   * The summary step (chat/summary-step.ts): when the plan left out turns the running summary does not cover
   * yet, the model folds them in and the new summary is stored. True when there is a new summary to plan
   * with. Tried once per set of leaving turns: a failure waits for the next block move.
   */
  async #summarize(conversationId: string, path: readonly ChatMessage[], plan: ContextPlanResult, signal?: AbortSignal): Promise<boolean> {
    const job = summaryJob({ conversationId, items: historyItems(path), options: this.#options, leftOut: plan.leftOut, window: plan.count.contextWindow });
    const attempt = job && `${conversationId}\n${job.throughId}`;
    if (!job || attempt === this.#summaryTried) return false;
    this.#summarizing = conversationId;
    let summary: ConversationSummary | null;
    try {
      const engine = this.#engine;
      summary = await runSummaryStep({ chat: (r, on, s) => engine.chat(r, on, s), count: (r, s) => engine.countTokens(r, s) }, job, (error) => ENGINE_GONE.has(error.kind), signal);
    } finally {
      this.#summarizing = null;
    }
    if (!summary) {
      this.#summaryTried = attempt;
      return false;
    }
    await this.#storeOptions(conversationId, { summary });
    return true;
  }

  /** Shows and stores a question's standalone form (unsaved on screen if storage refuses it). */
  async #storeRewrite(question: ChatMessage, rewrite: FollowUpRewrite): Promise<ChatMessage> {
    const updated: ChatMessage = { ...question, rewrite, updatedAt: Math.max(Date.now(), question.updatedAt + 1) };
    await this.#persist(updated, !this.#view.isStored(question), () => this.#repo.update(question.id, { rewrite }, updated.updatedAt));
    return updated;
  }

  /** Changes an option of the open conversation (of the new chat: stored with it when it is created). */
  async #setOptions(choice: ConversationOptions): Promise<void> {
    const id = this.#view.id;
    // Another focus or context start plans the context afresh: the policy's boundary only ever moves forward.
    const options: ConversationOptions = 'focus' in choice || 'contextStartId' in choice ? { ...choice, contextBoundaryId: null } : choice;
    if (id === null) {
      this.#newChatOptions = { ...this.#newChatOptions, ...options };
      return;
    }
    await this.#storeOptions(id, options);
  }

  /** Shows options of a stored (or unsaved) conversation at once and stores them; kept on screen if that fails. */
  async #storeOptions(id: string, options: ConversationOptions): Promise<void> {
    this.#view.patch(id, options);
    if (this.#view.peekLocal(id)?.row) return; // written with the conversation by Retry saving
    await this.#repo.setOptions(id, options).catch((err) => this.#storageFailed(err));
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
