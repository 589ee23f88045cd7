/**
 * Finds every module reference in one source file, for the layering rules (tests/unit/layers.ts):
 *
 *   static       import x from '…' / import { a } from '…' / import * as n from '…' (also `import type …`)
 *   side-effect  import '…'
 *   re-export    export { a } from '…' / export * from '…' / export * as n from '…' (also `export type …`)
 *   dynamic      import('…'); a non-literal argument gives spec null; in a type position (`typeof import('…')`,
 *                `import('…').Name`) it is type-only
 *   url          new URL('…', import.meta.url): a worker entry or an asset Vite bundles
 *   glob         import.meta.glob('…')
 *   require      require('…')
 *
 * `.ts` and `.svelte.ts` are read as TypeScript; `.svelte` files by their <script> blocks, plus dynamic imports
 * and URLs in markup expressions. A small lexer skips comments, strings, template text and regular expressions,
 * so an "import" in prose or in a string is not an import.
 *
 * typeOnly is true only for `import type`, `export type` and type-position import(): with
 * verbatimModuleSyntax, `import { type A } from '…'` still loads the module at run time, so it is not type-only.
 */

export type ImportKind = 'static' | 'side-effect' | 're-export' | 'dynamic' | 'url' | 'glob' | 'require';

export interface ImportRef {
  /** The specifier as written; null for a dynamic import() or glob whose argument is not a literal. */
  readonly spec: string | null;
  readonly kind: ImportKind;
  readonly typeOnly: boolean;
  /** 1-based line in the file. */
  readonly line: number;
}

interface Token {
  /** id: identifier or keyword; str: string or template literal without substitutions; tpl: template with them. */
  readonly type: 'id' | 'str' | 'tpl' | 'num' | 'punct' | 'regex';
  readonly value: string;
  readonly pos: number;
}

const ID_START = /[\p{ID_Start}$_]/u;
const ID_PART = /[\p{ID_Continue}$\u200c\u200d]/u;
/** After these keywords a `/` starts a regular expression, not a division. */
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  /** One entry per open `{` (false) or template substitution `${` (true). */
  const braces: boolean[] = [];
  let i = 0;

  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.type === 'id') return REGEX_AFTER_KEYWORD.has(prev.value);
    if (prev.type === 'punct') return prev.value !== ')' && prev.value !== ']';
    return false;
  };

  /** Reads template text from i (just after ` or a substitution's }) up to its end or the next `${`. */
  const templateText = (start: number, head: boolean) => {
    let raw = '';
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\\') {
        raw += text.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        tokens.push(head ? { type: 'str', value: raw, pos: start } : { type: 'tpl', value: raw, pos: start });
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        i += 2;
        braces.push(true);
        tokens.push({ type: 'tpl', value: raw, pos: start });
        return;
      } else {
        raw += c;
        i++;
      }
    }
    tokens.push({ type: head ? 'str' : 'tpl', value: raw, pos: start });
  };

  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      i++;
      tokens.push({ type: 'str', value, pos: start });
    } else if (c === '`') {
      i++;
      templateText(start, true);
    } else if (c === '}' && braces[braces.length - 1] === true) {
      braces.pop();
      i++;
      templateText(start, false);
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      let j = i + 1;
      for (; j < text.length && text[j] !== '\n'; j++) {
        const r = text[j];
        if (r === '\\') j++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      if (text[j] === '/') {
        j++;
        while (j < text.length && /[a-z]/i.test(text[j]!)) j++;
        tokens.push({ type: 'regex', value: text.slice(i, j), pos: start });
        i = j;
      } else {
        tokens.push({ type: 'punct', value: c, pos: start });
        i++;
      }
    } else if (ID_START.test(c) || c === '\\') {
      i++;
      while (i < text.length && ID_PART.test(text[i]!)) i++;
      tokens.push({ type: 'id', value: text.slice(start, i), pos: start });
    } else if (/[0-9]/.test(c)) {
      i++;
      while (i < text.length && /[\w.]/.test(text[i]!)) i++;
      tokens.push({ type: 'num', value: text.slice(start, i), pos: start });
    } else {
      if (c === '{') braces.push(false);
      else if (c === '}') braces.pop();
      i++;
      tokens.push({ type: 'punct', value: c, pos: start });
    }
  }
  return tokens;
}

const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

