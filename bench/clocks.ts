/**
 * Timer precision (DESIGN §7: "an escalation step fires within 1 s of its due time with 10,000 timers
 * pending"). Alerts do not exist yet, so this measures the case clocks that will drive them: the app is
 * built in this process on PostgreSQL with its job workers running, BENCH_CLOCKS clock rows are
 * inserted due over the next BENCH_CLOCK_WINDOW_S seconds (starting BENCH_CLOCK_LEAD_S from now), the
 * clocks service's reconcile() schedules their jobs, and lateness is read from
 * case_clocks.fired_at − due_at. Bounded: it stops BENCH_CLOCK_TAIL_S after the last due time.
 *
 * Run by bench/run.ts (env: DATABASE_URL, keys, DATA_DIR; BENCH_RESULT_FILE for the JSON result).
 */
import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { openAndMigrate } from '../src/server/main.js';
import { percentile, progress, round, sleep } from './lib/util.js';

const n = Number(process.env.BENCH_CLOCKS ?? 10_000);
const leadS = Number(process.env.BENCH_CLOCK_LEAD_S ?? 10);
const windowS = Number(process.env.BENCH_CLOCK_WINDOW_S ?? 30);
const tailS = Number(process.env.BENCH_CLOCK_TAIL_S ?? 60);

const config = loadConfig({ ...process.env, JOBS_ENABLED: 'true' });
if (!config.DATABASE_URL) throw new Error('clocks bench needs DATABASE_URL (PostgreSQL)');
const database = await openAndMigrate(config);
const app = await buildApp({ config, database, logger: createLogger('warn'), startJobs: true });
await app.ready();
const q = database.query.bind(database);

const cases = await q<{ id: string }>(
  `select c.id from cases c
   where not exists (select 1 from case_clocks k where k.case_id = c.id)
   order by c.received_at desc limit $1`,
  [n],
);
if (cases.rows.length < n) throw new Error(`need ${n} cases without clocks, found ${cases.rows.length}`);

const t0 = Date.now();
const firstDue = new Date(t0 + leadS * 1000);
const stepMs = (windowS * 1000) / n;
await q(
  `insert into case_clocks (case_id, kind, due_at, created_at)
   select id, 'acknowledge', $2::timestamptz + (ord - 1) * ($3::float8 * interval '1 millisecond'), now()
   from unnest($1::uuid[]) with ordinality as u(id, ord)`,
  [cases.rows.map((r) => r.id), firstDue.toISOString(), stepMs],
);
const insertedMs = Date.now() - t0;
const lastDueMs = t0 + leadS * 1000 + windowS * 1000;
progress(`clocks: ${n} rows inserted in ${insertedMs} ms, due from +${leadS} s to +${leadS + windowS} s`);

const reconcileStart = Date.now();
const scheduled = await app.ctx.services.clocks.reconcile();
// reconcile() hands each job to the queue without waiting; count them as they land in pg-boss.
let queuedAllMs: number | null = null;
const countJobs = async () =>
  Number(
    (await q<{ n: number }>(`select count(*)::int n from pgboss.job where name = 'case.clock-due'`)).rows[0]
      ?.n ?? 0,
  );
while (Date.now() < t0 + leadS * 1000 + windowS * 1000) {
  if ((await countJobs()) >= scheduled) {
    queuedAllMs = Date.now() - reconcileStart;
    break;
  }
  await sleep(200);
}
progress(
  `clocks: reconcile() scheduled ${scheduled}; ${queuedAllMs === null ? 'not all' : 'all'} jobs queued` +
    (queuedAllMs === null ? '' : ` after ${queuedAllMs} ms`),
);

const deadline = lastDueMs + tailS * 1000;
let fired: number;
let lastReport = 0;
while (Date.now() < deadline) {
  fired = Number(
    (
      await q<{ n: number }>(
        `select count(*)::int n from case_clocks where fired_at is not null and created_at >= $1`,
        [new Date(t0 - 1000).toISOString()],
      )
    ).rows[0]?.n ?? 0,
  );
  if (fired >= n) break;
  if (Date.now() - lastReport > 5000) {
    lastReport = Date.now();
    const due = Math.max(0, Math.min(n, Math.floor((Date.now() - t0 - leadS * 1000) / stepMs)));
    progress(`clocks: ${fired} of ${n} fired, ${due} due so far`);
  }
  await sleep(500);
}
const endedAt = Date.now();

const rows = await q<{ late_ms: number | null; due_ms: number }>(
  `select extract(epoch from (fired_at - due_at)) * 1000 as late_ms,
          extract(epoch from due_at) * 1000 as due_ms
   from case_clocks where created_at >= $1`,
  [new Date(t0 - 1000).toISOString()],
);
const firedLate = rows.rows.filter((r) => r.late_ms !== null).map((r) => Number(r.late_ms));
// An unfired clock is at least (end − due) late: counted that way it gives lower bounds.
const allLate = rows.rows.map((r) => (r.late_ms !== null ? Number(r.late_ms) : endedAt - Number(r.due_ms)));
const within1s = firedLate.filter((ms) => ms <= 1000).length;
const result = {
  clocks: n,
  leadS,
  windowS,
  tailS,
  jobsQueuedAllMs: queuedAllMs,
  fired: firedLate.length,
  unfired: n - firedLate.length,
  firedWithin1s: within1s,
  firedLateMs: {
    p50: round(percentile(firedLate, 50), 0),
    p99: round(percentile(firedLate, 99), 0),
    max: round(Math.max(...firedLate), 0),
  },
  allLateMsLowerBound: {
    p50: round(percentile(allLate, 50), 0),
    p99: round(percentile(allLate, 99), 0),
    max: round(Math.max(...allLate), 0),
  },
  secondsObserved: round((endedAt - t0) / 1000, 0),
};
progress(
  `clocks: ${result.fired}/${n} fired (${within1s} within 1 s); fired lateness p50 ${result.firedLateMs.p50} ms, ` +
    `p99 ${result.firedLateMs.p99} ms, max ${result.firedLateMs.max} ms`,
);
if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));

const force = setTimeout(() => process.exit(0), 10_000);
force.unref();
await app.close();
await database.close();
process.exit(0);
