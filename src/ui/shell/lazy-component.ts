/**
 * Parts of the UI that are not on the first screen load as chunks of their own, the first time they are needed,
 * so the app's start-up script stays small (npm run bench -- --only=startup). Every part made here is fetched
 * once the page is idle, so opening one is still instant; offline, the service worker's precache has them all.
 */
import type { Component } from 'svelte';
import { loadMessages, type MessagePart } from '../../lib/i18n';

const all: Array<() => Promise<unknown>> = [];

/**
 * A component loaded once with the English of its message parts (a failed fetch, say a dropped network, is
 * retried on the next use), and prefetched.
 */
export function lazyComponent<C extends Component<never>>(load: () => Promise<{ default: C }>, ...parts: readonly MessagePart[]): () => Promise<C> {
  let promise: Promise<C> | null = null;
  const get = () => {
    promise ??= Promise.all([load(), loadMessages(...parts)]).then(
      ([module]) => module.default,
      (err: unknown) => {
        promise = null;
        throw err;
      },
    );
    return promise;
  };
  all.push(get);
  return get;
}

/** Fetches every lazy part in the background once the page is idle. */
export function prefetchLazyComponents(): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
  const run = () => all.forEach((get) => void get().catch(() => undefined));
  if (idle) idle(run, { timeout: 3000 });
  else setTimeout(run, 1000);
}
