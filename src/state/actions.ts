/** Steps that span several state objects. */
import type { ModelDescriptor } from '../lib/models/model-descriptor';
import type { AppState } from './app-context';

/**
 * Loads a model, remembers it as the last one, and refreshes what is on disk (downloads change it). A reply
 * being written is stopped first: the engine cannot swap weights under a running generation.
 */
export async function loadModel({ engine, models, chat }: AppState, model: ModelDescriptor, takeOver = false): Promise<boolean> {
  await chat.stopAndWait();
  const ok = await engine.load(model, takeOver);
  if (ok) await models.rememberLastModel(model.id);
  await models.refreshCache();
  return ok;
}
