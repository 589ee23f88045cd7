/**
 * ChatSession's follow-up step and per-conversation focus options, over the fake engine client: the rewrite
 * request (`rewrite:<id>`), what is stored on the question and sent in its place, failures that keep the
 * original question, Stop, editing the rewrite, focus modes and the fresh-context offer after a topic change.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeEngineClient, fakeModel } from '../../tests/support/fake-engine-client';
import { installFrameStandIns, uniqueDbName, until } from '../../tests/support/state-test-kit';
import { openAppDb } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { SettingsRepo } from '../lib/db/settings.repo';
import { makeAppError } from '../lib/inference/app-error';
import type { ChatRequest } from '../protocol/engine-protocol';
import { ChatSession } from './chat.svelte';
import { REWRITE_SAMPLING } from './chat/follow-up-step';
import { EngineState } from './engine.svelte';

beforeAll(() => installFrameStandIns());

async function setup() {
  const db = openAppDb(uniqueDbName('follow-up'));
  const fake = new FakeEngineClient();
  const engine = new EngineState(fake);
  await engine.probe();
  await engine.load(fakeModel());
  const repo = new ConversationsRepo(db);
  const settings = new SettingsRepo(db);
  const chat = new ChatSession(engine, repo, settings, () => ({ max_tokens: 64 }));
  await chat.restore();
  return { db, fake, engine, repo, settings, chat };
}

const rewriteAnswer = (standalone: string, depends = 'yes') => `THINKING: resolved from the history.\nDEPENDS: ${depends}\nSTANDALONE: ${standalone}`;
const userTurns = (request: ChatRequest | undefined) => request?.messages.filter((m) => m.role === 'user').map((m) => m.content) ?? [];
const isRewrite = (request: ChatRequest) => request.conversation.key.startsWith('rewrite:');
/** The replies' requests (not the rewrite or title side requests). */
const replyRequests = (fake: FakeEngineClient) => fake.requests.filter((r) => !r.conversation.key.includes(':'));

/** A conversation with rewriting on and one exchange about the 2020 World Series. */
async function withHistory() {
  const s = await setup();
  await s.chat.setRewriteFollowUps(true);
  await s.chat.send('Who won the 2020 World Series?');
  const id = s.chat.conversationId!;
  await until(() => s.chat.conversation?.rewriteFollowUps === true, 'the stored conversation is shown');
  return { ...s, id };
}

