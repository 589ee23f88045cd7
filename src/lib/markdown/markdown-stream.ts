/**
 * Splits a growing markdown reply into stable blocks and a live tail, so a streaming message re-parses
 * only the tail on each update. A block ends at a blank line outside a fenced code block (confirmed once
 * the next line shows it is not an indented continuation) or at a closing fence. Work per append is
 * proportional to the new text, not to the reply so far.
 */
export interface StableBlock {
  readonly id: number;
  readonly text: string;
}

interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

export class MarkdownStream {
  #text = '';
  #scanPos = 0;
  #stableEnd = 0;
  #fence: Fence | null = null;
  /** Offset just after a blank line that may end a block, pending a look at the next non-blank line. */
  #pendingBoundary: number | null = null;
  #blocks: StableBlock[] = [];

  get text(): string {
    return this.#text;
  }

  get blocks(): readonly StableBlock[] {
    return this.#blocks;
  }

  get tail(): string {
    return this.#text.slice(this.#stableEnd);
  }

  /** True while the tail is inside a fenced code block that has not closed yet. */
  get inOpenFence(): boolean {
    return this.#fence !== null;
  }

  /** Appends streamed text; returns true when new stable blocks were committed. */
  append(delta: string): boolean {
    if (!delta) return false;
    this.#text += delta;
    const before = this.#blocks.length;
    let newline = this.#text.indexOf('\n', this.#scanPos);
    while (newline !== -1) {
      this.#scanLine(this.#text.slice(this.#scanPos, newline), newline + 1);
      this.#scanPos = newline + 1;
      newline = this.#text.indexOf('\n', this.#scanPos);
    }
    return this.#blocks.length !== before;
  }

  #scanLine(line: string, end: number): void {
    if (this.#fence) {
      if (closesFence(line, this.#fence)) {
        this.#fence = null;
        this.#commit(end);
      }
      return;
    }
    if (BLANK.test(line)) {
      this.#pendingBoundary ??= end;
      return;
    }
    if (this.#pendingBoundary !== null) {
      // An indented line after a blank one continues a list item or code block: no boundary.
      if (!/^[ \t]/.test(line)) this.#commit(this.#pendingBoundary);
      this.#pendingBoundary = null;
    }
    const open = FENCE_OPEN.exec(line);
    if (open?.[1]) {
      const marker = open[1];
      // A backtick fence's info string may not contain backticks (CommonMark); then it is not a fence.
      if (marker[0] === '~' || !line.slice(open[0].length).includes('`')) {
        this.#fence = { char: marker[0] === '`' ? '`' : '~', length: marker.length };
      }
    }
  }

  #commit(end: number): void {
    if (end <= this.#stableEnd) return;
    this.#blocks.push({ id: this.#blocks.length, text: this.#text.slice(this.#stableEnd, end) });
    this.#stableEnd = end;
  }
}

function closesFence(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m?.[1] !== undefined && m[1][0] === fence.char && m[1].length >= fence.length;
}
