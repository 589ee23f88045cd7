import { describe, expect, it } from 'vitest';
import { FAKE_GPU, FakeEngineClient, fakeModel } from '../../tests/support/fake-engine-client';
import { makeAppError } from '../lib/inference/app-error';
import type { ChatRequest, StreamEvent } from '../protocol/engine-protocol';
import { EngineState } from './engine.svelte';

const modelA = fakeModel('Model-A-q4f32_1-MLC');
const modelB = fakeModel('Model-B-q4f32_1-MLC');

function setup() {
  const fake = new FakeEngineClient();
  const engine = new EngineState(fake);
  return { fake, engine };
}

const request = (key = 'c1', leafId: string | null = 'q1'): ChatRequest => ({ conversation: { key, leafId }, messages: [{ role: 'user', content: 'Hi' }] });

describe('EngineState', () => {
  it('starts probing, then shows what the GPU probe found', async () => {
    const { engine } = setup();
    expect(engine.status).toBe('probing');
    await engine.probe();
    expect(engine.status).toBe('idle');
    expect(engine.gpu).toEqual(FAKE_GPU);
  });

  it('shows a failed probe as "no WebGPU" with the error, and still becomes idle', async () => {
    const { fake, engine } = setup();
    fake.probeError = makeAppError('unknown', 'adapter exploded');
    await engine.probe();
    expect(engine.status).toBe('idle');
    expect(engine.gpu).toEqual({ webgpu: false, reason: 'probe-failed', error: fake.probeError });
  });

  it('loads a model through its progress to ready', async () => {
    const { fake, engine } = setup();
    fake.holdLoads = true;
    const loading = engine.load(modelA);
    const call = await fake.nextLoad();
    expect(call.model).toBe(modelA);
    expect(engine.status).toBe('loading');
    expect(engine.loading).toBe(modelA);
    expect(engine.progress).toEqual({ phase: 'preparing', fraction: null });
    call.progress({ phase: 'downloading', fraction: 0.25, loadedBytes: 25, totalBytes: 100 });
    expect(engine.progress).toEqual({ phase: 'downloading', fraction: 0.25, loadedBytes: 25, totalBytes: 100 });
    call.progress({ phase: 'compiling', fraction: 0.9 });
    expect(engine.progress).toEqual({ phase: 'compiling', fraction: 0.9 });
    call.finish();
    expect(await loading).toBe(true);
    expect(engine.status).toBe('ready');
    expect(engine.loaded).toEqual({ modelId: modelA.id, contextWindow: modelA.contextWindow, loadSeconds: 0.5, model: modelA });
    expect(engine.loading).toBeNull();
    expect(engine.progress).toBeNull();
    expect(engine.error).toBeNull();
  });

  it('cancelLoad during a first load: idle at once, no error, nothing loaded', async () => {
    const { fake, engine } = setup();
    fake.holdLoads = true;
    const loading = engine.load(modelA);
    const call = await fake.nextLoad();
    await engine.cancelLoad();
    expect(engine.status).toBe('idle');
    expect(engine.loading).toBeNull();
    expect(engine.progress).toBeNull();
    expect(call.aborted).toBe(true);
    expect(await loading).toBe(false);
    expect(engine.status).toBe('idle');
    expect(engine.loaded).toBeNull();
    expect(engine.error).toBeNull();
  });

  it('cancelLoad of a second model keeps the previous one when the worker still has it', async () => {
    const { fake, engine } = setup();
    expect(await engine.load(modelA)).toBe(true);
    fake.holdLoads = true;
    const loading = engine.load(modelB);
    const call = await fake.nextLoad();
    expect(engine.loaded).toBeNull(); // while B loads, A is not offered
    await engine.cancelLoad();
    expect(engine.status).toBe('idle');
    expect(call.aborted).toBe(true);
    expect(await loading).toBe(false);
    expect(fake.log).toContain('loadedModelId');
    expect(engine.error).toBeNull();
    expect(engine.status).toBe('ready');
    expect(engine.loaded?.modelId).toBe(modelA.id);
    expect(engine.loaded?.model).toBe(modelA);
  });

  it('cancelLoad of a second model: idle with nothing loaded when the worker lost the previous one', async () => {
    const { fake, engine } = setup();
    await engine.load(modelA);
    fake.holdLoads = true;
    fake.failedLoadUnloads = true;
    const loading = engine.load(modelB);
    await fake.nextLoad();
    await engine.cancelLoad();
    expect(await loading).toBe(false);
    expect(engine.status).toBe('idle');
    expect(engine.loaded).toBeNull();
    expect(engine.error).toBeNull();
  });

  it('shows a failed load as its AppError', async () => {
    const { fake, engine } = setup();
    fake.holdLoads = true;
    const loading = engine.load(modelA);
    const error = makeAppError('download-failed', 'TypeError: Failed to fetch');
    (await fake.nextLoad()).fail(error);
    expect(await loading).toBe(false);
    expect(engine.error).toEqual(error);
    expect(engine.status).toBe('idle');
    expect(engine.loaded).toBeNull();
    expect(engine.progress).toBeNull();
    engine.dismissError();
    expect(engine.error).toBeNull();
  });

  it('a newer choice replaces a load under way: the first is aborted, the second becomes ready', async () => {
    const { fake, engine } = setup();
    fake.holdLoads = true;
    const first = engine.load(modelA);
    const callA = await fake.nextLoad();
    const second = engine.load(modelB);
    const callB = await fake.nextLoad();
    expect(callA.aborted).toBe(true);
    expect(await first).toBe(false);
    expect(engine.loading).toBe(modelB);
    callB.finish();
    expect(await second).toBe(true);
    expect(engine.status).toBe('ready');
    expect(engine.loaded?.modelId).toBe(modelB.id);
    expect(engine.error).toBeNull();
  });

  it('a crash of the worker: idle, nothing loaded, the crash error shown', async () => {
    const { fake, engine } = setup();
    await engine.load(modelA);
    expect(engine.status).toBe('ready');
    const error = makeAppError('engine-unresponsive', 'no heartbeat for 31 s');
    fake.crash(error);
    expect(engine.status).toBe('idle');
    expect(engine.loaded).toBeNull();
    expect(engine.error).toEqual(error);
  });

  it('a crash during a load ends the load: idle with the crash error', async () => {
    const { fake, engine } = setup();
    fake.holdLoads = true;
    const loading = engine.load(modelA);
    await fake.nextLoad();
    const error = makeAppError('unknown', 'the engine worker stopped');
    fake.crash(error);
    expect(await loading).toBe(false);
    expect(engine.status).toBe('idle');
    expect(engine.loading).toBeNull();
    expect(engine.loaded).toBeNull();
    expect(engine.error).toEqual(error);
  });

  it('chat passes the request, the events and the signal through to the client', async () => {
    const { fake, engine } = setup();
    await engine.load(modelA);
    fake.holdTokens = true;
    fake.script('one two three');
    const abort = new AbortController();
    const events: StreamEvent[] = [];
    const req = request();
    const replying = engine.chat(req, (e) => events.push(...e), abort.signal);
    const call = await fake.nextChat();
    expect(call.request).toBe(req);
    expect(call.signal).toBe(abort.signal);
    await call.release(2);
    expect(events).toEqual([
      { type: 'delta', text: 'one' },
      { type: 'delta', text: ' two' },
    ]);
    abort.abort();
    expect(await replying).toEqual({ text: 'one two', finishReason: 'abort', stats: null });
    expect(call.aborted).toBe(true);
  });

  it('countTokens passes through to the client', async () => {
    const { fake, engine } = setup();
    await engine.load(modelA);
    const req = request();
    expect(await engine.countTokens(req)).toMatchObject({ promptTokens: 6, fixedTokens: 2, turnTokens: [4], contextWindow: 4096 });
    expect(fake.countRequests).toEqual([req]);
  });

  it('markLost and unload leave nothing loaded', async () => {
    const { fake, engine } = setup();
    await engine.load(modelA);
    engine.markLost(makeAppError('device-lost'));
    expect(engine.loaded).toBeNull();
    expect(engine.status).toBe('idle');
    expect(engine.error?.kind).toBe('device-lost');
    await engine.load(modelA);
    expect(engine.error).toBeNull();
    await engine.unload();
    expect(fake.log.at(-1)).toBe('unload');
    expect(engine.loaded).toBeNull();
    expect(engine.status).toBe('idle');
  });
});