describe('follow-up rewriting', () => {
  it('rewrites a follow-up before answering: sent as the last user turn, stored on the question, reused later', async () => {
    const { fake, repo, chat, id } = await withHistory();
    // The first question has no history: no rewrite request. The option chosen on the new chat was stored with it.
    expect(fake.requests.map((r) => r.conversation.key)).toEqual([id]);
    expect(await repo.get(id)).toMatchObject({ rewriteFollowUps: true });

    fake.script(rewriteAnswer('Where was the 2020 World Series held?'));
    await chat.send('Where was it held?');
    const [rewrite, answer] = fake.requests.slice(1);
    expect(rewrite?.conversation).toEqual({ key: `rewrite:${id}`, leafId: null });
    expect(rewrite?.sampling).toEqual(REWRITE_SAMPLING);
    const asked = rewrite?.messages.at(-1)?.content ?? '';
    expect(asked).toContain('Who won the 2020 World Series?');
    expect(asked).toMatch(/Where was it held\?$/);
    expect(answer?.conversation.key).toBe(id);
    expect(userTurns(answer)).toEqual(['Who won the 2020 World Series?', 'Where was the 2020 World Series held?']);

    const question = chat.messages[2]!;
    expect(question.content).toBe('Where was it held?');
    expect(question.rewrite).toEqual({ text: 'Where was the 2020 World Series held?', dependsOnHistory: true });
    expect((await repo.messages(id)).find((m) => m.id === question.id)?.rewrite).toEqual(question.rewrite);
    expect(chat.messages[3]?.status).toBe('done');

    // A rewrite that changes nothing is not stored; the earlier rewrite stands in for its question again.
    fake.script(rewriteAnswer('Who was the MVP?'));
    await chat.send('Who was the MVP?');
    expect(chat.messages[4]?.rewrite).toBeUndefined();
    expect(userTurns(replyRequests(fake).at(-1))).toEqual(['Who won the 2020 World Series?', 'Where was the 2020 World Series held?', 'Who was the MVP?']);
  });

  it('a malformed rewrite keeps the original question', async () => {
    const { fake, chat } = await withHistory();
    fake.script('Sure! It was held in Arlington, Texas.');
    await chat.send('Where was it held?');
    expect(fake.requests.filter(isRewrite)).toHaveLength(1);
    expect(userTurns(replyRequests(fake).at(-1)).at(-1)).toBe('Where was it held?');
    expect(chat.messages[2]?.rewrite).toBeUndefined();
    expect(chat.messages[3]?.status).toBe('done');
  });

  it('an engine error in the rewrite still answers the original question', async () => {
    const { fake, chat, engine } = await withHistory();
    fake.failNextChat(makeAppError('unknown', 'the rewrite broke'));
    await chat.send('Where was it held?');
    expect(fake.requests.filter(isRewrite)).toHaveLength(1);
    expect(userTurns(replyRequests(fake).at(-1)).at(-1)).toBe('Where was it held?');
    expect(chat.messages[3]).toMatchObject({ status: 'done' });
    expect(engine.loaded).not.toBeNull();
    expect(chat.error).toBeNull();
  });

  it('a lost engine during the rewrite fails the reply and marks the engine lost', async () => {
    const { fake, chat, engine } = await withHistory();
    fake.failNextChat(makeAppError('device-lost', 'GPU device was lost'));
    await chat.send('Where was it held?');
    expect(replyRequests(fake)).toHaveLength(1);
    expect(chat.messages[3]).toMatchObject({ status: 'error', error: { kind: 'device-lost' } });
    expect(engine.loaded).toBeNull();
  });

  it('Stop during the rewrite stops the whole reply', async () => {
    const { fake, chat } = await withHistory();
    fake.holdTokens = true;
    fake.script(rewriteAnswer('Where was the 2020 World Series held?'));
    const sending = chat.send('Where was it held?');
    const rewrite = await fake.nextChat();
    expect(isRewrite(rewrite.request)).toBe(true);
    await until(() => chat.rewritingId === chat.messages[2]?.id, 'the rewrite is under way');
    await chat.stop();
    await sending;
    expect(rewrite.aborted).toBe(true);
    expect(replyRequests(fake)).toHaveLength(1);
    expect(chat.messages[3]).toMatchObject({ status: 'stopped', content: '' });
    expect(chat.rewritingId).toBeNull();
  });

  it('with rewriting off (the default) there is no rewrite request', async () => {
    const { fake, chat } = await setup();
    expect(chat.rewriteFollowUps).toBe(false);
    await chat.send('Who won the 2020 World Series?');
    await chat.send('Where was it held?');
    expect(fake.requests.filter(isRewrite)).toHaveLength(0);
    expect(userTurns(fake.requests.at(-1))).toEqual(['Who won the 2020 World Series?', 'Where was it held?']);
  });

  it('editing the rewrite stores it as edited and answers it anew beside the old reply; "use original" sends the question as written', async () => {
    const { fake, repo, chat, id } = await withHistory();
    fake.script(rewriteAnswer('Where was the 2020 World Series held?'));
    await chat.send('Where was it held?');
    const firstReply = chat.messages[3]!;
    const rewrites = fake.requests.filter(isRewrite).length;

    await chat.editRewrite(chat.messages[2]!, '  In which stadium was the 2020 World Series played? ');
    const question = chat.messages[2]!;
    expect(question.rewrite).toEqual({ text: 'In which stadium was the 2020 World Series played?', dependsOnHistory: true, edited: true });
    expect((await repo.messages(id)).find((m) => m.id === question.id)?.rewrite?.edited).toBe(true);
    expect(fake.requests.filter(isRewrite)).toHaveLength(rewrites); // an edited rewrite is never rewritten again
    expect(userTurns(fake.requests.at(-1)).at(-1)).toBe('In which stadium was the 2020 World Series played?');
    const newReply = chat.messages[3]!;
    expect(newReply.id).not.toBe(firstReply.id);
    expect(newReply.status).toBe('done');
    expect(chat.siblings(newReply).count).toBe(2);

    await chat.useOriginal(chat.messages[2]!);
    expect(userTurns(fake.requests.at(-1)).at(-1)).toBe('Where was it held?');
    expect(chat.messages[2]?.rewrite).toMatchObject({ text: 'Where was it held?', edited: true });
    expect(chat.siblings(chat.messages[3]!).count).toBe(3);
  });
});

