import { describe, expect, it } from 'vitest';
import { replyNotice, spokenInline, spokenParts, type ReplyState } from './announce-policy';

const reply = (id: string, status: ReplyState['status']): ReplyState => ({ id, status });

describe('replyNotice', () => {
  it('announces a start once, nothing while it streams, then how it ended', () => {
    expect(replyNotice(null, reply('a', 'streaming'))).toEqual({ kind: 'started' });
    expect(replyNotice(reply('a', 'streaming'), reply('a', 'streaming'))).toBeNull();
    expect(replyNotice(reply('a', 'streaming'), reply('a', 'done'))).toEqual({ kind: 'finished' });
    expect(replyNotice(reply('a', 'streaming'), reply('a', 'stopped'))).toEqual({ kind: 'stopped' });
    expect(replyNotice(reply('a', 'streaming'), reply('a', 'error'))).toEqual({ kind: 'failed' });
  });

  it('a new or regenerated reply starts again', () => {
    expect(replyNotice(reply('a', 'done'), reply('b', 'streaming'))).toEqual({ kind: 'started' });
    expect(replyNotice(reply('a', 'streaming'), reply('b', 'streaming'))).toEqual({ kind: 'started' });
  });

  it('says nothing for replies that did not end here: opened finished, another conversation, interrupted', () => {
    expect(replyNotice(null, reply('a', 'done'))).toBeNull();
    expect(replyNotice(reply('a', 'done'), reply('a', 'done'))).toBeNull();
    expect(replyNotice(reply('a', 'streaming'), reply('b', 'done'))).toBeNull();
    expect(replyNotice(reply('a', 'streaming'), null)).toBeNull();
    expect(replyNotice(reply('a', 'streaming'), reply('a', 'interrupted'))).toBeNull();
  });
});

describe('spokenInline', () => {
  it('keeps the words and drops the marks', () => {
    expect(spokenInline('Here is **bold**, *italic*, __strong__, _em_ and ~~gone~~.')).toBe('Here is bold, italic, strong, em and gone.');
    expect(spokenInline('Call `count_lines(path)` now')).toBe('Call count_lines(path) now');
    expect(spokenInline('See [the docs](https://example.com) and ![a cat](cat.png)')).toBe('See the docs and a cat');
    expect(spokenInline('<b>bold</b> <https://example.com>')).toBe('bold https://example.com');
    expect(spokenInline('2 \\* 3 \\_x\\_')).toBe('2 * 3 _x_');
  });

  it('leaves word-inner underscores and lone stars alone', () => {
    expect(spokenInline('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
  });
});

describe('spokenParts', () => {
  it('reads paragraphs, headings and list items as parts and names code blocks', () => {
    const markdown = [
      'Here is a short answer with **markdown**.',
      'It goes on.',
      '',
      '## Steps',
      '',
      '1. Open the file',
      '2. Read it line by line',
      '',
      '```python',
      'def count_lines(path):',
      '    with open(path) as f:',
      '        return sum(1 for _ in f)',
      '```',
      '',
      '- a point',
      '> quoted *text*',
      '',
      '---',
      'That is all.',
    ].join('\n');
    expect(spokenParts(markdown)).toEqual([
      { kind: 'text', text: 'Here is a short answer with markdown. It goes on.' },
      { kind: 'text', text: 'Steps' },
      { kind: 'text', text: '1. Open the file' },
      { kind: 'text', text: '2. Read it line by line' },
      { kind: 'code', language: 'python', lines: 3 },
      { kind: 'text', text: 'a point' },
      { kind: 'text', text: 'quoted text' },
      { kind: 'text', text: 'That is all.' },
    ]);
  });

  it('reads table rows as lists of cells, without the divider', () => {
    expect(spokenParts('| column | value |\n| --- | ---: |\n| row 1 | **7** |')).toEqual([
      { kind: 'text', text: 'column, value' },
      { kind: 'text', text: 'row 1, 7' },
    ]);
  });

  it('a code block left open (a stopped reply) runs to the end; tildes and longer fences close only their own', () => {
    expect(spokenParts('Start\n```\na\nb')).toEqual([
      { kind: 'text', text: 'Start' },
      { kind: 'code', language: '', lines: 2 },
    ]);
    expect(spokenParts('~~~~ts\n~~~\n```\n~~~~\nafter')).toEqual([
      { kind: 'code', language: 'ts', lines: 2 },
      { kind: 'text', text: 'after' },
    ]);
  });

  it('nothing to say for an empty reply', () => {
    expect(spokenParts('')).toEqual([]);
    expect(spokenParts('\n\n  \n')).toEqual([]);
  });
});
