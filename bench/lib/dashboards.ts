import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import { openAndMigrate } from '../../src/server/main.js';
import { createDashboardsRepo } from '../../src/server/modules/dashboards/dashboards.repo.js';
import { createDashboardRollupRepo } from '../../src/server/modules/dashboards/dashboards.rollup.repo.js';
import { timedRequests, type TimedResult } from './load.js';
import { progress, round } from './util.js';

/**
 * The dashboards at scale (DESIGN §7: < 1 s p95 on the 1,000,000-case data set). `addDashboardData`
 * gives the bench's cases what the dashboards count — varied acknowledge/decide/first-action times, a
 * clock per case (a tenth breached, a running one on open cases), institutional responses, outcomes,
 * feedback, referrals and fund requests on a share of them — in set-based SQL (foreign-key triggers
 * skipped as for the rest of the data set; the keys are valid or, for the rows' owners, irrelevant to
 * the aggregates). `measureDashboards` then times the API against the real server.
 */
export async function addDashboardData(
  databaseUrl: string,
): Promise<{ seconds: number; rows: Record<string, number> }> {
  const started = Date.now();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const rows: Record<string, number> = {};
  const run = async (label: string, sql: string) => {
    const r = await c.query(sql);
    rows[label] = r.rowCount ?? 0;
    progress(`dashboards data: ${label} ${(r.rowCount ?? 0).toLocaleString('en')} rows`);
  };
  try {
    await c.query(`set session_replication_role = replica`);
    await c.query(`set synchronous_commit = off`);
    // h(n): a well-mixed 0..n-1 per case, from its id.
    const h = (seed: number, n: number) => `(abs(hashtextextended(id::text, ${seed})) % ${n})`;
    await run(
      'case times',
      `update cases set
         acknowledged_at = case when acknowledged_at is not null then received_at + ${h(1, 90)} * interval '1 minute' + interval '2 minutes' end,
         decided_at = case when priority is not null then received_at + ${h(2, 600)} * interval '1 minute' + interval '30 minutes' end,
         first_action_at = case when priority is not null and ${h(3, 4)} > 0 then received_at + ${h(4, 1440)} * interval '1 minute' + interval '1 hour' end`,
    );
    await run(
      'clocks',
      `insert into case_clocks (case_id, kind, due_at, met_at, fired_at, breached, created_at)
       select id, 'acknowledge', received_at + interval '30 minutes',
         case when ${h(5, 10)} > 0 then received_at + interval '20 minutes' end,
         case when ${h(5, 10)} = 0 then received_at + interval '30 minutes' end,
         ${h(5, 10)} = 0, received_at
       from cases`,
    );
    await run(
      'running clocks',
      `insert into case_clocks (case_id, kind, due_at, breached, created_at)
       select id, 'decide', received_at + interval '4 hours', false, received_at
       from cases where closed_at is null`,
    );
    await run(
      'institutional responses',
      `insert into institutional_responses (case_id, agency, station, request, response, ob_number, at)
       select id, (array['police', 'police', 'police', 'dci', 'ipoa'])[1 + ${h(6, 5)}],
         'Station ' || ${h(7, 60)}, 'record_report',
         (array['recorded_with_ob', 'refused', 'ignored', 'hostile', 'referred', 'complied'])[1 + ${h(8, 6)}],
         case when ${h(8, 6)} = 0 then 'OB ' || ${h(9, 99)} || '/' || to_char(received_at, 'DD/MM/YYYY') end,
         received_at + interval '1 day'
       from cases where ${h(10, 10)} = 0`,
    );
    await run(
      'impacts',
      `insert into case_impacts (case_id, scope, code, at)
       select id, 'immediate', (array['released', 'medical_care_received'])[1 + ${h(11, 2)}], received_at + interval '3 days'
       from cases where ${h(12, 20)} = 0`,
    );
    await run(
      'feedback',
      `insert into victim_feedback (case_id, channel, satisfaction, confidentiality_respected, decided_next_steps, at)
       select id, 'sms', 1 + ${h(13, 5)}, ${h(14, 10)} > 0, ${h(15, 3)} > 0, received_at + interval '10 days'
       from cases where ${h(16, 20)} = 0`,
    );
    await run(
      'referrals',
      `insert into referrals (case_id, provider_id, need, status, data_key_id, consent_purpose, consent_fields,
         consent_method, consent_recorded_by, consent_recorded_at, created_at, responded_at, completed_at)
       select id, gen_random_uuid(), (array['safe_house_placement', 'counselling', 'medical', 'legal_aid'])[1 + ${h(17, 4)}],
         (array['sent', 'accepted', 'declined', 'completed'])[1 + ${h(18, 4)}], data_key_id, 'bench', '{}',
         'in_person', gen_random_uuid(), received_at, received_at + interval '2 hours',
         case when ${h(18, 4)} > 0 then received_at + ${h(19, 48)} * interval '1 hour' + interval '3 hours' end,
         case when ${h(18, 4)} = 3 then received_at + interval '9 days' end
       from cases where ${h(20, 50)} = 0`,
    );
    await run(
      'fund requests',
      `insert into fund_requests (case_id, amount_cents, purpose, method, status, beneficiary_name_enc,
         fund_account_id, required_approvals, requested_by, requested_at, paid_at)
       select id, 100000 * (1 + ${h(21, 50)}), (array['bail', 'medical', 'transport', 'relocation'])[1 + ${h(22, 4)}],
         'mpesa', case when ${h(23, 3)} > 0 then 'paid' else 'requested' end, 'bench', gen_random_uuid(), 1,
         gen_random_uuid(), received_at + interval '1 hour',
         case when ${h(23, 3)} > 0 then received_at + ${h(24, 600)} * interval '1 minute' + interval '90 minutes' end
       from cases where ${h(25, 100)} = 0`,
    );
    await c.query(`reset session_replication_role`);
    // The updates above ran without triggers: months aggregated before are no longer current.
    if ((await c.query(`select to_regclass('dashboard_month_figures') t`)).rows[0].t)
      await c.query(`delete from dashboard_month_figures`);
    progress('dashboards data: vacuum analyze');
    await c.query(`vacuum (analyze) cases`);
    for (const t of [
      'case_clocks',
      'institutional_responses',
      'case_impacts',
      'victim_feedback',
      'referrals',
      'fund_requests',
    ])
      await c.query(`analyze ${t}`);
  } finally {
    await c.end();
  }
  return { seconds: round((Date.now() - started) / 1000, 1) ?? 0, rows };
}

