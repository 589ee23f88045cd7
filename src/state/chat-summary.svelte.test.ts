/**
 * ChatSession's running summary over the fake engine client (its "tokenizer" is
 * tests/support/fake-token-count.ts) in a small window: when a block of old turns leaves, the model folds it
 * into the summary first (`summary:<id>`), the summary is stored and sent in the system message after the
 * system prompt, it is not made again until the next block move, an edit is what is sent next, a failure or
 * a storage failure keeps the reply going, Stop and a lost engine end the reply, and off means no summary.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeEngineClient, fakeModel } from '../../tests/support/fake-engine-client';
import { fakeTokenCount } from '../../tests/support/fake-token-count';
import { installFrameStandIns, quotaExceeded, uniqueDbName, until } from '../../tests/support/state-test-kit';
import { SUMMARY_MAX_CHARS, summarySystemContent } from '../lib/chat/running-summary';
import { openAppDb } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { SettingsRepo } from '../lib/db/settings.repo';
import { makeAppError } from '../lib/inference/app-error';
import type { ChatRequest } from '../protocol/engine-protocol';
import { ChatSession } from './chat.svelte';
import { EngineState } from './engine.svelte';

const WINDOW = 400;
const REPLY = 48;
const SYSTEM = 'Answer briefly.';
const SUMMARY = 'The earlier messages, in short.';

beforeAll(() => installFrameStandIns());

async function setup({ summarize = true } = {}) {
  const db = openAppDb(uniqueDbName('summary'));
  const fake = new FakeEngineClient();
  fake.contextWindow = WINDOW;
  const engine = new EngineState(fake);
  await engine.probe();
  await engine.load(fakeModel());
  const repo = new ConversationsRepo(db);
  const chat = new ChatSession(engine, repo, new SettingsRepo(db), () => ({ max_tokens: REPLY }));
  await chat.restore();
  await chat.setSystemPrompt(SYSTEM);
  await chat.setSummarize(summarize);
  return { fake, engine, repo, chat };
}

const isSummary = (r: ChatRequest) => r.conversation.key.startsWith('summary:');
const summaryRequests = (fake: FakeEngineClient) => fake.requests.filter(isSummary);
const replyRequests = (fake: FakeEngineClient) => fake.requests.filter((r) => !r.conversation.key.includes(':'));
const question = (i: number) => `Question number ${i} about the same long running topic`;

type Session = Awaited<ReturnType<typeof setup>>;

/** Sends questions until a summary request was made (a block left); returns how many were sent. */
async function sendUntilSummary({ fake, chat }: Session, from = 1): Promise<number> {
  const before = summaryRequests(fake).length;
  for (let i = from; i < from + 30; i++) {
    await chat.send(question(i));
    if (summaryRequests(fake).length > before) return i;
  }
  throw new Error('no block left the context');
}

/** Sends `question(i)` with every chat held; `onSummary` runs if the first chat is a summary request. */
async function sendHeld({ fake, chat }: Session, i: number, onSummary: (call: Awaited<ReturnType<FakeEngineClient['nextChat']>>) => Promise<void>): Promise<boolean> {
  fake.holdTokens = true;
  const sending = chat.send(question(i));
  const call = await fake.nextChat();
  let summarized = false;
  if (isSummary(call.request)) {
    summarized = true;
    await onSummary(call);
  } else {
    await call.releaseAll();
  }
  fake.holdTokens = false;
  for (const pending of [...fake.pendingChats]) void pending.releaseAll();
  await sending;
  return summarized;
}

