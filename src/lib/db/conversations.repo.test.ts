import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../chat/chat-types';
import { newConversation, type Conversation } from '../chat/conversation';
import { activePath, buildTree, siblingsOf } from '../chat/tree';
import { LimitError, MAX_TEXT_LENGTH } from '../transfer/limits';
import { openAppDb, type AppDB } from './app-db';
import { ConversationsRepo, newId } from './conversations.repo';

let db: AppDB;
let repo: ConversationsRepo;
let clock = 1_000;

function message(conversationId: string, parentId: string | null, role: 'user' | 'assistant', content: string, id = `${role}-${clock}`): ChatMessage {
  clock += 10;
  return { id, conversationId, parentId, role, content, status: 'done', createdAt: clock, updatedAt: clock };
}

beforeEach(() => {
  db = openAppDb(`c-${Math.random()}`);
  repo = new ConversationsRepo(db);
});

describe('conversations repository', () => {
  it('titles a conversation from its first question and follows the newest message', async () => {
    const c = await repo.create({ modelId: 'm', systemPrompt: '', settings: null });
    expect(c.title).toBe('New chat');
    const q = message(c.id, null, 'user', 'How do I reverse a linked list?');
    await repo.append(q);
    const a = message(c.id, q.id, 'assistant', 'Walk it once, flipping each next pointer.');
    await repo.append(a);
    const stored = await repo.get(c.id);
    expect(stored).toMatchObject({ title: 'How do I reverse a linked list?', activeLeafId: a.id, updatedAt: a.createdAt });
    await repo.append(message(c.id, a.id, 'user', 'And recursively?'));
    expect((await repo.get(c.id))?.title).toBe('How do I reverse a linked list?');
  });

  it("takes the model's title over the first words, but never over a typed one", async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    await repo.append(message(c.id, null, 'user', 'how do i reverse a linked list'));
    await repo.setAutoTitle(c.id, 'Reversing a Linked List');
    expect(await repo.get(c.id)).toMatchObject({ title: 'Reversing a Linked List', titleSource: 'model' });
    await repo.setAutoTitle(c.id, 'A second model title');
    expect((await repo.get(c.id))?.title).toBe('Reversing a Linked List');
    expect((await repo.search('reversing'))[0]?.conversation.id).toBe(c.id);
    await repo.rename(c.id, 'Mine');
    await repo.setAutoTitle(c.id, 'Something else');
    expect((await repo.get(c.id))?.title).toBe('Mine');
  });

  it('keeps a title the person typed', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    await repo.rename(c.id, '  Linked   lists ');
    await repo.append(message(c.id, null, 'user', 'hello'));
    expect(await repo.get(c.id)).toMatchObject({ title: 'Linked lists', titleSource: 'user' });
  });

  it('stores branches as siblings and switches the active leaf', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    const q = message(c.id, null, 'user', 'q');
    await repo.append(q);
    const first = message(c.id, q.id, 'assistant', 'first answer');
    await repo.append(first);
    const second = message(c.id, q.id, 'assistant', 'second answer');
    await repo.append(second);
    const tree = buildTree(await repo.messages(c.id));
    expect(siblingsOf(tree, second)).toMatchObject({ index: 1, count: 2 });
    expect(activePath(tree, (await repo.get(c.id))?.activeLeafId ?? null).map((m) => m.content)).toEqual(['q', 'second answer']);
    await repo.setActiveLeaf(c.id, first.id);
    expect((await repo.get(c.id))?.activeLeafId).toBe(first.id);
  });

  it('writes a streaming draft and marks orphaned drafts interrupted', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    const q = message(c.id, null, 'user', 'q');
    await repo.append(q);
    const draft = { ...message(c.id, q.id, 'assistant', ''), status: 'streaming' as const };
    await repo.append(draft);
    await repo.update(draft.id, { content: 'partial rep' }, 5_000);
    expect(await repo.streamingIds(c.id)).toEqual([draft.id]);
    await repo.markInterrupted([draft.id]);
    const [, stored] = activePath(buildTree(await repo.messages(c.id)), draft.id);
    expect(stored).toMatchObject({ content: 'partial rep', status: 'interrupted', updatedAt: 5_000 });
    expect(await repo.streamingIds()).toEqual([]);
  });

  it('deletes with everything it holds, and undo puts it all back', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: 'Be brief.', settings: null });
    const q = message(c.id, null, 'user', 'q');
    await repo.append(q);
    await repo.append(message(c.id, q.id, 'assistant', 'a'));
    await repo.setPinned(c.id, true);
    const before = { conversation: await repo.get(c.id), messages: await repo.messages(c.id) };
    const removed = await repo.remove(c.id);
    expect(await repo.get(c.id)).toBeNull();
    expect(await repo.messages(c.id)).toEqual([]);
    await repo.restore([removed!]);
    expect(await repo.get(c.id)).toEqual(before.conversation);
    expect((await repo.messages(c.id)).sort((a, b) => a.createdAt - b.createdAt)).toEqual(before.messages.sort((a, b) => a.createdAt - b.createdAt));
  });

  it('searches titles and every branch, needs every word, and marks hits', async () => {
    const rust = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    const q = message(rust.id, null, 'user', 'Explain the borrow checker');
    await repo.append(q);
    await repo.append(message(rust.id, q.id, 'assistant', 'Rust checks borrows at compile time.'));
    await repo.append(message(rust.id, q.id, 'assistant', 'An alternative answer about lifetimes in Rust.'));
    const other = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    await repo.append(message(other.id, null, 'user', 'Best pasta recipe?'));

    const hits = await repo.search('rust LIFETIMES');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.conversation.id).toBe(rust.id);
    expect(hits[0]?.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['lifetimes', 'Rust']);

    expect((await repo.search('pasta')).map((h) => h.conversation.id)).toEqual([other.id]);
    expect((await repo.search('borrow')).map((h) => h.conversation.title)).toEqual(['Explain the borrow checker']);
    expect(await repo.search('rust pasta')).toEqual([]);
    expect(await repo.search('   ')).toEqual([]);
    expect((await repo.search('lifeti')).length).toBe(1); // prefix of a word
  });

  it('shows the newest conversations first when a common word matches more than one index page', async () => {
    // 450 matching messages: more than the 400 read per page, so "newest first" must come from the index order.
    const bundles = Array.from({ length: 450 }, (_, i) => {
      const at = 1_000_000 + i * 1000;
      const conversationId = `conv-${String(i).padStart(3, '0')}`;
      return {
        conversation: { id: conversationId, title: `Question ${i}`, titleSource: 'auto' as const, modelId: null, systemPrompt: '', settings: null, createdAt: at, updatedAt: at, pinned: 0 as const, activeLeafId: null },
        messages: [{ id: newId(at), conversationId, parentId: null, role: 'user' as const, content: `a python question, number ${i}`, status: 'done' as const, createdAt: at, updatedAt: at }],
      };
    });
    await repo.restore([...bundles].sort(() => Math.random() - 0.5));
    const hits = await repo.search('python', 50);
    expect(hits.map((h) => h.conversation.id)).toEqual(bundles.slice(400).reverse().map((b) => b.conversation.id));
  });

  it('lists a page: every pinned conversation, then the newest others, and how many there are', async () => {
    const made: Conversation[] = [];
    for (let i = 0; i < 7; i++) made.push(await repo.create({ modelId: null, systemPrompt: '', settings: null, title: `c${i}` }, 10_000 + i));
    await repo.setPinned(made[0]!.id, true); // the oldest, pinned
    const page = await repo.listPage(3);
    expect(page.total).toBe(7);
    expect(page.conversations.map((c) => c.title)).toEqual(['c0', 'c6', 'c5', 'c4']);
    expect((await repo.listPage(100)).conversations).toHaveLength(7);
  });

  it('saves what the screen kept after failed writes: the conversation if new, messages parents first, the leaf', async () => {
    const conversation = newConversation(newId(), { modelId: null, systemPrompt: '', settings: null }, 500);
    const q = message(conversation.id, null, 'user', 'kept on screen');
    const a = message(conversation.id, q.id, 'assistant', 'also kept');
    await repo.saveUnsaved(conversation, [q, a], a.id);
    expect(await repo.get(conversation.id)).toMatchObject({ title: 'kept on screen', activeLeafId: a.id, updatedAt: a.updatedAt });
    expect((await repo.messages(conversation.id)).map((m) => m.content).sort()).toEqual(['also kept', 'kept on screen']);
    // Saving again (a retry after a partial success) changes nothing but what it writes.
    await repo.saveUnsaved(null, [{ ...a, content: 'final text', updatedAt: a.updatedAt + 5 }], a.id);
    expect((await repo.messages(conversation.id)).find((m) => m.id === a.id)?.content).toBe('final text');
    await expect(repo.saveUnsaved(null, [message('gone', null, 'user', 'x')], null)).rejects.toThrow(/does not exist/);
  });

  it('makes ids that sort by time', () => {
    expect(newId(1000) < newId(2000)).toBe(true);
    expect(newId(Date.now()) < newId(Date.now() + 1)).toBe(true);
    expect(newId(5).length).toBe(newId(Date.now()).length);
  });
});

