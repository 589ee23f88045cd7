/**
 * The UI's language: the browser's preferred one until the person picks another in the header, then theirs,
 * remembered in settings. Components translate through `t`, which reads the current language, so every string
 * on screen follows a switch at once. A language other than English is its own chunk: the switch happens once
 * its messages are loaded (main.ts waits for the first language before the first paint).
 */
import type { SettingsRepo } from '../lib/db/settings.repo';
import { isLocale, isLocaleLoaded, loadLocale, pickLocale, translate, type Locale, type Translate } from '../lib/i18n';

export class LocaleState {
  readonly #settings: SettingsRepo;
  /** The language chosen (stored, else the browser's); shown once its messages are loaded. */
  #wanted: Locale;
  #locale = $state<Locale>('en');

  constructor(settings: SettingsRepo, browserLanguages: readonly string[]) {
    this.#settings = settings;
    this.#wanted = pickLocale(browserLanguages);
    if (isLocaleLoaded(this.#wanted)) this.#locale = this.#wanted;
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The stored choice, if any. A failing database leaves the browser's language: nothing depends on it. */
  async init(): Promise<void> {
    const stored = await this.#settings.get('locale').catch(() => null);
    if (isLocale(stored)) this.#wanted = stored;
    await this.ready();
  }

  /** Shows the chosen language once its messages are loaded (English meanwhile, or if the chunk cannot load). */
  async ready(): Promise<void> {
    const wanted = this.#wanted;
    await loadLocale(wanted).catch(() => undefined);
    if (this.#wanted === wanted && isLocaleLoaded(wanted)) this.#locale = wanted;
  }

  async set(locale: Locale): Promise<void> {
    this.#wanted = locale;
    await this.ready();
    await this.#settings.set('locale', locale).catch(() => undefined);
  }

  readonly t: Translate = (key, ...args) => translate(this.#locale, key, ...args);
}
