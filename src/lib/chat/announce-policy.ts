/**
 * What a screen reader hears of a reply (the UI's ReplyAnnouncer speaks it through a polite status region).
 *
 * The policy: a short notice when a reply starts ("Writing a reply…"), then nothing while it streams, then the
 * finished reply read once as plain text followed by "Reply finished" (or only "Reply stopped" / "Reply
 * failed"). Why not the text as it streams, even in sentence-sized chunks every few seconds: a polite region
 * cannot be paused or re-read, so chunks arrive while the person is reading something else, queue up (NVDA) or
 * cut each other off (VoiceOver), and break sentences at whatever the model had written when the timer fired.
 * NVDA and VoiceOver users of chat assistants ask for the finished answer once, with a start and an end they can
 * trust; the text as it grows is there to read in the conversation at any time. Stopped and failed replies are
 * not read out: the person asked for the stop, and a failure's message and hint are announced by its own alert.
 *
 * Pure: it decides from the last reply's id and status, and turns Markdown into the words worth speaking.
 */
import type { MessageStatus } from './chat-types';

/** The last reply on screen, as far as announcing goes. */
export interface ReplyState {
  readonly id: string;
  readonly status: MessageStatus;
}

export type ReplyNotice = { readonly kind: 'started' } | { readonly kind: 'finished' } | { readonly kind: 'stopped' } | { readonly kind: 'failed' };

const ENDED: Partial<Record<MessageStatus, ReplyNotice>> = {
  done: { kind: 'finished' },
  stopped: { kind: 'stopped' },
  error: { kind: 'failed' },
};

/**
 * What to announce when the last reply changed from `previous` to `current` (null: the last message is not a
 * reply). A reply starts when one is streaming that was not streaming before (a new reply, a regenerated one,
 * or one being written when its conversation is opened); it ends when that same reply stops streaming. Another
 * conversation opened while a reply streams says nothing (that reply did not end).
 */
export function replyNotice(previous: ReplyState | null, current: ReplyState | null): ReplyNotice | null {
  if (!current) return null;
  const wasStreaming = previous?.id === current.id && previous.status === 'streaming';
  if (current.status === 'streaming') return wasStreaming ? null : { kind: 'started' };
  return wasStreaming ? (ENDED[current.status] ?? null) : null;
}

/** A piece of a reply to speak: a block of text, or a code block named instead of spelled out. */
export type SpokenPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'code'; readonly language: string; readonly lines: number };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^ {0,3}#{1,6}(\s+|$)/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const BULLET = /^\s*[-*+]\s+/;
const ORDERED = /^\s*\d{1,9}[.)]\s+/;
const QUOTE = /^\s*(>\s?)+/;
const PRIVATE_USE = 0xe000;

/** Inline Markdown to the words it shows: link and image text, code without backticks, no emphasis marks, no tags. */
export function spokenInline(line: string): string {
  // Escaped marks (\*) are set aside as private-use characters until the marks are gone, then put back.
  return line
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, (_, mark: string) => String.fromCharCode(PRIVATE_USE + mark.charCodeAt(0)))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PRIVATE_USE))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A reply's Markdown as the parts a screen reader should say: paragraphs, headings, list items and table rows
 * each a text part (the reader pauses between them), code blocks as one part with their language and length.
 */
export function spokenParts(markdown: string): SpokenPart[] {
  const parts: SpokenPart[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    const text = spokenInline(paragraph.join(' '));
    if (text) parts.push({ kind: 'text', text });
    paragraph = [];
  };
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      const marker = fence[1]!;
      let count = 0;
      while (i + 1 < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[i + 1]!)) {
        i++;
        count++;
      }
      i++; // the closing fence (or past the end when the reply stopped inside the block)
      parts.push({ kind: 'code', language: fence[2] ?? '', lines: count });
    } else if (!line.trim() || RULE.test(line) || TABLE_DIVIDER.test(line)) {
      endParagraph();
    } else if (HEADING.test(line) || TABLE_ROW.test(line) || BULLET.test(line) || ORDERED.test(line)) {
      // A block of its own: a heading, a table row (cells read as a list), a list item (its number kept).
      endParagraph();
      const text = TABLE_ROW.test(line)
        ? line.trim().replace(/^\||\|$/g, '').split('|').map(spokenInline).filter(Boolean).join(', ')
        : line.replace(HEADING, '').replace(/\s#+\s*$/, '').replace(BULLET, '');
      paragraph.push(text);
      endParagraph();
    } else {
      paragraph.push(line.replace(QUOTE, ''));
    }
  }
  endParagraph();
  return parts;
}
