import { describe, expect, it } from 'vitest';
import { parseInitReport } from './load-progress';

describe('parseInitReport (WebLLM 0.2.86 progress text)', () => {
  it('maps each phase', () => {
    // Files are already in Cache Storage when WebLLM starts: its "fetch" start is the GPU upload's start.
    expect(parseInitReport({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' })).toEqual({ phase: 'loading', fraction: 0 });
    const fetching = parseInitReport({
      progress: 0.25,
      timeElapsed: 3,
      text: 'Fetching param cache[2/8]: 150MB fetched. 25% completed, 3 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
    });
    expect(fetching).toEqual({ phase: 'downloading', fraction: 0.25, filesDone: 2, filesTotal: 8 });
    const loading = parseInitReport({ progress: 0.5, timeElapsed: 4, text: 'Loading model from cache[4/8]: 300MB loaded. 50% completed, 4 secs elapsed.' });
    expect(loading).toMatchObject({ phase: 'loading', fraction: 0.5, filesDone: 4, filesTotal: 8 });
    const compiling = parseInitReport({ progress: 0.1, timeElapsed: 9, text: 'Loading GPU shader modules[7/73]: 10% completed, 9 secs elapsed.' });
    expect(compiling).toMatchObject({ phase: 'compiling', fraction: 0.1, filesDone: 7, filesTotal: 73 });
    expect(parseInitReport({ progress: 1, timeElapsed: 30, text: 'Finish loading on WebGPU - google' })).toEqual({ phase: 'ready', fraction: 1 });
  });

  it('treats unknown text as preparing and clamps bad numbers', () => {
    expect(parseInitReport({ progress: 0.3, timeElapsed: 0, text: 'something new' })).toEqual({ phase: 'preparing', fraction: null });
    expect(parseInitReport({ progress: NaN, timeElapsed: 0, text: 'Loading model from cache[1/2]' }).fraction).toBeNull();
    expect(parseInitReport({ progress: 7, timeElapsed: 0, text: 'Loading model from cache[1/2]' }).fraction).toBe(1);
  });
});
