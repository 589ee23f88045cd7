/**
 * Panels that are not on the first screen load as chunks of their own, the first time they open, so the app's
 * start-up script stays small (npm run bench -- --only=startup). Each is fetched once the app is idle, so opening
 * one is still instant; offline, the service worker's precache has them all.
 */
import type { Component } from 'svelte';

type Loader = () => Promise<Component<never>>;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => {
    // A failed fetch (a deploy removed the chunk, the network dropped) may be retried on the next open.
    promise ??= load().catch((err: unknown) => {
      promise = null;
      throw err;
    });
    return promise;
  };
}

export const loadModelManager = once(async () => (await import('../models/ModelManager.svelte')).default);
export const loadShortcutsHelp = once(async () => (await import('./ShortcutsHelp.svelte')).default);
export const loadPrivacyPage = once(async () => (await import('../privacy/PrivacyPage.svelte')).default);

const ALL: readonly Loader[] = [loadModelManager, loadShortcutsHelp, loadPrivacyPage] as readonly Loader[];

/** Fetches every panel in the background once the page is idle. */
export function prefetchPanels(): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
  const run = () => ALL.forEach((load) => void load().catch(() => undefined));
  if (idle) idle(run, { timeout: 3000 });
  else setTimeout(run, 1000);
}
