/** Starts the engine worker. Test builds swap this one module for a test double's (see vite.config.ts). */
export function spawnEngineWorker(): Worker {
  return new Worker(new URL('../worker/engine/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}
