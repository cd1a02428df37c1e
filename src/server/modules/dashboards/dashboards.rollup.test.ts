import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import type { DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { createDashboardsRepo, type CaseFilter } from './dashboards.repo.js';
import { createDashboardRollupRepo, readRollup } from './dashboards.rollup.repo.js';
import { mergeFigures } from './figures.js';

/**
 * The monthly pre-aggregate gives exactly the live figures: cases spread over five months (one received
 * just after midnight EAT on the first of a month, i.e. still the previous day in UTC, one a minute before
 * midnight EAT at a month's end), with varied counties, priorities, times, clocks, institutional responses,
 * impacts, feedback and referrals, compared as computed live and as read through the pre-aggregate —
 * before and after the job, and after cases of aggregated months and their records change.
 */
let t: TestApp;
let f: Factories;
const MIN = 60_000;
const ids: string[] = [];
/** 2026-07-15 .. 2026-11-20 (EAT), `to` exclusive. */
const period: CaseFilter = {
  from: new Date('2026-07-14T21:00:00Z'),
  to: new Date('2026-11-20T21:00:00Z'),
};
const query = 'from=2026-07-15&to=2026-11-20';
const priorities = ['high', 'medium', 'low', null] as const;
const counties = ['Nairobi', 'Kisumu', "Murang'a", 'Homa Bay', 'Taita-Taveta'];

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = factories(t.app);
  const received = [
    '2026-07-02T08:00:00Z', // before the period: never counted
    '2026-07-20T08:00:00Z',
    '2026-07-31T22:30:00Z', // 01:30 on 1 August in EAT
    '2026-08-05T10:00:00Z',
    '2026-08-19T10:00:00Z',
    '2026-08-28T10:00:00Z',
    '2026-09-03T10:00:00Z',
    '2026-09-09T10:00:00Z',
    '2026-09-21T10:00:00Z',
    '2026-09-30T20:59:00Z', // 23:59 on 30 September in EAT
    '2026-10-02T10:00:00Z',
    '2026-10-14T10:00:00Z',
    '2026-10-30T10:00:00Z',
    '2026-11-02T10:00:00Z',
    '2026-11-19T10:00:00Z',
  ];
  for (const [i, at] of received.entries()) {
    const c = await f.buildCase();
    const base = Date.parse(at);
    const when = (m: number | null) => (m === null ? null : new Date(base + m * MIN));
    await t.database.query(
      `update cases set county = $2, priority = $3, received_at = $4, acknowledged_at = $5, decided_at = $6,
         first_action_at = $7 where id = $1`,
      [
        c.id,
        counties[i % 5],
        priorities[i % 4],
        new Date(base),
        when(5 + ((i * 37) % 90)),
        i % 3 === 0 ? null : when(30 + ((i * 53) % 600)),
        i % 4 === 3 ? null : when(60 + ((i * 71) % 1440)),
      ],
    );
    // Intake's own clocks are stamped now(): made to start at receipt, a third of them breached.
    await t.database.query(`update case_clocks set created_at = $2, breached = $3 where case_id = $1`, [
      c.id,
      new Date(base),
      i % 3 === 1,
    ]);
    await t.database.query(
      `insert into institutional_responses (case_id, agency, station, request, response, ob_number, at)
       values ($1, $2, $3, 'record_report', $4, $5, $6)`,
      [
        c.id,
        i % 2 ? 'police' : 'dci',
        `Station ${i % 3}`,
        ['recorded_with_ob', 'refused', 'ignored', 'hostile', 'referred'][i % 5],
        i % 5 === 0 ? `OB ${i}/2026` : null,
        new Date(base + 86_400_000),
      ],
    );
    if (i % 2 === 0)
      await t.database.query(
        `insert into case_impacts (case_id, scope, code, at) values ($1, 'immediate', $2, $3)`,
        [c.id, i % 4 ? 'released' : 'medical_care_received', new Date(base + 3 * 86_400_000)],
      );
    if (i % 3 !== 2)
      await t.database.query(
        `insert into victim_feedback (case_id, channel, satisfaction, confidentiality_respected,
           decided_next_steps, at) values ($1, 'sms', $2, $3, $4, $5)`,
        [c.id, 1 + (i % 5), i % 4 !== 0, i % 3 === 0, new Date(base + 10 * 86_400_000)],
      );
    // Referrals name a provider and a data key: their foreign keys are not the point here.
    if (i % 3 === 0) {
      await t.database.query(`set session_replication_role = replica`);
      await t.database.query(
        `insert into referrals (case_id, provider_id, need, status, data_key_id, consent_purpose,
           consent_fields, consent_method, consent_recorded_by, consent_recorded_at, created_at, responded_at)
         select id, gen_random_uuid(), $2, $3, data_key_id, 'test', '{}', 'in_person', gen_random_uuid(),
           received_at, received_at + interval '2 hours', received_at + $4 * interval '1 hour'
         from cases where id = $1`,
        [
          c.id,
          i % 2 ? 'counselling' : 'legal_aid',
          ['sent', 'accepted', 'declined', 'completed'][i % 4],
          3 + i * 4,
        ],
      );
      await t.database.query(`reset session_replication_role`);
    }
    ids.push(c.id);
  }
}, 180_000);
afterAll(() => t?.close());

