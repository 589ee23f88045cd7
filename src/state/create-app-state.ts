/** Wires the app's state objects to the engine worker and the database. Called once, by main.ts. */
import { openAppDb } from '../lib/db/app-db';
import { onChangedElsewhere } from '../lib/db/version-change';
import { ConversationsRepo } from '../lib/db/conversations.repo';
import { CustomModelsRepo } from '../lib/db/custom-models.repo';
import { DraftsRepo } from '../lib/db/drafts.repo';
import { SettingsRepo } from '../lib/db/settings.repo';
import { createEngineClient } from '../bridge/engine-client';
import { createImportClient } from '../bridge/import-client';
import { registerServiceWorker } from '../bridge/service-worker-client';
import type { AppState } from './app-context';
import { AppUpdateState } from './app-update.svelte';
import { InstallState } from './install.svelte';
import { ChatSession } from './chat.svelte';
import { ConversationsState } from './conversations.svelte';
import { DraftsState } from './drafts.svelte';
import { EngineState } from './engine.svelte';
import { LocaleState } from './locale.svelte';
import { GenerationState, type OpenConversation } from './generation.svelte';
import { ModelsState } from './models.svelte';
import { StorageState } from './storage.svelte';
import { ThemeState } from './theme.svelte';

export function createAppState(): AppState {
  const db = openAppDb();
  const client = createEngineClient();
  const engine = new EngineState(client);
  const settings = new SettingsRepo(db);
  const storage = new StorageState(settings);
  const models = new ModelsState(client, settings, new CustomModelsRepo(db), storage);
  const conversationsRepo = new ConversationsRepo(db);
  // Reply settings follow the conversation on screen (`chat` is read only once the app runs).
  const generation: GenerationState = new GenerationState(settings, conversationsRepo, (): OpenConversation | null => {
    const id = chat.conversationId;
    const row = chat.conversation;
    return id === null ? null : { id, settings: row?.id === id ? row.settings : null };
  });
  const chat = new ChatSession(engine, conversationsRepo, settings, () => generation.sampling, () => generation.value, {
    // History is now worth protecting from eviction: ask once, and show the browser's answer.
    onConversationSaved: () => void storage.requestPersistOnce(),
  });
  const conversations = new ConversationsState(conversationsRepo, chat, createImportClient());
  const drafts = new DraftsState(new DraftsRepo(db));
  const i18n = new LocaleState(settings, typeof navigator === 'undefined' ? [] : navigator.languages);
  const theme = new ThemeState(settings);
  // A reload must not cut a reply being written, a model loading or an import running.
  const update = new AppUpdateState(() => chat.generating || engine.status === 'loading' || conversations.importing !== null);
  update.attach(registerServiceWorker(update.events));
  onChangedElsewhere(db, (version) => update.databaseChangedElsewhere(version));
  const install = new InstallState();
  return { engine, models, chat, generation, conversations, storage, drafts, i18n, theme, update, install, preferences: async () => void (await Promise.all([i18n.init(), theme.init()])) };
}