/**
 * What the `dashboards.rollup` job does every quarter of an hour (the bench's server runs no jobs): the
 * closed months' pre-aggregate, computed on the data set before the summary is timed.
 */
export async function runDashboardRollup(
  env: NodeJS.ProcessEnv,
): Promise<{ months: number; seconds: number }> {
  const started = Date.now();
  const database = await openAndMigrate(loadConfig(env));
  try {
    const months = await createDashboardRollupRepo(database.db, createDashboardsRepo).refresh(new Date());
    return { months, seconds: round((Date.now() - started) / 1000, 1) ?? 0 };
  } finally {
    await database.close();
  }
}

export interface DashboardMeasure {
  label: string;
  path: string;
  result: TimedResult;
}

/** EAT day `days` before today, as `YYYY-MM-DD`. */
const dayBefore = (days: number) =>
  new Date(Date.now() + 3 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The dashboards against the real server, each request timed on its own, beside a same-run baseline
 * (GET /api/auth/me: the same session check and serialisation, no aggregate). `amount` per measure.
 */
export async function measureDashboards(opts: {
  url: string;
  headers: Record<string, string>;
  amount: number;
  onFinding: (msg: string) => void;
}) {
  const get = (p: string) => () => fetch(`${opts.url}${p}`, { headers: opts.headers });
  const lastQuarter = (() => {
    const d = new Date(Date.now() + 3 * 3600_000);
    const q = Math.floor(d.getUTCMonth() / 3);
    return q === 0 ? `${d.getUTCFullYear() - 1}-Q4` : `${d.getUTCFullYear()}-Q${q}`;
  })();
  const specs: { label: string; path: string; amount?: number }[] = [
    { label: 'baseline GET /api/auth/me', path: '/api/auth/me' },
    { label: 'summary, default (last 90 days)', path: '/api/dashboards/summary' },
    { label: 'summary, one county, 90 days', path: '/api/dashboards/summary?county=Nairobi' },
    { label: 'summary, one violation type, 90 days', path: '/api/dashboards/summary?violationType=femicide' },
    { label: 'summary, last 365 days', path: `/api/dashboards/summary?from=${dayBefore(364)}` },
    { label: 'summary CSV, default', path: '/api/dashboards/summary.csv' },
    {
      label: `period report PDF ${lastQuarter}`,
      path: `/api/reports/period.pdf?period=${lastQuarter}`,
      amount: 10,
    },
  ];
  // Warm-up: JIT, plans and cold pages.
  for (const s of specs)
    await timedRequests({ amount: 3, concurrency: 1, maxSeconds: 60, request: () => get(s.path)() });
  const out: DashboardMeasure[] = [];
  for (const s of specs) {
    const result = await timedRequests({
      amount: s.amount ?? opts.amount,
      concurrency: 1,
      maxSeconds: 120,
      request: () => get(s.path)(),
    });
    if (result.failed > 0)
      opts.onFinding(
        `${s.label}: ${result.failed} of ${result.requests} failed (${result.firstFailure ?? '?'})`,
      );
    progress(
      `dashboards: ${s.label.padEnd(40)} p50 ${result.p50Ms} ms p95 ${result.p95Ms} ms (${result.ok} ok)`,
    );
    out.push({ label: s.label, path: s.path, result });
  }
  const base = out[0]!.result.p50Ms;
  return out.map((m) => ({ ...m, ratioToBaselineP50: round(m.result.p50Ms / base, 1) }));
}
