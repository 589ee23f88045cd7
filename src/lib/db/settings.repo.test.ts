import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAppDb } from './app-db';
import { CustomModelsRepo } from './custom-models.repo';
import { SettingsRepo } from './settings.repo';

describe('settings and custom models', () => {
  it('remembers the last model across database reopen', async () => {
    const name = `t-${Math.random()}`;
    const db = openAppDb(name);
    const repo = new SettingsRepo(db);
    expect(await repo.get('lastModelId')).toBeNull();
    await repo.set('lastModelId', 'SmolLM2-360M-Instruct-q4f32_1-MLC');
    db.close();
    const again = new SettingsRepo(openAppDb(name));
    expect(await again.get('lastModelId')).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });

  it('stores custom models in the order they were added', async () => {
    const repo = new CustomModelsRepo(openAppDb(`t-${Math.random()}`));
    const model = {
      id: 'tiny',
      name: 'Tiny',
      modelUrl: 'http://127.0.0.1:1/tiny',
      libUrl: 'http://127.0.0.1:1/lib.wasm',
      quantization: 'q4f32_1',
      needsShaderF16: false,
      contextWindow: 512,
      vramMB: null,
      downloadBytesEstimate: null,
      params: null,
      source: 'custom' as const,
    };
    await repo.add(model);
    await repo.add({ ...model, id: 'tiny2' });
    expect((await repo.list()).map((m) => m.id)).toEqual(['tiny', 'tiny2']);
    expect((await repo.list())[0]).toEqual(model);
    await repo.remove('tiny');
    expect((await repo.list()).map((m) => m.id)).toEqual(['tiny2']);
  });
});
