/** Steps that span several state objects. */
import type { ModelDescriptor } from '../lib/models/model-descriptor';
import type { AppState } from './app-context';

/** Loads a model, remembers it as the last one, and refreshes what is on disk (downloads change it). */
export async function loadModel({ engine, models }: AppState, model: ModelDescriptor): Promise<boolean> {
  const ok = await engine.load(model);
  if (ok) await models.rememberLastModel(model.id);
  await models.refreshCache();
  return ok;
}
