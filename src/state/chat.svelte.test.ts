import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeEngineClient, fakeModel, fakeStats } from '../../tests/support/fake-engine-client';
import { installFrameStandIns, quotaExceeded, uniqueDbName, until } from '../../tests/support/state-test-kit';
import { MODEL_TITLE_MIN_DECODE, TITLE_SAMPLING } from '../lib/chat/title';
import { openAppDb, type AppDB } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { SettingsRepo } from '../lib/db/settings.repo';
import { makeAppError } from '../lib/inference/app-error';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { ChatSession } from './chat.svelte';
import { EngineState } from './engine.svelte';

const model = fakeModel();
const SAMPLING = { temperature: 0.5, max_tokens: 64 };

beforeAll(() => {
  // ChatSession applies streamed text once per animation frame; Node has no frames (see state-test-kit).
  installFrameStandIns();
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Setup {
  readonly db: AppDB;
  readonly fake: FakeEngineClient;
  readonly engine: EngineState;
  readonly repo: ConversationsRepo;
  readonly settings: SettingsRepo;
  readonly chat: ChatSession;
  readonly saved: { count: number };
}

/** A session over a fresh database and a fake engine with the model loaded. */
async function setup(): Promise<Setup> {
  const db = openAppDb(uniqueDbName('chat'));
  const fake = new FakeEngineClient();
  const engine = new EngineState(fake);
  await engine.probe();
  expect(await engine.load(model)).toBe(true);
  const repo = new ConversationsRepo(db);
  const settings = new SettingsRepo(db);
  const saved = { count: 0 };
  const chat = new ChatSession(engine, repo, settings, () => SAMPLING, () => null, { onConversationSaved: () => (saved.count += 1) });
  await chat.restore();
  return { db, fake, engine, repo, settings, chat, saved };
}

const contents = (chat: ChatSession) => chat.messages.map((m) => m.content);

/** Waits until the branch on screen is what the database holds (same ids, same versions). */
async function showsStored(s: Setup): Promise<void> {
  const id = s.chat.conversationId;
  if (!id) return;
  const stored = await s.repo.messages(id);
  await until(() => s.chat.messages.every((m) => stored.some((r) => r.id === m.id && r.updatedAt === m.updatedAt)), 'session shows the stored rows');
}

describe('ChatSession', () => {
  it('send: stores the question and a reply that streams into messages and ends done', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    fake.holdTokens = true;
    fake.script('Hello there, how can I help?');
    const sending = chat.send('  Hi!  ');
    const call = await fake.nextChat();
    expect(chat.generating).toBe(true);
    expect(chat.conversationId).not.toBeNull();
    expect(chat.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hi!', 'done'],
      ['assistant', '', 'streaming'],
    ]);
    await call.release(2);
    await until(() => chat.messages[1]?.content === 'Hello there,', 'the first two tokens on screen');
    expect(chat.messages[1]?.status).toBe('streaming');
    await call.release(1);
    await until(() => chat.messages[1]?.content === 'Hello there, how', 'the third token on screen');
    await call.releaseAll();
    await sending;
    expect(chat.generating).toBe(false);
    const [question, reply] = chat.messages;
    expect(question).toMatchObject({ role: 'user', content: 'Hi!', parentId: null });
    expect(reply).toMatchObject({ role: 'assistant', content: 'Hello there, how can I help?', status: 'done', finishReason: 'stop', parentId: question?.id, modelId: model.id, sampling: SAMPLING });
    expect(chat.error).toBeNull();
    expect(s.saved.count).toBe(1);

    const id = chat.conversationId as string;
    const stored = await repo.messages(id);
    expect(stored.map((m) => [m.role, m.content, m.status]).sort()).toEqual([
      ['assistant', 'Hello there, how can I help?', 'done'],
      ['user', 'Hi!', 'done'],
    ]);
    expect(await repo.get(id)).toMatchObject({ title: 'Hi!', activeLeafId: reply?.id, modelId: model.id });
    expect(await s.settings.get('lastConversationId')).toBe(id);
    await showsStored(s);
    expect(contents(chat)).toEqual(['Hi!', 'Hello there, how can I help?']);
  });

  it('send: the request names the conversation and the question as its leaf, with the active branch as turns', async () => {
    const s = await setup();
    const { chat, fake } = s;
    await chat.send('First question');
    const id = chat.conversationId;
    const [q1, a1] = chat.messages;
    expect(fake.requests[0]).toEqual({ conversation: { key: id, leafId: q1?.id }, messages: [{ role: 'user', content: 'First question' }], sampling: SAMPLING });
    await chat.send('Second question');
    const q2 = chat.messages[2];
    expect(q2?.parentId).toBe(a1?.id);
    expect(fake.requests[1]).toEqual({
      conversation: { key: id, leafId: q2?.id },
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: a1?.content },
        { role: 'user', content: 'Second question' },
      ],
      sampling: SAMPLING,
    });
    expect(contents(chat)).toEqual(['First question', 'Answer 1 to: First question', 'Second question', 'Answer 2 to: Second question']);
  });

  it('ignores an empty message, and sends nothing while no model is loaded', async () => {
    const s = await setup();
    await s.chat.send('   ');
    expect(s.fake.chats).toHaveLength(0);
    await s.engine.unload();
    await s.chat.send('Hello?');
    expect(s.fake.chats).toHaveLength(0);
    expect(s.chat.conversationId).toBeNull();
  });

  it('stop mid-reply: the reply ends stopped with the text so far, and the engine saw the abort', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    fake.holdTokens = true;
    fake.script('one two three four five');
    const sending = chat.send('Count to five');
    const call = await fake.nextChat();
    await call.release(2);
    await chat.stop();
    expect(chat.stopping).toBe(true);
    expect(call.aborted).toBe(true);
    await sending;
    expect(call.sent).toEqual(['one', ' two']);
    expect(chat.generating).toBe(false);
    expect(chat.stopping).toBe(false);
    const reply = chat.messages[1];
    expect(reply).toMatchObject({ content: 'one two', status: 'stopped', finishReason: 'abort' });
    expect((await repo.messages(chat.conversationId as string)).find((m) => m.id === reply?.id)).toMatchObject({ content: 'one two', status: 'stopped' });
    // A stopped reply asks for no title even from a fast model.
    expect(fake.chats).toHaveLength(1);
  });

  it('stopAndWait resolves once the reply has ended', async () => {
    const s = await setup();
    s.fake.holdTokens = true;
    void s.chat.send('Tell me a story');
    const call = await s.fake.nextChat();
    await call.release(1);
    const stopping = s.chat.stopAndWait();
    expect(call.aborted).toBe(true);
    await stopping;
    expect(s.chat.generating).toBe(false);
    expect(s.chat.messages[1]).toMatchObject({ status: 'stopped', content: call.text });
  });

  it('stop on an engine that cannot stop: the watchdog shuts it down and the reply ends stopped, not failed', async () => {
    const s = await setup();
    const { chat, fake, engine } = s;
    fake.holdTokens = true;
    fake.ignoreAborts = true;
    const sending = chat.send('Hang, please');
    const call = await fake.nextChat();
    await call.release(1);
    await chat.stop();
    expect(call.aborted).toBe(true);
    expect(call.settled).toBe(false);
    expect(chat.generating).toBe(true);
    const error = makeAppError('engine-unresponsive', 'did not stop when asked');
    fake.crash(error); // what the real client's watchdog does after the grace period
    await sending;
    expect(chat.messages[1]).toMatchObject({ status: 'stopped', content: call.text, finishReason: 'abort' });
    expect(engine.loaded).toBeNull();
    expect(engine.error).toEqual(error);
  });

  // BUG (reported, not fixed here): in a new chat, `#abort` is created only after the conversation and the
  // question are stored, so a stop() in that window aborts nothing, sets `stopping` for good (a second stop()
  // returns early), and the reply runs to its end; stopAndWait() (newChat, open, loadModel) then waits for all
  // of it. Remove `.fails` once ChatSession honours a stop that comes before the engine call.
  it('a Stop right after the first send of a new chat reaches the engine', async () => {
    const s = await setup();
    const { chat, fake } = s;
    fake.holdTokens = true;
    const sending = chat.send('Never mind');
    await chat.stop();
    const call = await Promise.race([fake.nextChat(), sending.then(() => null)]);
    try {
      expect(call === null || call.aborted).toBe(true);
    } finally {
      void call?.releaseAll();
      await sending;
    }
  });

  it('refuses a message too long to keep, before sending it', async () => {
    const s = await setup();
    await s.chat.send('x'.repeat(MAX_TEXT_LENGTH + 1));
    expect(s.fake.chats).toHaveLength(0);
    expect(s.chat.conversationId).toBeNull();
    expect(s.chat.error).toEqual({ kind: 'message-too-long', length: MAX_TEXT_LENGTH + 1, limit: MAX_TEXT_LENGTH });
  });

  it('regenerate: a sibling reply; siblings() reports two versions and switchTo flips between them', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    await chat.send('Pick a number');
    const [question, first] = chat.messages;
    await showsStored(s);
    await chat.regenerate(first!);
    expect(fake.requests[1]).toEqual({ conversation: { key: chat.conversationId, leafId: question?.id }, messages: [{ role: 'user', content: 'Pick a number' }], sampling: SAMPLING });
    const second = chat.messages[1];
    expect(second?.id).not.toBe(first?.id);
    expect(second).toMatchObject({ parentId: question?.id, content: 'Answer 2 to: Pick a number', status: 'done' });
    expect(chat.messages).toHaveLength(2);
    expect(chat.siblings(second!)).toEqual({ index: 1, count: 2, previousId: first?.id, nextId: null });

    await chat.switchTo(first!.id);
    expect(chat.messages.map((m) => m.id)).toEqual([question?.id, first?.id]);
    expect(chat.siblings(chat.messages[1]!)).toEqual({ index: 0, count: 2, previousId: null, nextId: second?.id });
    expect((await repo.get(chat.conversationId as string))?.activeLeafId).toBe(first?.id);
    await until(() => chat.messages[1]?.id === first?.id && chat.tree.byId.size === 3);

    await chat.switchTo(second!.id);
    expect(chat.messages[1]?.id).toBe(second?.id);
    expect((await repo.get(chat.conversationId as string))?.activeLeafId).toBe(second?.id);
  });

  it('a follow-up on a switched branch sends that branch as its turns', async () => {
    const s = await setup();
    const { chat, fake } = s;
    await chat.send('Pick a number');
    const [, first] = chat.messages;
    await chat.regenerate(first!);
    await chat.switchTo(first!.id);
    await chat.send('Why that one?');
    expect(fake.requests[2]?.messages).toEqual([
      { role: 'user', content: 'Pick a number' },
      { role: 'assistant', content: 'Answer 1 to: Pick a number' },
      { role: 'user', content: 'Why that one?' },
    ]);
    expect(fake.requests[2]?.conversation.leafId).toBe(chat.messages[2]?.id);
    expect(chat.messages[1]?.id).toBe(first?.id);
  });

  it('edit: a sibling question, answered anew; the old branch stays', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    await chat.send('What is 2+2?');
    const [oldQuestion, oldReply] = chat.messages;
    await chat.edit(oldQuestion!, 'What is 3+3?');
    const [question, reply] = chat.messages;
    expect(question).toMatchObject({ role: 'user', content: 'What is 3+3?', parentId: null });
    expect(question?.id).not.toBe(oldQuestion?.id);
    expect(reply).toMatchObject({ parentId: question?.id, content: 'Answer 2 to: What is 3+3?', status: 'done' });
    expect(chat.siblings(question!)).toEqual({ index: 1, count: 2, previousId: oldQuestion?.id, nextId: null });
    expect(fake.requests[1]).toEqual({ conversation: { key: chat.conversationId, leafId: question?.id }, messages: [{ role: 'user', content: 'What is 3+3?' }], sampling: SAMPLING });
    expect((await repo.messages(chat.conversationId as string)).map((m) => m.id).sort()).toEqual([oldQuestion?.id, oldReply?.id, question?.id, reply?.id].sort());
    await chat.switchTo(oldQuestion!.id);
    expect(chat.messages.map((m) => m.id)).toEqual([oldQuestion?.id, oldReply?.id]);
  });

  it('edit of a later question keeps the exchange before it in the turns', async () => {
    const s = await setup();
    const { chat, fake } = s;
    await chat.send('First');
    await chat.send('Second');
    const [q1, a1, q2] = chat.messages;
    await chat.edit(q2!, 'Second, rephrased');
    const edited = chat.messages[2];
    expect(edited).toMatchObject({ parentId: a1?.id, content: 'Second, rephrased' });
    expect(chat.messages.slice(0, 2).map((m) => m.id)).toEqual([q1?.id, a1?.id]);
    expect(chat.siblings(edited!)).toMatchObject({ index: 1, count: 2, previousId: q2?.id });
    expect(fake.requests[2]).toEqual({
      conversation: { key: chat.conversationId, leafId: edited?.id },
      messages: [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Answer 1 to: First' },
        { role: 'user', content: 'Second, rephrased' },
      ],
      sampling: SAMPLING,
    });
  });

  it('newChat then send: a second conversation, with no reset of the engine in between', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    await chat.send('About cats');
    const firstId = chat.conversationId;
    await chat.newChat();
    expect(chat.conversationId).toBeNull();
    expect(chat.messages).toEqual([]);
    const logBefore = fake.log.length;
    await chat.send('About dogs');
    const secondId = chat.conversationId;
    expect(secondId).not.toBeNull();
    expect(secondId).not.toBe(firstId);
    expect(contents(chat)).toEqual(['About dogs', 'Answer 2 to: About dogs']);
    expect(fake.requests[1]).toEqual({ conversation: { key: secondId, leafId: chat.messages[0]?.id }, messages: [{ role: 'user', content: 'About dogs' }], sampling: SAMPLING });
    // Only the reply itself went to the engine: no unload, reload or other call to clear its state.
    expect(fake.log.slice(logBefore)).toEqual(['countTokens', `chat ${secondId}`]);
    expect((await repo.list()).map((c) => c.id).sort()).toEqual([firstId, secondId].sort());
    expect(s.saved.count).toBe(2);
    await chat.open(firstId);
    await until(() => chat.messages.length === 2, 'the first conversation reopened');
    expect(contents(chat)).toEqual(['About cats', 'Answer 1 to: About cats']);
  });

  it('a reply failing with device-lost: marked error with its text kept, and the engine is lost', async () => {
    const s = await setup();
    const { chat, fake, engine, repo } = s;
    const error = makeAppError('device-lost', 'GPU device was lost');
    fake.failNextChat(error, 2, ['Partial', ' answer', ' never', ' finished']);
    await chat.send('Explain GPUs');
    expect(chat.messages[1]).toMatchObject({ status: 'error', content: 'Partial answer', error });
    expect(engine.loaded).toBeNull();
    expect(engine.status).toBe('idle');
    expect(engine.error).toEqual(error);
    expect(chat.error).toBeNull(); // an engine error is not a storage error
    expect((await repo.messages(chat.conversationId as string)).find((m) => m.role === 'assistant')).toMatchObject({ status: 'error', content: 'Partial answer' });
    // With the model gone, nothing more is sent.
    await chat.send('Hello?');
    expect(fake.chats).toHaveLength(1);
  });

  it('a reply failing with an error that leaves the model usable: marked error, the engine stays ready', async () => {
    const s = await setup();
    s.fake.failNextChat(makeAppError('context-exceeded'), 0);
    await s.chat.send('A very long question');
    expect(s.chat.messages[1]).toMatchObject({ status: 'error', content: '' });
    expect(s.chat.messages[1]?.error?.kind).toBe('context-exceeded');
    expect(s.engine.loaded?.modelId).toBe(model.id);
  });

  it('a full disk: the messages stay on screen, not saved; retrySave stores them once there is room', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    await chat.send('First question');
    await showsStored(s);
    const id = chat.conversationId as string;
    const full = () => Promise.reject(quotaExceeded());
    vi.spyOn(repo, 'append').mockImplementation(full);
    vi.spyOn(repo, 'update').mockImplementation(full);
    vi.spyOn(repo, 'saveUnsaved').mockImplementation(full);

    fake.script('A reply kept on screen');
    await chat.send('Second question');
    expect(contents(chat)).toEqual(['First question', 'Answer 1 to: First question', 'Second question', 'A reply kept on screen']);
    const [, , question, reply] = chat.messages;
    expect(reply?.status).toBe('done');
    expect(chat.isUnsaved(question!.id)).toBe(true);
    expect(chat.isUnsaved(reply!.id)).toBe(true);
    expect(chat.isUnsaved(chat.messages[0]!.id)).toBe(false);
    expect(chat.unsavedCount).toBe(2);
    expect(chat.error).toEqual({ kind: 'storage-full' });
    expect(s.engine.error).toBeNull(); // a storage failure is no engine error
    expect(await repo.messages(id)).toHaveLength(2);

    // Still full: Retry fails, and everything stays.
    await chat.retrySave();
    expect(chat.unsavedCount).toBe(2);
    expect(chat.error).toEqual({ kind: 'storage-full' });

    vi.restoreAllMocks();
    await chat.retrySave();
    expect(chat.savingUnsaved).toBe(false);
    expect(chat.unsavedCount).toBe(0);
    expect(chat.isUnsaved(reply!.id)).toBe(false);
    expect(chat.error).toBeNull();
    const stored = await repo.messages(id);
    expect(stored.find((m) => m.id === reply?.id)).toMatchObject({ content: 'A reply kept on screen', status: 'done', parentId: question?.id });
    expect(stored.find((m) => m.id === question?.id)).toMatchObject({ content: 'Second question' });
    expect((await repo.get(id))?.activeLeafId).toBe(reply?.id);
    await showsStored(s);
    expect(contents(chat)).toEqual(['First question', 'Answer 1 to: First question', 'Second question', 'A reply kept on screen']);
  });

  it('a new chat on a full disk: the conversation itself is kept on screen and stored by retrySave', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    fake.stats = fakeStats(MODEL_TITLE_MIN_DECODE * 10); // fast, but an unsaved conversation asks for no title
    const full = () => Promise.reject(quotaExceeded());
    vi.spyOn(repo, 'add').mockImplementation(full);
    vi.spyOn(repo, 'saveUnsaved').mockImplementation(full);
    await chat.send('Hello on a full disk');
    const id = chat.conversationId as string;
    expect(id).not.toBeNull();
    expect(contents(chat)).toEqual(['Hello on a full disk', 'Answer 1 to: Hello on a full disk']);
    expect(chat.messages[1]?.status).toBe('done');
    expect(chat.unsavedCount).toBe(2);
    expect(chat.error).toEqual({ kind: 'storage-full' });
    expect(s.saved.count).toBe(0);
    expect(fake.chats).toHaveLength(1);
    expect(await repo.get(id)).toBeNull();

    vi.restoreAllMocks();
    await chat.retrySave();
    expect(chat.unsavedCount).toBe(0);
    expect(chat.error).toBeNull();
    expect(s.saved.count).toBe(1);
    expect(await repo.get(id)).toMatchObject({ title: 'Hello on a full disk', activeLeafId: chat.messages[1]?.id });
    expect(await repo.messages(id)).toHaveLength(2);
    await showsStored(s);
    expect(contents(chat)).toEqual(['Hello on a full disk', 'Answer 1 to: Hello on a full disk']);
  });

  it('a fast model titles the conversation after the first reply, with a title: request', async () => {
    const s = await setup();
    const { chat, fake, repo } = s;
    fake.stats = fakeStats(MODEL_TITLE_MIN_DECODE);
    fake.titleText = '"Greeting The World."';
    await chat.send('Hello world');
    const id = chat.conversationId as string;
    expect(fake.requests).toHaveLength(2);
    const title = fake.requests[1];
    expect(title?.conversation).toEqual({ key: `title:${id}`, leafId: null });
    expect(title?.conversation.key.startsWith('title:')).toBe(true);
    expect(title?.sampling).toEqual(TITLE_SAMPLING);
    expect(title?.messages[0]?.content).toContain('User: Hello world');
    expect(title?.messages[0]?.content).toContain('Assistant: Answer 1 to: Hello world');
    expect(await repo.get(id)).toMatchObject({ title: 'Greeting The World', titleSource: 'model' });
    // Only after the first exchange.
    await chat.send('And again');
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]?.conversation.key).toBe(id);
  });

  it('a slow model asks for no title: the first words stay', async () => {
    const s = await setup();
    s.fake.stats = fakeStats(MODEL_TITLE_MIN_DECODE - 0.5);
    await s.chat.send('Hello slow world');
    expect(s.fake.requests).toHaveLength(1);
    expect(await s.repo.get(s.chat.conversationId as string)).toMatchObject({ title: 'Hello slow world', titleSource: 'auto' });
  });

  it('a reply left streaming by a closed tab is shown, and stored, as interrupted', async () => {
    const s = await setup();
    const { chat, repo } = s;
    const conversation = await repo.create({ modelId: model.id, systemPrompt: '', settings: null });
    const now = Date.now();
    const question = { id: `${now}-q`, conversationId: conversation.id, parentId: null, role: 'user', content: 'Are you there?', status: 'done', createdAt: now, updatedAt: now } as const;
    const reply = { ...question, id: `${now}-r`, parentId: question.id, role: 'assistant', content: 'I was cut', status: 'streaming', createdAt: now + 1, updatedAt: now + 1 } as const;
    await repo.append(question);
    await repo.append(reply);
    // Node has no navigator: this stands for a browser without Web Locks, where no tab can be holding the reply.
    vi.stubGlobal('navigator', {});
    try {
      await chat.open(conversation.id);
      await until(() => chat.messages.length === 2, 'the conversation read');
      expect(chat.messages[1]).toMatchObject({ id: reply.id, content: 'I was cut', status: 'interrupted' });
      expect(chat.error).toBeNull();
      expect((await repo.messages(conversation.id)).find((m) => m.id === reply.id)?.status).toBe('interrupted');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('restore reopens the last conversation', async () => {
    const s = await setup();
    await s.chat.send('Remember me');
    const id = s.chat.conversationId;
    const again = new ChatSession(s.engine, s.repo, s.settings);
    await again.restore();
    expect(again.conversationId).toBe(id);
    await until(() => again.messages.length === 2, 'the conversation read back');
    expect(contents(again)).toEqual(['Remember me', 'Answer 1 to: Remember me']);
  });
});
