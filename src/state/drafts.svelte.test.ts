import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { uniqueDbName, until } from '../../tests/support/state-test-kit';
import { openAppDb } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { DraftsRepo, NEW_CHAT_DRAFT } from '../lib/db/drafts.repo';
import { MAX_TEXT_LENGTH } from '../lib/transfer/limits';
import { DraftsState } from './drafts.svelte';

async function setup() {
  const name = uniqueDbName('drafts');
  const db = openAppDb(name);
  const conversations = new ConversationsRepo(db);
  const a = await conversations.create({ modelId: null, systemPrompt: '', settings: null });
  const b = await conversations.create({ modelId: null, systemPrompt: '', settings: null });
  const repo = new DraftsRepo(db);
  const drafts = new DraftsState(repo);
  await drafts.init();
  /** A second DraftsState over the same database, as after a reload. */
  const reopen = async () => {
    const again = new DraftsState(new DraftsRepo(openAppDb(name)));
    await again.init();
    return again;
  };
  return { db, repo, drafts, a: a.id, b: b.id, reopen };
}

describe('DraftsState', () => {
  it('keeps one draft per conversation (and one for the chat not started yet)', async () => {
    const { drafts, a, b } = await setup();
    expect(drafts.get(a)).toBe('');
    drafts.set(a, 'draft of a');
    drafts.set(b, 'draft of b');
    drafts.set(null, 'a new chat');
    expect(drafts.get(a)).toBe('draft of a');
    expect(drafts.get(b)).toBe('draft of b');
    expect(drafts.get(null)).toBe('a new chat');
    drafts.set(a, 'draft of a, edited');
    expect(drafts.get(a)).toBe('draft of a, edited');
    expect(drafts.get(b)).toBe('draft of b');
  });

  it('stores drafts once flushed; a new DraftsState over the same database reads them back', async () => {
    const { repo, drafts, a, b, reopen } = await setup();
    drafts.set(a, 'h');
    drafts.set(a, 'he');
    drafts.set(a, 'hello'); // typed while the first write runs: coalesced into the next one
    drafts.set(b, 'other');
    drafts.set(null, 'not sent yet');
    await drafts.flush();
    expect(await repo.all()).toEqual(new Map([[a, 'hello'], [b, 'other'], [NEW_CHAT_DRAFT, 'not sent yet']]));
    const again = await reopen();
    expect(again.get(a)).toBe('hello');
    expect(again.get(b)).toBe('other');
    expect(again.get(null)).toBe('not sent yet');
  });

  it('an empty draft removes its row', async () => {
    const { repo, drafts, a, b, reopen } = await setup();
    drafts.set(a, 'soon gone');
    drafts.set(b, 'stays');
    await drafts.flush();
    drafts.set(a, '');
    expect(drafts.get(a)).toBe('');
    await drafts.flush();
    expect(await repo.all()).toEqual(new Map([[b, 'stays']]));
    expect((await reopen()).get(a)).toBe('');
  });

  it('writes each change without being asked to flush', async () => {
    const { repo, drafts, a } = await setup();
    drafts.set(a, 'typed');
    await until(async () => (await repo.all()).get(a) === 'typed', 'the draft is stored');
    drafts.set(a, '');
    await until(async () => !(await repo.all()).has(a), 'the emptied draft is removed');
  });

  it('on init, drops drafts of deleted conversations', async () => {
    const { db, repo, a, b } = await setup();
    await repo.put(a, 'stored a');
    await repo.put(b, 'stored b');
    await repo.put('gone-conversation', 'orphan');
    const drafts = new DraftsState(repo);
    await drafts.init();
    expect(drafts.get(a)).toBe('stored a');
    expect(drafts.get(b)).toBe('stored b');
    expect(drafts.get('gone-conversation')).toBe('');
    expect(await new DraftsRepo(db).all()).toEqual(new Map([[a, 'stored a'], [b, 'stored b']]));
  });

  it('on init, what was typed while the stored drafts were read wins over them', async () => {
    const { repo, a, b } = await setup();
    let answer!: (stored: Map<string, string>) => void;
    vi.spyOn(repo, 'all').mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const drafts = new DraftsState(repo);
    const init = drafts.init();
    drafts.set(a, 'typed during init');
    await until(() => answer !== undefined, 'init reads the stored drafts');
    answer(new Map([[a, 'stored a'], [b, 'stored b']]));
    await init;
    expect(drafts.get(a)).toBe('typed during init');
    expect(drafts.get(b)).toBe('stored b');
  });

  it('a draft too long to send stays on screen but is not stored (the last one that fitted is)', async () => {
    const { repo, drafts, a } = await setup();
    drafts.set(a, 'fits');
    await drafts.flush();
    const long = 'x'.repeat(MAX_TEXT_LENGTH + 1);
    drafts.set(a, long);
    await drafts.flush();
    expect(drafts.get(a)).toBe(long);
    expect(await repo.all()).toEqual(new Map([[a, 'fits']]));
  });

  it('a failed write keeps the text on screen and does not reject flush', async () => {
    const { repo, drafts, a } = await setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const put = vi.spyOn(repo, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    drafts.set(a, 'kept on screen');
    await expect(drafts.flush()).resolves.toBeUndefined();
    expect(drafts.get(a)).toBe('kept on screen');
    expect(warn).toHaveBeenCalled();
    put.mockRestore();
    warn.mockRestore();
    drafts.set(a, 'kept on screen, then stored');
    await drafts.flush();
    expect(await repo.all()).toEqual(new Map([[a, 'kept on screen, then stored']]));
  });
});
