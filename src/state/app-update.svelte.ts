/**
 * Is the code on screen the newest, and can it keep saving? Three things make it stale: a new version is
 * installed and waits (the person decides when to switch); another tab switched to a new version; another tab
 * upgraded (or deleted) the database, which closed this tab's connection. Switching never cuts work in progress:
 * while a reply is being written or a model loads, the update waits for it and then applies itself.
 */
import type { ServiceWorkerClient, ServiceWorkerEvents } from '../bridge/service-worker-client';

/** Why this page should reload, if it should. */
export type StaleReason = 'updated-elsewhere' | 'database-upgraded' | 'database-deleted';

export class AppUpdateState {
  readonly #busy: () => boolean;
  readonly #reload: () => void;
  #client: ServiceWorkerClient | null = null;
  #available = $state(false);
  #applyWhenIdle = $state(false);
  #stale = $state<StaleReason | null>(null);
  #offlineReady = $state(false);
  #stopWatching: (() => void) | null = null;

  /**
   * @param busy true while something must not be cut by a reload (a reply being written, a model loading).
   * @param reload reloads the page (tests pass a spy).
   */
  constructor(busy: () => boolean, reload: () => void = () => window.location.reload()) {
    this.#busy = busy;
    this.#reload = reload;
  }

  /** A new version waits for the person's consent. */
  get available(): boolean {
    return this.#available && this.#stale === null;
  }
  /** The person agreed; the update applies once the reply (or load) in progress ends. */
  get waitingForIdle(): boolean {
    return this.#applyWhenIdle;
  }
  get stale(): StaleReason | null {
    return this.#stale;
  }
  /** The first install finished: the app now starts with no network (said once). */
  get offlineReady(): boolean {
    return this.#offlineReady;
  }

  /** The service worker's reports, for the bridge. */
  readonly events: ServiceWorkerEvents = {
    onUpdateWaiting: () => (this.#available = true),
    onOfflineReady: () => (this.#offlineReady = true),
    onActivatedElsewhere: () => (this.#stale ??= 'updated-elsewhere'),
  };

  attach(client: ServiceWorkerClient | null): void {
    this.#client = client;
  }

  /** Another tab opened the database at `newVersion` (null: deleted it); this tab's connection is closed. */
  databaseChangedElsewhere(newVersion: number | null): void {
    this.#stale = newVersion === null ? 'database-deleted' : 'database-upgraded';
  }

  dismissOfflineReady(): void {
    this.#offlineReady = false;
  }

  /** The person chose "update" (or "reload"): now, or as soon as nothing is in progress. */
  apply(): void {
    if (!this.#busy()) {
      this.#switchNow();
      return;
    }
    this.#applyWhenIdle = true;
    this.#stopWatching ??= $effect.root(() => {
      $effect(() => {
        if (this.#applyWhenIdle && !this.#busy()) this.#switchNow();
      });
    });
  }

  /** Changed their mind while waiting for the reply to end. */
  cancelPending(): void {
    this.#applyWhenIdle = false;
    this.#unwatch();
  }

  #switchNow(): void {
    this.#applyWhenIdle = false;
    this.#unwatch();
    // A waiting service worker activates first and the bridge reloads once it controls the page; a page that is
    // merely stale (another tab updated, or the database changed) just reloads.
    if (this.#available && this.#stale === null && this.#client) this.#client.activate();
    else this.#reload();
  }

  #unwatch(): void {
    const stop = this.#stopWatching;
    this.#stopWatching = null;
    // Not from inside the effect that is running: stop on the next microtask.
    if (stop) queueMicrotask(stop);
  }
}
