/** Every Chinese message at once, statically: for the tests that check the catalogs (the app loads them by part). */
import type { Catalog } from '../../translate';
import type { FullCatalog } from '../index';
import { zhCN as a11y } from './a11y';
import { zhCN as app } from './app';
import { zhCN as chat } from './chat';
import { zhCN as chatCards } from './chat-cards';
import { zhCN as chatSettings } from './chat-settings';
import { zhCN as errors } from './errors';
import { zhCN as modelManager } from './model-manager';
import { zhCN as models } from './models';
import { zhCN as privacy } from './privacy';
import { zhCN as shell } from './shell';
import { zhCN as shortcuts } from './shortcuts';
import { zhCN as sidebar } from './sidebar';

/** Each feature's catalog, for the test that no key is defined twice. */
export const FEATURE_CATALOGS: readonly Catalog[] = [a11y, app, chat, chatCards, chatSettings, errors, modelManager, models, privacy, shell, shortcuts, sidebar];

export const ZH_CN: FullCatalog = { ...a11y, ...app, ...chat, ...chatCards, ...chatSettings, ...errors, ...modelManager, ...models, ...privacy, ...shell, ...shortcuts, ...sidebar };
