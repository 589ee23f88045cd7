import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, openAppDb, SCHEMA } from './app-db';
import { ConversationsRepo } from './conversations.repo';
import { CustomModelsRepo } from './custom-models.repo';
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
    expect(LATEST_VERSION).toBe(2);
  });

  it('v1 -> v2: settings and custom models written by v1 are all there, and conversations work', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = openAppDb(name, 1);
    await new SettingsRepo(v1).set('lastModelId', 'Tiny-q4f32_1-MLC');
    await new SettingsRepo(v1).set('generation', { temperature: 0, topP: null, maxTokens: 4 });
    await new CustomModelsRepo(v1).add(model);
    expect(v1.verno).toBe(1);
    v1.close();

    const v2 = openAppDb(name);
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
});
