/** The open conversation: messages, composer, reply and context settings, stats. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
