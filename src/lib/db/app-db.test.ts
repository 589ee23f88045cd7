import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, openAppDb, SCHEMA } from './app-db';
import { ConversationsRepo } from './conversations.repo';
import { CustomModelsRepo } from './custom-models.repo';
import { DraftsRepo, NEW_CHAT_DRAFT } from './drafts.repo';
import { SettingsRepo } from './settings.repo';

const model = {
  id: 'Tiny-q4f32_1-MLC',
  name: 'Tiny',
  modelUrl: 'http://127.0.0.1:9/models/tiny',
  libUrl: 'http://127.0.0.1:9/libs/tiny.wasm',
  quantization: 'q4f32_1',
  needsShaderF16: false,
  contextWindow: 1024,
  vramMB: null,
  downloadBytesEstimate: 10,
  params: null,
  source: 'custom' as const,
};

describe('schema versions', () => {
  it('lists versions in order, the last being the one the app opens', () => {
    expect(SCHEMA.map((s) => s.version)).toEqual([...SCHEMA.map((s) => s.version)].sort((a, b) => a - b));
    expect(LATEST_VERSION).toBe(3);
  });

  it('v1 -> v2: settings and custom models written by v1 are all there, and conversations work', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = openAppDb(name, 1);
    await new SettingsRepo(v1).set('lastModelId', 'Tiny-q4f32_1-MLC');
    await new SettingsRepo(v1).set('generation', { temperature: 0, topP: null, maxTokens: 4 });
    await new CustomModelsRepo(v1).add(model);
    expect(v1.verno).toBe(1);
    v1.close();

    const v2 = openAppDb(name, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await new SettingsRepo(v2).get('lastModelId')).toBe('Tiny-q4f32_1-MLC');
    expect(await new SettingsRepo(v2).get('generation')).toEqual({ temperature: 0, topP: null, maxTokens: 4 });
    expect(await new CustomModelsRepo(v2).list()).toEqual([model]);
    const repo = new ConversationsRepo(v2);
    const conversation = await repo.create({ modelId: null, systemPrompt: '', settings: null });
    expect(await repo.get(conversation.id)).toEqual(conversation);
    v2.close();
  });

  it('v2 -> v3: conversations and messages written by v2 are all there, and drafts work', async () => {
    const name = `upgrade-${Math.random()}`;
    const v2 = openAppDb(name, 2);
    const before = new ConversationsRepo(v2);
    const conversation = await before.create({ modelId: 'Tiny-q4f32_1-MLC', systemPrompt: 'Be brief.', settings: null });
    const now = Date.now();
    const question = { id: 'q1', conversationId: conversation.id, parentId: null, role: 'user' as const, content: 'hello there', status: 'done' as const, createdAt: now, updatedAt: now };
    await before.append(question);
    await new SettingsRepo(v2).set('lastConversationId', conversation.id);
    v2.close();

    const v3 = openAppDb(name);
    await v3.open();
    expect(v3.verno).toBe(3);
    const after = new ConversationsRepo(v3);
    expect((await after.get(conversation.id))?.systemPrompt).toBe('Be brief.');
    expect(await after.messages(conversation.id)).toEqual([question]);
    expect(await after.search('hello')).toHaveLength(1);
    expect(await new SettingsRepo(v3).get('lastConversationId')).toBe(conversation.id);
    const drafts = new DraftsRepo(v3);
    await drafts.put(conversation.id, 'half a thought');
    await drafts.put(NEW_CHAT_DRAFT, 'a new one');
    expect(await drafts.all()).toEqual(new Map([[conversation.id, 'half a thought'], [NEW_CHAT_DRAFT, 'a new one']]));
    v3.close();
  });
});
