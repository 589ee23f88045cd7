/** Test builds only: replaces src/bridge/spawn-engine-worker.ts (see vite.config.ts). */
export function spawnEngineWorker(): Worker {
  return new Worker(new URL('./fake-engine.worker.ts', import.meta.url), { type: 'module', name: 'fake-engine' });
}
