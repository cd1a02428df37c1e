/**
 * `npm run bench` — the performance benchmarks of DESIGN §7 (see docs/PERFORMANCE.md).
 *
 *   npm run bench                 quick run (default, ≤ ~5 min): 3 × 5 s per intake measurement, a
 *                                 50,000-case / 500,000-event data set for the views
 *   npm run bench -- --full       3 × 10 s runs and the 1,000,000-case / 10,000,000-event data set
 *   options: --runs N --duration S --connections C --cases N --events N --clocks N
 *            --only intake,views,weight,lighthouse,clocks,dashboards --db pglite,postgres --server auto|dist|src
 *            --keep (databases and logs) --no-docs (leave docs/PERFORMANCE.md alone)
 *            --no-jobs (diagnosis: intake servers without job workers)
 *            --cpu-prof DIR (diagnosis: the intake servers write V8 CPU profiles to DIR when they stop;
 *            summarise one with `node bench/profile-summary.mjs DIR/<file>.cpuprofile`)
 *
 * Everything runs on 127.0.0.1: the real server (`dharura serve`, from dist/ when it is up to date,
 * else from the sources through tsx) on PGlite and on the local PostgreSQL (fresh databases, dropped
 * at the end), a bare Fastify + one-INSERT baseline beside it, and autocannon as the load generator.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createFormTokens } from '../src/server/modules/public/form-token.js';
import { countyNames } from '../src/server/modules/public/locations.js';
import {
  appEnv,
  BENCH_AT_SECRET,
  memorySampler,
  prepareDatabase,
  signIn,
  startAppServer,
  type Session,
} from './lib/app-server.js';
import { generateDataset, type DatasetResult } from './lib/dataset.js';
import { addDashboardData, measureDashboards, runDashboardRollup } from './lib/dashboards.js';
import { load, timedRequests, type LoadResult, type TimedResult } from './lib/load.js';
import { runLighthouse } from './lib/lighthouse.js';
import { writeReport } from './lib/report.js';
import {
  cpuSecondsOf,
  createDatabase,
  dropDatabase,
  freePort,
  machineInfo,
  median,
  postgresVersion,
  progress,
  root,
  round,
  sleep,
  startProc,
  waitForHttp,
  type Proc,
} from './lib/util.js';
import {
  buildConsole,
  consoleWeight,
  pageWeight,
  type ConsoleWeight,
  type PageWeight,
} from './lib/weight.js';
import { signInOnSlowLine } from './lib/slow-line.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    runs: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    cases: { type: 'string' },
    events: { type: 'string' },
    clocks: { type: 'string' },
    only: { type: 'string' },
    server: { type: 'string', default: 'auto' },
    keep: { type: 'boolean', default: false },
    db: { type: 'string', default: 'pglite,postgres' },
    'no-jobs': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const full = args.full === true;
const profile = {
  mode: full ? 'full' : 'quick',
  runs: Number(args.runs ?? 3),
  durationS: Number(args.duration ?? (full ? 10 : 5)),
  warmupS: 2,
  connections: Number(args.connections ?? 10),
  cases: Number(args.cases ?? (full ? 1_000_000 : 50_000)),
  events: Number(args.events ?? (full ? 10_000_000 : 500_000)),
  viewRequests: full ? 500 : 300,
  clocks: Number(args.clocks ?? 10_000),
  clockLeadS: 10,
  clockWindowS: 30,
  clockTailS: full ? 90 : 30,
};
const sections = new Set(
  (args.only ?? 'intake,views,weight,lighthouse,clocks,dashboards').split(',').map((s) => s.trim()),
);
const serverMode = (['auto', 'dist', 'src'].includes(args.server!) ? args.server : 'auto') as
  'auto' | 'dist' | 'src';

const runId = `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
const work = mkdtempSync(path.join(tmpdir(), 'dharura-bench-'));
const logDir = path.join(work, 'logs');
mkdirSync(logDir, { recursive: true });
const keys = {
  masterKey: randomBytes(32).toString('base64'),
  blindIndexKey: randomBytes(32).toString('base64'),
};
const dbPrefix = `dharura_bench_${runId.replace(/-/g, '_')}`;
const createdDatabases: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

const NARRATIVE =
  'My brother was arrested at the Kawangware stage yesterday at about 6 pm by officers in a white ' +
  'pick-up. We went to the station this morning and they say he is not there. He has asthma and ' +
  'needs his inhaler. Please help us find where he is being held.';
const COUNTY = countyNames[0]!;

const results: Record<string, unknown> = {
  runId,
  mode: profile.mode,
  machine: {
    ...machineInfo(),
    postgres: await postgresVersion(),
    loadAvgAtStart: loadavg().map((x) => round(x, 2)),
  },
  profile: { ...profile, jobs: !args['no-jobs'] },
  notes: [
    'Load generator (autocannon) runs on the same 2-core machine as the server and the database.',
    'Each run records the 1-minute load average: above the core count, other work competed for the CPU and ' +
      'absolute rates are low; the ratio to the same-run baseline and the server CPU per request are steadier.',
    'PUBLIC_FORM_RATE_LIMIT_PER_MINUTE=100000000 and LOGIN_RATE_LIMIT_PER_MINUTE=100000 for the bench: ' +
      'every request comes from 127.0.0.1 and the limits are per address.',
    `Server: NODE_ENV=production, LOG_LEVEL=info (one JSON log line per request, to a file), job workers ${
      args['no-jobs'] ? 'OFF (--no-jobs)' : 'on'
    }.`,
  ],
  errors: [] as string[],
  findings: [] as string[],
};
const errors = results.errors as string[];
/** Problems the bench saw in the product (refused or failed requests), as opposed to bench errors. */
const findings = results.findings as string[];

