/**
 * The open conversation as this tab shows it: its row and messages read live from IndexedDB (so other tabs'
 * changes appear), with this tab's own messages laid over them — those shown before their write landed, and
 * those whose write failed (kept on screen, "not saved") — and the branch chosen on screen.
 */
import type { ChatMessage } from '../../lib/chat/chat-types';
import type { Conversation, ConversationOptions } from '../../lib/chat/conversation';
import { overlayLocal, type LocalMessage, type LocalState } from '../../lib/chat/local-messages';
import { buildTree, leafAfterSwitch, type MessageTree } from '../../lib/chat/tree';
import type { ConversationsRepo } from '../../lib/db/conversations.repo';
import { observe } from '../../lib/db/live';

/** What this tab holds of one conversation ahead of the database. */
export interface LocalConversation {
  /** The conversation's own row while writing it failed (a new chat on a full disk); null once stored. */
  row: Conversation | null;
  readonly messages: Map<string, LocalMessage>;
}

export class ConversationView {
  readonly #repo: ConversationsRepo;
  #id = $state<string | null>(null);
  #conversation = $state.raw<Conversation | null>(null);
  /** The open conversation's messages as the database last delivered them. */
  #rows: ChatMessage[] = [];
  /** `#rows` with this tab's pending and unsaved messages laid over them. */
  #stored = $state.raw<ChatMessage[]>([]);
  /** The leaf chosen on screen, until the stored conversation says the same. */
  #leaf = $state<string | null>(null);
  #unobserve: (() => void) | null = null;
  /** Per conversation: messages shown before their write landed, or whose write failed. */
  readonly #local = new Map<string, LocalConversation>();
  #unsavedIds = $state.raw<ReadonlySet<string>>(new Set());
  /** Options changed here that the database has not delivered yet: laid over its (older) deliveries. */
  readonly #patches = new Map<string, ConversationOptions>();

  readonly tree: MessageTree = $derived(buildTree(this.#stored));

  constructor(repo: ConversationsRepo) {
    this.#repo = repo;
  }

  get id(): string | null {
    return this.#id;
  }
  get conversation(): Conversation | null {
    return this.#conversation;
  }
  /** Stored and local messages of the open conversation. */
  get stored(): readonly ChatMessage[] {
    return this.#stored;
  }
  /** The leaf on screen: the one chosen here, else the stored conversation's. */
  get leaf(): string | null {
    return this.#leaf ?? this.#conversation?.activeLeafId ?? null;
  }
  /** Messages whose latest text is on screen but not in storage (any conversation). */
  get unsavedIds(): ReadonlySet<string> {
    return this.#unsavedIds;
  }
  /** Conversations with messages held here (for Retry saving). */
  get localConversationIds(): string[] {
    return [...this.#local.keys()];
  }
  /** Watching: `show` has subscribed to the database for this conversation. */
  get watching(): boolean {
    return this.#unobserve !== null;
  }

  /** Shows conversation `id` (null: a new, not yet saved one) and follows it in the database. */
  show(id: string | null, onReadError: (err: unknown) => void, known: Conversation | null = null): void {
    this.#unobserve?.();
    this.#unobserve = null;
    this.#id = id;
    this.#patches.clear();
    // `known`: the row just written here, shown (with its options) before the database delivers it.
    this.#conversation = id ? (this.#local.get(id)?.row ?? (known?.id === id ? known : null)) : null;
    this.#rows = [];
    this.#leaf = null;
    this.refresh();
    if (id === null) return;
    this.#unobserve = observe(
      () => Promise.all([this.#repo.get(id), this.#repo.messages(id)]),
      ([conversation, messages]) => {
        if (this.#id !== id) return;
        this.#conversation = this.#patched(id, conversation) ?? this.#local.get(id)?.row ?? null;
        this.#rows = messages;
        this.refresh();
        if (this.#leaf !== null && conversation?.activeLeafId === this.#leaf) this.#leaf = null;
      },
      onReadError,
    );
  }

  /**
   * Shows a change of a conversation's options at once (its storing is the caller's; the next delivery from
   * the database carries it too). A row not stored yet takes it, so Retry saving writes it with the rest.
   */
  patch(conversationId: string, options: ConversationOptions): void {
    this.#patches.set(conversationId, { ...this.#patches.get(conversationId), ...options });
    const local = this.#local.get(conversationId);
    if (local?.row) local.row = { ...local.row, ...options };
    if (this.#id === conversationId && this.#conversation) this.#conversation = { ...this.#conversation, ...options };
  }

  /** A delivered row with this tab's newer option changes laid over it, until the row carries them itself. */
  #patched(id: string, conversation: Conversation | null): Conversation | null {
    const patch = this.#patches.get(id);
    if (!conversation || !patch) return conversation;
    const same = (key: string, value: unknown) => JSON.stringify(conversation[key as keyof ConversationOptions] ?? null) === JSON.stringify(value ?? null);
    if (Object.entries(patch).every(([key, value]) => same(key, value))) {
      this.#patches.delete(id);
      return conversation;
    }
    return { ...conversation, ...patch };
  }

  /** Puts `leaf` on screen at once (its storing is the caller's). */
  choose(leaf: string): void {
    this.#leaf = leaf;
  }

  /** The leaf to show after switching to a sibling, with that sibling's own latest continuation. */
  leafAfterSwitch(siblingId: string): string | null {
    return leafAfterSwitch(this.tree, siblingId);
  }

  localOf(conversationId: string): LocalConversation {
    let local = this.#local.get(conversationId);
    if (!local) this.#local.set(conversationId, (local = { row: null, messages: new Map() }));
    return local;
  }

  peekLocal(conversationId: string): LocalConversation | undefined {
    return this.#local.get(conversationId);
  }

  setLocal(message: ChatMessage, state: LocalState): void {
    this.localOf(message.conversationId).messages.set(message.id, { message, state });
    this.refresh();
  }

  /** True when the message's row exists in storage with everything before it (draft writes can go ahead). */
  isStored(message: ChatMessage): boolean {
    const local = this.#local.get(message.conversationId);
    return !local?.row && local?.messages.get(message.id)?.state !== 'unsaved';
  }

  /** Recomputes what is shown from the stored rows and this tab's local messages. */
  refresh(): void {
    const id = this.#id;
    const local = id ? this.#local.get(id) : undefined;
    this.#stored = local ? overlayLocal(this.#rows, local.messages) : this.#rows;
    const unsaved = new Set<string>();
    for (const [conversationId, { row, messages }] of this.#local) {
      for (const [messageId, entry] of messages) if (entry.state === 'unsaved' || row) unsaved.add(messageId);
      if (!row && messages.size === 0) this.#local.delete(conversationId);
    }
    if (unsaved.size !== this.#unsavedIds.size || [...unsaved].some((m) => !this.#unsavedIds.has(m))) this.#unsavedIds = unsaved;
  }
}
