/**
 * Markdown to safe HTML: marked (GFM) renders, highlight.js colours code, and sanitize-html makes the result
 * inert (nothing runs, nothing loads from the network until clicked). Links open in a new tab.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape-html';
import { highlight } from './highlight';
import { TRUSTED_MARK } from './code-source';
import { sanitizeHtml } from './sanitize-html';

/**
 * A code block carries its source text exactly as the markdown token has it (`data-code-source`): Copy puts
 * that on the clipboard, never the DOM's text, which raw HTML in a reply could pad with hidden content.
 */
function codeBlock(text: string, lang: string | undefined, highlighting: boolean): string {
  const language = (lang ?? '').split(/\s/, 1)[0] ?? '';
  const body = (highlighting ? highlight(text, language) : null) ?? escapeHtml(text);
  const label = language ? escapeHtml(language) : 'text';
  return (
    `<div class="code-block" data-code-block="${TRUSTED_MARK}" data-code-source="${escapeHtml(text)}">` +
    `<div class="code-head"><span class="code-lang">${label}</span>` +
    `<button type="button" class="code-copy" data-copy-code="${TRUSTED_MARK}">Copy</button></div>` +
    `<pre><code class="hljs${language ? ` language-${label}` : ''}">${body}</code></pre></div>`
  );
}

function createMarked(highlighting: boolean): Marked {
  const renderer = { code: ({ text, lang }: Tokens.Code) => codeBlock(text, lang, highlighting) };
  return new Marked({ gfm: true, breaks: false, renderer });
}

const highlighted = createMarked(true);
// For a code block still being written: highlighting it again on every token is the costliest part of a
// streaming update, so it is coloured once, when its closing fence arrives.
const plain = createMarked(false);

export function renderMarkdown(source: string, highlightCode = true): string {
  return sanitizeHtml((highlightCode ? highlighted : plain).parse(source, { async: false }));
}

