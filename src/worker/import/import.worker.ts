/**
 * The import worker: reads a history file, parses and validates it (lib/transfer/import), and writes it in
 * one transaction (lib/db). The page's open tabs see the new conversations through Dexie's live queries,
 * which hear of writes from workers too. A bad file writes nothing.
 */
import * as Comlink from 'comlink';
import { openAppDb } from '../../lib/db/app-db';
import { mapToAppError } from '../../lib/inference/app-error';
import { ConversationsRepo } from '../../lib/db/conversations.repo';
import { describeImport } from '../../lib/transfer/describe-import';
import { parseImport } from '../../lib/transfer/import';
import { ImportError, MAX_IMPORT_BYTES } from '../../lib/transfer/transfer-types';
import type { ImportApi, ImportOutcome } from '../../protocol/import-protocol';

const MB = 1024 * 1024;

const api: ImportApi = {
  async importFile(file, onProgress): Promise<ImportOutcome> {
    // The page may be gone; a lost progress message must not fail the import.
    const report: typeof onProgress = (step) => void Promise.resolve(onProgress(step)).catch(() => undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      return { ok: false, error: { key: 'errors.import.fileTooLarge', params: { size: Math.round(file.size / MB), limit: MAX_IMPORT_BYTES / MB } } };
    }
    try {
      report({ phase: 'reading' });
      const result = parseImport(await file.text(), { onProgress: report });
      report({ phase: 'writing', conversations: result.bundles.length });
      const db = openAppDb();
      try {
        const written = await new ConversationsRepo(db).importBundles(result.bundles);
        return { ok: true, lines: describeImport(result, written) };
      } finally {
        db.close();
      }
    } catch (err) {
      if (err instanceof ImportError) return { ok: false, error: { key: 'errors.import.nothingImported', params: { reason: err.text } } };
      return {
        ok: false,
        error: mapToAppError(err).kind === 'storage-full' ? { key: 'errors.import.storageFull' } : { key: 'errors.import.failed', params: { reason: String(err) } },
      };
    } finally {
      (onProgress as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
    }
  },
};

Comlink.expose(api);
