/** Models outside the model manager (load phases, a model's files); the manager's own words are model-manager.ts. */
import type { Catalog } from '../translate';

export const en = {
  // Loading a model (lib/inference/load-progress.ts names the phases).
  'models.phase.preparing': 'Preparing',
  'models.phase.downloading': 'Downloading',
  'models.phase.loading': 'Loading to GPU',
  'models.phase.compiling': 'Compiling shaders',
  'models.phase.ready': 'Ready',

  // Adding a model by URL: one already in the list (state/models.svelte.ts).
  'models.add.duplicate': 'This model is already in the list as “{name}”.',

  // What is wrong with a model's files (lib/models/model-files.ts, custom-model.ts, the downloader).
  'models.manifest.noRecords': 'The weights manifest has no "records" list: these are not MLC weights.',
  'models.manifest.badRecord': 'Weights manifest record {index} has no valid dataPath/nbytes.',
  'models.manifest.noShards': 'The weights manifest lists no shards.',
  'models.manifest.noTokenizer': 'mlc-chat-config.json names no tokenizer.json or tokenizer.model.',
  'models.manifest.notObject': 'mlc-chat-config.json is not a JSON object.',
  'models.manifest.noTemplate': 'mlc-chat-config.json has no conversation template (conv_template).',
  'models.manifest.notJson': '{file} is not valid JSON.',
} as const satisfies Catalog;
