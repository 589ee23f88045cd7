/** The person's reply settings (temperature, top-p, reply length), kept across reloads. */
import { DEFAULT_GENERATION, sanitizeGeneration, toSampling, type GenerationSettings } from '../lib/chat/generation-settings';
import type { SamplingParams } from '../lib/chat/chat-types';
import type { SettingsRepo } from '../lib/db/settings.repo';

export class GenerationState {
  readonly #settings: SettingsRepo;
  #value = $state.raw<GenerationSettings>(DEFAULT_GENERATION);

  constructor(settings: SettingsRepo) {
    this.#settings = settings;
  }

  get value(): GenerationSettings {
    return this.#value;
  }

  /** Request fields for the next reply (a plain object: it crosses to the worker). */
  get sampling(): SamplingParams {
    return toSampling(this.#value);
  }

  async init(): Promise<void> {
    this.#value = sanitizeGeneration(await this.#settings.get('generation').catch(() => null));
  }

  async update(change: Partial<GenerationSettings>): Promise<void> {
    this.#value = sanitizeGeneration({ ...this.#value, ...change });
    await this.#settings.set('generation', this.#value).catch(() => undefined);
  }

  async reset(): Promise<void> {
    await this.update(DEFAULT_GENERATION);
  }
}