/** Module references in script text (TypeScript or JavaScript); positions are offsets into `text`. */
function scanScript(text: string): { spec: string | null; kind: ImportKind; typeOnly: boolean; pos: number }[] {
  const t = lex(text);
  const found: { spec: string | null; kind: ImportKind; typeOnly: boolean; pos: number }[] = [];
  const is = (k: number, type: Token['type'], value?: string) => t[k]?.type === type && (value === undefined || t[k]!.value === value);
  const punct = (k: number, value: string) => is(k, 'punct', value);
  const id = (k: number, value: string) => is(k, 'id', value);
  /** Index just past `from '…'` when the clause starting at k ends with it, scanning an import/export clause. */
  const fromAfterClause = (k: number): number | null => {
    let depth = 0;
    for (; k < t.length; k++) {
      const tok = t[k]!;
      if (tok.type === 'punct' && tok.value === '{') depth++;
      else if (tok.type === 'punct' && tok.value === '}') depth--;
      else if (depth === 0 && id(k, 'from') && is(k + 1, 'str')) return k + 1;
      else if (tok.type === 'punct' && !['*', ','].includes(tok.value)) return null;
      else if (tok.type !== 'id' && tok.type !== 'str' && tok.type !== 'punct') return null;
      if (depth < 0) return null;
    }
    return null;
  };

  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.type !== 'id' || punct(k - 1, '.')) continue;

    if (tok.value === 'import') {
      if (punct(k + 1, '(')) {
        const literal = is(k + 2, 'str') && (punct(k + 3, ')') || punct(k + 3, ','));
        const close = literal ? t.findIndex((x, j) => j > k + 2 && x.type === 'punct' && x.value === ')') : -1;
        const typePosition =
          id(k - 1, 'typeof') || (close > 0 && punct(close + 1, '.') && is(close + 2, 'id') && !PROMISE_MEMBERS.has(t[close + 2]!.value));
        found.push({ spec: literal ? t[k + 2]!.value : null, kind: 'dynamic', typeOnly: typePosition, pos: tok.pos });
      } else if (punct(k + 1, '.') && id(k + 2, 'meta') && punct(k + 3, '.') && id(k + 4, 'glob') && punct(k + 5, '(')) {
        found.push({ spec: is(k + 6, 'str') ? t[k + 6]!.value : null, kind: 'glob', typeOnly: false, pos: tok.pos });
      } else if (is(k + 1, 'str')) {
        found.push({ spec: t[k + 1]!.value, kind: 'side-effect', typeOnly: false, pos: tok.pos });
      } else if (is(k + 1, 'id') || punct(k + 1, '{') || punct(k + 1, '*')) {
        const typeOnly = id(k + 1, 'type') && !id(k + 2, 'from') && !punct(k + 2, ',');
        const end = fromAfterClause(typeOnly ? k + 2 : k + 1);
        if (end !== null) found.push({ spec: t[end]!.value, kind: 'static', typeOnly, pos: tok.pos });
      }
    } else if (tok.value === 'export') {
      const typeOnly = id(k + 1, 'type') && (punct(k + 2, '{') || punct(k + 2, '*'));
      const k1 = typeOnly ? k + 2 : k + 1;
      if (punct(k1, '{') || punct(k1, '*')) {
        const end = fromAfterClause(k1);
        if (end !== null) found.push({ spec: t[end]!.value, kind: 're-export', typeOnly, pos: tok.pos });
      }
    } else if (tok.value === 'URL' && id(k - 1, 'new') && punct(k + 1, '(') && is(k + 2, 'str') && punct(k + 3, ',')) {
      if (id(k + 4, 'import') && punct(k + 5, '.') && id(k + 6, 'meta') && punct(k + 7, '.') && id(k + 8, 'url')) {
        found.push({ spec: t[k + 2]!.value, kind: 'url', typeOnly: false, pos: t[k - 1]!.pos });
      }
    } else if (tok.value === 'require' && punct(k + 1, '(') && is(k + 2, 'str') && punct(k + 3, ')')) {
      found.push({ spec: t[k + 2]!.value, kind: 'require', typeOnly: false, pos: tok.pos });
    }
  }
  return found;
}

/** Same length as `text`, with the matches of `pattern` blanked (newlines kept, so offsets and lines hold). */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));
}

const SCRIPT = /<script(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
const MARKUP_DYNAMIC = /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1\s*[,)]/g;
const MARKUP_URL = /\bnew\s+URL\s*\(\s*(['"`])([^'"`\n]+)\1\s*,\s*import\.meta\.url\b/g;

/** Every module reference in one file; `fileName` decides how it is read (`.svelte` or script). */
export function scanImports(text: string, fileName: string): ImportRef[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: { spec: string | null; kind: ImportKind; typeOnly: boolean; pos: number }[] = [];

  if (!fileName.endsWith('.svelte')) {
    found.push(...scanScript(text));
  } else {
    const source = blank(text, /<!--[\s\S]*?-->/g);
    for (const m of source.matchAll(SCRIPT)) {
      const body = m[1] ?? '';
      const offset = m.index + m[0].length - (/<\/script\s*>$/i.exec(m[0])?.[0].length ?? 0) - body.length;
      found.push(...scanScript(body).map((f) => ({ ...f, pos: f.pos + offset })));
    }
    const markup = blank(blank(source, SCRIPT), STYLE);
    for (const m of markup.matchAll(MARKUP_DYNAMIC)) found.push({ spec: m[2]!, kind: 'dynamic', typeOnly: false, pos: m.index });
    for (const m of markup.matchAll(MARKUP_URL)) found.push({ spec: m[2]!, kind: 'url', typeOnly: false, pos: m.index });
  }
  return found.sort((a, b) => a.pos - b.pos).map(({ pos, ...ref }) => ({ ...ref, line: lineOf(pos) }));
}
