/**
 * History at scale, in the browser's real IndexedDB through the app's own repository code: 1,000
 * conversations with 50,000 messages, one conversation of 500 messages, search over all of it, and the
 * draft writes a streaming reply makes. Each figure is the median of several runs after a warm-up.
 */
import type { ChatMessage } from '../../src/lib/chat/chat-types';
import { groupByRecency, type Conversation } from '../../src/lib/chat/conversation';
import { activePath, buildTree } from '../../src/lib/chat/tree';
import { openAppDb } from '../../src/lib/db/app-db';
import { ConversationsRepo, newId } from '../../src/lib/db/conversations.repo';

const WORDS = 'the a of to and in is it you that for on with as are this be at or have from by not but what all were when we there can an your which their if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know'.split(' ');

function sentence(seed: number, words: number): string {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(WORDS[(x >>> 16) % WORDS.length] as string); // high bits: an LCG's low bits repeat quickly
  }
  return out.join(' ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function time(run: () => Promise<unknown>, repeat = 7): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function conversationWith(id: string, title: string, count: number, at: number): { conversation: Conversation; messages: ChatMessage[] } {
  const messages: ChatMessage[] = [];
  const ids = Array.from({ length: count }, (_, i) => newId(at + i)); // time-ordered, as the app makes them
  for (let i = 0; i < count; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    // User turns are short; replies are a few sentences (~60 words), like real chats.
    const content = role === 'user' ? `${sentence(at + i, 12)}?` : `${sentence(at + i * 7, 60)}. ${i === count - 1 && id === 'c-777' ? 'zanzibar' : ''}`;
    messages.push({ id: ids[i] as string, conversationId: id, parentId: i === 0 ? null : (ids[i - 1] as string), role, content, status: 'done', createdAt: at + i, updatedAt: at + i });
  }
  return {
    conversation: { id, title, titleSource: 'auto', modelId: 'bench', systemPrompt: '', settings: null, createdAt: at, updatedAt: at + count, pinned: 0, activeLeafId: messages.at(-1)?.id ?? null },
    messages,
  };
}

async function runHistoryBench() {
  const name = `history-bench-${Date.now()}`;
  let db = openAppDb(name);
  let repo = new ConversationsRepo(db);
  const t0 = performance.now();
  const now = Date.now();
  for (let batch = 0; batch < 20; batch++) {
    const items = Array.from({ length: 50 }, (_, i) => {
      const n = batch * 50 + i;
      return conversationWith(`c-${n}`, sentence(n, 6), 50, now - n * 3_600_000);
    });
    await repo.restore(items);
  }
  const long = conversationWith('long', 'A very long conversation', 500, now);
  await repo.restore([long]);
  const seedMs = performance.now() - t0;
  const conversations = await repo.count();
  const messages = await db.messages.count();

  // Reopen, as the app does on start, so the first read is not served from this connection's state.
  db.close();
  db = openAppDb(name);
  repo = new ConversationsRepo(db);
  const firstListMs = await (async () => {
    const t = performance.now();
    groupByRecency(await repo.list(), Date.now());
    return performance.now() - t;
  })();
  const listMs = await time(async () => groupByRecency(await repo.list(), Date.now()));
  const openMs = await time(async () => activePath(buildTree(await repo.messages('long')), long.conversation.activeLeafId));
  const searchRare = await time(() => repo.search('zanzibar'));
  const searchCommon = await time(() => repo.search('water'));
  const searchTwo = await time(() => repo.search('people water'));
  const hits = (await repo.search('zanzibar')).length;
  const commonHits = (await repo.search('water')).length;
  const twoHits = (await repo.search('people water')).length;

  // A streaming reply: the app writes its draft every 250 ms; here as fast as the database takes them.
  const draft = { ...long.messages[1]!, id: 'draft', parentId: long.messages[0]!.id, content: '', status: 'streaming' as const };
  await repo.append(draft);
  let content = '';
  const writes: number[] = [];
  for (let i = 0; i < 200; i++) {
    content += ` ${sentence(i, 10)}`;
    const t = performance.now();
    await repo.update('draft', { content });
    writes.push(performance.now() - t);
  }
  db.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  return {
    conversations,
    messages,
    seedMs,
    firstListMs,
    listMs,
    openMs,
    searchRare,
    searchCommon,
    searchTwo,
    hits,
    commonHits,
    twoHits,
    writeP50: median(writes),
    writeMax: Math.max(...writes),
    writesPerS: 1000 / median(writes),
    draftChars: content.length,
  };
}

(window as unknown as { runHistoryBench: typeof runHistoryBench }).runHistoryBench = runHistoryBench;