describe('focus modes and fresh contexts', () => {
  it('standalone sends the system prompt and the rewritten question only', async () => {
    const { db, fake, chat, id } = await withHistory();
    await db.conversations.update(id, { systemPrompt: 'Answer briefly.' });
    await chat.setFocus({ mode: 'standalone' });
    await until(() => chat.conversation?.systemPrompt === 'Answer briefly.' && chat.conversation.focus?.mode === 'standalone', 'options shown');
    expect(chat.focus).toEqual({ mode: 'standalone' });
    fake.script(rewriteAnswer('Where was the 2020 World Series held?'));
    await chat.send('Where was it held?');
    // The rewrite itself still reads the history: that is what makes the question stand alone.
    expect(fake.requests.filter(isRewrite).at(-1)?.messages.at(-1)?.content).toContain('Who won the 2020 World Series?');
    expect(replyRequests(fake).at(-1)?.messages).toEqual([
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Where was the 2020 World Series held?' },
    ]);
    expect(chat.context.excluded.has(chat.messages[0]!.id)).toBe(true);
  });

  it('last N turns, set from the session, changes what is sent and persists with the conversation', async () => {
    const { fake, repo, settings, engine, chat } = await setup();
    for (const q of ['one', 'two', 'three']) await chat.send(q);
    const id = chat.conversationId!;
    await chat.setFocus({ mode: 'last', turns: 1 });
    expect(chat.focus).toEqual({ mode: 'last', turns: 1 }); // at once, before the database delivers it
    await chat.send('four');
    expect(userTurns(fake.requests.at(-1))).toEqual(['three', 'four']);
    expect(await repo.get(id)).toMatchObject({ focus: { mode: 'last', turns: 1 } });
    await chat.setFocus({ mode: 'last', turns: 999 });
    expect(chat.focus).toEqual({ mode: 'last', turns: 50 });

    // Another session (a reload) over the same database reads the conversation's options back.
    const again = new ChatSession(engine, repo, settings);
    await again.restore();
    await until(() => again.conversation?.id === id, 'the conversation reopens');
    expect(again.focus).toEqual({ mode: 'last', turns: 50 });
    expect(again.rewriteFollowUps).toBe(false);
    await again.newChat();
    expect(again.focus).toEqual({ mode: 'full' });
  });

  it('a topic change offers a fresh context; taken, earlier turns are not sent; undone, they are again', async () => {
    const { fake, repo, chat, id } = await withHistory();
    fake.script(rewriteAnswer('Can you suggest a vegetarian pasta recipe?', 'no'));
    await chat.send('Can you suggest a vegetarian pasta recipe?');
    const question = chat.messages[2]!;
    // Unchanged but independent of the history: stored, so the offer survives a reload.
    expect(question.rewrite).toEqual({ text: 'Can you suggest a vegetarian pasta recipe?', dependsOnHistory: false });
    expect(chat.topicChange?.id).toBe(question.id);
    // The reply itself was still given the whole history: the fresh context is the person's choice.
    expect(userTurns(replyRequests(fake).at(-1))).toHaveLength(2);

    await chat.setContextStart(question);
    expect(chat.contextStartId).toBe(question.id);
    expect(chat.topicChange).toBeNull();
    expect((await repo.get(id))?.contextStartId).toBe(question.id);

    fake.script(rewriteAnswer('Can the vegetarian pasta be made without cheese?'));
    await chat.send('Can it be made without cheese?');
    // The rewrite reads only the fresh context's history too.
    expect(fake.requests.filter(isRewrite).at(-1)?.messages.at(-1)?.content).not.toContain('World Series');
    expect(userTurns(replyRequests(fake).at(-1))).toEqual(['Can you suggest a vegetarian pasta recipe?', 'Can the vegetarian pasta be made without cheese?']);
    expect(chat.context.excluded.has(chat.messages[0]!.id)).toBe(true);

    await chat.setContextStart(null);
    expect(chat.contextStartId).toBeNull();
    fake.script(rewriteAnswer('How long does the pasta take?'));
    await chat.send('How long does it take?');
    expect(userTurns(replyRequests(fake).at(-1))[0]).toBe('Who won the 2020 World Series?');
    expect((await repo.get(id))?.contextStartId).toBeNull();
  });
});
