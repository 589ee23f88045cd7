/**
 * Conversations and their message trees in IndexedDB. Tree edits that touch both tables are transactions;
 * search words are kept next to the text they come from.
 */
import type { ChatMessage, MessageStatus } from '../chat/chat-types';
import { cleanTitle, newConversation, titleFromText, UNTITLED, type Conversation, type ConversationOptions, type NewConversation } from '../chat/conversation';
import { matchesAll, queryTerms, snippet, wordsOf, type SnippetPart } from '../chat/search';
import { checkId, checkText, checkTime, isValidTime } from '../transfer/limits';
import type { ImportWritten } from '../transfer/transfer-types';
import type { Collection, InsertType } from 'dexie';
import type { AppDB, ConversationRow, MessageRow } from './app-db';
import type { ConversationBundle } from '../chat/conversation';

export type { NewConversation };
export type MessagePatch = Partial<Pick<ChatMessage, 'content' | 'status' | 'stats' | 'finishReason' | 'error' | 'modelId' | 'pinned' | 'rewrite'>>;

export interface SearchHit {
  readonly conversation: Conversation;
  /** The first matching message on any branch, or null when only the title matched. */
  readonly messageId: string | null;
  readonly parts: readonly SnippetPart[];
}


const SEARCH_CANDIDATES = 600;
const SEARCH_PAGE = 400;

function toConversation({ titleWords: _w, ...row }: ConversationRow): Conversation {
  return row;
}

function toMessage({ words: _w, ...row }: MessageRow): ChatMessage {
  return row;
}

function conversationRow(conversation: Conversation): ConversationRow {
  return { ...conversation, titleWords: wordsOf(conversation.title) };
}

function messageRow(message: ChatMessage): MessageRow {
  return { ...message, words: wordsOf(message.content) };
}

/**
 * What is written must stay importable (lib/transfer/limits): text over the limit is refused with a
 * LimitError. Ids and times are checked where this app makes them (create, append); restore (undo) checks
 * text only, so a conversation stored before these limits existed can still be put back.
 */
function checkConversation(conversation: Conversation): void {
  checkId(conversation.id, 'conversationId');
  checkText(conversation.systemPrompt, 'systemPrompt');
  checkTime(conversation.createdAt, 'conversationTime');
  checkTime(conversation.updatedAt, 'conversationTime');
}

function checkMessage(message: ChatMessage): void {
  checkId(message.id, 'messageId');
  checkText(message.content);
  checkTime(message.createdAt, 'messageTime');
  checkTime(message.updatedAt, 'messageTime');
}

/**
 * Ids that sort by creation time (a fixed-width base-36 millisecond stamp, then randomness): the word index
 * then lists each word's messages oldest to newest, so search can walk it newest first.
 */
export const newId = (now = Date.now()): string => `${now.toString(36).padStart(9, '0')}-${crypto.randomUUID()}`;

export class ConversationsRepo {
  readonly #db: AppDB;

  constructor(db: AppDB) {
    this.#db = db;
  }

  async create(init: NewConversation, now = Date.now()): Promise<Conversation> {
    const conversation = newConversation(newId(), init, now);
    await this.add(conversation);
    return conversation;
  }

  /** Stores a conversation built by `newConversation` (the caller already shows it under this id). */
  async add(conversation: Conversation): Promise<void> {
    checkConversation(conversation);
    await this.#db.conversations.add(conversationRow(conversation));
  }

  async get(id: string): Promise<Conversation | null> {
    const row = await this.#db.conversations.get(id);
    return row ? toConversation(row) : null;
  }

