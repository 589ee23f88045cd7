import fc from 'fast-check';
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

  it('commits a block that is only a blank line, and keeps extra blank lines for the next block', () => {
    const stream = streamIn('```\nx\n```\n   \t        \n\n\nnext\n\nend\n', [1]);
    expect(stream.blocks.map((b) => b.text)).toEqual(['```\nx\n```\n', '   \t        \n', '\n\nnext\n\n']);
    expect(stream.tail).toBe('end\n');
    expect(stream.length).toBe(stream.text.length);
  });
});

/** Splits text into ~1-token pieces (a word with its leading space, or one other character), like a model streams. */
function tokens(text: string): string[] {
  return text.match(/\s*\w+|\s*[^\s\w]|\s+/g) ?? [];
}

/** A long reply with headings, paragraphs, lists and closed code fences. */
function longReply(sections: number): string {
  const parts: string[] = [];
  for (let s = 1; s <= sections; s++) {
    parts.push(
      `## Section ${s}`,
      '',
      'Streaming text must stay smooth while the model writes, so only the growing block is parsed again.',
      '',
      `- point one of section ${s}`,
      '- point two with `inline code`',
      '',
      '   continued item',
      '',
      '```ts',
      `const value${s} = compute(${s});`,
      '',
      '    return value;',
      '```',
      '',
    );
  }
  return parts.join('\n');
}

function streamAll(pieces: readonly string[]): MarkdownStream {
  const stream = new MarkdownStream();
  for (const piece of pieces) stream.append(piece);
  return stream;
}

/*
 * The scanner's cost is counted, not timed: `charsScanned` adds each appended character once (newline
 * search) and, per complete line, the characters the line classifier reads, so it is at most twice the
 * length; rescanning what came before on each append would make it grow with appends x length. The old
 * scanner had no counter (these fail there on `undefined`); its real cost, V8 flattening the whole reply
 * on each append, is caught directly by the string-method probe below.
 */
describe('MarkdownStream work per append', () => {
  const linear = (stream: MarkdownStream) => {
    expect(stream.length).toBe(stream.text.length);
    expect(stream.charsScanned).toBeGreaterThanOrEqual(stream.length);
    expect(stream.charsScanned).toBeLessThanOrEqual(2 * stream.length);
  };

  it('scans each character a bounded number of times for 40,000 token-sized appends', () => {
    const reply = longReply(800);
    const pieces = tokens(reply).slice(0, 40_000);
    expect(pieces).toHaveLength(40_000);
    const stream = streamAll(pieces);
    linear(stream);
    expect(stream.blocks.map((b) => b.text).join('') + stream.tail).toBe(pieces.join(''));
  });

  it('scans each character a bounded number of times for 5,000 paragraph appends', () => {
    const para = 'word '.repeat(20).trim();
    const stream = streamAll(Array.from({ length: 5000 }, () => `${para}\n\n`));
    expect(stream.blocks).toHaveLength(4999);
    expect(stream.tail).toBe(`${para}\n\n`);
    linear(stream);
  });

  it('scans a huge code fence that never closes, streamed token by token, once', () => {
    const code = Array.from({ length: 5000 }, (_, i) => `    const line${i} = f(\`${i}\`); // \`\`\` not a fence`).join('\n');
    const stream = streamAll(tokens(`intro\n\n\`\`\`js\n${code}\n`));
    expect(stream.blocks.map((b) => b.text)).toEqual(['intro\n\n']);
    expect(stream.inOpenFence).toBe(true);
    expect(stream.tail).toBe(`\`\`\`js\n${code}\n`);
    linear(stream);
  });

  it('scans a long run of blank lines once', () => {
    const blanks = '\n'.repeat(50_000);
    const stream = streamAll(['a', ...blanks, 'b', '\n', '\n', 'c', '\n']);
    expect(stream.blocks.map((b) => b.text)).toEqual(['a\n\n', `${blanks.slice(2)}b\n\n`]);
    expect(stream.tail).toBe('c\n');
    linear(stream);
  });

  it('scans CRLF text once', () => {
    // Only the cost is checked: a '\r' line is not blank to this scanner, so CRLF text stays in the tail.
    const stream = streamAll(tokens(longReply(100).replaceAll('\n', '\r\n')));
    linear(stream);
    expect(stream.text).toBe(longReply(100).replaceAll('\n', '\r\n'));
  });

  it('never runs a string method on more than the new text or the current line', () => {
    // Flattening is what made appends quadratic: a search on the whole reply so far (a V8 cons-string)
    // copies all of it. So record the longest string any string search or slice is called on while
    // appending; it must stay the size of a line, not grow with the reply.
    const pieces = tokens(longReply(300));
    let longest = 0;
    const originals = { indexOf: String.prototype.indexOf, slice: String.prototype.slice, includes: String.prototype.includes };
    const probe = <K extends keyof typeof originals>(name: K) =>
      function (this: string, ...args: unknown[]) {
        longest = Math.max(longest, this.length);
        return (originals[name] as (...a: unknown[]) => unknown).apply(this, args);
      };
    const stream = new MarkdownStream();
    try {
      String.prototype.indexOf = probe('indexOf') as typeof String.prototype.indexOf;
      String.prototype.slice = probe('slice') as typeof String.prototype.slice;
      String.prototype.includes = probe('includes') as typeof String.prototype.includes;
      for (const piece of pieces) stream.append(piece);
    } finally {
      Object.assign(String.prototype, originals);
    }
    // The reply is over 30,000 characters; its longest line is about 100.
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThan(200);
    expect(stream.text.length).toBeGreaterThan(30_000);
  });
});

describe('MarkdownStream on random markdown', () => {
  const LINES = ['', '```', '~~~~', '~~~', '    indented', '\tindented', '- item', 'text', '```js', '   ```', '    ```', '``` `x', ' ', '\r', 'a\r'];
  const reply = fc.tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), fc.boolean()).map(([lines, end]) => lines.join('\n') + (end ? '\n' : ''));
  const sizes = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 });

  it('gives the same blocks and tail for any chunking, and reassembles the exact text', () => {
    fc.assert(
      fc.property(reply, sizes, (text, chunking) => {
        const whole = streamIn(text, [Math.max(1, text.length)]);
        const chunked = streamIn(text, chunking);
        expect(chunked.blocks).toEqual(whole.blocks);
        expect(chunked.tail).toBe(whole.tail);
        expect(chunked.inOpenFence).toBe(whole.inOpenFence);
        expect(chunked.blocks.map((b) => b.text).join('') + chunked.tail).toBe(text);
        expect(chunked.text).toBe(text);
        expect(chunked.length).toBe(text.length);
        expect(chunked.charsScanned).toBeLessThanOrEqual(2 * text.length);
      }),
      { numRuns: 300 },
    );
  });
});
