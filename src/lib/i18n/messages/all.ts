/**
 * Every English message at once, statically: for the tests that check the catalogs. The app never imports
 * this (the later parts' words would be in the start-up script); it loads them through lib/i18n/english.ts.
 */
import type { Catalog } from '../translate';
import { en as a11y } from './a11y';
import { en as app } from './app';
import { en as chat } from './chat';
import { en as chatCards } from './chat-cards';
import { en as chatSettings } from './chat-settings';
import { en as errors } from './errors';
import type { English } from './index';
import { en as modelManager } from './model-manager';
import { en as models } from './models';
import { en as privacy } from './privacy';
import { en as shell } from './shell';
import { en as shortcuts } from './shortcuts';
import { en as sidebar } from './sidebar';

/** Each feature's English catalog, for the test that no key is defined twice. */
export const FEATURE_CATALOGS: readonly Catalog[] = [a11y, app, chat, chatCards, chatSettings, errors, modelManager, models, privacy, shell, shortcuts, sidebar];

export const EN: English = { ...a11y, ...app, ...chat, ...chatCards, ...chatSettings, ...errors, ...modelManager, ...models, ...privacy, ...shell, ...shortcuts, ...sidebar };
