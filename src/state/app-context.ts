/** Typed access to the app's state objects from any component, without prop drilling. */
import { getContext, setContext } from 'svelte';
import type { ChatSession } from './chat.svelte';
import type { ConversationsState } from './conversations.svelte';
import type { DraftsState } from './drafts.svelte';
import type { EngineState } from './engine.svelte';
import type { GenerationState } from './generation.svelte';
import type { LocaleState } from './locale.svelte';
import type { ModelsState } from './models.svelte';
import type { StorageState } from './storage.svelte';
import type { ThemeState } from './theme.svelte';
import type { AppUpdateState } from './app-update.svelte';
import type { InstallState } from './install.svelte';

export interface AppState {
  readonly engine: EngineState;
  readonly models: ModelsState;
  readonly chat: ChatSession;
  readonly generation: GenerationState;
  readonly conversations: ConversationsState;
  readonly storage: StorageState;
  readonly drafts: DraftsState;
  readonly i18n: LocaleState;
  readonly theme: ThemeState;
  /** New versions (consent, never mid-reply), and a page made stale by another tab. */
  readonly update: AppUpdateState;
  readonly install: InstallState;
  /** Reads the stored language and theme (before the first paint). */
  preferences(): Promise<void>;
}

const KEY = Symbol('app-state');

export function provideAppState(state: AppState): void {
  setContext(KEY, state);
}

export function useAppState(): AppState {
  const state = getContext<AppState | undefined>(KEY);
  if (!state) throw new Error('useAppState() called outside the app root');
  return state;
}
