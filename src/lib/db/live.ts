/** Dexie liveQuery behind a plain callback, so state classes can hold the result in runes without Dexie. */
import { liveQuery } from 'dexie';

/** Runs `query` now and again whenever what it read changes (in this tab or another). Returns unsubscribe. */
export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