describe('import never changes what is already here', () => {
  /** Every row of both tables, exactly as stored (search words included). */
  const rows = async () => ({ conversations: await db.conversations.toArray(), messages: await db.messages.toArray() });

  /** A store that already holds two conversations, written the way the app writes them. */
  async function existing() {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    const q = message(c.id, null, 'user', 'Stored question');
    await repo.append(q);
    const a = message(c.id, q.id, 'assistant', 'Stored answer');
    await repo.append(a);
    const other = await repo.create({ modelId: 'm', systemPrompt: 'Be brief.', settings: null, title: 'Other' });
    await repo.append(message(other.id, null, 'user', 'Another stored question'));
    return { q, a };
  }

  const conversation = (id: string, activeLeafId: string | null): Conversation => ({
    id,
    title: id,
    titleSource: 'user',
    modelId: null,
    systemPrompt: '',
    settings: null,
    createdAt: 5_000,
    updatedAt: 5_000,
    pinned: 0,
    activeLeafId,
  });
  const imported = (conversationId: string, id: string, parentId: string | null, content: string): ChatMessage => ({
    id,
    conversationId,
    parentId,
    role: parentId === null ? 'user' : 'assistant',
    content,
    status: 'done',
    createdAt: 5_000,
    updatedAt: 5_000,
  });
  const path = async (conversationId: string) => {
    const leaf = (await repo.get(conversationId))?.activeLeafId ?? null;
    return activePath(buildTree(await repo.messages(conversationId)), leaf).map((m) => m.content);
  };

  it('a new conversation reusing stored message ids gets fresh ids for them, its tree intact', async () => {
    const { q, a } = await existing();
    const before = await rows();
    // x reuses q's id (a root), y is new, z reuses a's id and is the leaf.
    const bundle = {
      conversation: conversation('new', a.id),
      messages: [imported('new', q.id, null, 'x'), imported('new', 'fresh-y', q.id, 'y'), imported('new', a.id, 'fresh-y', 'z')],
    };
    const written = await repo.importBundles([bundle]);
    const after = await rows();
    for (const row of before.conversations) expect(after.conversations.find((r) => r.id === row.id)).toEqual(row);
    for (const row of before.messages) expect(after.messages.find((r) => r.id === row.id)).toEqual(row);
    expect(after.messages).toHaveLength(before.messages.length + 3);
    expect(await path('new')).toEqual(['x', 'y', 'z']);
    expect(written).toEqual({ added: 1, existing: 0, remappedMessageIds: 2 });
  });

  it('a fresh context start and a running summary follow their messages to new ids', async () => {
    const { q, a } = await existing();
    const bundle = {
      conversation: { ...conversation('linked', a.id), contextStartId: q.id, summarize: true, summary: { text: 'S', throughId: a.id } },
      messages: [imported('linked', q.id, null, 'x'), imported('linked', a.id, q.id, 'y')],
    };
    await repo.importBundles([bundle]);
    const stored = (await repo.get('linked'))!;
    const [x, y] = activePath(buildTree(await repo.messages('linked')), stored.activeLeafId);
    expect(x?.content).toBe('x');
    expect(stored.contextStartId).toBe(x!.id);
    expect(stored.summary).toEqual({ text: 'S', throughId: y!.id });
    expect(stored.summarize).toBe(true);
  });

  it('two new conversations in one file sharing message ids both keep their full trees', async () => {
    await existing();
    const before = await rows();
    const one = { conversation: conversation('one', 's2'), messages: [imported('one', 's1', null, 'one q'), imported('one', 's2', 's1', 'one a')] };
    const two = { conversation: conversation('two', 's2'), messages: [imported('two', 's1', null, 'two q'), imported('two', 's2', 's1', 'two a')] };
    const written = await repo.importBundles([one, two]);
    const after = await rows();
    for (const row of before.conversations) expect(after.conversations.find((r) => r.id === row.id)).toEqual(row);
    for (const row of before.messages) expect(after.messages.find((r) => r.id === row.id)).toEqual(row);
    expect(await path('one')).toEqual(['one q', 'one a']);
    expect(await path('two')).toEqual(['two q', 'two a']);
    expect(written).toEqual({ added: 2, existing: 0, remappedMessageIds: 2 });
    // The same file again adds nothing and changes nothing.
    const snapshot = await rows();
    expect(await repo.importBundles([one, two])).toEqual({ added: 0, existing: 2, remappedMessageIds: 0 });
    expect(await rows()).toEqual(snapshot);
  });

  it('a conversation already here is skipped whole, even if the file holds other messages for it', async () => {
    const { q } = await existing();
    const c = (await repo.get(q.conversationId))!;
    const before = await rows();
    const bundle = { conversation: { ...c, title: 'Changed' }, messages: [imported(c.id, q.id, null, 'changed'), imported(c.id, 'extra', q.id, 'extra')] };
    const written = await repo.importBundles([bundle]);
    expect(await rows()).toEqual(before);
    expect(written).toEqual({ added: 0, existing: 1, remappedMessageIds: 0 });
  });
});

