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
    engineMethods(api).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await method.apply(api, args);
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

/**
 * Every method of the API object, own or inherited (a class instance keeps its methods on the prototype,
 * where Object.entries would not see them), except Object's own.
 */
export function engineMethods(api: object): Array<[string, (...args: unknown[]) => Promise<unknown>]> {
  const found = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (let o: object | null = api; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const value: unknown = Reflect.get(api, name);
      if (name !== 'constructor' && typeof value === 'function' && !found.has(name)) found.set(name, value as (...args: unknown[]) => Promise<unknown>);
    }
  }
  return [...found];
}
