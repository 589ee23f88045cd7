/**
 * Tells the renderer's own code blocks from imitations in a reply's raw HTML. Tiny and dependency-free: the
 * message view imports it eagerly, while the renderer itself is loaded lazily.
 */

/** Unknown to any reply or file: generated after they were written, per page load, never shown or stored. */
export const TRUSTED_MARK = crypto.randomUUID();

/**
 * The source text of the code block whose Copy button this is, exactly as the markdown token has it; null for
 * anything the renderer did not make. Copy never reads the DOM's text, which raw HTML could pad with hidden
 * content (what the person copies must be what they see).
 */
export function codeSourceOf(copyButton: Element): string | null {
  if (copyButton.getAttribute('data-copy-code') !== TRUSTED_MARK) return null;
  const block = copyButton.closest('[data-code-block]');
  return block?.getAttribute('data-code-block') === TRUSTED_MARK ? block.getAttribute('data-code-source') : null;
}

/** The words the renderer adds to a reply, in the UI's language (the renderer itself knows no language). */
export interface MarkdownLabels {
  /** A code block's copy button. */
  readonly copy: string;
  /** The link offered in place of a remote image, video or audio (alt: its description, if any). */
  readonly remoteMedia: (kind: 'image' | 'video' | 'audio', alt: string | undefined, host: string) => string;
}
