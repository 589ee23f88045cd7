/**
 * The open conversation: its message tree (read live from IndexedDB, so other tabs' changes show), the
 * branch on screen, and generating into it. The reply being written is kept in memory and applied once per
 * animation frame to that one message; it is written to the database at most every 250 ms and when it
 * ends, so a closed tab or a crash loses at most the last interval. A reply left "streaming" by a tab that
 * is gone (no Web Lock held for it) is marked interrupted.
 */
import type { ChatMessage, SamplingParams } from '../lib/chat/chat-types';
import type { Conversation } from '../lib/chat/conversation';
import type { GenerationSettings } from '../lib/chat/generation-settings';
import { buildTurns } from '../lib/chat/request';
import { cleanModelTitle, MODEL_TITLE_MIN_DECODE, TITLE_SAMPLING, titleRequest } from '../lib/chat/title';
import { activePath, buildTree, leafAfterSwitch, siblingsOf, type MessageTree, type SiblingInfo } from '../lib/chat/tree';
import type { ConversationsRepo } from '../lib/db/conversations.repo';
import { newId } from '../lib/db/conversations.repo';
import { observe } from '../lib/db/live';
import type { SettingsRepo } from '../lib/db/settings.repo';
import { asAppError, type EngineState } from './engine.svelte';

const DRAFT_WRITE_MS = 250;
const replyLock = (id: string) => `private-chat:reply:${id}`;

export class ChatSession {
  readonly #engine: EngineState;
  readonly #repo: ConversationsRepo;
  readonly #settings: SettingsRepo;
  readonly #sampling: () => SamplingParams;
  readonly #settingsNow: () => GenerationSettings | null;
  #conversationId = $state<string | null>(null);
  #conversation = $state.raw<Conversation | null>(null);
  #stored = $state.raw<ChatMessage[]>([]);
  /** This tab's reply in progress: what is on screen, ahead of the database. */
  #draft = $state<{ id: string; content: string } | null>(null);
  #generating = $state(false);
  #stopping = $state(false);
  #pending = '';
  #frame: number | null = null;
  #current: Promise<void> | null = null;
  #unobserve: (() => void) | null = null;
  #error = $state<string | null>(null);
  /** Messages shown before their write has reached a live query result (so a send shows at once). */
  #optimistic = new Map<string, ChatMessage>();
  #leaf = $state<string | null>(null);

