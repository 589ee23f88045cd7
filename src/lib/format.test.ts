import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from './format';

describe('format', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.50 KB'],
    [295_000_000, '295 MB'],
    [1_234_000_000, '1.23 GB'],
    [null, '—'],
    [NaN, '—'],
    [-1, '—'],
  ])('formatBytes(%s)', (n, s) => expect(formatBytes(n)).toBe(s));

  it.each([
    [0.2, '1 s'],
    [59.2, '60 s'],
    [125, '2 min 5 s'],
    [7300, '2 h 1 min'],
    [Infinity, '—'],
  ])('formatDuration(%s)', (n, s) => expect(formatDuration(n)).toBe(s));

  it('says durations in Chinese units for a Chinese UI', () => {
    expect([0.2, 125, 7300].map((n) => formatDuration(n, 'zh-CN'))).toEqual(['1 秒', '2 分 5 秒', '2 小时 1 分']);
    expect(formatDuration(125, 'en')).toBe('2 min 5 s');
  });

  it('groups counts with commas, without Intl', () => {
    expect([0, 7, 999, 1000, 12345, 1234567, -4200, 1234.5].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '1,234,567', '-4,200', '1,234.5']);
  });
});
