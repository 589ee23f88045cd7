/**
 * Every string of the UI. One file per feature (each owns a key prefix): the English here, statically (it is the
 * source of the key type, the fallback, and the English of errors and logs); each other language in its own folder,
 * loaded only when the UI speaks it (messages/zh-CN/). A language must have every English key: a type error when one
 * is missing, and catalogs.test.ts checks keys, placeholders and plural forms at run time too.
 */
import type { Catalog, Translation } from '../translate';
import { en as a11y } from './a11y';
import { en as app } from './app';
import { en as chat } from './chat';
import { en as errors } from './errors';
import { en as models } from './models';
import { en as privacy } from './privacy';
import { en as shell } from './shell';
import { en as sidebar } from './sidebar';

/** Each feature's English catalog, for the test that no key is defined twice. */
export const FEATURE_CATALOGS: readonly Catalog[] = [a11y, app, chat, errors, models, privacy, shell, sidebar];

export const EN = { ...a11y, ...app, ...chat, ...errors, ...models, ...privacy, ...shell, ...sidebar } as const;
export type MessageKey = keyof typeof EN;
export type FullCatalog = Translation<typeof EN>;
