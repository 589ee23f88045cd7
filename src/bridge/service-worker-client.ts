/**
 * Registers the app's service worker (src/sw/service-worker.ts) and reports its life to the page: a new version
 * waiting to activate, a version activated by another tab. Activation is asked for only through `activate()`,
 * which the update state calls once the person agreed and nothing is being written.
 */
import type { Workbox } from 'workbox-window';
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
  let activatedHere = false;

  const listen = (wb: Workbox) => {
    wb.addEventListener('waiting', () => events.onUpdateWaiting());
    wb.addEventListener('installed', (event) => {
      if (!event.isUpdate) events.onOfflineReady();
    });
    wb.addEventListener('controlling', (event) => {
      if (!event.isUpdate) return; // the first version claiming the page changes nothing on screen
      if (activatedHere) window.location.reload();
      else events.onActivatedElsewhere();
    });
  };
  // workbox-window is fetched only then, so it is not part of the start-up script.
  const registered = new Promise<Workbox>((resolve, reject) => {
    const start = async () => {
      const { Workbox } = await import('workbox-window');
      const wb = new Workbox(`/${SERVICE_WORKER_FILE}`, { scope: '/' });
      listen(wb);
      await wb.register().catch(() => undefined);
      resolve(wb);
    };
    // After the page has loaded and the main thread is idle: the app is on screen and usable first.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
    const run = () => (idle ? idle(() => void start().catch(reject), { timeout: 3000 }) : setTimeout(() => void start().catch(reject), 500));
    if (document.readyState === 'complete') run();
    else window.addEventListener('load', run, { once: true });
  });
  registered.catch(() => undefined); // a chunk that cannot load: no service worker this visit, nothing else breaks
  const checkForUpdate = async () => {
    const wb = await registered.catch(() => null);
    await wb?.update().catch(() => undefined); // offline: nothing to compare against, try again later
  };
  setInterval(() => void checkForUpdate(), HOURLY);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void checkForUpdate();
  });

  return {
    activate() {
      activatedHere = true;
      // Posts { type: SKIP_WAITING } to the waiting worker (workbox-window's own message, the one it listens for).
      void registered.then((wb) => wb.messageSkipWaiting()).catch(() => undefined);
    },
    checkForUpdate,
  };
}