const repo = () => createDashboardsRepo(t.database.db);
const rollup = () => createDashboardRollupRepo(t.database.db, createDashboardsRepo);
const live = async (filter: CaseFilter = period) => mergeFigures([await repo().liveFigures(filter)]);
async function summary(): Promise<DashboardSummary> {
  const s = await f.session('analyst');
  const res = await t.app.inject({ url: `/api/dashboards/summary?${query}`, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardSummary;
}

describe('dashboards monthly pre-aggregate', () => {
  let before: DashboardSummary;

  it('gives the live figures before the job has run (all computed live)', async () => {
    // The seeding above changed every month: nothing is aggregated yet.
    expect(await rollup().months()).toEqual([]);
    const { months, live: parts } = await readRollup(t.database.db, period);
    expect(months).toEqual([]);
    expect(parts).toEqual([period]);
    expect(await repo().figures(period)).toEqual(await live());
    before = await summary();
    expect(before.totalCases).toBe(14);
  });

  it('aggregates the closed months and reads them back exactly', async () => {
    expect(await rollup().refresh(t.clock.now())).toBe(4);
    expect(await rollup().months()).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    // Nothing left to do until a month closes or changes.
    expect(await rollup().refresh(t.clock.now())).toBe(0);
    const { months, live: parts } = await readRollup(t.database.db, period);
    // July is only partly inside the period and November is still open: both computed live.
    expect(parts).toEqual([
      { from: period.from, to: new Date('2026-07-31T21:00:00Z') },
      { from: new Date('2026-10-31T21:00:00Z'), to: period.to },
    ]);
    expect(months).toHaveLength(3);
    const expected = await live();
    expect(expected.timings.length).toBeGreaterThan(20);
    expect(expected.institutional.length).toBeGreaterThan(3);
    expect(expected.referrals.length).toBe(2);
    expect(await repo().figures(period)).toEqual(expected);
    // And through the API: the same summary, to the last figure.
    expect(await summary()).toEqual(before);
  });

  it('drops a month whose cases or their records change, and the job puts it back', async () => {
    // September: a case acknowledged much later. August: a new case. October: a clock breached.
    await t.database.query(
      `update cases set acknowledged_at = received_at + interval '17 hours' where id = $1`,
      [ids[6]],
    );
    const late = await f.buildCase();
    await t.database.query(
      `update cases set priority = 'high', county = 'Nairobi', received_at = '2026-08-10T10:00:00Z',
         acknowledged_at = '2026-08-10T10:03:00Z' where id = $1`,
      [late.id],
    );
    await t.database.query(`update case_clocks set breached = not breached where case_id = $1`, [ids[11]]);
    expect(await rollup().months()).toEqual(['2026-07']);
    const expected = await live();
    expect(await repo().figures(period)).toEqual(expected);
    expect(await rollup().refresh(t.clock.now())).toBe(3);
    expect(await repo().figures(period)).toEqual(expected);
    // Records added to or changed on aggregated months' cases: feedback, an impact, a referral answered.
    await t.database.query(
      `insert into victim_feedback (case_id, channel, satisfaction, confidentiality_respected,
         decided_next_steps, at) values ($1, 'sms', 5, true, true, now())`,
      [ids[8]],
    );
    expect(await rollup().months()).toEqual(['2026-07', '2026-08', '2026-10']);
    await t.database.query(
      `insert into case_impacts (case_id, scope, code, at) values ($1, 'immediate', 'released', now())`,
      [ids[3]],
    );
    await t.database.query(`update referrals set status = 'completed' where case_id = $1`, [ids[12]]);
    expect(await rollup().months()).toEqual(['2026-07']);
    expect(await repo().figures(period)).toEqual(await live());
    // A case moved to another month changes both. (Earlier, as a correction of its receipt would: the
    // breach figures rely on no clock being created before its case was received.)
    await rollup().refresh(t.clock.now());
    await t.database.query(`update cases set received_at = '2026-09-15T10:00:00Z' where id = $1`, [ids[10]]);
    expect(await rollup().months()).toEqual(['2026-07', '2026-08']);
    expect(await repo().figures(period)).toEqual(await live());
    await rollup().refresh(t.clock.now());
    expect(await repo().figures(period)).toEqual(await live());
  });

  it('leaves filtered summaries to the live query', async () => {
    await rollup().refresh(t.clock.now());
    const county = { ...period, county: 'Nairobi' };
    const figures = await repo().figures(county);
    expect(figures).toEqual(await live(county));
    expect(figures.byCounty.map((c) => c.county)).toEqual(['Nairobi']);
  });
});
