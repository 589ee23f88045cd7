/** Installing, offline, updates, and the database being upgraded by another tab. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
