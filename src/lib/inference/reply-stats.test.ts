import { describe, expect, it } from 'vitest';
import { describeStats, formatRate, formatSeconds, toReplyStats } from './reply-stats';

describe('reply stats', () => {
  it('reads usage.extra', () => {
    const stats = toReplyStats({
      prompt_tokens: 31,
      completion_tokens: 4,
      extra: { prefill_tokens_per_s: 412.3, decode_tokens_per_s: 38.25, time_to_first_token_s: 0.075, e2e_latency_s: 0.2 },
    });
    expect(stats).toEqual({ promptTokens: 31, completionTokens: 4, prefillTokensPerS: 412.3, decodeTokensPerS: 38.25, timeToFirstTokenS: 0.075, totalS: 0.2 });
    expect(describeStats(stats!).map(({ label, value }) => ({ label, value }))).toEqual([
      { label: 'decode', value: '38.3 tok/s' },
      { label: 'prefill', value: '412 tok/s' },
      { label: 'first token', value: '75 ms' },
      { label: 'prompt', value: '31 tok' },
      { label: 'reply', value: '4 tok' },
    ]);
    expect(describeStats(stats!)[0]).toMatchObject({ key: 'decodeTokensPerS', raw: 38.25 });
  });

  it('shows the prompt tokens reused from the KV cache next to those prefilled, when known', () => {
    const stats = { ...toReplyStats({ prompt_tokens: 21, completion_tokens: 2 })!, reusedTokens: 34 };
    expect(describeStats(stats).map((p) => `${p.label} ${p.value}`)).toEqual(['decode —', 'prefill —', 'first token —', 'prompt 21 tok', 'reused 34 tok', 'reply 2 tok']);
  });

  it('fills what the engine left out from what the relay measured', () => {
    const stats = toReplyStats(
      { prompt_tokens: 31, completion_tokens: 3, extra: { prefill_tokens_per_s: 0.46, decode_tokens_per_s: 0.05 } },
      { tokenChunks: 4, timeToFirstTokenS: 67.2, totalS: 130 },
    );
    expect(stats).toMatchObject({ completionTokens: 4, timeToFirstTokenS: 67.2, totalS: 130 });
    const reported = toReplyStats({ completion_tokens: 9, extra: { time_to_first_token_s: 0.1 } }, { tokenChunks: 4, timeToFirstTokenS: 0.2, totalS: 1 });
    expect(reported).toMatchObject({ completionTokens: 9, timeToFirstTokenS: 0.1 });
  });

  it('shows a dash for null, NaN and Infinity, never "NaN"', () => {
    const stats = toReplyStats({ completion_tokens: 1, extra: { decode_tokens_per_s: null, prefill_tokens_per_s: NaN, time_to_first_token_s: Infinity } });
    const text = describeStats(stats!).map((p) => p.value).join(' ');
    expect(text).not.toMatch(/NaN|Infinity|null/);
    expect(formatRate(null)).toBe('—');
    expect(formatSeconds(null)).toBe('—');
    expect(toReplyStats(null)).toBeNull();
  });

  it('formats slow rates with precision', () => {
    expect(formatRate(0.046)).toBe('0.046 tok/s');
    expect(formatRate(0.4612)).toBe('0.46 tok/s');
    expect(formatRate(3.456)).toBe('3.46 tok/s');
    expect(formatSeconds(67.4)).toBe('67.4 s');
  });
});
