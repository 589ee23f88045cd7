import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeEngineClient, fakeModel } from '../../tests/support/fake-engine-client';
import { installFrameStandIns, uniqueDbName, until } from '../../tests/support/state-test-kit';
import { changeGeneration, DEFAULT_GENERATION, presetChange, type GenerationSettings } from '../lib/chat/generation-settings';
import { openAppDb, type AppDB } from '../lib/db/app-db';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { SettingsRepo } from '../lib/db/settings.repo';
import { ChatSession } from './chat.svelte';
import { EngineState } from './engine.svelte';
import { GenerationState, type OpenConversation } from './generation.svelte';

beforeAll(() => {
  installFrameStandIns();
});

interface App {
  readonly fake: FakeEngineClient;
  readonly repo: ConversationsRepo;
  readonly settings: SettingsRepo;
  readonly chat: ChatSession;
  readonly generation: GenerationState;
}

/** The app's own wiring (state/create-app-state.ts) over `db`, with a model loaded: one "page load". */
async function start(db: AppDB, repo = new ConversationsRepo(db)): Promise<App> {
  const fake = new FakeEngineClient();
  const engine = new EngineState(fake);
  await engine.probe();
  await engine.load(fakeModel());
  const settings = new SettingsRepo(db);
  const generation: GenerationState = new GenerationState(settings, repo, (): OpenConversation | null => {
    const id = chat.conversationId;
    const row = chat.conversation;
    return id === null ? null : { id, settings: row?.id === id ? row.settings : null };
  });
  const chat: ChatSession = new ChatSession(engine, repo, settings, () => generation.sampling, () => generation.value);
  await generation.init();
  await chat.restore();
  return { fake, repo, settings, chat, generation };
}

/** The sampling of the newest reply request (title requests left out). */
const lastSampling = (app: App) => app.fake.requests.filter((r) => !r.conversation.key.includes(':')).at(-1)?.sampling;

async function openAndWait(app: App, id: string, expected: GenerationSettings): Promise<void> {
  await app.chat.open(id);
  await until(() => JSON.stringify(app.generation.value) === JSON.stringify(expected), `conversation ${id} shows its settings`);
}

const A_SETTINGS = changeGeneration(DEFAULT_GENERATION, { ...presetChange('precise'), topK: 20, seed: 1 });
const B_SETTINGS = changeGeneration(A_SETTINGS, { ...presetChange('creative'), seed: 2, stop: ['END'], minP: 0.05 });

describe('reply settings per conversation', () => {
  it('each conversation keeps its own; a new chat starts from the last ones set; both survive a reload', async () => {
    const db = openAppDb(uniqueDbName('generation'));
    const app = await start(db);
    const { chat, generation, repo, settings } = app;

    // A new chat: the settings set now are the default, and the conversation is created with them.
    await generation.applyPreset('precise');
    await generation.update({ topK: 20, seed: 1 });
    expect(generation.value).toEqual(A_SETTINGS);
    await chat.send('About A');
    const a = chat.conversationId!;
    expect(lastSampling(app)).toEqual({ temperature: 0.2, top_p: 0.9, top_k: 20, seed: 1 });
    expect((await repo.get(a))?.settings).toEqual(A_SETTINGS);
    // Every reply records what it was generated with.
    expect(chat.messages.at(-1)?.sampling).toEqual({ temperature: 0.2, top_p: 0.9, top_k: 20, seed: 1 });

    // The next new chat starts from the last settings set; changing them there leaves A alone.
    await chat.newChat();
    expect(generation.value).toEqual(A_SETTINGS);
    await generation.applyPreset('creative');
    await generation.update({ seed: 2, stop: ['END'], minP: 0.05 });
    expect(generation.value).toEqual(B_SETTINGS);
    await chat.send('About B');
    const b = chat.conversationId!;
    // A preset sets the whole sampling shape: A's top-k went with it.
    expect(lastSampling(app)).toEqual({ temperature: 1.1, top_p: 0.98, presence_penalty: 0.3, min_p: 0.05, seed: 2, stop: ['END'] });
    expect((await repo.get(a))?.settings).toEqual(A_SETTINGS);

    // Opening A shows and uses A's settings.
    await openAndWait(app, a, A_SETTINGS);
    await chat.send('More about A');
    expect(lastSampling(app)).toEqual({ temperature: 0.2, top_p: 0.9, top_k: 20, seed: 1 });

    // Changing them while A is open changes A's (stored) and the default for new chats; B keeps its own.
    await generation.update({ maxTokens: 50, topK: null });
    const a2 = changeGeneration(A_SETTINGS, { maxTokens: 50, topK: null });
    expect(generation.value).toEqual(a2);
    expect((await repo.get(a))?.settings).toEqual(a2);
    expect(await settings.get('generation')).toEqual(a2);
    expect((await repo.get(b))?.settings).toEqual(B_SETTINGS);
    await chat.regenerate(chat.messages.at(-1)!);
    expect(lastSampling(app)).toEqual({ temperature: 0.2, top_p: 0.9, max_tokens: 50, seed: 1 });

    // A reload (new state over the same database) reopens A with its settings; B has its own; new chats the last set.
    const again = await start(db);
    expect(again.chat.conversationId).toBe(a);
    await until(() => JSON.stringify(again.generation.value) === JSON.stringify(a2), 'A after the reload');
    await openAndWait(again, b, B_SETTINGS);
    await again.chat.newChat();
    expect(again.generation.value).toEqual(a2);
  });

  it('a conversation with no settings stored (an imported one) shows and uses the default until they change', async () => {
    const db = openAppDb(uniqueDbName('generation'));
    const app = await start(db);
    await app.generation.update({ temperature: 0.4 });
    const imported = await app.repo.create({ modelId: null, systemPrompt: '', settings: null });
    await app.chat.open(imported.id);
    await until(() => app.chat.conversation?.id === imported.id, 'the imported conversation is read');
    expect(app.generation.value).toEqual({ ...DEFAULT_GENERATION, temperature: 0.4 });
    await app.generation.update({ seed: 9 });
    expect((await app.repo.get(imported.id))?.settings).toEqual({ ...DEFAULT_GENERATION, temperature: 0.4, seed: 9 });
  });

  it('a change shows at once, before the conversation row is written back, and stays if the write fails', async () => {
    const db = openAppDb(uniqueDbName('generation'));
    const repo = new ConversationsRepo(db);
    const app = await start(db, repo);
    await app.chat.send('hello');
    const id = app.chat.conversationId!;
    await until(() => app.chat.conversation?.id === id, 'the row is read');

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const setOptions = repo.setOptions.bind(repo);
    vi.spyOn(repo, 'setOptions').mockImplementationOnce(async (...args) => {
      await held;
      return setOptions(...args);
    });
    const pending = app.generation.update({ topK: 3 });
    expect(app.generation.value.topK).toBe(3);
    expect(app.generation.sampling.top_k).toBe(3);
    release();
    await pending;
    await until(() => app.chat.conversation?.settings?.topK === 3, 'the row has the change');
    expect(app.generation.value.topK).toBe(3);

    vi.spyOn(repo, 'setOptions').mockRejectedValueOnce(new Error('disk full'));
    await app.generation.update({ seed: 5 });
    expect(app.generation.error).toEqual({ kind: 'save-failed', detail: 'Error: disk full' });
    expect(app.generation.value).toMatchObject({ topK: 3, seed: 5 });
    await app.chat.send('again'); // new rows are delivered; what was chosen here still applies
    expect(lastSampling(app)).toMatchObject({ top_k: 3, seed: 5 });
  });
});
