/** The frame's panels that open on demand: each a chunk of its own (lazy-component.ts). */
import { lazyComponent } from './lazy-component';

export const loadModelManager = lazyComponent(() => import('../models/ModelManager.svelte'), 'model-manager');
export const loadShortcutsHelp = lazyComponent(() => import('./ShortcutsHelp.svelte'), 'shortcuts');
export const loadPrivacyPage = lazyComponent(() => import('../privacy/PrivacyPage.svelte'), 'privacy');
