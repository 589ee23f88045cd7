/**
 * Markdown to safe HTML: marked (GFM) renders, highlight.js colours code, and sanitize-html makes the result
 * inert (nothing runs, nothing loads from the network until clicked). Links open in a new tab.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape-html';
import { highlight } from './highlight';
import { TRUSTED_MARK, type MarkdownLabels } from './code-source';
import { sanitizeHtml } from './sanitize-html';

/**
 * A code block carries its source text exactly as the markdown token has it (`data-code-source`): Copy puts
 * that on the clipboard, never the DOM's text, which raw HTML in a reply could pad with hidden content.
 */
function codeBlock(text: string, lang: string | undefined, highlighting: boolean, copy: string): string {
  const language = (lang ?? '').split(/\s/, 1)[0] ?? '';
  const body = (highlighting ? highlight(text, language) : null) ?? escapeHtml(text);
  const label = language ? escapeHtml(language) : 'text';
  return (
    `<div class="code-block" data-code-block="${TRUSTED_MARK}" data-code-source="${escapeHtml(text)}">` +
    `<div class="code-head"><span class="code-lang">${label}</span>` +
    `<button type="button" class="code-copy" data-copy-code="${TRUSTED_MARK}">${escapeHtml(copy)}</button></div>` +
    `<pre><code class="hljs${language ? ` language-${label}` : ''}">${body}</code></pre></div>`
  );
}

/** The words the renderer adds, for the parse in progress (parsing is synchronous: one at a time). */
let current: MarkdownLabels | null = null;

function createMarked(highlighting: boolean): Marked {
  const renderer = { code: ({ text, lang }: Tokens.Code) => codeBlock(text, lang, highlighting, current?.copy ?? 'Copy') };
  return new Marked({ gfm: true, breaks: false, renderer });
}

const highlighted = createMarked(true);
// For a code block still being written: highlighting it again on every token is the costliest part of a
// streaming update, so it is coloured once, when its closing fence arrives.
const plain = createMarked(false);

/** Safe HTML for a reply's markdown; `labels` word the buttons and notices the renderer adds. */
export function renderMarkdown(source: string, labels: MarkdownLabels, highlightCode = true): string {
  current = labels;
  try {
    return sanitizeHtml((highlightCode ? highlighted : plain).parse(source, { async: false }), labels);
  } finally {
    current = null;
  }
}

