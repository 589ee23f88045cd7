/**
 * The person's reply settings. Each conversation keeps its own (Conversation.settings); a new chat starts from
 * the last ones set (the `generation` setting, kept across reloads). What is shown and used is the open
 * conversation's; changing it changes that conversation's and the default for new chats.
 */
import {
  CLEAR_GENERATION,
  changeGeneration,
  DEFAULT_GENERATION,
  presetChange,
  sanitizeGeneration,
  toSampling,
  type GenerationChange,
  type GenerationSettings,
  type PresetId,
} from '../lib/chat/generation-settings';
import type { SamplingParams } from '../lib/chat/chat-types';
import type { ConversationsRepo } from '../lib/db/conversations.repo';
import type { SettingsRepo } from '../lib/db/settings.repo';

/** The conversation on screen, as far as its reply settings go (settings null: none stored, or not read yet). */
export interface OpenConversation {
  readonly id: string;
  readonly settings: GenerationSettings | null;
}

/** Why the reply settings could not be read (the model's defaults apply) or saved (they apply, this tab only). */
export interface SettingsProblem {
  readonly kind: 'read-failed' | 'save-failed';
  /** The raw cause. */
  readonly detail: string;
}

/** Settings set in this tab for a conversation, shown until its stored row says the same. */
interface Chosen {
  readonly settings: GenerationSettings;
  /** The row's settings object when the write ended: a newer delivery of the row has them. */
  readonly seen: GenerationSettings | null;
  readonly pending: boolean;
  /** The write failed: these stay, for this tab, until changed again. */
  readonly failed: boolean;
}

export class GenerationState {
  readonly #settings: SettingsRepo;
  readonly #conversations: Pick<ConversationsRepo, 'setOptions'> | null;
  readonly #open: () => OpenConversation | null;
  /** The last settings set: what a new chat starts from. */
  #default = $state.raw<GenerationSettings>(DEFAULT_GENERATION);
  #chosen = $state.raw<ReadonlyMap<string, Chosen>>(new Map());
  #error = $state.raw<SettingsProblem | null>(null);

  /**
   * `open` says which conversation is on screen (the chat session's); without `conversations`, settings are
   * only the global default.
   */
  constructor(settings: SettingsRepo, conversations: Pick<ConversationsRepo, 'setOptions'> | null = null, open: () => OpenConversation | null = () => null) {
    this.#settings = settings;
    this.#conversations = conversations;
    this.#open = open;
  }

  /** The settings in force: the open conversation's, else (a new chat, or one with none stored) the default. */
  get value(): GenerationSettings {
    const open = this.#open();
    if (!open) return this.#default;
    const chosen = this.#chosen.get(open.id);
    if (chosen && (chosen.pending || chosen.failed || open.settings === chosen.seen)) return chosen.settings;
    return open.settings ? sanitizeGeneration(open.settings) : this.#default;
  }

  /** Saving the settings failed: they still apply, until this tab closes. */
  get error(): SettingsProblem | null {
    return this.#error;
  }

  /** Request fields for the next reply (a plain object: it crosses to the worker). */
  get sampling(): SamplingParams {
    return toSampling(this.value);
  }

  async init(): Promise<void> {
    try {
      this.#default = sanitizeGeneration(await this.#settings.get('generation'));
    } catch (err) {
      this.#error = { kind: 'read-failed', detail: String(err) };
    }
  }

  /** Changes the settings in force (a null field goes back to the model's default). */
  update(change: GenerationChange): Promise<void> {
    return this.#apply(changeGeneration(this.value, change));
  }

  /** Chooses a preset's sampling shape; reply length, stop strings and seed stay. */
  applyPreset(id: PresetId): Promise<void> {
    return this.update(presetChange(id));
  }

  async reset(): Promise<void> {
    await this.update(CLEAR_GENERATION);
  }

  async #apply(next: GenerationSettings): Promise<void> {
    const open = this.#open();
    this.#default = next;
    const writes: Promise<unknown>[] = [this.#settings.set('generation', next)];
    if (open && this.#conversations) {
      this.#choose(open.id, { settings: next, seen: null, pending: true, failed: false });
      writes.push(
        this.#conversations.setOptions(open.id, { settings: next }).then(
          () => this.#settle(open.id, next, false),
          (err: unknown) => {
            this.#settle(open.id, next, true);
            throw err;
          },
        ),
      );
    }
    try {
      await Promise.all(writes);
      this.#error = null;
    } catch (err) {
      this.#error = { kind: 'save-failed', detail: String(err) };
    }
  }

  #choose(id: string, chosen: Chosen | null): void {
    const map = new Map(this.#chosen);
    if (chosen) map.set(id, chosen);
    else map.delete(id);
    this.#chosen = map;
  }

  /** The write for `id` ended; a later change's entry is left alone. */
  #settle(id: string, settings: GenerationSettings, failed: boolean): void {
    if (this.#chosen.get(id)?.settings !== settings) return;
    const open = this.#open();
    this.#choose(id, { settings, seen: open?.id === id ? open.settings : null, pending: false, failed });
  }
}