describe('ChatSession running summary', () => {
  it('a block leaving makes a summary first; it is stored and sent after the system prompt until the next block move', async () => {
    const s = await setup();
    const { fake, repo, chat } = s;
    await sendUntilSummary(s);
    const id = chat.conversationId!;
    const [summaryRequest] = summaryRequests(fake);
    expect(summaryRequest?.conversation).toEqual({ key: `summary:${id}`, leafId: null });
    expect(summaryRequest?.sampling).toEqual({ temperature: 0, max_tokens: 100 });
    // Counted first: it fits the window with its answer.
    expect(fakeTokenCount(summaryRequest!, WINDOW, null).promptTokens + 100).toBeLessThanOrEqual(WINDOW);
    expect(summaryRequest?.messages.at(-1)?.content).toMatch(/^Summary so far:\n\(none yet\)\n\nMessages leaving the context:\nUser: /);

    // Stored, running through the newest message that left.
    const excluded = chat.messages.filter((m) => chat.context.excluded.has(m.id));
    expect(excluded.length).toBeGreaterThan(0);
    const stored = (await repo.get(id))?.summary;
    expect(stored).toEqual({ text: SUMMARY, throughId: excluded.at(-1)!.id });
    expect(chat.summary).toEqual(stored);
    expect(summaryRequest?.messages.at(-1)?.content).toContain(`Assistant: ${excluded.at(-1)!.content}`);

    // The reply's request carries it in the system message, after the system prompt, and still fits.
    const system = { role: 'system', content: summarySystemContent(SYSTEM, SUMMARY) };
    expect(system.content.startsWith(`${SYSTEM}\n\n`)).toBe(true);
    const afterSummary = fake.requests[fake.requests.indexOf(summaryRequest!) + 1]!;
    expect(isSummary(afterSummary)).toBe(false);
    expect(afterSummary.messages[0]).toEqual(system);
    expect(fakeTokenCount(afterSummary, WINDOW, null).promptTokens + REPLY).toBeLessThanOrEqual(WINDOW);
    expect(chat.messages.at(-1)?.status).toBe('done');

    // More messages: each request carries it; a new summary only when the next block leaves.
    let n = 100;
    let moves = 0;
    let excludedBefore = chat.context.excluded.size;
    for (let i = 0; i < 14; i++) {
      const summaries = summaryRequests(fake).length;
      await chat.send(question(n++));
      const moved = chat.context.excluded.size > excludedBefore;
      excludedBefore = chat.context.excluded.size;
      if (moved) moves++;
      expect(summaryRequests(fake).length - summaries).toBe(moved ? 1 : 0);
      expect(replyRequests(fake).at(-1)?.messages[0]?.content.startsWith(`${SYSTEM}\n\nSummary of the earlier part`)).toBe(true);
    }
    expect(moves).toBeGreaterThan(0);
    // Each later summary builds on the one before and runs through the newest message that left.
    expect(summaryRequests(fake).at(-1)?.messages.at(-1)?.content).toMatch(new RegExp(`^Summary so far:\\n${SUMMARY}\\n\\nMessages leaving`));
    const last = chat.messages.filter((m) => chat.context.excluded.has(m.id)).at(-1)!;
    expect((await repo.get(id))?.summary?.throughId).toBe(last.id);
  });

  it('an edited summary is stored as edited and sent from the next request; cleared, nothing is sent and it is not made again', async () => {
    const s = await setup();
    const { fake, repo, chat } = s;
    const next = (await sendUntilSummary(s)) + 1;
    const id = chat.conversationId!;
    const through = chat.summary!.throughId;
    await chat.editSummary('  The user likes pelicans and asks about topics.  ');
    expect(chat.summary).toEqual({ text: 'The user likes pelicans and asks about topics.', throughId: through, edited: true });
    expect((await repo.get(id))?.summary).toEqual(chat.summary);
    const summaries = summaryRequests(fake).length;
    await chat.send(question(next));
    expect(replyRequests(fake).at(-1)?.messages[0]?.content).toBe(summarySystemContent(SYSTEM, 'The user likes pelicans and asks about topics.'));

    // Too long to send with every message: refused, the summary stays.
    await chat.editSummary('x '.repeat(1500));
    expect(chat.error).toEqual({ kind: 'summary-too-long', length: 2999, limit: SUMMARY_MAX_CHARS });
    expect(chat.summary?.text).toBe('The user likes pelicans and asks about topics.');
    chat.dismissError();

    await chat.clearSummary();
    expect(chat.summary).toBeNull();
    expect((await repo.get(id))?.summary).toEqual({ text: '', throughId: through, edited: true });
    await chat.send(question(next + 1));
    expect(replyRequests(fake).at(-1)?.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    // What it covered is not summarized again (only a later block move makes a new one).
    expect(summaryRequests(fake).length).toBe(summaries);
  });

  it('a failed summary request or an answer that is no summary keeps the previous summary, and the reply goes ahead', async () => {
    const s = await setup();
    const { fake, chat } = s;
    fake.scriptFor('summary:', { tokens: [], error: makeAppError('unknown', 'the summary went wrong') });
    let i = await sendUntilSummary(s);
    expect(chat.messages.at(-1)?.status).toBe('done');
    expect(chat.summary).toBeNull();
    expect(chat.error).toBeNull();
    expect(replyRequests(fake).at(-1)?.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    // Not tried again for the same turns: the next attempt waits for the next block move.
    const tries = summaryRequests(fake).length;
    await chat.send(question(++i));
    if (summaryRequests(fake).length > tries) throw new Error('retried before the next block move');
    i = await sendUntilSummary(s, i + 1);
    expect(chat.summary?.text).toBe(SUMMARY);
    // Its request takes in the turns the failed one had too (nothing to build on yet).
    expect(summaryRequests(fake).at(-1)?.messages.at(-1)?.content).toMatch(/^Summary so far:\n\(none yet\)/);

    fake.scriptFor('summary:', '<updated summary>');
    await sendUntilSummary(s, i + 1);
    expect(chat.messages.at(-1)?.status).toBe('done');
    expect(chat.summary?.text).toBe(SUMMARY);
  });

  it('a summary that cannot be stored stays in use and the storage failure is reported', async () => {
    const s = await setup();
    const { fake, repo, chat } = s;
    await chat.send(question(1));
    await until(() => chat.conversation?.summarize === true, 'the stored conversation is shown');
    repo.setOptions = () => Promise.reject(quotaExceeded());
    const next = (await sendUntilSummary(s, 2)) + 1;
    expect(chat.error).toEqual({ kind: 'storage-full' });
    expect(chat.summary?.text).toBe(SUMMARY);
    expect((await repo.get(chat.conversationId!))?.summary ?? null).toBeNull();
    await chat.send(question(next));
    expect(replyRequests(fake).at(-1)?.messages[0]?.content).toBe(summarySystemContent(SYSTEM, SUMMARY));
  });

  it('Stop while the summary is written stops the whole reply; a lost engine fails it', async () => {
    const s = await setup();
    const { fake, engine, chat } = s;
    let stopped = false;
    for (let i = 1; i < 40 && !stopped; i++) {
      stopped = await sendHeld(s, i, async (call) => {
        await until(() => chat.summarizing, 'the summary is under way');
        await chat.stop();
        expect(call.aborted).toBe(true);
      });
    }
    expect(stopped).toBe(true);
    expect(chat.messages.at(-1)).toMatchObject({ status: 'stopped', content: '' });
    expect(chat.summarizing).toBe(false);
    expect(chat.summary).toBeNull();
    const replies = replyRequests(fake).length;

    // Stopped, it was not given up on: the next message tries again. A lost engine then fails the reply.
    fake.scriptFor('summary:', { tokens: [], error: makeAppError('device-lost', 'GPU device was lost') });
    // (The stopped exchange has no answer, so it is not history: the same question again overflows as it did.)
    await chat.send(question(100));
    expect(summaryRequests(fake).length).toBe(2);
    expect(replyRequests(fake)).toHaveLength(replies);
    expect(chat.messages.at(-1)).toMatchObject({ status: 'error', error: { kind: 'device-lost' } });
    expect(engine.loaded).toBeNull();
  });

  it('off (the default) makes no summary request and sends no summary', async () => {
    const s = await setup({ summarize: false });
    const { fake, chat } = s;
    for (let i = 1; i <= 25; i++) await chat.send(question(i));
    expect(chat.context.excluded.size).toBeGreaterThan(0);
    expect(summaryRequests(fake)).toHaveLength(0);
    for (const request of replyRequests(fake)) expect(request.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    expect(chat.summarize).toBe(false);
    expect(chat.summary).toBeNull();
  });
});
