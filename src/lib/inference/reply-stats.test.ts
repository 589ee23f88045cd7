import { describe, expect, it } from 'vitest';
import { describeStats, rateValue, secondsValue, toReplyStats } from './reply-stats';

describe('reply stats', () => {
  it('reads usage.extra', () => {
    const stats = toReplyStats({
      prompt_tokens: 31,
      completion_tokens: 4,
      extra: { prefill_tokens_per_s: 412.3, decode_tokens_per_s: 38.25, time_to_first_token_s: 0.075, e2e_latency_s: 0.2 },
    });
    expect(stats).toEqual({ promptTokens: 31, completionTokens: 4, prefillTokensPerS: 412.3, decodeTokensPerS: 38.25, timeToFirstTokenS: 0.075, totalS: 0.2 });
    expect(describeStats(stats!).map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'decodeTokensPerS', value: { unit: 'tokensPerS', amount: '38.3' } },
      { key: 'prefillTokensPerS', value: { unit: 'tokensPerS', amount: '412' } },
      { key: 'timeToFirstTokenS', value: { unit: 'ms', amount: '75' } },
      { key: 'promptTokens', value: { unit: 'tokens', amount: '31' } },
      { key: 'completionTokens', value: { unit: 'tokens', amount: '4' } },
    ]);
    expect(describeStats(stats!)[0]).toMatchObject({ key: 'decodeTokensPerS', raw: 38.25 });
  });

  it('shows the prompt tokens reused from the KV cache next to those prefilled, when known', () => {
    const stats = { ...toReplyStats({ prompt_tokens: 21, completion_tokens: 2 })!, reusedTokens: 34 };
    expect(describeStats(stats).map((p) => `${p.key} ${p.value ? `${p.value.amount} ${p.value.unit}` : '—'}`)).toEqual([
      'decodeTokensPerS —',
      'prefillTokensPerS —',
      'timeToFirstTokenS —',
      'promptTokens 21 tokens',
      'reusedTokens 34 tokens',
      'completionTokens 2 tokens',
    ]);
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

  it('has no figure (a dash on screen) for null, NaN and Infinity, never "NaN"', () => {
    const stats = toReplyStats({ completion_tokens: 1, extra: { decode_tokens_per_s: null, prefill_tokens_per_s: NaN, time_to_first_token_s: Infinity } });
    expect(describeStats(stats!).map((p) => p.value?.amount ?? null)).toEqual([null, null, null, null, '1']);
    expect(rateValue(null)).toBeNull();
    expect(secondsValue(null)).toBeNull();
    expect(toReplyStats(null)).toBeNull();
  });

  it('formats slow rates with precision', () => {
    expect(rateValue(0.046)).toEqual({ unit: 'tokensPerS', amount: '0.046' });
    expect(rateValue(0.4612)?.amount).toBe('0.46');
    expect(rateValue(3.456)?.amount).toBe('3.46');
    expect(rateValue(38.25)?.amount).toBe('38.3');
    expect(rateValue(412.3)?.amount).toBe('412');
    expect(secondsValue(67.4)).toEqual({ unit: 's', amount: '67.4' });
    expect(secondsValue(2.5)).toEqual({ unit: 's', amount: '2.50' });
    expect(secondsValue(0.075)).toEqual({ unit: 'ms', amount: '75' });
  });
});
