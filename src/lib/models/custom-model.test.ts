import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { englishText, translateText } from '../i18n/text';
import { inspectCustomModel, modelIdFromUrl, normalizeLibUrl, normalizeWeightsUrl, readChatConfig, uniqueModelId, type InspectDeps } from './custom-model';

const BASE = 'https://host.test/models/Tiny-0.5B-q4f32_1-MLC';
const LIB = 'https://host.test/libs/tiny-webgpu.wasm';
const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x02]);

const config = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ quantization: 'q4f32_1', context_window_size: 4096, tokenizer_files: ['tokenizer.json'], conv_template: { name: 'qwen2' }, ...over });
const manifest = JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 1000 }, { dataPath: 'params_shard_1.bin', nbytes: 500 }] });

type Route = string | Uint8Array | number | 'network-error' | { body: string; type: string };

function deps(routes: Record<string, Route>, extra: Partial<InspectDeps> = {}): InspectDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    gpu: { shaderF16: false },
    async fetch(url) {
      calls.push(url);
      const route = routes[url] ?? 404;
      if (route === 'network-error') throw new TypeError('Failed to fetch');
      if (typeof route === 'number') return new Response('nope', { status: route });
      if (route instanceof Uint8Array) return new Response(route as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/wasm' } });
      if (typeof route === 'object') return new Response(route.body, { headers: { 'content-type': route.type } });
      return new Response(route, { headers: { 'content-type': 'application/json' } });
    },
    ...extra,
  };
}

const good = (over: Record<string, Route> = {}) =>
  deps({ [`${BASE}/resolve/main/mlc-chat-config.json`]: config(), [`${BASE}/resolve/main/tensor-cache.json`]: manifest, [LIB]: WASM, ...over });

const input = { weightsUrl: BASE, libUrl: LIB, name: '' };

describe('inspectCustomModel', () => {
  it('derives the model from its config and manifest', async () => {
    const result = await inspectCustomModel(input, good());
    expect(result).toEqual({
      ok: true,
      model: {
        id: 'Tiny-0.5B-q4f32_1-MLC',
        name: 'Tiny 0.5B',
        modelUrl: BASE,
        libUrl: LIB,
        quantization: 'q4f32_1',
        needsShaderF16: false,
        contextWindow: 4096,
        vramMB: null,
        downloadBytesEstimate: 1500,
        params: '0.5B',
        source: 'custom',
      },
    });
  });

  it('a host the security policy does not list is refused before fetching, with what to do', async () => {
    const d = good();
    let fetched = 0;
    const result = await inspectCustomModel(input, { ...d, fetch: (url, init) => (fetched++, d.fetch(url, init)), blockedByPolicy: (url) => url.startsWith(BASE) });
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl' });
    expect(!result.ok && result.message).toMatch(/security policy does not allow downloads from .*PRIVATE_CHAT_MODEL_HOSTS/);
    expect(fetched).toBe(0);
  });

  it('fetches mlc-chat-config.json first', async () => {
    const d = good();
    await inspectCustomModel(input, d);
    expect(d.calls[0]).toBe(`${BASE}/resolve/main/mlc-chat-config.json`);
  });

  it('keeps a name the person typed, tidied', async () => {
    const result = await inspectCustomModel({ ...input, name: '  My   model ' }, good());
    expect(result.ok && result.model.name).toBe('My model');
  });

  it('falls back to the older ndarray-cache.json manifest', async () => {
    const d = good({ [`${BASE}/resolve/main/tensor-cache.json`]: 404, [`${BASE}/resolve/main/ndarray-cache.json`]: manifest });
    const result = await inspectCustomModel(input, d);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['', 'weightsUrl'],
    ['not a url', 'weightsUrl'],
    ['ftp://host.test/model', 'weightsUrl'],
    ['javascript:alert(1)', 'weightsUrl'],
  ])('rejects %j as a weights URL without fetching', async (weightsUrl, field) => {
    const d = good();
    const result = await inspectCustomModel({ ...input, weightsUrl }, d);
    expect(result).toMatchObject({ ok: false, field });
    expect(d.calls).toEqual([]);
  });

  it('rejects a library that is not a URL', async () => {
    const result = await inspectCustomModel({ ...input, libUrl: 'model.wasm' }, good());
    expect(result).toMatchObject({ ok: false, field: 'libUrl' });
  });

  it('says 404 when there is no config', async () => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: 404 }));
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl', message: expect.stringMatching(/There is no mlc-chat-config.json at .* \(HTTP 404\)/) });
  });

  it('says private or gated on 401/403', async () => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: 401 }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/private or gated/) });
  });

  it('names CORS when the request fails at the network level', async () => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: 'network-error' }));
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl', message: expect.stringMatching(/CORS/) });
  });

  it('says offline when the browser is offline', async () => {
    const d = good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: 'network-error' });
    const result = await inspectCustomModel(input, { ...d, online: false });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/offline/) });
  });

  it.each([
    ['an HTML page', { body: '<!doctype html><title>Model</title>', type: 'text/html' }],
    ['a transformers config', JSON.stringify({ architectures: ['Qwen2ForCausalLM'], hidden_size: 896 })],
    ['a JSON array', '[1,2,3]'],
    ['a config without tokenizer', config({ tokenizer_files: [] })],
  ] as const)('rejects %s as not MLC weights', async (_, body) => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: body }));
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl', message: expect.stringMatching(/not MLC weights/) });
  });

  it('rejects weights without a manifest', async () => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/tensor-cache.json`]: 404 }));
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl', message: expect.stringMatching(/no tensor-cache.json or ndarray-cache.json/) });
  });

  it('rejects a manifest without records', async () => {
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/tensor-cache.json`]: '{"metadata":{}}' }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not MLC weights.*records/) });
  });

  it('rejects a huge config without reading it all', async () => {
    const huge = `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`;
    const result = await inspectCustomModel(input, good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: huge }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not MLC weights/) });
  });

  it('rejects a library that is not WebAssembly', async () => {
    const result = await inspectCustomModel(input, good({ [LIB]: { body: '<html>GitHub</html>', type: 'text/html' } }));
    expect(result).toMatchObject({ ok: false, field: 'libUrl', message: expect.stringMatching(/not point to a WebAssembly file \(the server sent text\/html\)/) });
  });

  it('rejects a library that 404s', async () => {
    const result = await inspectCustomModel(input, good({ [LIB]: 404 }));
    expect(result).toMatchObject({ ok: false, field: 'libUrl', message: expect.stringMatching(/There is no model library at/) });
  });

  it('rejects an f16 model on a GPU without shader-f16, before touching the library', async () => {
    const d = good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: config({ quantization: 'q4f16_1' }) });
    const result = await inspectCustomModel(input, d);
    expect(result).toMatchObject({ ok: false, field: 'weightsUrl', message: expect.stringMatching(/q4f16_1.*shader-f16.*q4f32_1/) });
    expect(d.calls).not.toContain(LIB);
  });

  it('gives each refusal as a text the form says in Chinese too, its English the message', async () => {
    const routes: Array<Record<string, Route>> = [
      { [`${BASE}/resolve/main/mlc-chat-config.json`]: 404 },
      { [`${BASE}/resolve/main/mlc-chat-config.json`]: 403 },
      { [`${BASE}/resolve/main/mlc-chat-config.json`]: 500 },
      { [`${BASE}/resolve/main/mlc-chat-config.json`]: 'network-error' },
      { [`${BASE}/resolve/main/mlc-chat-config.json`]: '[1,2,3]' },
      { [`${BASE}/resolve/main/tensor-cache.json`]: '{"metadata":{}}' },
      { [`${BASE}/resolve/main/tensor-cache.json`]: 404 },
      { [LIB]: { body: '<html>GitHub</html>', type: 'text/html' } },
      { [LIB]: 404 },
    ];
    const zh = translator('zh-CN');
    for (const route of routes) {
      const result = await inspectCustomModel(input, good(route));
      if (result.ok) throw new Error('expected a refusal');
      expect(result.message).toBe(englishText(result.text));
      expect(translateText(zh, result.text)).toMatch(/[\u4e00-\u9fff]/);
    }
    const blocked = await inspectCustomModel(input, { ...good(), blockedByPolicy: () => true });
    expect(!blocked.ok && translateText(zh, blocked.text)).toBe(
      '本应用的安全策略不允许从 host.test 下载，因此无法获取文件 mlc-chat-config.json。运行本应用的人可以允许该主机（PRIVATE_CHAT_MODEL_HOSTS，见部署说明），或者从 localhost 提供模型。',
    );
  });

  it('accepts an f16 model when the GPU has shader-f16', async () => {
    const d = good({ [`${BASE}/resolve/main/mlc-chat-config.json`]: config({ quantization: 'q4f16_1' }) });
    const result = await inspectCustomModel(input, { ...d, gpu: { shaderF16: true } });
    expect(result).toMatchObject({ ok: true, model: { needsShaderF16: true } });
  });
});

