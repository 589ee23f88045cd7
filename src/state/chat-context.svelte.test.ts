/**
 * ChatSession with the context policy, focus modes and the meter, over the fake engine client (its
 * "tokenizer" is tests/support/fake-token-count.ts): what each request sends, what is marked out of context.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeEngineClient, fakeModel } from '../../tests/support/fake-engine-client';
import { fakeTokenCount } from '../../tests/support/fake-token-count';
import { installFrameStandIns, uniqueDbName } from '../../tests/support/state-test-kit';
import { openAppDb } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { makeAppError } from '../lib/inference/app-error';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { SettingsRepo } from '../lib/db/settings.repo';
import { ChatSession } from './chat.svelte';
import { EngineState } from './engine.svelte';

const WINDOW = 160;
const REPLY = 48;

beforeAll(() => installFrameStandIns());

async function setup(window = WINDOW) {
  const fake = new FakeEngineClient();
  fake.contextWindow = window;
  const engine = new EngineState(fake);
  await engine.probe();
  await engine.load(fakeModel());
  const repo = new ConversationsRepo(openAppDb(uniqueDbName('context')));
  const chat = new ChatSession(engine, repo, new SettingsRepo(openAppDb(uniqueDbName('context-settings'))), () => ({ max_tokens: REPLY }));
  await chat.restore();
  return { fake, repo, chat };
}

const sentContents = (fake: FakeEngineClient, i: number) => fake.requests[i]?.messages.map((m) => m.content) ?? [];

describe('ChatSession context', () => {
  it('a long conversation in a small window: every request fits, old turns leave in blocks and are marked', async () => {
    const { fake, chat } = await setup();
    let prefixChanges = 0;
    for (let i = 1; i <= 30; i++) {
      await chat.send(`Question number ${i} about the same long running topic`);
      const request = fake.requests.at(-1);
      expect(request).toBeDefined();
      const count = fakeTokenCount(request!, WINDOW, null);
      expect(count.promptTokens + REPLY).toBeLessThanOrEqual(WINDOW);
      expect(chat.messages.at(-1)?.status).toBe('done');
      const previous = fake.requests.at(-2);
      if (previous) {
        // Between block moves, a request is the previous one plus its reply and the new question.
        const extends_ = previous.messages.every((m, j) => request!.messages[j]?.content === m.content);
        if (!extends_) prefixChanges++;
      }
    }
    // Dropping the oldest turn per message would change the prefix on nearly every turn once full.
    expect(prefixChanges).toBeGreaterThan(0);
    expect(prefixChanges).toBeLessThanOrEqual(10);
    // What the last request left out is what the transcript marks.
    const sentNow = new Set(sentContents(fake, fake.requests.length - 1));
    const marked = chat.messages.filter((m) => chat.context.excluded.has(m.id));
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) expect(sentNow.has(m.content)).toBe(false);
    expect(chat.messages.at(-1) && chat.context.excluded.has(chat.messages.at(-2)!.id)).toBe(false);
  });

  it('the system prompt is sent first in every request, however long the conversation', async () => {
    const { fake, repo, chat } = await setup();
    await chat.setSystemPrompt('Always answer in French.');
    for (let i = 1; i <= 15; i++) await chat.send(`Question ${i} that fills up the small window quickly`);
    expect(chat.context.excluded.size).toBeGreaterThan(0);
    for (const request of fake.requests.filter((r) => !r.conversation.key.includes(':'))) {
      expect(request.messages[0]).toEqual({ role: 'system', content: 'Always answer in French.' });
    }
    expect((await repo.get(chat.conversationId!))?.systemPrompt).toBe('Always answer in French.');
  });

  it('a system prompt too long to keep is refused with a message, and the one in force stays', async () => {
    const { repo, chat } = await setup();
    await chat.setSystemPrompt('Be brief.');
    await chat.send('hello');
    await chat.setSystemPrompt('x'.repeat(MAX_TEXT_LENGTH + 1));
    expect(chat.error).toEqual({ kind: 'system-prompt-too-long', length: MAX_TEXT_LENGTH + 1, limit: MAX_TEXT_LENGTH });
    expect(chat.systemPrompt).toBe('Be brief.');
    expect((await repo.get(chat.conversationId!))?.systemPrompt).toBe('Be brief.');
  });

  it('a pinned exchange is sent however old it is; unpinned, it leaves again', async () => {
    const { fake, chat } = await setup();
    await chat.send('Remember the code word: pelican');
    const first = chat.messages[0]!;
    await chat.setPinned(first, true);
    for (let i = 1; i <= 12; i++) await chat.send(`Filler question ${i} that takes up some room in the window`);
    expect(sentContents(fake, fake.requests.length - 1)[0]).toBe('Remember the code word: pelican');
    expect(chat.context.excluded.has(first.id)).toBe(false);
    expect(chat.messages[0]?.pinned).toBe(true);
    await chat.setPinned(chat.messages[1]!, false); // unpinning from the answer unpins its question
    await chat.send('And now?');
    expect(sentContents(fake, fake.requests.length - 1)).not.toContain('Remember the code word: pelican');
    expect(chat.context.excluded.has(first.id)).toBe(true);
  });

  it('a question that cannot fit even alone is refused with a clear error, never sent', async () => {
    const { fake, chat } = await setup(80);
    await chat.send(Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '));
    const reply = chat.messages.at(-1);
    expect(reply?.status).toBe('error');
    expect(reply?.error?.kind).toBe('question-too-long');
    expect(fake.requests).toHaveLength(0);
  });

  it('focus modes: last N exchanges, standalone, and a fresh context change what is sent', async () => {
    const { fake, repo, chat } = await setup(4096);
    for (const q of ['one', 'two', 'three']) await chat.send(q);
    const id = chat.conversationId!;
    await repo.setOptions(id, { focus: { mode: 'last', turns: 1 } });
    await until(() => chat.conversation?.focus?.mode === 'last');
    await chat.send('four');
    expect(sentContents(fake, 3).filter((_, i) => i % 2 === 0)).toEqual(['three', 'four']);
    await repo.setOptions(id, { focus: { mode: 'standalone' } });
    await until(() => chat.conversation?.focus?.mode === 'standalone');
    await chat.send('five');
    expect(sentContents(fake, 4)).toEqual(['five']);
    const five = chat.messages.find((m) => m.content === 'five')!;
    await repo.setOptions(id, { focus: { mode: 'full' }, contextStartId: five.id });
    await until(() => chat.conversation?.contextStartId === five.id);
    await chat.send('six');
    expect(sentContents(fake, 5).filter((_, i) => i % 2 === 0)).toEqual(['five', 'six']);
    expect(chat.context.excluded.has(chat.messages[0]!.id)).toBe(true);
  });

  it('an engine that cannot count still answers, with the whole focused history (the policy is off)', async () => {
    const { fake, chat } = await setup();
    await chat.send('first');
    fake.countError = makeAppError('unknown', 'no tokenizer where expected');
    await chat.send('second');
    expect(chat.messages.at(-1)?.status).toBe('done');
    expect(sentContents(fake, 1).filter((_, i) => i % 2 === 0)).toEqual(['first', 'second']);
    // The meter says nothing rather than guessing.
    await chat.measure('third');
    expect(chat.context.meter).toBeNull();
  });

  it('the meter plans the draft as a send would: prompt, prefill and the reply budget', async () => {
    const { chat } = await setup();
    await chat.measure('hello there');
    expect(chat.context.meter).toMatchObject({ promptTokens: 2 + 2 + 3, prefillTokens: 7, draftTokens: 5, replyTokens: REPLY, window: WINDOW, fits: true });
    await chat.send('hello there');
    await chat.measure('next one');
    const meter = chat.context.meter!;
    expect(meter.promptTokens).toBeGreaterThan(7 + 5);
    expect(meter.draftTokens).toBe(5);
  });
});

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}
