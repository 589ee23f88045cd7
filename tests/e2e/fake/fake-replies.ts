/** Scripted replies for the test engine, split into token-sized pieces the way a real tokenizer streams them. */

import { fakeTokens as tokenize } from '../../support/fake-token-count';

/** Pieces of ~1 token, as the doubles' "tokenizer" counts them (tests/support/fake-token-count.ts). */
export { tokenize };

export const DEFAULT_REPLY = [
  'Here is a short answer with **markdown**.',
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
  'That is all.',
].join('\n');

export const XSS_REPLY = [
  'Inert payloads follow.',
  '',
  '<script>window.__pwned = true</script>',
  '<img src="x" onerror="window.__pwned = true">',
  '[click me](javascript:window.__pwned=true)',
  '<a href="https://example.com" onclick="window.__pwned = true">plain link</a>',
].join('\n');

const CODE = [
  '```typescript',
  'export function debounce<T extends (...args: unknown[]) => void>(fn: T, ms: number): T {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return ((...args: unknown[]) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  }) as T;',
  '}',
  '```',
].join('\n');

const PROSE =
  'Streaming text must stay smooth while the model writes, so the renderer only re-parses the block that is still growing and keeps finished blocks as they are.';

/** A long markdown reply with headings, lists, tables and code, about `tokens` tokens long. */
export function longMarkdownReply(tokens: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let section = 1; count < tokens; section++) {
    const block = [
      `## Section ${section}`,
      '',
      PROSE,
      '',
      `- point one of section ${section}`,
      `- point two with \`inline code\` and a [link](https://example.com/${section})`,
      '',
      CODE,
      '',
      '| column | value |',
      '| --- | --- |',
      `| row ${section} | ${section * 7} |`,
      '',
    ].join('\n');
    parts.push(block);
    count += tokenize(block).length;
  }
  return tokenize(parts.join('\n')).slice(0, tokens).join('');
}
