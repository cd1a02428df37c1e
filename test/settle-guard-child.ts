/**
 * Child process of src/server/jobs/settle-guard.test.ts (an unhandled rejection must be seen by a whole
 * process, not inside the test runner, which catches them all):
 *   node --import tsx test/settle-guard-child.ts <database url> settle|other
 * `settle`: a pg-boss worker runs a job during which the database stops taking connections and cuts the
 * ones it has, so pg-boss cannot record the job as done. `other`: a rejection nobody handles, unrelated
 * to pg-boss. Prints "still running" if the process survived three seconds.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import { installJobSettleGuard } from '../src/server/jobs/settle-guard.js';
import { createLogger } from '../src/server/logger.js';

const [url, mode] = process.argv.slice(2) as [string, string];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
installJobSettleGuard(createLogger('info'));

if (mode === 'other') {
  void Promise.reject(new Error('a rejection nobody handles'));
} else {
  const dbName = new URL(url).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const boss = new PgBoss({ connectionString: url, max: 2 });
  boss.on('error', (err: Error) => console.log(`job queue error: ${err.message}`));
  await boss.start();
  await boss.createQueue('guard');
  await boss.work('guard', { pollingIntervalSeconds: 0.5 }, async () => {
    await admin.query(`alter database ${dbName} allow_connections false`);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    console.log('job ran; database unreachable');
  });
  await boss.send('guard', {});
}
await sleep(3000);
console.log('still running');
process.exit(0);
