/** The person's reply settings (temperature, top-p, reply length), kept across reloads. */
import { DEFAULT_GENERATION, sanitizeGeneration, toSampling, type GenerationSettings } from '../lib/chat/generation-settings';
import type { SamplingParams } from '../lib/chat/chat-types';
import type { SettingsRepo } from '../lib/db/settings.repo';

export class GenerationState {
  readonly #settings: SettingsRepo;
  #value = $state.raw<GenerationSettings>(DEFAULT_GENERATION);
  #error = $state<string | null>(null);

  constructor(settings: SettingsRepo) {
    this.#settings = settings;
  }

  get value(): GenerationSettings {
    return this.#value;
  }
  /** Saving the settings failed: they still apply, until this tab closes. */
  get error(): string | null {
    return this.#error;
  }

  /** Request fields for the next reply (a plain object: it crosses to the worker). */
  get sampling(): SamplingParams {
    return toSampling(this.#value);
  }

  async init(): Promise<void> {
    try {
      this.#value = sanitizeGeneration(await this.#settings.get('generation'));
    } catch (err) {
      this.#error = `Your saved reply settings could not be read (${String(err)}); the model's defaults apply.`;
    }
  }

  async update(change: Partial<GenerationSettings>): Promise<void> {
    this.#value = sanitizeGeneration({ ...this.#value, ...change });
    try {
      await this.#settings.set('generation', this.#value);
      this.#error = null;
    } catch (err) {
      this.#error = `These reply settings apply now but could not be saved for your next visit (${String(err)}).`;
    }
  }

  async reset(): Promise<void> {
    await this.update(DEFAULT_GENERATION);
  }
}
