/** The privacy page: what leaves the device and how to check. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
