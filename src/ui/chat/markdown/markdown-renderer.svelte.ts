/**
 * The markdown renderer (marked, highlight.js, DOMPurify: the app's heaviest UI code) is loaded lazily, off
 * the first paint. Until it arrives, text is shown escaped as plain paragraphs, never as raw HTML.
 */
import type { MarkdownLabels } from './code-source';
import { escapeHtml } from './escape-html';

type Render = (source: string, labels: MarkdownLabels, highlightCode?: boolean) => string;

let render = $state<Render | null>(null);
let loading: Promise<void> | null = null;

export function loadMarkdownRenderer(): Promise<void> {
  loading ??= import('./render-markdown').then((module) => {
    render = module.renderMarkdown;
  });
  return loading;
}

function plainTextHtml(source: string): string {
  // A class, not a style attribute: the Content-Security-Policy allows no inline styles.
  return `<p class="plain-text">${escapeHtml(source)}</p>`;
}

/**
 * Rendered HTML for `source`; reactive, so blocks re-render once the renderer has loaded. `labels`: the words
 * the renderer adds (code blocks' Copy, links in place of remote media), in the UI's language.
 */
export function toHtml(source: string, labels: MarkdownLabels, highlightCode = true): string {
  if (render) return render(source, labels, highlightCode);
  void loadMarkdownRenderer();
  return plainTextHtml(source);
}
