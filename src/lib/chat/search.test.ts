import { describe, expect, it } from 'vitest';
import { matchesAll, queryTerms, snippet, wordsOf } from './search';

describe('search', () => {
  it('indexes distinct lower-case words, any script', () => {
    expect(wordsOf('Hello, hello WORLD! Grüße 東京 42')).toEqual(['hello', 'world', 'grüße', '東京', '42']);
    expect(wordsOf('x '.repeat(10) + Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ')).length).toBe(4000);
  });

  it('survives a paste of millions of letters without a break (the regexp engine overflowed on it)', () => {
    const words = wordsOf('長'.repeat(4_200_000));
    expect(words).toEqual(['長'.repeat(40)]);
    expect(queryTerms('長'.repeat(4_200_000))).toEqual(['長'.repeat(40)]);
  });

  it('takes query terms longest first', () => {
    expect(queryTerms('  Rust  async rust ')).toEqual(['async', 'rust']);
    expect(queryTerms('!!!')).toEqual([]);
  });

  it('matches when every term is present', () => {
    expect(matchesAll('Async Rust is fun', ['rust', 'async'])).toBe(true);
    expect(matchesAll('Async Go', ['rust', 'async'])).toBe(false);
  });

  it('cuts a snippet around the first hit and marks every hit', () => {
    const text = `${'lorem '.repeat(40)}the borrow checker in Rust, and rust again ${'ipsum '.repeat(40)}`;
    const parts = snippet(text, ['rust']);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.at(-1)).toEqual({ text: '…', hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Rust', 'rust']);
    expect(parts.map((p) => p.text).join('')).toContain('borrow checker in Rust, and rust again');
  });

  it('returns plain text parts for hostile content (rendered as text, never HTML)', () => {
    const parts = snippet('<img src=x onerror=alert(1)> needle', ['needle']);
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', hit: false },
      { text: 'needle', hit: true },
    ]);
  });
});