describe('writes stay within the limits the importer reads', () => {
  const tooLong = 'x'.repeat(MAX_TEXT_LENGTH + 1);

  it('refuses text over the limit with a LimitError and writes nothing', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    const q = message(c.id, null, 'user', 'q');
    await repo.append(q);
    await expect(repo.append(message(c.id, q.id, 'assistant', tooLong))).rejects.toBeInstanceOf(LimitError);
    await expect(repo.update(q.id, { content: tooLong })).rejects.toThrow(/too long/);
    await expect(repo.create({ modelId: null, systemPrompt: tooLong, settings: null })).rejects.toBeInstanceOf(LimitError);
    await expect(repo.restore([{ conversation: { ...c, id: 'r' }, messages: [{ ...q, id: 'r1', conversationId: 'r', content: tooLong }] }])).rejects.toBeInstanceOf(LimitError);
    expect(await repo.messages(c.id)).toEqual([q]);
    expect(await repo.count()).toBe(1);
    // Exactly at the limit is fine.
    await repo.update(q.id, { content: 'y'.repeat(MAX_TEXT_LENGTH) });
    expect((await repo.messages(c.id))[0]?.content).toHaveLength(MAX_TEXT_LENGTH);
  });

  it('refuses ids and times the importer could not read back', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    await expect(repo.append({ ...message(c.id, null, 'user', 'q'), id: 'i'.repeat(201) })).rejects.toMatchObject({ field: 'id' });
    await expect(repo.append({ ...message(c.id, null, 'user', 'q'), createdAt: Infinity })).rejects.toMatchObject({ field: 'time' });
    await expect(repo.update('any', { content: 'x' }, -1)).rejects.toMatchObject({ field: 'time' });
    expect(await repo.messages(c.id)).toEqual([]);
  });

  it('stores a blank title as no title, and settings as the importer reads them', async () => {
    const c = await repo.create({ modelId: null, systemPrompt: '', settings: { temperature: 9, topP: null, maxTokens: 12.4 }, title: '   ' });
    expect(await repo.get(c.id)).toMatchObject({ title: 'New chat', titleSource: 'auto', settings: { temperature: 2, topP: null, maxTokens: 12 } });
  });
});
