/**
 * The console's offline store (features/offline/store.ts) lives in this IndexedDB database. Wiping it
 * is kept in this tiny file so sign-in and sign-out can call it without loading the offline code.
 */
export const OFFLINE_DB = 'dharura-offline';

/** Listeners the offline store registers (drop the in-memory key, forget the outbox). */
const onWipe = new Set<() => void>();

export function whenWiped(fn: () => void): () => void {
  onWipe.add(fn);
  return () => onWipe.delete(fn);
}

/**
 * Forget everything this browser keeps for the session: the in-memory key, the outbox and the cached
 * field data. Called at sign-out and whenever the server says the session has ended (idle timeout,
 * revoked). Whatever was left is unreadable anyway: its key was this session's.
 */
export function wipeOfflineStore(): void {
  for (const fn of onWipe) fn();
  lastWipe = new Promise((resolve) => {
    try {
      const req = indexedDB.deleteDatabase(OFFLINE_DB);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    } catch {
      // No IndexedDB (a private window in some browsers): nothing was kept.
      resolve();
    }
  });
}

let lastWipe: Promise<void> = Promise.resolve();

/** Settles when the last wipe's deletion is done (before a reload that must not find the old store). */
export function offlineStoreWiped(): Promise<void> {
  return lastWipe;
}
