/** The conversation list: search, rename, pin, delete, export and import. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
