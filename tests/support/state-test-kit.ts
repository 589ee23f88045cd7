/**
 * Helpers for Node tests of the runes state classes (src/state/*.svelte.ts): waiting for a condition that a
 * Dexie liveQuery or a frame callback makes true, and the browser functions those classes call that Node
 * lacks. Use with `import 'fake-indexeddb/auto'` and a fresh `openAppDb(uniqueDbName())` per test.
 */

/**
 * Polls `condition` (which may be async, e.g. a database read) once per macrotask (setTimeout 0) until it is
 * truthy; fails after `maxTurns` turns with `what` in the message. No durations are asserted: the limit only
 * keeps a broken test from hanging until the test timeout, and says what it was waiting for.
 */
export async function until(condition: () => unknown, what = condition.toString(), maxTurns = 1000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (await condition()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  if (await condition()) return;
  throw new Error(`until: still not true after ${maxTurns} turns: ${what}`);
}

/**
 * ChatSession applies streamed text once per animation frame (requestAnimationFrame), which Node lacks:
 * a frame becomes a macrotask here. Installed only where missing; returns what it installed.
 */
export function installFrameStandIns(): string[] {
  const installed: string[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  if (typeof g.requestAnimationFrame !== 'function') {
    g.requestAnimationFrame = (callback: (time: number) => void) => setTimeout(() => callback(performance.now()), 0);
    installed.push('requestAnimationFrame');
  }
  if (typeof g.cancelAnimationFrame !== 'function') {
    g.cancelAnimationFrame = (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle);
    installed.push('cancelAnimationFrame');
  }
  return installed;
}

/** A database name no other test uses. */
export function uniqueDbName(prefix = 'state'): string {
  return `${prefix}-${Math.random().toString(36).slice(2)}`;
}

/** A QuotaExceededError as IndexedDB rejects with on a full disk. */
export function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}
