/**
 * Markdown to safe HTML: marked (GFM) renders, highlight.js colours code, DOMPurify sanitizes by allow-list.
 * Model output is untrusted: no script, no event handler, no javascript: URL survives. Links open in a new tab.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape-html';
import { highlight } from './highlight';

function codeBlock(text: string, lang: string | undefined, highlighting: boolean): string {
  const language = (lang ?? '').split(/\s/, 1)[0] ?? '';
  const body = (highlighting ? highlight(text, language) : null) ?? escapeHtml(text);
  const label = language ? escapeHtml(language) : 'text';
  return (
    `<div class="code-block"><div class="code-head"><span class="code-lang">${label}</span>` +
    `<button type="button" class="code-copy" data-copy-code>Copy</button></div>` +
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

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY_CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
  ADD_ATTR: ['target', 'data-copy-code'],
};

export function renderMarkdown(source: string, highlightCode = true): string {
  const html = (highlightCode ? highlighted : plain).parse(source, { async: false });
  return DOMPurify.sanitize(html, PURIFY_CONFIG);
}
