/// <reference lib="webworker" />
/**
 * The app's service worker: it keeps the app shell (HTML, scripts including the engine worker's chunk and the lazy
 * markdown renderer, styles, icons) in one versioned precache, so the app starts with no network. It handles
 * exactly two kinds of request: precached files, and page navigations (answered with the cached index.html,
 * headers included, so the Content-Security-Policy still holds offline). Everything else (model weights, model
 * libraries, anything cross-origin) is not answered here at all and goes to the network as if there were no
 * service worker: WebLLM's caches (webllm/model, webllm/config, webllm/wasm) are WebLLM's, never read, written or
 * pruned here, and a 300 MB shard never passes through this script.
 *
 * Updates wait for the person: a new version installs in the background and activates only when a page posts
 * SKIP_WAITING (after the person agreed and no reply is being written), never on its own.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SKIP_WAITING } from '../protocol/service-worker-protocol';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

precacheAndRoute(self.__WB_MANIFEST);
// Deletes only Workbox's own precaches of older Workbox versions ("…-precache-…"): no other cache is touched.
cleanupOutdatedCaches();
// The app is one page: every navigation inside the scope gets it.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The first install takes the open page at once (there is no older version to disturb); an update activates only
// on SKIP_WAITING, and then claims the pages, which reload (they asked for it).
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING) void self.skipWaiting();
});
