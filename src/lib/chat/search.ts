/**
 * Full-text search over the history, pure parts: the words a message is indexed under (a Dexie multi-entry
 * index finds candidates by prefix), the query's terms, whether a text matches all of them, and a short
 * snippet with the hits marked, as text parts the UI renders without HTML.
 */
/**
 * Words are cut into pieces of at most 40 letters: an unbounded run of millions of letters (a CJK paste)
 * overflows the regexp engine's stack, and no one searches for a longer word.
 */
const WORD = /[\p{L}\p{N}]{1,40}/gu;
/** A query longer than this is a paste, not a search; only its start is used. */
const MAX_QUERY = 1000;
const MAX_WORDS = 4000;

/** Distinct lower-case words of a text, for the multi-entry index (bounded, so huge pastes stay cheap). */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    words.add(match[0]);
    if (words.size >= MAX_WORDS) break;
  }
  return [...words];
}

/** The query's words, longest first (the longest prefix narrows the index lookup most). */
export function queryTerms(query: string): string[] {
  return [...new Set(query.slice(0, MAX_QUERY).toLowerCase().match(WORD) ?? [])].sort((a, b) => b.length - a.length).slice(0, 8);
}

export function matchesAll(text: string, terms: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return terms.every((term) => lower.includes(term));
}

export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

/** About `width` characters around the first hit, split into plain and hit parts. */
export function snippet(text: string, terms: readonly string[], width = 140): SnippetPart[] {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length);
  const start = first === text.length ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const window = text.slice(start, end).replace(/\s+/g, ' ');
  const lowerWindow = window.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (let i = lowerWindow.indexOf(term); i >= 0; i = lowerWindow.indexOf(term, i + term.length)) ranges.push([i, i + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    const begin = Math.max(from, at);
    if (begin > at) parts.push({ text: window.slice(at, begin), hit: false });
    parts.push({ text: window.slice(begin, to), hit: true });
    at = to;
  }
  if (at < window.length) parts.push({ text: window.slice(at), hit: false });
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
