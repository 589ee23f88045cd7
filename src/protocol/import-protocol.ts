/**
 * The contract of the import worker: a history file is read, parsed, validated and written to IndexedDB
 * there, off the page's thread, so a 50 MB export never freezes the tab. Progress comes back as steps.
 */
import type { ImportLine } from '../lib/transfer/describe-import';
import type { ImportErrorText, ImportProgress } from '../lib/transfer/transfer-types';

export type ImportStep =
  | { readonly phase: 'reading' }
  | ImportProgress
  | { readonly phase: 'writing'; readonly conversations: number };

/** The summary's sentences when it worked; why, when nothing was imported. Texts: the page says them in its language. */
export type ImportOutcome = { readonly ok: true; readonly lines: readonly ImportLine[] } | { readonly ok: false; readonly error: ImportErrorText };

export interface ImportApi {
  importFile(file: Blob, onProgress: (step: ImportStep) => void): Promise<ImportOutcome>;
}
