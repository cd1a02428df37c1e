import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { serverUrl } from '../../../test/helpers.js';
import { openDatabase, type Database } from './client.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('PostgreSQL pool when the server goes away', () => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });

  // A database failover (docs/SCALING.md) cuts every connection; one checked out for a transaction used
  // to emit an 'error' nobody listened to, which killed the whole server process.
  it.skipIf(!serverUrl)(
    'a transaction whose connection is cut fails on its own; the process and the pool carry on',
    async () => {
      const database = await openDatabase({ databaseUrl: serverUrl!, poolSize: 2 });
      open.push(database);
      const uncaught: unknown[] = [];
      const onUncaught = (err: unknown) => uncaught.push(err);
      process.on('uncaughtException', onUncaught);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        const tx = database.db.transaction(async (t) => {
          const r = await t.execute(sql`select pg_backend_pid() as pid`);
          const pid = (r as unknown as { rows: { pid: number }[] }).rows[0]!.pid;
          await admin.query('select pg_terminate_backend($1)', [pid]);
          // The connection closes while the transaction holds it between two statements.
          await sleep(300);
          await t.execute(sql`select 1`);
        });
        await expect(tx).rejects.toThrow();
        await sleep(100);
        expect(uncaught).toEqual([]);
        const after = await database.query<{ one: number }>('select 1 as one');
        expect(after.rows).toEqual([{ one: 1 }]);
        await database.db.transaction(async (t) => {
          await t.execute(sql`select 1`);
        });
      } finally {
        process.off('uncaughtException', onUncaught);
        await admin.end();
      }
    },
  );
});
