import { describe, expect, it } from 'vitest';
import { changeGeneration, DEFAULT_GENERATION, presetChange } from '../../lib/chat/generation-settings';
import { translator } from '../../lib/i18n';
import { mapToAppError } from '../../lib/inference/app-error';
import { describeStats, toReplyStats } from '../../lib/inference/reply-stats';
import { chatProblemText, contextSummary, generationSummary, MARK, markdownLabels, settingsProblemText, splitAround, statLabel, statValue } from './chat-text';

const en = translator('en');
const zh = translator('zh-CN');

describe('the stats line in words', () => {
  const stats = toReplyStats({
    prompt_tokens: 31,
    completion_tokens: 4,
    extra: { prefill_tokens_per_s: 412.3, decode_tokens_per_s: 38.25, time_to_first_token_s: 0.075, e2e_latency_s: 0.2 },
  })!;
  const line = (t: typeof en, s = stats) => describeStats(s).map((p) => `${statLabel(t, p.key)} ${statValue(t, p.value)}`);

  it('reads in English as it always has', () => {
    expect(line(en)).toEqual(['decode 38.3 tok/s', 'prefill 412 tok/s', 'first token 75 ms', 'prompt 31 tok', 'reply 4 tok']);
    const slow = { ...toReplyStats({ prompt_tokens: 21, completion_tokens: 2, extra: { time_to_first_token_s: 67.4 } })!, reusedTokens: 34 };
    expect(line(en, slow)).toEqual(['decode —', 'prefill —', 'first token 67.4 s', 'prompt 21 tok', 'reused 34 tok', 'reply 2 tok']);
  });

  it('reads in Chinese with the same figures', () => {
    expect(line(zh)).toEqual(['解码 38.3 token/秒', '预填充 412 token/秒', '首 token 75 毫秒', '提示 31 token', '回复 4 token']);
  });
});

describe('the reply settings summary in words', () => {
  const balanced = changeGeneration(DEFAULT_GENERATION, presetChange('balanced'));

  it('reads in English as it always has', () => {
    expect(generationSummary(en, balanced)).toBe('Balanced');
    expect(generationSummary(en, { ...balanced, topK: 40, seed: 7 })).toBe('Balanced · top-k 40 · seed 7');
    expect(generationSummary(en, { ...balanced, minP: 0.05, stop: ['###'], maxTokens: 200 })).toBe('Balanced · min-p 0.05 · stop at "###" · ≤ 200 tokens');
    expect(generationSummary(en, DEFAULT_GENERATION)).toBe("model's defaults");
    expect(generationSummary(en, { temperature: 0, topP: null, maxTokens: 3 })).toBe('greedy · ≤ 3 tokens');
    expect(
      generationSummary(en, { temperature: 0.8, topP: 0.9, maxTokens: null, repetitionPenalty: 1.1, presencePenalty: 0.5, frequencyPenalty: -0.2, stop: ['a', 'b'] }),
    ).toBe('temperature 0.8 · top-p 0.9 · repetition ×1.1 · presence 0.5 · frequency -0.2 · 2 stop strings');
    expect(generationSummary(en, { ...DEFAULT_GENERATION, stop: ['\n\n'] })).toBe('stop at "\\n\\n"');
    // Large values are not grouped: a seed is an identifier, not an amount.
    expect(generationSummary(en, { ...DEFAULT_GENERATION, seed: 2_147_483_646, maxTokens: 32_768 })).toBe('seed 2147483646 · ≤ 32768 tokens');
  });

  it('reads in Chinese', () => {
    expect(generationSummary(zh, balanced)).toBe('均衡');
    expect(generationSummary(zh, DEFAULT_GENERATION)).toBe('模型默认值');
    expect(generationSummary(zh, { temperature: 0, topP: null, maxTokens: 3 })).toBe('贪心 · ≤ 3 个 token');
    expect(generationSummary(zh, { ...DEFAULT_GENERATION, stop: ['a', 'b'] })).toBe('2 个停止字符串');
  });
});

