/** What went wrong and what to do (AppError kinds), load phases, WebGPU advice, import limits. */
import type { Catalog, Translation } from '../translate';

export const en = {} as const satisfies Catalog;

export const zhCN: Translation<typeof en> = {};
