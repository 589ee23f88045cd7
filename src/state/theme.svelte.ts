/**
 * Light, dark, or the system's: the person's choice from the header, remembered in settings and applied to the
 * page before its first paint (main.ts awaits `preferences()`).
 *
 * Applying it is one attribute: `<html data-theme="system|light|dark">`. app.css gives each colour both values
 * with `light-dark()` and sets `color-scheme` by that attribute (light dark for "system"), so the browser picks
 * the palette, follows a system change by itself, and themes form controls and scrollbars the same way.
 */
import type { SettingsRepo } from '../lib/db/settings.repo';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export class ThemeState {
  readonly #settings: SettingsRepo;
  readonly #apply: (choice: ThemeChoice) => void;
  #choice = $state<ThemeChoice>('system');

  /** `apply` puts a choice on the page (tests pass their own). */
  constructor(settings: SettingsRepo, apply: (choice: ThemeChoice) => void = applyThemeToDocument) {
    this.#settings = settings;
    this.#apply = apply;
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  /** The stored choice, applied. A failing database or a stored value this version does not know leaves "system". */
  async init(): Promise<void> {
    const stored = await this.#settings.get('theme').catch(() => null);
    if (isThemeChoice(stored)) this.#choice = stored;
    this.#apply(this.#choice);
  }

  /** Applied at once; stored in the background (a failed write keeps the choice for this visit). */
  async set(choice: ThemeChoice): Promise<void> {
    this.#choice = choice;
    this.#apply(choice);
    await this.#settings.set('theme', choice).catch(() => undefined);
  }
}

let followingSystem = false;

/** The page's side: `data-theme` on <html>, and the browser's bar colour (theme-color) matched to the page's. */
export function applyThemeToDocument(choice: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = choice;
  syncThemeColor();
  // Under "system" the page follows a system switch by itself (CSS); the bar colour needs telling.
  if (!followingSystem && typeof matchMedia === 'function') {
    followingSystem = true;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', syncThemeColor);
  }
}

function syncThemeColor(): void {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]:not([media])');
  if (meta) meta.content = getComputedStyle(document.documentElement).backgroundColor;
}