function fail(section: string, err: unknown) {
  const msg = `${section}: ${(err as Error)?.stack ?? String(err)}`;
  errors.push(msg.split('\n').slice(0, 4).join(' | '));
  progress(`FAILED ${msg.split('\n')[0]}`);
}

async function newDatabase(suffix: string): Promise<string> {
  const name = `${dbPrefix}_${suffix}`;
  const url = await createDatabase(name);
  createdDatabases.push(name);
  return url;
}

async function startBaseline(
  env: Record<string, string>,
  name: string,
): Promise<{ url: string; proc: Proc }> {
  const port = await freePort();
  const proc = startProc(process.execPath, ['--import', 'tsx', path.join(root, 'bench/baseline-server.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env },
    logFile: path.join(logDir, `${name}.log`),
  });
  cleanups.push(() => proc.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, proc, 60_000);
  return { url, proc };
}

/** Tokens are signed and time-bound, not single-use: fetch a few from the form and let them age. */
async function formTokens(url: string, count = 1): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const html = await (await fetch(`${url}/report`)).text();
    const m = /name="token" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no form token in GET /report');
    tokens.push(m[1]!);
  }
  return tokens;
}

/**
 * A form token as `GET /report` issues it (the servers' key, dated 5 s back so it is past the form's
 * 3-second minimum). Tokens are single use, so the load runs need one per request; fetching thousands
 * would load the server with page views instead of reports. The hand check uses a fetched one.
 */
const tokenIssuer = createFormTokens(Buffer.from(keys.blindIndexKey, 'base64'), {
  now: () => new Date(Date.now() - 5000),
});
const mintToken = () => tokenIssuer.issue();

function formBody(token: string, danger: 'yes' | 'no' = 'no'): string {
  return new URLSearchParams({
    lang: 'en',
    danger,
    narrative: NARRATIVE,
    violation: 'arbitrary_detention',
    county: COUNTY,
    name: 'Wanjiku Kamau',
    phone: '0712 345 678',
    contact: 'Call after 6 pm',
    token,
  }).toString();
}

/** An inbound SMS as Africa's Talking posts it; `[<id>]` becomes a unique gateway id per request. */
const smsBody = new URLSearchParams({
  from: '+254712345678',
  to: '22384',
  text: NARRATIVE,
  date: '2026-11-23 21:00:00',
  id: 'ATXid_bench_[<id>]',
  linkId: 'link-[<id>]',
})
  .toString()
  .replace(/%5B%3Cid%3E%5D/g, '[<id>]');

