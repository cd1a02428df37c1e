import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type Database } from '../db/client.js';
import { createLogger } from '../logger.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../../../test/helpers.js';
import { createJobQueue, defineJob } from './queue.js';

/**
 * A job scheduled for the future must run after the process (and, on PGlite, the database files)
 * were closed and opened again: nothing about pending work lives in memory.
 */
describe('durable job queue', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dharura-queue-'));
  let server: TestDatabase | undefined;
  afterAll(async () => {
    await server?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<{ database: Database; url?: string }> {
    if (serverUrl) {
      server ??= await createTestDatabase();
      const database = await openDatabase({ databaseUrl: server.url });
      return { database, url: server.url };
    }
    const database = await openDatabase({ pgliteDir: dir });
    await database.migrate();
    return { database };
  }

  function queueWith(database: Database, url: string | undefined, seen: string[]) {
    return createJobQueue({
      database,
      databaseUrl: url,
      log: createLogger('silent'),
      definitions: [
        defineJob({
          name: 'test.reminder',
          payload: z.object({ note: z.string() }),
          handler: async (data) => {
            seen.push(data.note);
            await database.query('insert into job_test_runs(note) values ($1)', [data.note]);
          },
        }),
      ],
    });
  }

  it('runs a job scheduled for the future after a restart, exactly once', async () => {
    const first = await open();
    await first.database.exec('create table if not exists job_test_runs(note text not null)');
    const seenBefore: string[] = [];
    const q1 = queueWith(first.database, first.url, seenBefore);
    await q1.start();
    await q1.send('test.reminder', { note: 'hearing tomorrow' }, { startAfter: new Date(Date.now() + 2500) });
    expect(await q1.pending('test.reminder')).toBe(1);
    await q1.stop();
    await first.database.close();
    expect(seenBefore).toEqual([]);

    const second = await open();
    const seenAfter: string[] = [];
    const q2 = queueWith(second.database, second.url, seenAfter);
    await q2.start();
    const deadline = Date.now() + 15_000;
    while (seenAfter.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    await q2.stop();
    expect(seenAfter).toEqual(['hearing tomorrow']);
    const rows = await second.database.query<{ note: string }>('select note from job_test_runs');
    expect(rows.rows).toEqual([{ note: 'hearing tomorrow' }]);
    await second.database.close();
  }, 120_000);

  it('refuses to enqueue an unknown job or a malformed payload', async () => {
    const { database, url } = await open();
    const q = queueWith(database, url, []);
    await q.start();
    await expect(q.send('nope', {})).rejects.toThrow(/unknown job/);
    await expect(q.send('test.reminder', { note: 5 })).rejects.toThrow();
    await q.stop();
    await database.close();
  });
});
