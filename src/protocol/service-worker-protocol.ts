/** What the page may say to the app's service worker (src/sw/service-worker.ts). */
/**
 * The person agreed to update and no reply is being written: activate the waiting version now. The same string
 * workbox-window's messageSkipWaiting() posts.
 */
export const SKIP_WAITING = 'SKIP_WAITING';
/** The service worker's URL and scope, as built (vite.config.ts names the file). */
export const SERVICE_WORKER_FILE = 'service-worker.js';
