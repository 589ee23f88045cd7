/** The Chinese UI, merged: a chunk of its own, loaded only when the UI speaks Chinese. */
import type { Catalog } from '../../translate';
import type { FullCatalog } from '../index';
import { zhCN as a11y } from './a11y';
import { zhCN as app } from './app';
import { zhCN as chat } from './chat';
import { zhCN as errors } from './errors';
import { zhCN as models } from './models';
import { zhCN as privacy } from './privacy';
import { zhCN as shell } from './shell';
import { zhCN as sidebar } from './sidebar';

/** Each feature's catalog, for the test that no key is defined twice. */
export const FEATURE_CATALOGS: readonly Catalog[] = [a11y, app, chat, errors, models, privacy, shell, sidebar];

export const ZH_CN: FullCatalog = { ...a11y, ...app, ...chat, ...errors, ...models, ...privacy, ...shell, ...sidebar };
