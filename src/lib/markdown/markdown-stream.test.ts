import { describe, expect, it } from 'vitest';
import { MarkdownStream } from './markdown-stream';

const REPLY = [
  '# Title',
  '',
  'A paragraph with `code` and **bold**.',
  '',
  '```python',
  'def f():',
  '',
  '    return 1',
  '```',
  'After the fence.',
  '',
  '1. one',
  '',
  '   continued item text',
  '2. two',
  '',
  '~~~~',
  '```',
  'not a close',
  '~~~~',
  '',
  'tail text',
].join('\n');

function streamIn(text: string, sizes: number[]): MarkdownStream {
  const stream = new MarkdownStream();
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = sizes[k++ % sizes.length] ?? 1;
    stream.append(text.slice(i, i + n));
    i += n;
  }
  return stream;
}

describe('MarkdownStream', () => {
  it('splits at blank lines and closing fences, never inside a fence or before an indented continuation', () => {
    const stream = streamIn(REPLY, [REPLY.length]);
    expect(stream.blocks.map((b) => b.text)).toEqual([
      '# Title\n\n',
      'A paragraph with `code` and **bold**.\n\n',
      '```python\ndef f():\n\n    return 1\n```\n',
      'After the fence.\n\n',
      '1. one\n\n   continued item text\n2. two\n\n',
      '~~~~\n```\nnot a close\n~~~~\n',
    ]);
    // The blank line's boundary waits for a complete next line, which has not arrived yet.
    expect(stream.tail).toBe('\ntail text');
  });

  it('gives the same blocks however the text is chunked', () => {
    const whole = streamIn(REPLY, [REPLY.length]);
    for (const sizes of [[1], [2], [3, 7], [5, 1, 13], [64]]) {
      const chunked = streamIn(REPLY, sizes);
      expect(chunked.blocks).toEqual(whole.blocks);
      expect(chunked.tail).toBe(whole.tail);
    }
  });

  it('always reassembles the exact text', () => {
    const stream = streamIn(REPLY, [3, 11]);
    expect(stream.blocks.map((b) => b.text).join('') + stream.tail).toBe(REPLY);
    expect(stream.text).toBe(REPLY);
  });

  it('keeps an unclosed fence in the tail', () => {
    const stream = streamIn('intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n', [4]);
    expect(stream.blocks.map((b) => b.text)).toEqual(['intro\n\n']);
    expect(stream.tail).toBe('```js\nconst a = 1;\n\nconst b = 2;\n');
    expect(stream.inOpenFence).toBe(true);
    stream.append('```\n');
    expect(stream.inOpenFence).toBe(false);
    expect(stream.tail).toBe('');
  });

  it('does only new work per append (a long reply stays linear)', () => {
    const stream = new MarkdownStream();
    const para = 'word '.repeat(20).trim();
    for (let i = 0; i < 5000; i++) stream.append(`${para}\n\n`);
    expect(stream.blocks).toHaveLength(4999);
    expect(stream.tail).toBe(`${para}\n\n`);
  });
});
