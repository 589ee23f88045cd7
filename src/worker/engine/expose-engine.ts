/**
 * Exposes an EngineApi over Comlink with one rule applied to every method: whatever it throws leaves the
 * worker as AppError data (Comlink passes thrown non-Error values through structured clone unchanged).
 * It also starts the heartbeat the page's watchdog listens for.
 */
import * as Comlink from 'comlink';
import { mapToAppError } from '../../lib/inference/app-error';
import { DEFAULT_WATCHDOG, HEARTBEAT_INTERVAL_MS, type EngineApi, type Heartbeat } from '../../protocol/engine-protocol';

export function exposeEngine(api: EngineApi, watchdog: Omit<Heartbeat, 'type'> = DEFAULT_WATCHDOG): void {
  // A timer, not a per-call signal: if this thread is stuck, the beats stop and the page notices.
  const beat: Heartbeat = { type: 'private-chat:heartbeat', ...watchdog };
  const post = () => (self as unknown as { postMessage(data: unknown): void }).postMessage(beat);
  post();
  setInterval(post, HEARTBEAT_INTERVAL_MS);

  const guarded = Object.fromEntries(
    Object.entries(api).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (method as (...a: unknown[]) => Promise<unknown>).apply(api, args);
        } catch (err) {
          throw mapToAppError(err);
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
