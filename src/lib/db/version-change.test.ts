import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, openAppDb } from './app-db';
import { onChangedElsewhere } from './version-change';

const NAME = 'version-change-test';

function openRaw(version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('blocked: the old connection was not closed'));
  });
}

describe('onChangedElsewhere', () => {
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        const del = indexedDB.deleteDatabase(NAME);
        del.onsuccess = del.onerror = () => resolve();
      }),
  );

  it("hears another tab's upgrade, and this tab's connection closes so the upgrade is not blocked", async () => {
    const db = openAppDb(NAME);
    await db.settings.put({ key: 'lastModelId', value: 'm' });
    const heard: (number | null)[] = [];
    onChangedElsewhere(db, (v) => heard.push(v));

    const newer = await openRaw((LATEST_VERSION + 1) * 10);
    expect(heard).toEqual([LATEST_VERSION + 1]);
    expect(db.isOpen()).toBe(false);
    // This tab's older code does not reopen the newer database: its writes fail instead of writing old shapes.
    await expect(db.settings.put({ key: 'lastModelId', value: 'x' })).rejects.toThrow();
    newer.close();
  });

  it('stops listening when unsubscribed', async () => {
    const db = openAppDb(NAME);
    await db.open();
    const heard: (number | null)[] = [];
    onChangedElsewhere(db, (v) => heard.push(v))();
    (await openRaw((LATEST_VERSION + 1) * 10)).close();
    expect(heard).toEqual([]);
    expect(db.isOpen()).toBe(false);
  });
});
