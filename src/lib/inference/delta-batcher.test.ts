import { describe, expect, it } from 'vitest';
import { DeltaBatcher, type BatcherClock } from './delta-batcher';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  const clock: BatcherClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { clock, advance };
}

describe('DeltaBatcher', () => {
  it('sends the first delta at once, then at most one message per interval, losing nothing', () => {
    const { clock, advance } = fakeClock();
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 16, clock);
    batcher.push('a');
    expect(sent).toEqual(['a']);
    for (let i = 0; i < 100; i++) batcher.push('b');
    expect(sent).toEqual(['a']);
    advance(16);
    expect(sent).toEqual(['a', 'b'.repeat(100)]);
    batcher.push('c');
    batcher.push('d');
    batcher.flush();
    expect(sent.join('')).toBe(`a${'b'.repeat(100)}cd`);
    advance(100);
    expect(sent).toHaveLength(3);
  });

  it('ignores empty text and flushes nothing when empty', () => {
    const sent: string[] = [];
    const batcher = new DeltaBatcher((t) => sent.push(t), 16, fakeClock().clock);
    batcher.push('');
    batcher.flush();
    expect(sent).toEqual([]);
  });
});