describe('URL normalisation', () => {
  it.each([
    ['https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC', 'https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC'],
    ['https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC/', 'https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC'],
    ['https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC/tree/main', 'https://huggingface.co/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC'],
    ['https://huggingface.co/mlc-ai/Q-MLC/blob/main/mlc-chat-config.json', 'https://huggingface.co/mlc-ai/Q-MLC'],
    ['https://huggingface.co/mlc-ai/Q-MLC/resolve/main/mlc-chat-config.json?download=true', 'https://huggingface.co/mlc-ai/Q-MLC'],
    ['https://huggingface.co/me/Q-MLC/tree/v2', 'https://huggingface.co/me/Q-MLC/resolve/v2'],
    ['http://127.0.0.1:9000/models/a/resolve/main/', 'http://127.0.0.1:9000/models/a/resolve/main'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeWeightsUrl(new URL(raw))).toBe(expected);
  });

  it('turns repository page links to libraries into raw file links', () => {
    expect(normalizeLibUrl(new URL('https://github.com/mlc-ai/binary-mlc-llm-libs/blob/main/web-llm-models/v0_2_80/x-webgpu.wasm'))).toBe(
      'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_80/x-webgpu.wasm',
    );
    expect(normalizeLibUrl(new URL('https://huggingface.co/me/libs/blob/main/x.wasm'))).toBe('https://huggingface.co/me/libs/resolve/main/x.wasm');
  });

  it('takes the id from the repository name', () => {
    expect(modelIdFromUrl('https://huggingface.co/mlc-ai/Q-MLC')).toBe('Q-MLC');
    expect(modelIdFromUrl('https://huggingface.co/me/Q-MLC/resolve/v2')).toBe('Q-MLC');
    expect(modelIdFromUrl('http://127.0.0.1:9000/models/a/resolve/main')).toBe('a');
  });

  it('makes ids unique', () => {
    expect(uniqueModelId('a', new Set())).toBe('a');
    expect(uniqueModelId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('readChatConfig', () => {
  it('reads quantization and context window', () => {
    expect(readChatConfig(JSON.parse(config()))).toEqual({ quantization: 'q4f32_1', contextWindow: 4096, needsShaderF16: false });
    expect(readChatConfig(JSON.parse(config({ quantization: 'q0f16', context_window_size: -1 })))).toEqual({
      quantization: 'q0f16',
      contextWindow: null,
      needsShaderF16: true,
    });
  });
});