/** Put the bench operator on the duty rotation, so an alert's first step pages somebody. */
async function goOnCall(url: string, session: Session): Promise<void> {
  const h = { ...session.headers, 'content-type': 'application/json' };
  const me = (await (await fetch(`${url}/api/auth/me`, { headers: h })).json()) as { user: { id: string } };
  const rotations = (await (await fetch(`${url}/api/rotations`, { headers: h })).json()) as {
    rotations: { id: string; name: string; period: string; startsAt: string }[];
  };
  const duty = rotations.rotations.find((r) => r.name === 'duty officers') ?? rotations.rotations[0];
  if (!duty) throw new Error('no on-call rotation to join');
  const r = await fetch(`${url}/api/rotations/${duty.id}`, {
    method: 'PUT',
    headers: h,
    body: JSON.stringify({
      name: duty.name,
      period: duty.period,
      startsAt: duty.startsAt,
      memberIds: [me.user.id],
    }),
  });
  if (!r.ok) throw new Error(`joining the rotation: ${r.status} ${(await r.text()).slice(0, 200)}`);
}

const staffBody = JSON.stringify({
  channel: 'hotline',
  narrative: NARRATIVE,
  violationTypes: ['arbitrary_detention'],
  county: COUNTY,
  inDangerNow: false,
  reporter: { anonymous: false, name: 'Wanjiku Kamau', phone: '+254712345678', locale: 'en' },
  victim: { name: 'Otieno Kamau', sex: 'male', ageGroup: 'adult' },
});

interface Summary {
  runs: LoadResult[];
  acceptedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerRequest: number;
  errors: number;
  non2xx: number;
}
function summarise(runs: LoadResult[]): Summary {
  return {
    runs,
    acceptedPerSec: round(median(runs.map((r) => r.acceptedPerSec)), 1) ?? 0,
    p50Ms: round(median(runs.map((r) => r.p50Ms)), 1) ?? NaN,
    p99Ms: round(median(runs.map((r) => r.p99Ms)), 1) ?? NaN,
    serverCpuMsPerRequest: round(median(runs.map((r) => r.serverCpuMsPerRequest ?? NaN)), 2) ?? NaN,
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
  };
}

// ---------------------------------------------------------------------------------------------------
// 1 + 3 + 4: intake throughput and latency, public page weight, server memory under the intake load.

