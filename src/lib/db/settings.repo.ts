/** Small typed key-value settings (last model and the like). */
import type { GenerationSettings } from '../chat/generation-settings';
import type { Locale } from '../i18n/locale';
import type { AppDB } from './app-db';

export interface Settings {
  lastModelId: string | null;
  /** Stored as the person set it; read back through sanitizeGeneration. */
  generation: GenerationSettings | null;
  /** The conversation on screen, reopened on the next visit. */
  lastConversationId: string | null;
  /** The browser was asked once for persistent storage (when the first conversation was stored). */
  persistAsked: boolean;
  /** The UI language the person chose; null follows the browser's languages. */
  locale: Locale | null;
  /** Light, dark, or the system's; stored as chosen. */
  theme: 'system' | 'light' | 'dark';
}

const DEFAULTS: Settings = { lastModelId: null, generation: null, lastConversationId: null, persistAsked: false, locale: null, theme: 'system' };

export class SettingsRepo {
  readonly #db: AppDB;

  constructor(db: AppDB) {
    this.#db = db;
  }

  async get<K extends keyof Settings>(key: K): Promise<Settings[K]> {
    const row = await this.#db.settings.get(key);
    return row === undefined ? DEFAULTS[key] : (row.value as Settings[K]);
  }

  async set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.#db.settings.put({ key, value });
  }
}
