import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAppDb } from './app-db';
import { ConversationsRepo } from './conversations.repo';
import { DraftsRepo, NEW_CHAT_DRAFT } from './drafts.repo';

describe('composer drafts', () => {
  it('keeps one draft per conversation across a reopen; an empty draft is removed', async () => {
    const name = `drafts-${Math.random()}`;
    const db = openAppDb(name);
    const repo = new DraftsRepo(db);
    await repo.put('a', 'first');
    await repo.put('a', 'first, edited');
    await repo.put('b', 'second');
    await repo.put('b', '');
    db.close();
    expect(await new DraftsRepo(openAppDb(name)).all()).toEqual(new Map([['a', 'first, edited']]));
  });

  it('sweeps drafts of deleted conversations, never the new-chat draft', async () => {
    const db = openAppDb(`drafts-${Math.random()}`);
    const conversations = new ConversationsRepo(db);
    const kept = await conversations.create({ modelId: null, systemPrompt: '', settings: null });
    const gone = await conversations.create({ modelId: null, systemPrompt: '', settings: null });
    const repo = new DraftsRepo(db);
    await repo.put(kept.id, 'keep me');
    await repo.put(gone.id, 'orphan');
    await repo.put(NEW_CHAT_DRAFT, 'not sent yet');
    await conversations.remove(gone.id);
    expect(await repo.pruneOrphans()).toBe(1);
    expect(await repo.all()).toEqual(new Map([[kept.id, 'keep me'], [NEW_CHAT_DRAFT, 'not sent yet']]));
  });
});