  /** Newest first. */
  async list(): Promise<Conversation[]> {
    return (await this.#db.conversations.orderBy('updatedAt').reverse().toArray()).map(toConversation);
  }

  async count(): Promise<number> {
    return this.#db.conversations.count();
  }

  /**
   * What the sidebar shows: every pinned conversation and the `limit` newest others (read through the
   * updatedAt index, so thousands of conversations cost no more than a page), with how many there are in all.
   */
  async listPage(limit: number): Promise<{ conversations: Conversation[]; total: number }> {
    const [pinned, recent, total] = await Promise.all([
      this.#db.conversations.where('pinned').equals(1).toArray(),
      this.#db.conversations
        .orderBy('updatedAt')
        .reverse()
        .filter((c) => !c.pinned)
        .limit(Math.max(0, limit))
        .toArray(),
      this.#db.conversations.count(),
    ]);
    pinned.sort((a, b) => b.updatedAt - a.updatedAt);
    return { conversations: [...pinned, ...recent].map(toConversation), total };
  }

  async messages(conversationId: string): Promise<ChatMessage[]> {
    return (await this.#db.messages.where('conversationId').equals(conversationId).toArray()).map(toMessage);
  }

  /**
   * Adds a message and makes it the conversation's leaf. The first user message gives an untitled
   * conversation its title.
   */
  async append(message: ChatMessage): Promise<void> {
    checkMessage(message);
    await this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      const conversation = await this.#db.conversations.get(message.conversationId);
      if (!conversation) throw new Error(`conversation ${message.conversationId} does not exist`);
      await this.#db.messages.add(messageRow(message));
      const retitle = conversation.titleSource === 'auto' && conversation.title === UNTITLED && message.role === 'user';
      await this.#db.conversations.put(
        conversationRow({
          ...toConversation(conversation),
          activeLeafId: message.id,
          updatedAt: message.createdAt,
          ...(retitle ? { title: titleFromText(message.content) } : {}),
        }),
      );
    });
  }

  /**
   * Writes what this tab kept on screen after a failed write (ChatSession's "Retry saving"): the conversation
   * itself if it is not stored yet, then its messages, parents first, in one transaction. `leafId` becomes
   * the branch on screen.
   */
  async saveUnsaved(conversation: Conversation | null, messages: readonly ChatMessage[], leafId: string | null): Promise<void> {
    if (conversation) checkConversation(conversation);
    for (const message of messages) checkMessage(message);
    const conversationId = conversation?.id ?? messages[0]?.conversationId;
    if (!conversationId) return;
    await this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      const stored = await this.#db.conversations.get(conversationId);
      const base = stored ? toConversation(stored) : conversation;
      if (!base) throw new Error(`conversation ${conversationId} does not exist any more`);
      await this.#db.messages.bulkPut(messages.map(messageRow));
      const firstQuestion = messages.find((m) => m.role === 'user');
      const retitle = base.titleSource === 'auto' && base.title === UNTITLED && firstQuestion;
      const updatedAt = Math.max(base.updatedAt, ...messages.map((m) => m.updatedAt));
      await this.#db.conversations.put(
        conversationRow({ ...base, updatedAt, ...(leafId ? { activeLeafId: leafId } : {}), ...(retitle ? { title: titleFromText(firstQuestion.content) } : {}) }),
      );
    });
  }

  /** Writes a message's new state (the streaming draft, its end, an error). */
  async update(id: string, patch: MessagePatch, now = Date.now()): Promise<void> {
    if (patch.content !== undefined) checkText(patch.content);
    checkTime(now, 'messageTime');
    await this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      const row = await this.#db.messages.get(id);
      if (!row) return;
      await this.#db.messages.put(messageRow({ ...toMessage(row), ...patch, updatedAt: now }));
      await this.#db.conversations.update(row.conversationId, { updatedAt: now });
    });
  }

  /** Replies left "streaming" by a tab that is gone. */
  async markInterrupted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db.messages.where('id').anyOf([...ids]).modify({ status: 'interrupted' satisfies MessageStatus });
  }

  async streamingIds(conversationId?: string): Promise<string[]> {
    const rows = await this.#db.messages.where('status').equals('streaming').toArray();
    return rows.filter((r) => !conversationId || r.conversationId === conversationId).map((r) => r.id);
  }

  async setActiveLeaf(conversationId: string, leafId: string | null): Promise<void> {
    await this.#db.conversations.update(conversationId, { activeLeafId: leafId });
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = cleanTitle(title) || UNTITLED;
    await this.#db.conversations.update(id, { title: clean, titleSource: 'user', titleWords: wordsOf(clean) });
  }

  /** The model's title, once, in place of the first words; never replaces one the person typed. */
  async setAutoTitle(id: string, title: string): Promise<void> {
    const clean = cleanTitle(title);
    if (!clean) return;
    await this.#db.transaction('rw', this.#db.conversations, async () => {
      const row = await this.#db.conversations.get(id);
      if (row?.titleSource === 'auto') await this.#db.conversations.update(id, { title: clean, titleSource: 'model', titleWords: wordsOf(clean) });
    });
  }

  /** Changes what the person chose for this conversation (reply settings, focus, rewriting, context start). */
  async setOptions(id: string, options: ConversationOptions): Promise<void> {
    if (options.systemPrompt !== undefined) checkText(options.systemPrompt, 'systemPrompt');
    await this.#db.conversations.update(id, { ...options });
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    await this.#db.conversations.update(id, { pinned: pinned ? 1 : 0 });
  }

  async remove(id: string): Promise<ConversationBundle | null> {
    return this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      const conversation = await this.#db.conversations.get(id);
      if (!conversation) return null;
      const messages = await this.#db.messages.where('conversationId').equals(id).toArray();
      await this.#db.messages.bulkDelete(messages.map((m) => m.id));
      await this.#db.conversations.delete(id);
      return { conversation: toConversation(conversation), messages: messages.map(toMessage) };
    });
  }

  /** Puts back what `remove` took (undo), or writes imported conversations. */
  async restore(items: readonly ConversationBundle[]): Promise<void> {
    for (const item of items) {
      checkText(item.conversation.systemPrompt, 'systemPrompt');
      for (const message of item.messages) checkText(message.content);
    }
    await this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      await this.#db.conversations.bulkPut(items.map((i) => conversationRow(i.conversation)));
      await this.#db.messages.bulkPut(items.flatMap((i) => i.messages.map(messageRow)));
    });
  }

  /** A conversation with its whole tree, for export. */
  async bundle(id: string): Promise<ConversationBundle | null> {
    const conversation = await this.get(id);
    return conversation ? { conversation, messages: await this.messages(id) } : null;
  }

  async allBundles(): Promise<ConversationBundle[]> {
    const [conversations, messages] = await Promise.all([this.list(), this.#db.messages.toArray()]);
    const byConversation = new Map<string, ChatMessage[]>();
    for (const row of messages) {
      const list = byConversation.get(row.conversationId);
      if (list) list.push(toMessage(row));
      else byConversation.set(row.conversationId, [toMessage(row)]);
    }
    return conversations.map((conversation) => ({ conversation, messages: byConversation.get(conversation.id) ?? [] }));
  }

  /**
   * Adds imported conversations in one transaction and never changes what is already here: a conversation
   * whose id is here (or earlier in the batch) is skipped whole, so importing a file twice adds nothing. Message
   * ids share one key space across conversations, so a new conversation's message whose id is taken (stored, or
   * used earlier in the batch) gets a fresh id, with its children and the active leaf following it; a plain
   * bulkPut would move the stored message into the new conversation.
   */
  async importBundles(items: readonly ConversationBundle[]): Promise<ImportWritten> {
    return this.#db.transaction('rw', this.#db.conversations, this.#db.messages, async () => {
      const present = await this.#db.conversations.bulkGet(items.map((i) => i.conversation.id));
      const batch = new Set<string>();
      const fresh = items.filter((item, i) => {
        if (present[i] !== undefined || batch.has(item.conversation.id)) return false;
        batch.add(item.conversation.id);
        return true;
      });
      const wanted = [...new Set(fresh.flatMap((i) => i.messages.map((m) => m.id)))];
      const stored = await this.#db.messages.bulkGet(wanted);
      const taken = new Set(wanted.filter((_, i) => stored[i] !== undefined));
      let remappedMessageIds = 0;
      const placed = fresh.map((item): ConversationBundle => {
        const renamed = new Map<string, string>();
        const here = new Set<string>();
        let messages = item.messages.map((message) => {
          // A second copy of an id inside one conversation is renamed too, but links keep pointing at the first.
          const repeat = here.has(message.id);
          here.add(message.id);
          if (!taken.has(message.id)) {
            taken.add(message.id);
            return message;
          }
          const id = newId(isValidTime(message.createdAt) ? message.createdAt : Date.now());
          taken.add(id);
          remappedMessageIds += 1;
          if (!repeat) renamed.set(message.id, id);
          return { ...message, id };
        });
        if (renamed.size === 0) return { conversation: item.conversation, messages };
        messages = messages.map((m) => {
          const parentId = m.parentId === null ? undefined : renamed.get(m.parentId);
          return parentId === undefined ? m : { ...m, parentId };
        });
        // Every link of the conversation to a message follows its new id.
        const { activeLeafId: leaf, contextStartId: start, summary } = item.conversation;
        const conversation: Conversation = {
          ...item.conversation,
          activeLeafId: leaf === null ? null : (renamed.get(leaf) ?? leaf),
          ...(start ? { contextStartId: renamed.get(start) ?? start } : {}),
          ...(summary ? { summary: { ...summary, throughId: renamed.get(summary.throughId) ?? summary.throughId } } : {}),
        };
        return { conversation, messages };
      });
      await this.restore(placed);
      return { added: fresh.length, existing: items.length - fresh.length, remappedMessageIds };
    });
  }

  /**
   * Conversations whose title or any message (on any branch) contains every word of the query, newest
   * first. Candidates come from the word index by prefix, then every term is checked in the text.
   */
  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    // Candidates come from the word index for the longest term (usually the rarest), a page at a time, and
    // every term is then checked in the text. Paging stops once enough conversations matched: a common word
    // must not mean reading the whole history.
    const [first] = terms as [string, ...string[]];
    const titleIds = (await this.#db.conversations.where('titleWords').startsWith(first).limit(SEARCH_CANDIDATES).primaryKeys()) as string[];
    const titleRows = (await this.#db.conversations.bulkGet([...new Set(titleIds)])).filter(
      (c): c is ConversationRow => c !== undefined && matchesAll(c.title, terms),
    );
    const messages: MessageRow[] = [];
    const conversationsHit = new Set(titleRows.map((c) => c.id));
    const collect = async (range: () => Collection<MessageRow, string, InsertType<MessageRow, 'id'>>) => {
      for (let page = 0; conversationsHit.size < limit; page++) {
        const ids = (await range().offset(page * SEARCH_PAGE).limit(SEARCH_PAGE).primaryKeys()) as string[];
        for (const m of await this.#db.messages.bulkGet([...new Set(ids)])) {
          if (!m || !matchesAll(m.content, terms)) continue;
          messages.push(m);
          conversationsHit.add(m.conversationId);
        }
        if (ids.length < SEARCH_PAGE) break;
      }
    };
    // The exact word first, newest first (ids sort by time); then longer words it begins, e.g. "rust" -> "rustc".
    await collect(() => this.#db.messages.where('words').equals(first).reverse());
    await collect(() => this.#db.messages.where('words').startsWith(first).and((m) => !m.words.includes(first)));
    const firstHit = new Map<string, MessageRow>();
    for (const m of messages.sort((a, b) => a.createdAt - b.createdAt)) if (!firstHit.has(m.conversationId)) firstHit.set(m.conversationId, m);
    const conversationIds = [...new Set([...titleRows.map((c) => c.id), ...firstHit.keys()])];
    const conversations = (await this.#db.conversations.bulkGet(conversationIds)).filter((c): c is ConversationRow => c !== undefined);
    return conversations
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, limit)
      .map((row) => {
        const hit = firstHit.get(row.id);
        return {
          conversation: toConversation(row),
          messageId: hit?.id ?? null,
          parts: hit ? snippet(hit.content, terms) : snippet(row.title, terms),
        };
      });
  }
}
