import { describe, expect, it } from 'vitest';
import type { ChatTurn } from './chat-types';
import { SUMMARY_MAX_CHARS } from './running-summary';
import { buildSummaryRequest, parseSummary, summaryLanguageOf } from './summary-prompt';

const enTurns: ChatTurn[] = [
  { role: 'user', content: 'I am planning a trip to Lisbon in May, budget 1200 euros.' },
  { role: 'assistant', content: 'Great. Flights from Berlin cost about 150 euros.' },
];
const zhTurns: ChatTurn[] = [
  { role: 'user', content: '我想五月去里斯本旅行，预算1200欧元。' },
  { role: 'assistant', content: '好的。从柏林出发的机票大约150欧元。' },
];

describe('running summary: the request', () => {
  it('picks the language from the questions', () => {
    expect(summaryLanguageOf(enTurns)).toBe('en');
    expect(summaryLanguageOf(zhTurns)).toBe('zh');
    expect(summaryLanguageOf([{ role: 'assistant', content: '你好' }])).toBe('zh');
  });

  it('asks in English for an updated summary: facts, names, numbers, decisions, open questions, the goal; short, plain text', () => {
    const turns = buildSummaryRequest('', enTurns);
    expect(turns).toHaveLength(2);
    expect(turns[0]?.role).toBe('system');
    for (const asked of ['key facts', 'names', 'numbers', 'decisions', 'open questions', 'restate what the user is trying to achieve', 'plain text', '150 words']) {
      expect(turns[0]?.content).toContain(asked);
    }
    expect(turns[1]).toEqual({
      role: 'user',
      content:
        'Summary so far:\n(none yet)\n\nMessages leaving the context:\nUser: I am planning a trip to Lisbon in May, budget 1200 euros.\nAssistant: Great. Flights from Berlin cost about 150 euros.\n\nWrite the updated summary.',
    });
  });

  it('asks in Chinese for Chinese questions, with the summary so far', () => {
    const turns = buildSummaryRequest('用户计划旅行。', zhTurns);
    expect(turns[0]?.content).toMatch(/关键事实.*人名.*数字.*决定.*尚未解决的问题/);
    expect(turns[0]?.content).toMatch(/用户想要达成的目标/);
    expect(turns[1]?.content).toBe('目前的摘要：\n用户计划旅行。\n\n移出上下文的消息：\n用户: 我想五月去里斯本旅行，预算1200欧元。\n助手: 好的。从柏林出发的机票大约150欧元。\n\n请写出更新后的摘要。');
  });

  it('clips very long turns to their start and end, one line each, and leaves system turns out', () => {
    const long = `start ${'x '.repeat(3000)}\n\nthe end`;
    const turns = buildSummaryRequest('', [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: long }, { role: 'assistant', content: 'ok' }], 'en');
    const body = turns[1]!.content;
    expect(body).not.toContain('Be brief.');
    const line = body.split('\n').find((l) => l.startsWith('User: '))!;
    expect(line.length).toBeLessThan(1300);
    expect(line).toMatch(/^User: start x x/);
    expect(line).toMatch(/ … .*the end$/);
  });

});

describe('running summary: the answer', () => {
  it('trims, and strips a leading label, English or Chinese', () => {
    expect(parseSummary('  Summary: The user plans a trip to Lisbon.  ')).toBe('The user plans a trip to Lisbon.');
    expect(parseSummary('**Updated summary:** The user plans a trip.')).toBe('The user plans a trip.');
    expect(parseSummary('摘要：用户计划五月去里斯本。')).toBe('用户计划五月去里斯本。');
    expect(parseSummary('更新后的摘要: 用户计划旅行。')).toBe('用户计划旅行。');
    expect(parseSummary('```\nThe user plans a trip.\n```')).toBe('The user plans a trip.');
    expect(parseSummary('The user plans a trip.\n\n\n\nBudget: 1200 euros.')).toBe('The user plans a trip.\n\nBudget: 1200 euros.');
    // A sentence that merely starts with the word is kept whole.
    expect(parseSummary('Summary of goals so far: a trip.')).toBe('Summary of goals so far: a trip.');
  });

  it('rejects an empty answer, a placeholder, "none", and an absurdly long one', () => {
    for (const bad of ['', '   ', 'Summary:', '摘要：', '<updated summary>', '(none yet)', 'None.', 'x'.repeat(SUMMARY_MAX_CHARS * 4 + 1)]) expect(parseSummary(bad)).toBeNull();
  });

  it('cuts a long answer to the cap, at a sentence end when there is one', () => {
    const sentences = Array.from({ length: 200 }, (_, i) => `Fact number ${i} is kept.`).join(' ');
    const cut = parseSummary(sentences)!;
    expect(cut.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(cut.endsWith('is kept.')).toBe(true);
    const words = parseSummary('word '.repeat(1000))!;
    expect(words.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 1);
    expect(words.endsWith('word…')).toBe(true);
  });
});
