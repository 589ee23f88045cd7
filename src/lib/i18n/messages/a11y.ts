/** Words only screen readers hear: announcements of replies and states. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
