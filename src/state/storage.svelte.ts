/**
 * This origin's storage: how much is used, and whether the browser keeps it. Conversations (IndexedDB) and
 * downloaded models (Cache Storage) share the origin, so when the browser evicts to free space, it takes
 * both. The app asks for persistent storage once, when the first conversation is stored, and shows the
 * browser's real answer; the person can ask again from the model manager.
 */
import type { SettingsRepo } from '../lib/db/settings.repo';

export interface StorageInfo {
  readonly usage: number | null;
  readonly quota: number | null;
  readonly persisted: boolean;
}

export class StorageState {
  readonly #settings: SettingsRepo;
  #info = $state.raw<StorageInfo | null>(null);
  #declined = $state(false);
  #asking: Promise<void> | null = null;

  constructor(settings: SettingsRepo) {
    this.#settings = settings;
  }

  get info(): StorageInfo | null {
    return this.#info;
  }
  /** The browser answered no to the last request (it may still say yes later, e.g. once the app is installed). */
  get persistDeclined(): boolean {
    return this.#declined;
  }

  async refresh(): Promise<void> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    // Missing or failing estimates are shown as unknown: they only inform, nothing depends on them.
    const estimate = await storage?.estimate?.().catch(() => null);
    const persisted = (await storage?.persisted?.().catch(() => false)) ?? false;
    this.#info = { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
  }

  /** Asks the browser to keep this origin's data; the answer is what `info.persisted` then shows. */
  async requestPersist(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    this.#declined = !granted;
    await this.refresh();
    return granted;
  }

  /** Once per profile: when the first conversation is stored, history is worth protecting. */
  requestPersistOnce(): Promise<void> {
    this.#asking ??= (async () => {
      const asked = await this.#settings.get('persistAsked').catch(() => false);
      if (asked) return;
      await this.#settings.set('persistAsked', true).catch(() => undefined); // asking again next time is harmless
      await this.requestPersist();
    })();
    return this.#asking;
  }
}
