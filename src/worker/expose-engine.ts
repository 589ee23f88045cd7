/**
 * Exposes an EngineApi over Comlink with one rule applied to every method: whatever it throws leaves the
 * worker as AppError data (Comlink passes thrown non-Error values through structured clone unchanged).
 */
import * as Comlink from 'comlink';
import { toAppError } from '../lib/engine/app-error';
import type { EngineApi } from './protocol';

export function exposeEngine(api: EngineApi): void {
  const guarded = Object.fromEntries(
    Object.entries(api).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (method as (...a: unknown[]) => Promise<unknown>).apply(api, args);
        } catch (err) {
          throw toAppError(err);
        } finally {
          // Callbacks arrive as Comlink proxies (functions); free their message ports once the call is over.
          for (const arg of args) {
            if (typeof arg === 'function') (arg as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
          }
        }
      },
    ]),
  );
  Comlink.expose(guarded);
}
