import { describe, expect, it } from 'vitest';
import type { ChatTurn } from './chat-types';
import { buildRewriteRequest, parseRewrite } from './follow-up-rewrite';
import { promptLanguageOf } from './prompt-language';

const zhHistory: ChatTurn[] = [
  { role: 'system', content: '你是一个助手。' },
  { role: 'user', content: '谁赢得了2020年的世界职业棒球大赛?' },
  { role: 'assistant', content: '洛杉矶道奇队赢得了2020年的世界职业棒球大赛。' },
];
const enHistory: ChatTurn[] = [
  { role: 'user', content: 'Who wrote Dune?' },
  { role: 'assistant', content: 'Frank Herbert wrote Dune, published in 1965.' },
];

describe('follow-up rewriting', () => {
  it('picks the prompt language from the question', () => {
    expect(promptLanguageOf('在哪里举办的?')).toBe('zh');
    expect(promptLanguageOf('Where was it held?')).toBe('en');
  });

  it('builds the Chinese request: worked cases of each kind, then the history and the question', () => {
    const turns = buildRewriteRequest(zhHistory, '在哪里举办的?');
    expect(turns[0]?.role).toBe('system');
    expect(turns[0]?.content).toMatch(/代词/);
    expect(turns[0]?.content).toMatch(/DEPENDS: yes 或 no\nSTANDALONE:/);
    // Four worked cases (pronoun, ellipsis, no rewrite, topic change) as user/assistant pairs.
    const answers = turns.filter((t) => t.role === 'assistant').map((t) => t.content);
    expect(answers).toHaveLength(4);
    expect(answers[1]).toBe('THINKING: 问题省略了举办的是什么：2020年世界职业棒球大赛。\nDEPENDS: yes\nSTANDALONE: 2020年世界职业棒球大赛在哪里举办的?');
    expect(answers[3]).toMatch(/DEPENDS: no/);
    const last = turns.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.content).toBe('之前的对话:\n用户: 谁赢得了2020年的世界职业棒球大赛?\n助手: 洛杉矶道奇队赢得了2020年的世界职业棒球大赛。\n最后一个问题: 在哪里举办的?');
    expect(last.content).not.toMatch(/你是一个助手/); // the conversation's system prompt is not history
  });

  it('builds the English request the same way, clipping long turns and keeping only recent ones', () => {
    const long: ChatTurn[] = Array.from({ length: 10 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i} ${'x'.repeat(i === 9 ? 2000 : 5)}` }));
    const turns = buildRewriteRequest([...long, ...enHistory], 'When was it published?');
    expect(turns[0]?.content).toMatch(/pronouns such as it, they, we/);
    const last = turns.at(-1)!.content;
    expect(last.startsWith('Conversation so far:\n')).toBe(true);
    expect(last.endsWith('\nLast question: When was it published?')).toBe(true);
    expect(last).toMatch(/User: Who wrote Dune\?\nAssistant: Frank Herbert wrote Dune, published in 1965\./);
    expect(last).not.toMatch(/turn 3 /); // only the last six turns
    expect(last.length).toBeLessThan(6 * 620 + 100);
  });

  it('reads a well-formed answer, Chinese or English', () => {
    expect(parseRewrite('THINKING: 省略了主语。\nDEPENDS: yes\nSTANDALONE: 2020年世界职业棒球大赛在哪里举办的?', '在哪里举办的?')).toEqual({
      question: '2020年世界职业棒球大赛在哪里举办的?',
      dependsOnHistory: true,
      changed: true,
      parsed: true,
    });
    expect(parseRewrite('THINKING: new topic\nDEPENDS: no\nSTANDALONE: Can you suggest a pasta recipe?', 'Can you suggest a pasta recipe?')).toEqual({
      question: 'Can you suggest a pasta recipe?',
      dependsOnHistory: false,
      changed: false,
      parsed: true,
    });
  });

  it.each([
    ['no lines at all', 'It was held in Arlington, Texas.'],
    ['missing DEPENDS', 'STANDALONE: Where was the 2020 World Series held?'],
    ['two rewrites', 'DEPENDS: yes\nSTANDALONE: A?\nSTANDALONE: B?'],
    ['DEPENDS not yes/no', 'DEPENDS: maybe\nSTANDALONE: Where was the 2020 World Series held?'],
    ['empty rewrite', 'DEPENDS: yes\nSTANDALONE:   '],
    ['the placeholder copied', 'DEPENDS: yes\nSTANDALONE: <the question, rewritten to stand alone, in its own language>'],
    ['a runaway answer', `DEPENDS: yes\nSTANDALONE: ${'where '.repeat(200)}`],
  ])('a malformed answer (%s) keeps the original question', (_, answer) => {
    expect(parseRewrite(answer, 'Where was it held?')).toEqual({ question: 'Where was it held?', dependsOnHistory: true, changed: false, parsed: false });
  });
});