describe('the context settings summary in words', () => {
  it('reads in English as it always has', () => {
    expect(contextSummary(en, { systemPrompt: false, focus: { mode: 'full' }, rewriting: false, summarizing: false })).toBe('full history');
    expect(contextSummary(en, { systemPrompt: true, focus: { mode: 'last', turns: 1 }, rewriting: true, summarizing: true })).toBe(
      'system prompt · last 1 turn · rewriting follow-ups · running summary',
    );
    expect(contextSummary(en, { systemPrompt: false, focus: { mode: 'last', turns: 3 }, rewriting: false, summarizing: false })).toBe('last 3 turns');
    expect(contextSummary(en, { systemPrompt: false, focus: { mode: 'standalone' }, rewriting: true, summarizing: false })).toBe('standalone question · rewriting follow-ups');
  });

  it('reads in Chinese', () => {
    expect(contextSummary(zh, { systemPrompt: true, focus: { mode: 'last', turns: 3 }, rewriting: true, summarizing: true })).toBe('系统提示词 · 最近 3 轮 · 改写追问 · 滚动摘要');
  });
});

describe('problems in words', () => {
  it('reads in English as it always has', () => {
    expect(chatProblemText(en, { kind: 'storage-full' })).toBe(
      'This browser’s storage is full, so new messages are not being saved. They stay on screen: free some space (delete a model you don’t use), then use “Retry saving”.',
    );
    expect(chatProblemText(en, { kind: 'storage-failed', error: mapToAppError(new Error('broken')) })).toBe(
      'Saving to this browser’s storage failed (Error: broken). Messages stay on screen; use “Retry saving” to try again.',
    );
    expect(chatProblemText(en, { kind: 'message-too-long', length: 100_001, limit: 100_000 })).toBe(
      'This message is too long to keep (100,001 characters; the limit is 100,000). Shorten it, then send it again.',
    );
    expect(chatProblemText(en, { kind: 'summary-too-long', length: 2999, limit: 2000 })).toBe(
      'The summary is too long (2,999 characters; the limit is 2,000): it is sent with every message. Shorten it, then save it again.',
    );
    expect(chatProblemText(en, { kind: 'restore-failed', detail: 'Error: x' })).toBe('The last conversation could not be reopened: Error: x');
    expect(settingsProblemText(en, { kind: 'save-failed', detail: 'Error: disk full' })).toBe(
      'These reply settings apply now but could not be saved for your next visit (Error: disk full).',
    );
    expect(settingsProblemText(en, { kind: 'read-failed', detail: 'Error: x' })).toBe("Your saved reply settings could not be read (Error: x); the model's defaults apply.");
  });

  it('reads in Chinese, with the raw cause kept', () => {
    expect(chatProblemText(zh, { kind: 'storage-failed', error: mapToAppError(new Error('broken')) })).toContain('（Error: broken）');
    expect(chatProblemText(zh, { kind: 'system-prompt-too-long', length: 100_001, limit: 100_000 })).toBe('系统提示词太长，无法保存（100,001 个字符；上限为 100,000）。');
  });
});

describe('words the markdown renderer adds', () => {
  it('names remote media in both languages', () => {
    expect(markdownLabels(en).remoteMedia('image', 'secret chart', 'leak.test')).toBe('Image “secret chart” from leak.test (not loaded; opens in a new tab)');
    expect(markdownLabels(en).remoteMedia('video', undefined, 'a.test')).toBe('Video from a.test (not loaded; opens in a new tab)');
    expect(markdownLabels(en).copy).toBe('Copy');
    expect(markdownLabels(zh).copy).toBe('复制');
    expect(markdownLabels(zh).remoteMedia('audio', undefined, 'a.test')).toBe('来自 a.test 的音频（未加载；点击在新标签页中打开）');
  });
});

describe('splitAround', () => {
  it('cuts a translated sentence around the placeholder filled by markup', () => {
    const text = en('chat.meter.usage', { used: 1234, window: 4096, prefill: MARK, reply: 1024 });
    expect(splitAround(text, MARK)).toEqual(['1,234 / 4,096 tokens in context · next message ', ' to process, 1,024 kept for the reply']);
    expect(splitAround(zh('chat.meter.usageNoWindow', { used: 5, prefill: MARK, reply: 6 }), MARK)).toEqual(['上下文中已有 5 个 token · 下一条消息需处理 ', ' 个，为回复预留 6 个']);
    expect(splitAround('no mark', MARK)).toEqual(['no mark', '']);
  });
});
