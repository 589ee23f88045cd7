import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale';
import { formatMessage, placeholders } from './translate';

describe('pickLocale', () => {
  it('gives Chinese to any Chinese browser and English otherwise', () => {
    expect(pickLocale(['zh-CN'])).toBe('zh-CN');
    expect(pickLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(['zh_Hans_SG'])).toBe('zh-CN');
    expect(pickLocale(['de-DE', 'en-GB', 'zh'])).toBe('en');
    expect(pickLocale(['fr', 'zh-HK'])).toBe('zh-CN');
    expect(pickLocale(['fr'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('formatMessage', () => {
  it('fills named placeholders and groups numbers', () => {
    expect(formatMessage('en', '{done} of {total}', { done: 1240, total: 50500 })).toBe('1,240 of 50,500');
    expect(formatMessage('zh-CN', '{total} 中的 {done}', { done: 3, total: 4 })).toBe('4 中的 3');
  });

  it('picks the plural form per language', () => {
    const m = { one: '{count} message', other: '{count} messages' };
    expect(formatMessage('en', m, { count: 1 })).toBe('1 message');
    expect(formatMessage('en', m, { count: 0 })).toBe('0 messages');
    expect(formatMessage('en', m, { count: 2000 })).toBe('2,000 messages');
    expect(formatMessage('zh-CN', { other: '{count} 条消息' }, { count: 1 })).toBe('1 条消息');
  });

  it('leaves a placeholder without a value visible rather than dropping words', () => {
    expect(formatMessage('en', 'Hello {name}', {})).toBe('Hello {name}');
  });

  it('lists placeholders, with count for plural messages', () => {
    expect(placeholders('{b} and {a} and {b}')).toEqual(['a', 'b']);
    expect(placeholders({ one: 'one', other: '{n} items' })).toEqual(['count', 'n']);
  });
});
