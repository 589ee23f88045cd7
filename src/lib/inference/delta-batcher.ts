/**
 * Coalesces streamed text so the page gets at most one message per interval, however fast tokens come.
 * The first delta goes out at once (time to first token is what people feel); later ones wait for the
 * interval. `flush()` sends whatever is held, e.g. when the stream ends.
 */
export interface BatcherClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: BatcherClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DeltaBatcher {
  #held = '';
  #lastSent = Number.NEGATIVE_INFINITY;
  #timer: unknown = null;
  readonly #emit: (text: string) => void;
  readonly #intervalMs: number;
  readonly #clock: BatcherClock;

  constructor(emit: (text: string) => void, intervalMs = 16, clock: BatcherClock = realClock) {
    this.#emit = emit;
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  push(text: string): void {
    if (!text) return;
    this.#held += text;
    const wait = this.#lastSent + this.#intervalMs - this.#clock.now();
    if (wait <= 0) this.flush();
    else if (this.#timer === null) this.#timer = this.#clock.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.#timer !== null) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (!this.#held) return;
    const text = this.#held;
    this.#held = '';
    this.#lastSent = this.#clock.now();
    this.#emit(text);
  }
}