  readonly tree: MessageTree = $derived(buildTree(this.#stored));

  constructor(
    engine: EngineState,
    repo: ConversationsRepo,
    settings: SettingsRepo,
    sampling: () => SamplingParams = () => ({}),
    generation: () => GenerationSettings | null = () => null,
  ) {
    this.#engine = engine;
    this.#repo = repo;
    this.#settings = settings;
    this.#sampling = sampling;
    this.#settingsNow = generation;
  }

  get conversationId(): string | null {
    return this.#conversationId;
  }
  /** The branch on screen, root first, with this tab's reply in progress as it streams. */
  get messages(): ChatMessage[] {
    const path = activePath(this.tree, this.#leaf ?? this.#conversation?.activeLeafId ?? null);
    const draft = this.#draft;
    return draft ? path.map((m) => (m.id === draft.id ? { ...m, content: draft.content, status: 'streaming' } : m)) : path;
  }
  get generating(): boolean {
    return this.#generating;
  }
  get stopping(): boolean {
    return this.#stopping;
  }
  /** A history write that failed (e.g. the disk is full); the reply on screen is kept. */
  get error(): string | null {
    return this.#error;
  }

  siblings(message: ChatMessage): SiblingInfo {
    return siblingsOf(this.tree, message);
  }

  /** Reopens the conversation from the last visit, if it still exists. */
  async restore(): Promise<void> {
    const id = await this.#settings.get('lastConversationId').catch(() => null);
    const exists = id ? await this.#repo.get(id).catch(() => null) : null;
    await this.open(exists ? exists.id : null);
  }

  /** Shows a conversation (null: a new, not yet saved one). */
  async open(id: string | null): Promise<void> {
    if (id === this.#conversationId && (this.#unobserve || id === null)) return;
    await this.stopAndWait();
    await this.#show(id);
  }

  async #show(id: string | null): Promise<void> {
    this.#unobserve?.();
    this.#unobserve = null;
    this.#conversationId = id;
    this.#conversation = null;
    this.#stored = [];
    this.#optimistic.clear();
    this.#leaf = null;
    void this.#settings.set('lastConversationId', id).catch(() => undefined);
    if (id === null) return;
    await this.#recoverInterrupted(id);
    this.#unobserve = observe(
      () => Promise.all([this.#repo.get(id), this.#repo.messages(id)]),
      ([conversation, messages]) => {
        if (this.#conversationId !== id) return;
        for (const m of messages) this.#optimistic.delete(m.id);
        this.#conversation = conversation;
        this.#stored = this.#optimistic.size ? [...messages, ...this.#optimistic.values()] : messages;
        if (this.#leaf !== null && conversation?.activeLeafId === this.#leaf) this.#leaf = null;
      },
      (err) => (this.#error = `The conversation could not be read: ${String(err)}`),
    );
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    await this.#show(null);
    await this.#engine.client.reset().catch(() => undefined);
  }

  send(text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    if (!content || this.#generating || !loaded) return Promise.resolve();
    const parentId = this.messages.at(-1)?.id ?? null;
    return this.#track(this.#ask(content, parentId, loaded.modelId));
  }

  /** A new answer to the same question, kept beside the old one. */
  regenerate(reply: ChatMessage): Promise<void> {
    const loaded = this.#engine.loaded;
    const question = reply.parentId ? this.tree.byId.get(reply.parentId) : undefined;
    if (this.#generating || !loaded || reply.role !== 'assistant' || question?.role !== 'user') return Promise.resolve();
    return this.#track(this.#reply(question, loaded.modelId));
  }

  /** The question changed: a sibling of the old one, answered anew; the old branch stays. */
  edit(question: ChatMessage, text: string): Promise<void> {
    const content = text.trim();
    const loaded = this.#engine.loaded;
    if (!content || this.#generating || !loaded || question.role !== 'user') return Promise.resolve();
    return this.#track(this.#ask(content, question.parentId, loaded.modelId));
  }

  /** Shows another alternative of a message, with that alternative's own latest continuation. */
  async switchTo(siblingId: string): Promise<void> {
    const id = this.#conversationId;
    const leaf = leafAfterSwitch(this.tree, siblingId);
    if (!id || !leaf || this.#generating) return;
    this.#leaf = leaf;
    await this.#repo.setActiveLeaf(id, leaf);
  }

  async stop(): Promise<void> {
    if (!this.#generating || this.#stopping) return;
    this.#stopping = true;
    await this.#engine.client.interrupt().catch(() => undefined);
  }

  /** Stops the reply being written, if any, and resolves once it has ended (e.g. before switching models). */
  async stopAndWait(): Promise<void> {
    const current = this.#current;
    if (!this.#generating || !current) return;
    await this.stop();
    await current;
  }

  dismissError(): void {
    this.#error = null;
  }

  #track(run: Promise<void>): Promise<void> {
    this.#current = run;
    return run;
  }

  async #ensureConversation(modelId: string): Promise<string> {
    if (this.#conversationId) return this.#conversationId;
    // The reply settings in force when it started; each reply also records the sampling it used.
    const conversation = await this.#repo.create({ modelId, systemPrompt: '', settings: this.#settingsNow() });
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
    } catch (err) {
      this.#error = `The message could not be saved: ${String(err)}`;
    } finally {
      this.#generating = false;
    }
  }

  /** Answers `question`; a new question is shown together with its reply and saved first. */
  async #reply(question: ChatMessage, modelId: string, saveQuestion = false): Promise<void> {
    this.#generating = true;
    const sampling = this.#sampling();
    const turns = buildTurns(activePath(buildTree([...this.#stored.filter((m) => m.id !== question.id), question]), question.id), this.#conversation?.systemPrompt ?? '');
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
    this.#draft = { id: reply.id, content: '' };
    if (saveQuestion) this.#showNow(question);
    this.#showNow(reply);
    try {
      if (saveQuestion) await this.#repo.append(question);
      await this.#repo.append(reply);
      await this.#holdLock(reply.id, () => this.#stream(reply, turns, sampling));
    } catch (err) {
      this.#error = `The reply could not be saved: ${String(err)}`;
    } finally {
      this.#draft = null;
      this.#generating = false;
      this.#stopping = false;
    }
  }

  async #stream(reply: ChatMessage, turns: ReturnType<typeof buildTurns>, sampling: SamplingParams): Promise<void> {
    let written = '';
    let writing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      const content = this.#draft?.content ?? '';
      if (content === written) return;
      written = content;
      writing = writing.then(() => this.#repo.update(reply.id, { content })).catch((err) => void (this.#error = `The reply could not be saved: ${String(err)}`));
    }, DRAFT_WRITE_MS);
    /** The last text onto the screen and no draft write still running, before the final write. */
    const endDrafts = async () => {
      this.#flush();
      clearInterval(timer);
      await writing;
    };
    try {
      const result = await this.#engine.client.chat({ messages: turns, sampling }, (events) => {
        for (const event of events) if (event.type === 'delta') this.#queue(event.text);
      });
      await endDrafts();
      await this.#repo.update(reply.id, {
        content: result.text,
        finishReason: result.finishReason,
        stats: result.stats,
        status: result.finishReason === 'abort' ? 'stopped' : 'done',
      });
      const questions = turns.filter((t) => t.role === 'user');
      if (result.finishReason !== 'abort' && questions.length === 1 && (result.stats?.decodeTokensPerS ?? 0) >= MODEL_TITLE_MIN_DECODE) {
        await this.#titleByModel(reply.conversationId, questions[0]?.content ?? '', result.text);
      }
    } catch (err) {
      await endDrafts();
      const error = asAppError(err);
      await this.#repo.update(reply.id, { content: this.#draft?.content ?? '', status: 'error', error });
      if (error.kind === 'device-lost' || error.kind === 'not-loaded') this.#engine.markLost(error);
    }
  }

  /** Puts a new message on screen (as the leaf) before its write lands; the live query takes over after. */
  #showNow(message: ChatMessage): void {
    this.#optimistic.set(message.id, message);
    this.#stored = [...this.#stored.filter((m) => m.id !== message.id), message];
    this.#leaf = message.id;
  }

  /**
   * After the first exchange, a fast model names the conversation (the first words stay if it can't).
   * Runs while the composer still counts as busy, so it never races the next message for the engine.
   */
  async #titleByModel(conversationId: string, question: string, answer: string): Promise<void> {
    if ((this.#conversation && this.#conversation.titleSource !== 'auto') || this.#stopping) return;
    try {
      const result = await this.#engine.client.chat({ messages: titleRequest(question, answer), sampling: TITLE_SAMPLING }, () => undefined);
      const title = result.finishReason === 'abort' ? null : cleanModelTitle(result.text);
      if (title) await this.#repo.setAutoTitle(conversationId, title);
    } catch {
      // The title from the first words stays.
    }
  }

  /** Holds a Web Lock named after the reply while it is written; other tabs (and the next start) see it. */
  async #holdLock(id: string, run: () => Promise<void>): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.locks) return run();
    await navigator.locks.request(replyLock(id), run);
  }

  async #recoverInterrupted(conversationId: string): Promise<void> {
    try {
      const streaming = await this.#repo.streamingIds(conversationId);
      if (streaming.length === 0) return;
      const held = new Set(((await navigator.locks?.query())?.held ?? []).map((lock) => lock.name));
      await this.#repo.markInterrupted(streaming.filter((id) => !held.has(replyLock(id)) && id !== this.#draft?.id));
    } catch {
      // Left as "streaming": shown as such until the next check. Nothing is lost.
    }
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
