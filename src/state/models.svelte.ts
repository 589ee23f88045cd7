/** The model manager's data: the curated catalog plus custom models, what is cached, and storage use. */
import { availabilityOf, curateCatalog, type Availability } from '../lib/models/catalog';
import type { CustomModelInput, InspectResult } from '../lib/models/custom-model';
import type { ModelDescriptor } from '../lib/models/model-descriptor';
import { sharingFiles } from '../lib/models/model-files';
import type { CustomModelsRepo } from '../lib/db/custom-models.repo';
import type { SettingsRepo } from '../lib/db/settings.repo';
import type { AppError } from '../lib/inference/app-error';
import type { CacheUsage, GpuProbe } from '../protocol/engine-protocol';
import type { EngineClient } from '../bridge/engine-client';
import { mapToAppError } from '../lib/inference/app-error';
import type { StorageState } from './storage.svelte';

/** Model hosts this build's policy adds (PRIVATE_CHAT_MODEL_HOSTS, set by vite.config.ts; none in unit tests). */
declare const __PRIVATE_CHAT_MODEL_HOSTS__: string[] | undefined;
const EXTRA_MODEL_HOSTS: readonly string[] = typeof __PRIVATE_CHAT_MODEL_HOSTS__ === 'undefined' ? [] : __PRIVATE_CHAT_MODEL_HOSTS__;

/** Lists are immutable values replaced wholesale ($state.raw): they cross to the worker as-is, unproxied. */
export class ModelsState {
  readonly #client: EngineClient;
  readonly #settings: SettingsRepo;
  readonly #customRepo: CustomModelsRepo;
  readonly #storage: StorageState;
  #catalog = $state.raw<ModelDescriptor[]>([]);
  #custom = $state.raw<ModelDescriptor[]>([]);
  #cached = $state.raw<CacheUsage[]>([]);
  #lastModelId = $state<string | null>(null);
  #error = $state.raw<AppError | null>(null);
  #ready = $state(false);

  constructor(client: EngineClient, settings: SettingsRepo, customRepo: CustomModelsRepo, storage: StorageState) {
    this.#client = client;
    this.#settings = settings;
    this.#customRepo = customRepo;
    this.#storage = storage;
  }

  get all(): ModelDescriptor[] {
    return [...this.#custom, ...this.#catalog];
  }
  get cached(): CacheUsage[] {
    return this.#cached;
  }
  get lastModelId(): string | null {
    return this.#lastModelId;
  }
  get lastModel(): ModelDescriptor | null {
    return this.byId(this.#lastModelId);
  }
  get error(): AppError | null {
    return this.#error;
  }
  get ready(): boolean {
    return this.#ready;
  }

  byId(id: string | null): ModelDescriptor | null {
    return id === null ? null : (this.all.find((m) => m.id === id) ?? null);
  }

  cacheOf(id: string): CacheUsage | null {
    return this.#cached.find((c) => c.modelId === id) ?? null;
  }

  availability(model: ModelDescriptor, gpu: GpuProbe | null): Availability {
    return availabilityOf(model, gpu, this.#catalog);
  }

  /** Other models that share this one's files (deleting one removes them all). */
  sharing(model: ModelDescriptor): ModelDescriptor[] {
    return sharingFiles(model, this.all);
  }

  async init(): Promise<void> {
    try {
      const [records, custom, lastModelId] = await Promise.all([
        this.#client.prebuiltModels(),
        this.#customRepo.list(),
        this.#settings.get('lastModelId'),
      ]);
      this.#catalog = curateCatalog(records);
      this.#custom = custom;
      this.#lastModelId = lastModelId;
    } catch (err) {
      this.#error = mapToAppError(err);
    }
    this.#ready = true;
    await this.refreshCache();
  }

  async refreshCache(): Promise<void> {
    try {
      this.#cached = await this.#client.cacheUsage(this.all);
    } catch (err) {
      this.#error = mapToAppError(err);
    }
    await this.#storage.refresh();
  }

  async deleteCached(model: ModelDescriptor): Promise<void> {
    this.#error = null;
    const keep = this.all.filter((m) => m.id !== model.id && this.cacheOf(m.id) !== null);
    try {
      await this.#client.deleteCached(model, keep);
    } catch (err) {
      this.#error = mapToAppError(err);
    }
    await this.refreshCache();
  }

  /**
   * Checks a model given by URL (config, weights manifest, library, shader-f16) and saves it only when all
   * of it holds. The same weights and library added twice are refused rather than listed twice.
   */
  async addCustom(input: CustomModelInput, gpu: GpuProbe | null, signal?: AbortSignal): Promise<InspectResult> {
    // The checks (and their messages) and the policy load with the add-model form's first use, not at start.
    const [{ inspectCustomModel, refusal, uniqueModelId }, { connectAllowed }] = await Promise.all([
      import('../lib/models/custom-model'),
      import('../lib/models/content-security-policy'),
    ]);
    const result = await inspectCustomModel(input, {
      fetch: (url, init) => fetch(url, init),
      gpu: gpu?.webgpu ? { shaderF16: gpu.shaderF16 } : null,
      online: navigator.onLine,
      blockedByPolicy: (url) => !connectAllowed(url, location.origin, EXTRA_MODEL_HOSTS),
      ...(signal ? { signal } : {}),
    });
    if (!result.ok) return result;
    const existing = this.all.find((m) => m.modelUrl === result.model.modelUrl && m.libUrl === result.model.libUrl);
    if (existing) return refusal('weightsUrl', { key: 'models.add.duplicate', params: { name: existing.name } });
    const model = { ...result.model, id: uniqueModelId(result.model.id, new Set(this.all.map((m) => m.id))) };
    await this.#customRepo.add(model);
    this.#custom = await this.#customRepo.list();
    await this.refreshCache();
    return { ok: true, model };
  }

  /** Removes a custom model: its downloaded files (unless shared with a model that stays) and its entry. */
  async removeCustom(model: ModelDescriptor): Promise<void> {
    this.#error = null;
    const keep = this.all.filter((m) => m.id !== model.id);
    try {
      if (this.cacheOf(model.id)) await this.#client.deleteCached(model, keep);
      await this.#customRepo.remove(model.id);
      this.#custom = await this.#customRepo.list();
      if (this.#lastModelId === model.id) await this.rememberLastModel(null);
    } catch (err) {
      this.#error = mapToAppError(err);
    }
    await this.refreshCache();
  }

  async rememberLastModel(id: string | null): Promise<void> {
    this.#lastModelId = id;
    await this.#settings.set('lastModelId', id);
  }
}
