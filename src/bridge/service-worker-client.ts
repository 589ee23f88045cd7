/**
 * Registers the app's service worker (src/sw/service-worker.ts) and reports its life to the page: a new version
 * waiting to activate, a version activated by another tab. Activation is asked for only through `activate()`,
 * which the update state calls once the person agreed and nothing is being written.
 */
import { Workbox } from 'workbox-window';
import { SERVICE_WORKER_FILE } from '../protocol/service-worker-protocol';

export interface ServiceWorkerEvents {
  /** A new version is installed and waits for consent. */
  onUpdateWaiting(): void;
  /** The first version finished precaching: the app now starts with no network. */
  onOfflineReady(): void;
  /** Another tab activated a new version: this page's code is older than the one now serving files. */
  onActivatedElsewhere(): void;
}

export interface ServiceWorkerClient {
  /** Activates the waiting version and reloads this page once it controls it. */
  activate(): void;
  /** Asks the server for a newer version now (also done hourly and when the page becomes visible). */
  checkForUpdate(): Promise<void>;
}

const HOURLY = 60 * 60 * 1000;

export function registerServiceWorker(events: ServiceWorkerEvents): ServiceWorkerClient | null {
  // The dev server has no built service worker, and some browsers (or private modes) offer none.
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  const wb = new Workbox(`/${SERVICE_WORKER_FILE}`, { scope: '/' });
  let activatedHere = false;

  wb.addEventListener('waiting', () => events.onUpdateWaiting());
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) events.onOfflineReady();
  });
  wb.addEventListener('controlling', (event) => {
    if (!event.isUpdate) return; // the first version claiming the page changes nothing on screen
    if (activatedHere) window.location.reload();
    else events.onActivatedElsewhere();
  });
  // Registering competes with nothing the person waits for once the page has loaded.
  const registered = new Promise<void>((resolve) => {
    const start = () => void wb.register().finally(resolve);
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
  });
  const checkForUpdate = async () => {
    await registered;
    await wb.update().catch(() => undefined); // offline: nothing to compare against, try again later
  };
  setInterval(() => void checkForUpdate(), HOURLY);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void checkForUpdate();
  });

  return {
    activate() {
      activatedHere = true;
      // Posts { type: SKIP_WAITING } to the waiting worker (workbox-window's own message, the one it listens for).
      wb.messageSkipWaiting();
    },
    checkForUpdate,
  };
}
