/**
 * The page's side of the import worker: one worker per import, ended when it answers, so the memory a big
 * file takes while parsed goes back at once.
 */
import * as Comlink from 'comlink';
import type { ImportApi, ImportOutcome, ImportStep } from '../protocol/import-protocol';

export type { ImportOutcome, ImportStep };

export type ImportFile = (file: Blob, onProgress: (step: ImportStep) => void) => Promise<ImportOutcome>;

const spawnImportWorker = () => new Worker(new URL('../worker/import/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });

export function createImportClient(spawn: () => Worker = spawnImportWorker): ImportFile {
  return async (file, onProgress) => {
    const worker = spawn();
    const remote = Comlink.wrap<ImportApi>(worker);
    const crashed = new Promise<ImportOutcome>((resolve) =>
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        resolve({ ok: false, error: { key: 'errors.import.crashed', params: { reason: event.message || { key: 'errors.import.workerFailed' } } } });
      }),
    );
    try {
      return await Promise.race([remote.importFile(file, Comlink.proxy(onProgress)), crashed]);
    } finally {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  };
}
