/**
 * `npm run test:resilience` — the reliability bars of DESIGN §7 against the real server (`dharura
 * serve` as a child process, from dist/ when it is up to date, else the sources through tsx), on the
 * local PostgreSQL (fresh databases, dropped at the end) and on PGlite (fresh data directories).
 *
 *   npm run test:resilience                 quick mode (CI): a few minutes
 *   npm run test:resilience -- --full       full mode (or RESILIENCE_MODE=full): 100,000 fuzz requests …
 *   options: --only crash,two-instances,fuzz,gateway,failover   --crash-db pglite,postgres   --fuzz-db postgres
 *            --keep (work directory, logs and databases)   --json <file> (the results)
 *            --lanes N (scenarios side by side; default 2, 1 for one at a time)
 *            --sabotage (or RESILIENCE_SABOTAGE=1): delete one acknowledged report before the crash
 *            and failover checks, so the run must fail — proof that the checker can see a loss
 *
 * Scenarios (see docs/PERFORMANCE.md, "Resilience"): crash (kill -9 mid-surge, restart: acknowledged
 * reports kept, pending timers fire), two-instances (no page or message twice, no step skipped), fuzz
 * (malformed requests to every public endpoint: no 5xx, no crash, nothing half-written) and gateway
 * (Africa's Talking failing, hanging, slow and flaky: retries, fallbacks, nothing lost) and failover
 * (a PostgreSQL primary with a synchronous standby behind HAProxy; kill -9 the primary mid-surge,
 * promote the standby: acknowledged reports on the new primary, pending timers fire, the same server
 * process recovers, recovery time reported; needs the PostgreSQL binaries and HAProxy). Every crash run
 * ends with a self-test that sabotages the data in a rolled-back transaction and demands the checkers
 * fail. Exit code 0 only when every check of every scenario passed.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { finishRun, newRun, say, type DbKind } from './lib/env.js';
import { profiles, type ScenarioResult } from './lib/scenario.js';
import { crashScenario } from './scenarios/crash.js';
import { failoverScenario } from './scenarios/failover.js';
import { fuzzScenario } from './scenarios/fuzz.js';
import { gatewayScenario } from './scenarios/gateway.js';
import { twoInstancesScenario } from './scenarios/two-instances.js';

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'crash-db': { type: 'string', default: 'postgres,pglite' },
    'fuzz-db': { type: 'string', default: 'postgres' },
    keep: { type: 'boolean', default: false },
    sabotage: { type: 'boolean', default: false },
    json: { type: 'string' },
    lanes: { type: 'string', default: '2' },
  },
});

const mode = args.full || (!args.quick && process.env.RESILIENCE_MODE === 'full') ? 'full' : 'quick';
const profile = profiles[mode];
const sabotage =
  args.sabotage === true || ['1', 'true', 'yes'].includes(process.env.RESILIENCE_SABOTAGE ?? '');
const only = new Set(
  (args.only ?? 'crash,two-instances,fuzz,gateway,failover').split(',').map((s) => s.trim()),
);
const dbList = (v: string | undefined): DbKind[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is DbKind => s === 'postgres' || s === 'pglite');

const run = newRun(args.keep === true);
const started = Date.now();
say('run', `${mode} mode; work directory ${run.work}; load average ${loadavg()[0]!.toFixed(2)}`);

/** `weight`: roughly how long the scenario takes in quick mode (s), to balance the lanes. */
const plan: { name: string; weight: number; go: () => Promise<ScenarioResult> }[] = [];
if (only.has('crash'))
  for (const kind of dbList(args['crash-db']))
    plan.push({
      name: `crash-${kind}`,
      weight: kind === 'pglite' ? 100 : 85,
      go: () => crashScenario(run, kind, profile, sabotage),
    });
if (only.has('two-instances'))
  plan.push({ name: 'two-instances', weight: 35, go: () => twoInstancesScenario(run, profile) });
if (only.has('fuzz'))
  for (const kind of dbList(args['fuzz-db']))
    plan.push({
      name: `fuzz-${kind}`,
      weight: kind === 'pglite' ? 60 : 30,
      go: () => fuzzScenario(run, kind, profile),
    });
if (only.has('failover'))
  plan.push({ name: 'failover', weight: 90, go: () => failoverScenario(run, profile, sabotage) });
if (only.has('gateway')) plan.push({ name: 'gateway', weight: 55, go: () => gatewayScenario(run, profile) });

async function runStep(step: (typeof plan)[number]): Promise<ScenarioResult> {
  say(step.name, 'start');
  const t = Date.now();
  try {
    const r = await step.go();
    say(step.name, `${r.ok ? 'PASS' : 'FAIL'} in ${r.seconds} s`);
    return r;
  } catch (err) {
    const msg = (err as Error)?.stack ?? String(err);
    say(step.name, `ERROR ${msg.split('\n')[0]}`);
    return {
      name: step.name,
      ok: false,
      seconds: Math.round((Date.now() - t) / 1000),
      numbers: {},
      checks: [],
      error: msg.split('\n').slice(0, 6).join('\n'),
    };
  }
}

// The crash scenarios spend most of their time waiting for timers: scenarios run in lanes side by
// side (longest first, each to the lane with the least work), one after another within a lane.
const laneCount = Math.max(1, Math.min(plan.length, Number(args.lanes) || 1));
const lanes: (typeof plan)[] = Array.from({ length: laneCount }, () => []);
const work = (lane: typeof plan) => lane.reduce((sum, step) => sum + step.weight, 0);
for (const step of [...plan].sort((a, b) => b.weight - a.weight)) {
  lanes.reduce((best, lane) => (work(lane) < work(best) ? lane : best)).push(step);
}
const byName = new Map<string, ScenarioResult>();
await Promise.all(
  lanes.map(async (lane) => {
    for (const step of lane) byName.set(step.name, await runStep(step));
  }),
);
const results = plan.map((step) => byName.get(step.name)!);

const ok = results.length > 0 && results.every((r) => r.ok);
const totalS = Math.round((Date.now() - started) / 1000);
const lines: string[] = ['', `=== resilience summary (${mode} mode, ${totalS} s) ===`];
for (const r of results) {
  lines.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
  const nums = Object.entries(r.numbers)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join('  ');
  if (nums) lines.push(`      ${nums}`);
  for (const c of r.checks) {
    const cn = Object.entries(c.numbers)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
      .join(' ');
    lines.push(`      ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${cn ? ` (${cn})` : ''}`);
    for (const p of c.problems) lines.push(`           - ${p}`);
  }
  if (r.error) lines.push(`      error: ${r.error.replace(/\n/g, '\n             ')}`);
}
lines.push(
  ok
    ? `resilience: all ${results.length} scenarios passed`
    : `resilience: ${results.filter((r) => !r.ok).length} of ${results.length} scenarios FAILED`,
);
process.stdout.write(`${lines.join('\n')}\n`);
if (args.json) writeFileSync(args.json, JSON.stringify({ mode, totalS, ok, results }, null, 2));
await finishRun(run, !ok);
process.exit(ok ? 0 : 1);
