/**
 * Every string of the UI. One file per feature (each owns its keys): the English here (it is the source of the
 * key type, the fallback, and the English of errors and logs); each other language in its own folder, loaded
 * only when the UI speaks it (messages/zh-CN/). A language must have every English key: a type error when one
 * is missing, and catalogs.test.ts checks keys, placeholders and plural forms at run time too.
 *
 * Every language comes in two kinds. What the page can show from the start is imported statically (START_EN). The
 * words of parts that load later (a panel's fields, the model manager, the privacy page) load with that part
 * (LATER_EN, through lib/i18n/english.ts), so the start-up script does not carry them. No worker produces a
 * text with a key of a later part (tests/unit/message-parts.test.ts checks where those keys are used).
 */
import type { Catalog, Translation } from '../translate';
import { en as a11y } from './a11y';
import { en as app } from './app';
import { en as chat } from './chat';
import type { en as chatCards } from './chat-cards';
import type { en as chatSettings } from './chat-settings';
import { en as errors } from './errors';
import type { en as modelManager } from './model-manager';
import { en as models } from './models';
import type { en as privacy } from './privacy';
import { en as shell } from './shell';
import type { en as shortcuts } from './shortcuts';
import { en as sidebar } from './sidebar';

/** The English the page may need from its first paint. */
export const START_EN = { ...a11y, ...app, ...chat, ...errors, ...models, ...shell, ...sidebar } as const;

/** The English of each part that loads later, loaded with it. */
export const LATER_EN = {
  'chat-settings': () => import('./chat-settings'),
  'chat-cards': () => import('./chat-cards'),
  'model-manager': () => import('./model-manager'),
  privacy: () => import('./privacy'),
  shortcuts: () => import('./shortcuts'),
} as const satisfies Readonly<Record<string, () => Promise<{ readonly en: Catalog }>>>;

export type MessagePart = keyof typeof LATER_EN;

/** Another language, as its chunk gives it: its start-up messages, and each later part's words to load with it. */
export interface OtherLocaleMessages {
  readonly start: Translation<typeof START_EN>;
  readonly later: { readonly [P in MessagePart]: () => Promise<Translation<Awaited<ReturnType<(typeof LATER_EN)[P]>>['en']>> };
}

/** All English messages: the key type, and what every other language must have. */
export type English = typeof START_EN & typeof chatSettings & typeof chatCards & typeof modelManager & typeof privacy & typeof shortcuts;
export type MessageKey = keyof English;
export type FullCatalog = Translation<English>;
