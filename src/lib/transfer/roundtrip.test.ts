/**
 * Properties: what the app stores, it exports, and what it exports imports back to the same records; a ChatGPT
 * export, however odd, imports without throwing into records that survive the same round trip.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatGptExport, plannedConversation, sortedBundles, type PlannedConversation } from '../../../tests/support/transfer-arbitraries';
import { activePath, buildTree } from '../chat/tree';
import { openAppDb } from '../db/app-db';
import { ConversationsRepo } from '../db/conversations.repo';
import { exportJson } from './export';
import { emptyReport, parseImport } from './import';
import { isValidId, isValidTime, MAX_ID_LENGTH, MAX_TEXT_LENGTH } from './limits';
import type { ImportResult } from './transfer-types';
import type { ConversationBundle } from '../chat/conversation';

let databases = 0;
async function withRepos(count: number, run: (...repos: ConversationsRepo[]) => Promise<void>): Promise<void> {
  const dbs = Array.from({ length: count }, () => openAppDb(`roundtrip-${databases++}`));
  try {
    await run(...dbs.map((db) => new ConversationsRepo(db)));
  } finally {
    for (const db of dbs) await db.delete();
  }
}

/** Writes a plan the way the app does: create, append, update, rename, title, pin, switch branch, summary. */
async function write(repo: ConversationsRepo, plan: readonly PlannedConversation[]): Promise<void> {
  let n = 0;
  for (const c of plan) {
    const conversation = await repo.create(c.init, c.createdAt);
    const ids: string[] = [];
    for (const m of c.messages) {
      const id = `m${n++}-${m.idTail}`.slice(0, MAX_ID_LENGTH);
      await repo.append({ ...m.message, id, conversationId: conversation.id, parentId: m.parent === null ? null : (ids[m.parent] ?? null) });
      ids.push(id);
      if (m.update) await repo.update(id, m.update.patch, m.update.at);
    }
    if (c.rename !== null) await repo.rename(conversation.id, c.rename);
    if (c.autoTitle !== null) await repo.setAutoTitle(conversation.id, c.autoTitle);
    await repo.setPinned(conversation.id, c.pinned);
    if (c.leaf === null) await repo.setActiveLeaf(conversation.id, null);
    else if (c.leaf !== undefined && ids.length > 0) await repo.setActiveLeaf(conversation.id, ids[c.leaf % ids.length] ?? null);
    const { summarize, summary } = c.summary;
    if (summarize !== undefined) await repo.setOptions(conversation.id, { summarize });
    if (summary === null) await repo.setOptions(conversation.id, { summary: null });
    else if (summary && ids.length > 0) {
      const { through, ...rest } = summary;
      await repo.setOptions(conversation.id, { summary: { ...rest, throughId: ids[through % ids.length] ?? '' } });
    }
  }
}

/** The documented normalisation: a reply still "streaming" when exported comes back "interrupted". */
const asImported = (bundles: readonly ConversationBundle[]) =>
  sortedBundles(bundles.map((b) => ({ conversation: b.conversation, messages: b.messages.map((m) => (m.status === 'streaming' ? { ...m, status: 'interrupted' as const } : m)) })));

/** What every import must produce, whatever the file: records the app itself could have written. */
function expectStorable(result: ImportResult): void {
  for (const { conversation, messages } of result.bundles) {
    expect(isValidId(conversation.id)).toBe(true);
    expect(isValidTime(conversation.createdAt) && isValidTime(conversation.updatedAt)).toBe(true);
    const byId = new Map(messages.map((m) => [m.id, m]));
    expect(byId.size).toBe(messages.length);
    for (const m of messages) {
      expect(isValidId(m.id) && m.conversationId === conversation.id).toBe(true);
      expect(m.content.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
      expect(isValidTime(m.createdAt) && isValidTime(m.updatedAt)).toBe(true);
      // Parent links end at a root: no message is its own ancestor.
      const seen = new Set<string>();
      for (let at: string | null = m.id; at !== null; at = byId.get(at)?.parentId ?? null) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
      }
    }
    expect(conversation.activeLeafId === null || byId.has(conversation.activeLeafId)).toBe(true);
  }
}

describe('round trip: what the app stores, it can export and import again', () => {
  it('written through the repository -> allBundles -> exportJson -> parseImport -> importBundles into a fresh store: the same records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedConversation, { minLength: 1, maxLength: 3 }), async (plan) => {
        await withRepos(2, async (source, target) => {
          await write(source, plan);
          const original = await source.allBundles();
          const parsed = parseImport(exportJson(original));
          expect(await target.importBundles(parsed.bundles)).toMatchObject({ added: original.length, existing: 0 });
          expect(sortedBundles(await target.allBundles())).toEqual(asImported(original));
          expect(await target.importBundles(parsed.bundles)).toMatchObject({ added: 0, existing: original.length });
          expect(parsed.report).toEqual(emptyReport()); // nothing the app wrote needed clamping
        });
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});

describe('round trip: a ChatGPT export, however odd', () => {
  it('never throws, gives storable records, and survives export -> import unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(chatGptExport, async (list) => {
        const text = JSON.stringify(list);
        let first: ImportResult | undefined;
        expect(() => (first = parseImport(text, { now: 1_700_000_000_000 }))).not.toThrow();
        if (!first) return;
        expectStorable(first);
        for (const b of first.bundles) expect(activePath(buildTree(b.messages), b.conversation.activeLeafId).length).toBeGreaterThan(0);
        // Deterministic: the same file gives the same ids, so a second import adds nothing.
        expect(parseImport(text, { now: 1_700_000_000_000 }).bundles).toEqual(first.bundles);
        await withRepos(2, async (db1, db2) => {
          const written = await db1.importBundles(first!.bundles);
          expect(written.added).toBe(first!.bundles.length);
          const again = await db1.importBundles(parseImport(text, { now: 1 }).bundles);
          expect(again).toMatchObject({ added: 0, existing: first!.bundles.length });
          const second = parseImport(exportJson(await db1.allBundles()));
          await db2.importBundles(second.bundles);
          expect(sortedBundles(await db2.allBundles())).toEqual(sortedBundles(await db1.allBundles()));
          expect(second.report).toEqual(emptyReport()); // what the ChatGPT import stored needs no clamping
        });
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
