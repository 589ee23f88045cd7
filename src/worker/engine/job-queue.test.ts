import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue';

/** A job that records when it starts and ends, and finishes when told to (or when aborted). */
function controlledJob(log: string[], name: string) {
  let finish!: (value: string) => void;
  const work = (signal: AbortSignal) =>
    new Promise<string>((resolve) => {
      log.push(`${name} start`);
      finish = (value) => {
        log.push(`${name} end`);
        resolve(value);
      };
      signal.addEventListener('abort', () => finish(`${name} aborted`));
    });
  return { work, finish: (value: string) => finish(value) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('engine jobs', () => {
  it('run one at a time, in the order they were sent, even when sent together', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const reply = controlledJob(log, 'reply');
    const title = controlledJob(log, 'title');
    const first = queue.run('reply', reply.work);
    const second = queue.run('title', title.work);
    await tick();
    expect(log).toEqual(['reply start']); // the title waits
    reply.finish('answer');
    await expect(first).resolves.toBe('answer');
    await tick();
    expect(log).toEqual(['reply start', 'reply end', 'title start']);
    title.finish('a title');
    await expect(second).resolves.toBe('a title');
    expect(queue.size).toBe(0);
  });

  it('aborting the running job leaves the queued one to run', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const reply = controlledJob(log, 'reply');
    const next = controlledJob(log, 'next');
    const first = queue.run('a', reply.work);
    const second = queue.run('b', next.work);
    await tick();
    queue.cancel('a');
    await expect(first).resolves.toBe('reply aborted'); // a stopped reply still returns what it has
    await tick();
    expect(log).toEqual(['reply start', 'reply end', 'next start']);
    next.finish('done');
    await expect(second).resolves.toBe('done');
  });

  it('cancelling a queued job rejects it at once, never starts it, and leaves the running one alone', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const running = controlledJob(log, 'running');
    const queued = controlledJob(log, 'queued');
    const after = controlledJob(log, 'after');
    const first = queue.run('1', running.work);
    const second = queue.run('2', queued.work);
    const third = queue.run('3', after.work);
    await tick();
    queue.cancel('2');
    await expect(second).rejects.toMatchObject({ kind: 'cancelled' });
    expect(log).toEqual(['running start']);
    running.finish('kept');
    await expect(first).resolves.toBe('kept');
    await tick();
    expect(log).toEqual(['running start', 'running end', 'after start']);
    after.finish('ok');
    await expect(third).resolves.toBe('ok');
  });

  it('a failing job does not stop the queue; unknown ids are ignored; an id is used once at a time', async () => {
    const queue = new JobQueue();
    const failed = queue.run('x', async () => {
      throw new Error('boom');
    });
    const next = queue.run('y', async () => 'fine');
    queue.cancel('nobody');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('fine');
    const held = queue.run('z', () => new Promise<string>(() => undefined));
    await expect(queue.run('z', async () => 'twice')).rejects.toMatchObject({ kind: 'unknown' });
    queue.cancel('z');
    void held.catch(() => undefined);
  });
});
