/**
 * Splits a growing markdown reply into stable blocks and a live tail, so a streaming message re-parses
 * only the tail on each update. A block ends at a blank line outside a fenced code block (confirmed once
 * the next line shows it is not an indented continuation) or at a closing fence.
 *
 * Work per append is proportional to the new text, not to the reply so far: the reply is never held as one
 * growing string (`s += delta` then a search on it makes V8 flatten the whole cons-string on every append,
 * which is quadratic). Only the line being written is a buffer; complete lines after the last block are
 * kept as pieces, a block is the join of its own pieces, and `text` / `tail` are built when read.
 */
export interface StableBlock {
  readonly id: number;
  readonly text: string;
}

interface Fence {
  readonly char: number;
  readonly length: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const BACKTICK = 0x60;
const TILDE = 0x7e;

export class MarkdownStream {
  /** Text of the committed blocks, grown with `+=` (O(1) per block); only flattened if `text` is read. */
  #committed = '';
  /** Complete lines (each ending in '\n') after the last block. */
  #lines: string[] = [];
  /** The same lines as one string, kept so `tail` needs no join. */
  #linesText = '';
  /** The line being written: text after the last '\n'. */
  #partial = '';
  #fence: Fence | null = null;
  /** Count of leading #lines, up to a blank line, that form a block unless the next non-blank line is indented. */
  #pendingBoundary: number | null = null;
  #blocks: StableBlock[] = [];
  #length = 0;
  #scanned = 0;
  #text: string | null = null;
  #tail: string | null = null;

  /** The whole reply so far. Built on first read after an append (O(1) string concat), then cached. */
  get text(): string {
    return (this.#text ??= this.#committed + this.tail);
  }

  /** Length of `text`, without building it. */
  get length(): number {
    return this.#length;
  }

  get blocks(): readonly StableBlock[] {
    return this.#blocks;
  }

  get tail(): string {
    return (this.#tail ??= this.#linesText + this.#partial);
  }

  /** True while the tail is inside a fenced code block that has not closed yet. */
  get inOpenFence(): boolean {
    return this.#fence !== null;
  }

  /**
   * Characters the scanner has read so far: each appended character once by the newline search, plus,
   * for each complete line, the characters the line classifier reads (left to right, each at most once,
   * stopping as soon as the line's kind is known). So it never exceeds twice the text length; rescanning
   * old text on an append would show here. Instrumentation for tests and the bench.
   */
  get charsScanned(): number {
    return this.#scanned;
  }

  /** Appends streamed text; returns true when new stable blocks were committed. */
  append(delta: string): boolean {
    if (!delta) return false;
    // The caller's delta is often a slice of its whole reply; V8 slices keep their parent alive, so
    // pieces kept here are cut from a private copy, never from the caller's string.
    const chunk = (' ' + delta).slice(1);
    this.#length += chunk.length;
    this.#text = this.#tail = null;
    const before = this.#blocks.length;
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', from);
      this.#scanned += (newline === -1 ? chunk.length : newline + 1) - from;
      if (newline === -1) break;
      const line = this.#partial + chunk.slice(from, newline + 1);
      this.#partial = '';
      this.#scanLine(line);
      from = newline + 1;
    }
    if (from < chunk.length) this.#partial += from === 0 ? chunk : chunk.slice(from);
    return this.#blocks.length !== before;
  }

  /** Classifies one complete line (ending in '\n') and keeps it as a piece of the uncommitted region. */
  #scanLine(line: string): void {
    const end = line.length - 1;
    if (this.#fence) {
      this.#pushLine(line);
      if (this.#closes(line, end, this.#fence)) {
        this.#fence = null;
        this.#commit(this.#lines.length);
      }
      return;
    }
    // Leading spaces and tabs: a line of only these is blank; any of them makes a line indented.
    let i = 0;
    let tab = false;
    let code = 0;
    while (i < end) {
      code = line.charCodeAt(i);
      if (code === TAB) tab = true;
      else if (code !== SPACE) break;
      i++;
    }
    if (i === end) {
      this.#scanned += end;
      this.#pushLine(line);
      this.#pendingBoundary ??= this.#lines.length;
      return;
    }
    if (this.#pendingBoundary !== null) {
      // An indented line after a blank one continues a list item or code block: no boundary.
      if (i === 0) this.#commit(this.#pendingBoundary);
      this.#pendingBoundary = null;
    }
    // A fence opens with at most 3 spaces, then 3+ backticks or tildes.
    let cursor = i;
    if (!tab && i <= 3 && (code === BACKTICK || code === TILDE)) {
      let j = i + 1;
      while (j < end && line.charCodeAt(j) === code) j++;
      cursor = j;
      if (j - i >= 3) {
        // A backtick fence's info string may not contain backticks (CommonMark); then it is not a fence.
        const backtick = code === BACKTICK ? line.indexOf('`', j) : -1;
        if (code === BACKTICK) cursor = backtick === -1 ? end : backtick;
        if (backtick === -1) this.#fence = { char: code, length: j - i };
      }
    }
    this.#scanned += Math.min(cursor + 1, end);
    this.#pushLine(line);
  }

  /** Up to 3 spaces, a run of the fence's character at least as long as the fence, then only spaces or tabs. */
  #closes(line: string, end: number, fence: Fence): boolean {
    let i = 0;
    while (i < 3 && i < end && line.charCodeAt(i) === SPACE) i++;
    let closes = false;
    if (i < end && line.charCodeAt(i) === fence.char) {
      let j = i + 1;
      while (j < end && line.charCodeAt(j) === fence.char) j++;
      if (j - i >= fence.length) {
        while (j < end && (line.charCodeAt(j) === SPACE || line.charCodeAt(j) === TAB)) j++;
        closes = j === end;
      }
      i = j;
    }
    this.#scanned += Math.min(i + 1, end);
    return closes;
  }

  #pushLine(line: string): void {
    this.#lines.push(line);
    this.#linesText += line;
  }

  /** Commits the first `count` uncommitted lines as one block. */
  #commit(count: number): void {
    if (count <= 0) return;
    const pieces = this.#lines.splice(0, count);
    // join() of one element returns that element (which may be a slice of a whole appended chunk); a copy
    // keeps the block from holding it.
    const text = pieces.length === 1 ? (' ' + pieces[0]).slice(1) : pieces.join('');
    this.#blocks.push({ id: this.#blocks.length, text });
    this.#committed += text;
    // What is left are the blank lines after the boundary's first one: usually none.
    this.#linesText = this.#lines.length === 0 ? '' : this.#lines.join('');
  }
}
