/**
 * Engine jobs run one at a time, in the order they arrive: the GPU holds one model and one generation, so a
 * title request queued behind a reply waits for it instead of racing it. Each job has an id the page chose;
 * `cancel(id)` ends a queued job at once (it never starts) and aborts a running one through its signal, which
 * the job honours as soon as it can (a reply stops within a token; a download drops its requests).
 */
import { makeAppError } from '../../lib/inference/app-error';
import type { JobId } from '../../protocol/engine-protocol';

export class JobQueue {
  /** Settles when the last job queued so far has ended (or was skipped). Never rejects. */
  #tail: Promise<void> = Promise.resolve();
  readonly #jobs = new Map<JobId, AbortController>();

  /** Queues `work`; it starts when every earlier job has ended. Rejects with a `cancelled` AppError if cancelled first. */
  run<T>(id: JobId, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#jobs.has(id)) return Promise.reject(makeAppError('unknown', `job ${id} is already queued`));
    const controller = new AbortController();
    this.#jobs.set(id, controller);
    const previous = this.#tail;
    let ended!: () => void;
    this.#tail = new Promise<void>((resolve) => (ended = resolve));
    return new Promise<T>((resolve, reject) => {
      const cancelledWhileQueued = () => reject(makeAppError('cancelled'));
      controller.signal.addEventListener('abort', cancelledWhileQueued, { once: true });
      void previous
        .then(async () => {
          controller.signal.removeEventListener('abort', cancelledWhileQueued);
          if (controller.signal.aborted) return; // already rejected; the next job goes on
          try {
            resolve(await work(controller.signal));
          } catch (err) {
            reject(err);
          }
        })
        .finally(() => {
          this.#jobs.delete(id);
          ended();
        });
    });
  }

  /** Cancels a queued or running job; an unknown or finished id is ignored (the job ended first). */
  cancel(id: JobId): void {
    this.#jobs.get(id)?.abort();
  }

  /** Jobs queued or running, for tests and diagnostics. */
  get size(): number {
    return this.#jobs.size;
  }
}