async function intake(kind: 'pglite' | 'postgres') {
  progress(`intake on ${kind}: preparing`);
  const dataDir = path.join(work, `app-${kind}`);
  const databaseUrl = kind === 'postgres' ? await newDatabase('intake') : undefined;
  const env = appEnv({ dataDir, databaseUrl, ...keys });
  // Diagnosis only: without the job workers (not how the product runs).
  if (args['no-jobs']) env.JOBS_ENABLED = 'false';
  if (args['cpu-prof'])
    env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${path.resolve(args['cpu-prof'])} --cpu-prof-name=server-${kind}.cpuprofile`;
  const email = `bench-${kind}@example.test`;
  // Admin too: the operator puts themself on call, so the alert-latency run pages somebody.
  await prepareDatabase(env, { email, roles: ['duty_officer', 'admin'] });
  const app = await startAppServer(env, { logDir, name: `server-${kind}`, mode: serverMode });
  cleanups.push(() => app.stop());
  results.serverMode = app.mode;
  progress(`intake on ${kind}: server up at ${app.url} (${app.mode}), pid ${app.proc.pid}`);
  const baseline = await startBaseline(
    databaseUrl
      ? { BASELINE_DATABASE_URL: databaseUrl }
      : { BASELINE_PGLITE_DIR: path.join(work, `baseline-${kind}`) },
    `baseline-${kind}`,
  );

  const session: Session = await signIn(app.url, email);
  await goOnCall(app.url, session);
  const tokens = await formTokens(app.url);
  if (kind === 'postgres' && sections.has('weight')) {
    const pages: PageWeight[] = [await pageWeight(app.url, '/report'), await pageWeight(app.url, '/status')];
    results.publicPages = pages;
    try {
      progress('console on emulated 2G: time to a usable sign-in, compressed vs identity (Chromium)');
      const slow = await signInOnSlowLine(app.url, profile.mode === 'quick' ? 3 : 5);
      results.consoleSlowLine = slow;
      progress(
        `console on 2G: sign-in usable after ${slow.compressed.medianUsableMs} ms median ` +
          `(${slow.compressed.medianTransferredKb} KB on the wire); uncompressed ${slow.identity.medianUsableMs} ms ` +
          `(${slow.identity.medianTransferredKb} KB): ×${slow.ratio.usable} faster`,
      );
    } catch (err) {
      fail('console on 2G', err);
    }
    progress(
      `public pages: ${pages.map((p) => `${p.path} ${p.totalKb} KB, ${p.scripts} scripts`).join('; ')}`,
    );
  }
  progress(`intake on ${kind}: signed in with TOTP; waiting 3.2 s for the form tokens to be old enough`);
  await sleep(3200);

  // One of each by hand first: a refused request must stop the bench, not be counted as load.
  const publicSpec = {
    url: `${app.url}/report`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(tokens[0]!),
    // Form tokens are single use: each report of a run carries its own.
    nextBody: () => formBody(mintToken()),
    connections: profile.connections,
  };
  const staffSpec = {
    url: `${app.url}/api/cases`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...session.headers },
    body: staffBody,
    connections: profile.connections,
  };
  const smsSpec = {
    url: `${app.url}/api/channels/at/sms/${BENCH_AT_SECRET}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: smsBody,
    idReplacement: true,
    connections: profile.connections,
  };
  const baselineSpec = { ...publicSpec, url: `${baseline.url}/report` };
  const check = async (
    spec: Pick<typeof publicSpec, 'url' | 'headers' | 'body'>,
    expect: number,
    mustContain: string,
  ) => {
    const r = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: spec.body });
    const text = await r.text();
    if (r.status !== expect || !text.includes(mustContain))
      throw new Error(`${spec.url}: expected ${expect}, got ${r.status}: ${text.slice(0, 300)}`);
  };
  await check(publicSpec, 200, 'UA-');
  await check(staffSpec, 201, '"reference"');
  await check(baselineSpec, 200, 'Received');
  await check({ ...smsSpec, body: smsBody.replace(/\[<id>\]/g, 'hand-check') }, 200, '');

  const mem = memorySampler(app.proc.pid);
  progress(`intake on ${kind}: warm-up ${profile.warmupS} s each`);
  const warm: LoadResult[] = [];
  for (const spec of [baselineSpec, publicSpec, staffSpec, smsSpec])
    warm.push(await load({ ...spec, durationS: profile.warmupS }));
  const runs = {
    baseline: [] as LoadResult[],
    publicForm: [] as LoadResult[],
    staff: [] as LoadResult[],
    sms: [] as LoadResult[],
  };
  for (let i = 1; i <= profile.runs; i++) {
    // Interleaved, so a burst of load from elsewhere on the machine hits all three alike.
    for (const [name, spec] of [
      ['baseline', baselineSpec],
      ['publicForm', publicSpec],
      ['staff', staffSpec],
      ['sms', smsSpec],
    ] as const) {
      const pid = name === 'baseline' ? baseline.proc.pid : app.proc.pid;
      const cpu0 = cpuSecondsOf(pid);
      const r = await load({ ...spec, durationS: profile.durationS });
      const cpu1 = cpuSecondsOf(pid);
      // How much of a core the server process used, and its CPU per accepted request.
      if (cpu0 !== null && cpu1 !== null && r.accepted > 0) {
        r.serverCpuCores = round((cpu1 - cpu0) / r.durationS, 2) ?? undefined;
        r.serverCpuMsPerRequest = round(((cpu1 - cpu0) * 1000) / r.accepted, 2) ?? undefined;
      }
      r.loadAvg1m = round(loadavg()[0]!, 2) ?? undefined;
      runs[name].push(r);
      progress(
        `intake on ${kind}: run ${i}/${profile.runs} ${name.padEnd(10)} ${String(r.acceptedPerSec).padStart(7)} /s ` +
          `p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms, server CPU ${r.serverCpuMsPerRequest} ms/req, load ${r.loadAvg1m}${r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`,
      );
    }
  }
  for (const [name, list] of Object.entries(runs)) {
    const bad = list.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    if (bad > 0)
      findings.push(`intake ${kind} ${name}: ${bad} requests not accepted (non-2xx, errors or timeouts)`);
  }
  const memory = mem.stop();
  progress(`intake on ${kind}: server peak RSS ${memory.peakRssMb.toFixed(0)} MB`);

  // Alert latency at a sustainable load: urgent public reports at half the measured intake rate, open
  // loop; afterwards, per case, report accepted → its alert's first page → the notification handed
  // to (and accepted by) the channel adapter, read from the database once the server has stopped.
  const sustainable = Math.max(1, Math.floor(median(runs.publicForm.map((r) => r.acceptedPerSec)) / 2));
  const alertFrom = new Date();
  await sleep(3200);
  progress(
    `intake on ${kind}: alert latency at ${sustainable} urgent reports/s for ${profile.durationS * 2} s`,
  );
  const alertRun = await load({
    ...publicSpec,
    nextBody: () => formBody(mintToken(), 'yes'),
    overallRate: sustainable,
    durationS: profile.durationS * 2,
  });
  await sleep(5000);

  // Acknowledged by the server: the hand check, the warm-up and the measured runs.
  const acceptedByServer = {
    publicForm:
      1 + warm[1]!.accepted + runs.publicForm.reduce((s, r) => s + r.accepted, 0) + alertRun.accepted,
    staff: 1 + warm[2]!.accepted + runs.staff.reduce((s, r) => s + r.accepted, 0),
    sms: 1 + warm[3]!.accepted + runs.sms.reduce((s, r) => s + r.accepted, 0),
  };
  await app.stop();
  await baseline.proc.stop();

  // Every acknowledged report must be in the database (warm-up and the hand checks included).
  let stored: { web: number; hotline: number; sms: number } | null = null;
  let alertLatency: Record<string, unknown> | null = null;
  try {
    const sql = `select count(*) filter (where channel = 'web')::int as web,
                        count(*) filter (where channel = 'hotline')::int as hotline,
                        count(*) filter (where channel = 'sms')::int as sms from cases`;
    // Per urgent case of the alert run: first page recorded, first notification message created
    // (handed to the notifier) and first one the adapter accepted (sent or delivered). A report in a
    // surge group (alerts.group_id) is covered by its group's pages, which may precede it (negative).
    const latencySql = `
      select extract(epoch from (min(n.at) - c.received_at)) * 1000 as paged_ms,
             extract(epoch from (min(m.created_at) - c.received_at)) * 1000 as handed_ms,
             extract(epoch from (min(coalesce(m.delivered_at, m.updated_at))
                                 filter (where m.status in ('sent', 'delivered')) - c.received_at)) * 1000 as adapter_ms
      from cases c
      join alerts a on a.case_id = c.id
      left join alert_notifications n on n.alert_id = coalesce(a.group_id, a.id)
      left join messages m on m.case_id = c.id and m.user_id is not null and m.direction = 'out'
      where c.received_at >= $1 and c.channel = 'web' and c.in_danger_now
      group by c.id, c.received_at`;
    type LatRow = { paged_ms: number | null; handed_ms: number | null; adapter_ms: number | null };
    let lat: LatRow[] = [];
    if (databaseUrl) {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      stored = (await c.query(sql)).rows[0];
      lat = (await c.query<LatRow>(latencySql, [alertFrom])).rows;
      await c.end();
    } else {
      const db = new PGlite(path.join(dataDir, 'pglite'));
      stored = (await db.query<{ web: number; hotline: number; sms: number }>(sql)).rows[0] ?? null;
      lat = (await db.query<LatRow>(latencySql, [alertFrom])).rows;
      await db.close();
    }
    const dist = (xs: (number | null)[]) => {
      const v = xs
        .filter((x): x is number => x !== null)
        .map(Number)
        .sort((a, b) => a - b);
      const q = (p: number) =>
        v.length ? round(v[Math.min(v.length - 1, Math.floor(p * v.length))]!, 0) : null;
      return {
        count: v.length,
        p50Ms: q(0.5),
        p99Ms: q(0.99),
        maxMs: v.length ? round(v[v.length - 1]!, 0) : null,
      };
    };
    alertLatency = {
      ratePerSec: sustainable,
      accepted: alertRun.accepted,
      intakeP99Ms: alertRun.p99Ms,
      urgentCases: lat.length,
      paged: dist(lat.map((r) => r.paged_ms)),
      handedToNotifier: dist(lat.map((r) => r.handed_ms)),
      acceptedByAdapter: dist(lat.map((r) => r.adapter_ms)),
    };
    progress(`intake on ${kind}: alert latency ${JSON.stringify(alertLatency)}`);
  } catch (err) {
    fail(`intake ${kind} count`, err);
  }
  // A request cut off when a run stops may be stored without its answer being counted: ≥, not =.
  if (
    stored &&
    (stored.web < acceptedByServer.publicForm ||
      stored.hotline < acceptedByServer.staff ||
      stored.sms < acceptedByServer.sms)
  ) {
    findings.push(
      `intake ${kind}: fewer cases stored than acknowledged (stored ${JSON.stringify(stored)}, ` +
        `acknowledged ${JSON.stringify(acceptedByServer)})`,
    );
  }

  const base = summarise(runs.baseline);
  const pub = summarise(runs.publicForm);
  const staff = summarise(runs.staff);
  const smsIn = summarise(runs.sms);
  return {
    baseline: base,
    publicForm: { ...pub, ratioToBaseline: round(pub.acceptedPerSec / base.acceptedPerSec, 2) },
    staff: { ...staff, ratioToBaseline: round(staff.acceptedPerSec / base.acceptedPerSec, 2) },
    sms: { ...smsIn, ratioToBaseline: round(smsIn.acceptedPerSec / base.acceptedPerSec, 2) },
    alertLatency,
    acceptedByServer,
    storedCases: stored,
    memory: {
      ...memory,
      peakRssMb: round(memory.peakRssMb, 0),
      maxSampledRssMb: round(memory.maxSampledRssMb, 0),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// 2: queue and case views at scale (PostgreSQL), then 5: timer precision on the same database.

const QUEUE_SQL = (statuses: string[]) => `
  explain (analyze, buffers, costs off)
  select * from cases
  where status in (${statuses.map((s) => `'${s}'`).join(', ')})
    and (sensitivity <> 'restricted'
         or exists (select 1 from case_members m where m.case_id = cases.id and m.user_id = $1))
  order by coalesce(priority, 'P0'), received_at
  limit 100`;
const OPEN = ['received', 'screening', 'assessed', 'awaiting_decision', 'active', 'follow_up'];

async function views(dataUrl: string, dataset: DatasetResult) {
  const dataDir = path.join(work, 'app-views');
  const env = appEnv({ dataDir, databaseUrl: dataUrl, ...keys });
  const email = 'bench-views@example.test';
  await prepareDatabase(env, { email, roles: ['duty_officer'] });
  const app = await startAppServer(env, { logDir, name: 'server-views', mode: serverMode });
  cleanups.push(() => app.stop());
  const session = await signIn(app.url, email);
  const c = new pg.Client({ connectionString: dataUrl });
  await c.connect();
  try {
    const ids = (
      await c.query<{ id: string }>(
        `select id from cases tablesample bernoulli (5) repeatable (42)
         where sensitivity = 'normal' limit 200`,
      )
    ).rows.map((r) => r.id);
    const user = (await c.query<{ id: string }>(`select id from users where email = $1`, [email])).rows[0]!
      .id;
    const get = (p: string) => () => fetch(`${app.url}${p}`, { headers: session.headers });
    const measure = async (
      label: string,
      path: (i: number) => string,
      amount: number,
      concurrency: number,
    ) => {
      const r = await timedRequests({
        amount,
        concurrency,
        maxSeconds: 90,
        request: (i) => get(path(i))(),
      });
      if (r.failed > 0)
        findings.push(
          `${label}: ${r.failed} of ${r.requests} requests failed (first: ${r.firstFailure ?? '?'})`,
        );
      progress(
        `views: ${label.padEnd(34)} p50 ${r.p50Ms} ms p95 ${r.p95Ms} ms p99 ${r.p99Ms} ms` +
          ` (${r.ok} ok, ${r.failed} failed${r.firstFailure ? `: ${r.firstFailure}` : ''})`,
      );
      return r;
    };
    // Warm-up: the first requests pay for JIT and cold pages.
    await timedRequests({
      amount: 30,
      concurrency: 2,
      maxSeconds: 30,
      request: (i) => get(`/api/cases/${ids[i % ids.length]}`)(),
    });
    await timedRequests({ amount: 10, concurrency: 1, maxSeconds: 30, request: () => get('/api/cases')() });

    const n = profile.viewRequests;
    const out: Record<string, TimedResult | unknown> = {};
    out.queue = await measure('queue GET /api/cases (1 conn)', () => '/api/cases', n, 1);
    out.queue4 = await measure('queue GET /api/cases (4 conns)', () => '/api/cases', n, 4);
    out.casePage = await measure(
      'case page GET /api/cases/:id (1 conn)',
      (i) => `/api/cases/${ids[i % ids.length]}`,
      n,
      1,
    );
    out.casePage4 = await measure(
      'case page GET /api/cases/:id (4 conns)',
      (i) => `/api/cases/${ids[i % ids.length]}`,
      n,
      4,
    );
    // The worst queue the API allows: every closed case, sorted (most of the table).
    out.queueClosed = await measure('queue ?status=closed (1 conn)', () => '/api/cases?status=closed', 30, 1);

    const explain = async (sql: string, params: unknown[]) =>
      (await c.query<{ 'QUERY PLAN': string }>(sql, params)).rows.map((r) => r['QUERY PLAN']);
    out.explain = {
      queueOpen: await explain(QUEUE_SQL(OPEN), [user]),
      queueClosed: await explain(QUEUE_SQL(['closed']), [user]),
      caseEvents: await explain(
        `explain (analyze, buffers, costs off) select * from case_events where case_id = $1 order by at, id`,
        [ids[0]],
      ),
    };
    return { dataset, sampleCases: ids.length, ...out };
  } finally {
    await c.end();
    await app.stop();
  }
}

async function dashboards(dataUrl: string) {
  progress('dashboards: adding what they count to the data set');
  const data = await addDashboardData(dataUrl);
  const env = appEnv({ dataDir: path.join(work, 'app-views'), databaseUrl: dataUrl, ...keys });
  const email = 'bench-analyst@example.test';
  await prepareDatabase(env, { email, roles: ['analyst'] });
  const rollup = await runDashboardRollup(env);
  const app = await startAppServer(env, { logDir, name: 'server-dashboards', mode: serverMode });
  cleanups.push(() => app.stop());
  try {
    const session = await signIn(app.url, email);
    const measures = await measureDashboards({
      url: app.url,
      headers: session.headers,
      amount: full ? 40 : 20,
      onFinding: (m) => findings.push(m),
    });
    return { data, rollup, loadAvg1m: round(loadavg()[0]!, 2), measures };
  } finally {
    await app.stop();
  }
}

async function clocks(dataUrl: string) {
  const resultFile = path.join(work, 'clocks.json');
  const proc = startProc(process.execPath, ['--import', 'tsx', path.join(root, 'bench/clocks.ts')], {
    env: {
      ...appEnv({ dataDir: path.join(work, 'app-clocks'), databaseUrl: dataUrl, ...keys, logLevel: 'warn' }),
      BENCH_CLOCKS: String(profile.clocks),
      BENCH_CLOCK_LEAD_S: String(profile.clockLeadS),
      BENCH_CLOCK_WINDOW_S: String(profile.clockWindowS),
      BENCH_CLOCK_TAIL_S: String(profile.clockTailS),
      BENCH_RESULT_FILE: resultFile,
    },
    logFile: path.join(logDir, 'clocks.log'),
  });
  cleanups.push(() => proc.stop());
  // Relay its progress lines while it runs (bounded: lead + window + tail + start-up margin).
  let shown = 0;
  const deadline = Date.now() + (profile.clockLeadS + profile.clockWindowS + profile.clockTailS + 120) * 1000;
  let code: number | null | undefined;
  void proc.exited.then((c) => (code = c));
  while (code === undefined && Date.now() < deadline) {
    await sleep(1000);
    const lines = existsSync(proc.logFile) ? readFileSync(proc.logFile, 'utf8').split('\n') : [];
    for (const line of lines.slice(shown, -1)) if (line.startsWith('[bench')) console.log(`  ${line}`);
    shown = Math.max(shown, lines.length - 1);
  }
  if (code === undefined) {
    await proc.stop();
    throw new Error(`timer bench did not finish in time; see ${proc.logFile}`);
  }
  if (!existsSync(resultFile)) throw new Error(`timer bench failed (exit ${code}); see ${proc.logFile}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------

const started = Date.now();
progress(
  `Dharura bench ${runId} (${profile.mode}): ${results.machine && (results.machine as { cores: number }).cores} cores, ` +
    `node ${process.version}; work dir ${work}`,
);
try {
  if (sections.has('intake') || sections.has('weight')) {
    const intakeResults: Record<string, unknown> = {};
    for (const kind of ['pglite', 'postgres'] as const) {
      if (!sections.has('intake') && kind === 'pglite') continue;
      if (!args.db!.split(',').includes(kind)) continue;
      try {
        intakeResults[kind] = await intake(kind);
      } catch (err) {
        fail(`intake ${kind}`, err);
      }
    }
    results.intake = intakeResults;
  }

  if (sections.has('weight')) {
    try {
      progress('console: building into the work dir (vite build)');
      const webDir = path.join(work, 'web');
      const build = buildConsole(webDir);
      if (!build.ok) throw new Error(`vite build failed:\n${build.output}`);
      const w: ConsoleWeight = consoleWeight(webDir);
      results.console = { ...w, buildSeconds: build.seconds, webDir: 'dist/web (built to a temporary dir)' };
      progress(
        `console: initial JS ${w.initialJsGzipKb} KB gzipped (${w.initialJsKb} KB raw) in ${w.files.length} file(s)`,
      );
    } catch (err) {
      fail('console weight', err);
    }
  }

  // Lighthouse's mobile preset on sign-in, queue and a case, on `dharura demo` serving the console just
  // built (or dist/web with --only lighthouse).
  if (sections.has('lighthouse')) {
    try {
      const built = path.join(work, 'web');
      const lh = await runLighthouse({
        ...(existsSync(path.join(built, 'index.html')) ? { webDir: built } : {}),
        runs: profile.mode === 'quick' ? 1 : 3,
        onProgress: progress,
      });
      results.lighthouse = lh;
      progress(
        `lighthouse: ${lh.pages.map((p) => `${p.page} performance ${p.performance}, accessibility ${p.accessibility}`).join('; ')}`,
      );
    } catch (err) {
      fail('lighthouse', err);
    }
  }

  if (sections.has('views') || sections.has('clocks') || sections.has('dashboards')) {
    let dataUrl: string | undefined;
    try {
      dataUrl = await newDatabase('data');
      progress(
        `data set: ${profile.cases.toLocaleString('en')} cases, ${profile.events.toLocaleString('en')} events on PostgreSQL`,
      );
      const dataset = await generateDataset({
        databaseUrl: dataUrl,
        env: appEnv({ dataDir: path.join(work, 'app-views'), ...keys }),
        cases: profile.cases,
        events: profile.events,
        onProgress: (m) => progress(`data set: ${m}`),
      });
      progress(`data set: built in ${dataset.totalSeconds} s (${JSON.stringify(dataset.tableSizesMb)} MB)`);
      results.dataset = dataset;
      if (sections.has('views')) {
        try {
          results.views = await views(dataUrl, dataset);
        } catch (err) {
          fail('views', err);
        }
      }
    } catch (err) {
      fail('data set', err);
    }
    // 7: the dashboards (< 1 s p95 on the full data set), beside a same-run baseline.
    if (sections.has('dashboards') && dataUrl && results.dataset) {
      try {
        results.dashboards = await dashboards(dataUrl);
      } catch (err) {
        fail('dashboards', err);
      }
    }
    if (sections.has('clocks') && dataUrl && results.dataset) {
      try {
        progress(`timers: ${profile.clocks} clocks due within ${profile.clockWindowS} s, jobs running`);
        results.clocks = await clocks(dataUrl);
      } catch (err) {
        fail('clocks', err);
      }
    }
  }
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  if (!args.keep) {
    for (const name of createdDatabases) await dropDatabase(name).catch((e) => fail(`drop ${name}`, e));
  }
}

results.totalSeconds = Math.round((Date.now() - started) / 1000);
const outDir = path.join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${runId}-${profile.mode}.json`);
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
progress(`results: ${path.relative(root, outFile)}`);
if (!args['no-docs']) {
  writeReport(results, path.join(root, 'docs/PERFORMANCE.md'), path.relative(root, outFile));
  progress('docs/PERFORMANCE.md updated');
}
if (errors.length === 0 && findings.length === 0 && !args.keep)
  rmSync(work, { recursive: true, force: true });
else progress(`logs kept in ${logDir}`);
progress(`done in ${results.totalSeconds} s${errors.length ? ` with ${errors.length} error(s)` : ''}`);
process.exit(errors.length ? 1 : 0);
