/**
 * `node --import tsx bench/dashboards.ts --database-url URL [--add-data] [--amount N]`
 *
 * The dashboards bench on an existing data set (from `npm run bench:generate`), without rebuilding it:
 * `--add-data` once adds what the dashboards count (bench/lib/dashboards.ts), then the server is started
 * on that database (keys as for generate: DATA_DIR, default ./data/bench) and the API is timed.
 * `npm run bench` runs the same steps on its own data set (section `dashboards`).
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareDatabase, signIn, startAppServer } from './lib/app-server.js';
import { addDashboardData, measureDashboards, runDashboardRollup } from './lib/dashboards.js';
import { dbUrl, progress, root } from './lib/util.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'add-data': { type: 'boolean', default: false },
    amount: { type: 'string', default: '40' },
  },
});
const databaseUrl = values['database-url'] ?? dbUrl('dharura_bench_data');
if (values['add-data'])
  progress(`dashboards data added in ${(await addDashboardData(databaseUrl)).seconds} s`);

const dataDir = process.env.DATA_DIR ?? path.join(root, 'data/bench');
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  COOKIE_SECURE: 'false',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  JOBS_ENABLED: 'false',
};
const email = `bench-analyst-${Date.now()}@example.test`;
await prepareDatabase(env, { email, roles: ['analyst'] });
const rollup = await runDashboardRollup(env);
progress(`dashboards: ${rollup.months} closed months pre-aggregated in ${rollup.seconds} s (the job's work)`);
const c = new pg.Client({ connectionString: databaseUrl });
await c.connect();
const cases = Number((await c.query('select count(*)::int n from cases')).rows[0].n);
await c.end();
const logDir = mkdtempSync(path.join(tmpdir(), 'dharura-dash-'));
const app = await startAppServer(env, {
  logDir,
  name: 'server-dashboards',
  mode: 'auto',
  readyTimeoutMs: 600_000,
});
try {
  const session = await signIn(app.url, email);
  progress(`dashboards on ${cases.toLocaleString('en')} cases (logs in ${logDir})`);
  const results = await measureDashboards({
    url: app.url,
    headers: session.headers,
    amount: Number(values.amount),
    onFinding: (m) => progress(`FINDING ${m}`),
  });
  console.log(JSON.stringify({ cases, rollup, loadAvg1m: loadavg()[0], results }, null, 2));
} finally {
  await app.stop();
}
