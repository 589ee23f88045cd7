/** Models a person added by URL; they sit beside the prebuilt catalog. */
import type { ModelDescriptor } from '../models/model-descriptor';
import type { AppDB } from './app-db';

export class CustomModelsRepo {
  readonly #db: AppDB;

  constructor(db: AppDB) {
    this.#db = db;
  }

  async list(): Promise<ModelDescriptor[]> {
    const rows = await this.#db.customModels.orderBy('addedAt').toArray();
    return rows.map(({ addedAt: _addedAt, ...model }) => ({ ...model, source: 'custom' as const }));
  }

  async add(model: ModelDescriptor): Promise<void> {
    await this.#db.customModels.put({ ...model, source: 'custom', addedAt: Date.now() });
  }

  async remove(id: string): Promise<void> {
    await this.#db.customModels.delete(id);
  }
}
