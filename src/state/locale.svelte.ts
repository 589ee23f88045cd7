/**
 * The UI's language: the browser's preferred one until the person picks another in the header, then theirs,
 * remembered in settings. Components translate through `t`, which reads the current language, so every string
 * on screen follows a switch at once.
 */
import type { SettingsRepo } from '../lib/db/settings.repo';
import { isLocale, pickLocale, translate, type Locale, type Translate } from '../lib/i18n';

export class LocaleState {
  readonly #settings: SettingsRepo;
  #locale = $state<Locale>('en');

  constructor(settings: SettingsRepo, browserLanguages: readonly string[]) {
    this.#settings = settings;
    this.#locale = pickLocale(browserLanguages);
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The stored choice, if any. A failing database leaves the browser's language: nothing depends on it. */
  async init(): Promise<void> {
    const stored = await this.#settings.get('locale').catch(() => null);
    if (isLocale(stored)) this.#locale = stored;
  }

  async set(locale: Locale): Promise<void> {
    this.#locale = locale;
    await this.#settings.set('locale', locale).catch(() => undefined);
  }

  readonly t: Translate = (key, ...args) => translate(this.#locale, key, ...args);
}
