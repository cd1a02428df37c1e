import type { Db } from './client.js';

type Hook = (tx: Db) => Promise<void>;
const installed = new WeakMap<Db, { hook: Hook }>();

/**
 * Run `hook` as the first statement of every top-level transaction on `db` (not of savepoints, which
 * are `tx.transaction`). The idempotency plugin uses it to write a request's key in the same
 * transaction as the change the request makes, whichever service makes it. The hook decides itself
 * (from the request it runs in) whether it has anything to do; it may throw to refuse the change.
 * Installing again on the same database replaces the hook (a test may build two apps on one database).
 */
export function installTransactionHook(db: Db, hook: Hook): void {
  const current = installed.get(db);
  if (current) {
    current.hook = hook;
    return;
  }
  const slot = { hook };
  installed.set(db, slot);
  const original = db.transaction.bind(db);
  const hooked: Db['transaction'] = (fn, config) =>
    original(async (tx) => {
      await slot.hook(tx as unknown as Db);
      return fn(tx);
    }, config);
  Object.defineProperty(db, 'transaction', { value: hooked, configurable: true, writable: true });
}
