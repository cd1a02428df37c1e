import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import { createDashboardsRepo, type CaseFilter } from './dashboards.repo.js';
import { createDashboardRollupRepo, readTimingRollup } from './dashboards.rollup.repo.js';
import { liveTimings } from './timings.repo.js';

/**
 * The monthly pre-aggregate gives exactly the live figures: cases spread over five months (one received
 * just after midnight EAT on the first of a month, i.e. still the previous day in UTC), with varied
 * priorities and times, compared as computed live and as read through the pre-aggregate, before and after
 * the job, and after cases of aggregated months change.
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
const priorities = ['high', 'medium', 'low', null] as const;

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
      `update cases set priority = $2, received_at = $3, acknowledged_at = $4, decided_at = $5,
         first_action_at = $6 where id = $1`,
      [
        c.id,
        priorities[i % 4],
        new Date(base),
        when(5 + ((i * 37) % 90)),
        i % 3 === 0 ? null : when(30 + ((i * 53) % 600)),
        i % 4 === 3 ? null : when(60 + ((i * 71) % 1440)),
      ],
    );
    ids.push(c.id);
  }
}, 120_000);
afterAll(() => t?.close());

const repo = () => createDashboardsRepo(t.database.db);
const rollup = () => createDashboardRollupRepo(t.database.db);
const live = () => liveTimings(t.database.db, period);

describe('dashboards monthly pre-aggregate', () => {
  it('gives the live figures before the job has run (all computed live)', async () => {
    const { rows, live: parts } = await readTimingRollup(t.database.db, period);
    expect(rows).toEqual([]);
    expect(parts).toEqual([period]);
    expect(await repo().timings(period)).toEqual(await live());
  });

  it('aggregates the closed months and reads them back exactly', async () => {
    expect(await rollup().refresh(t.clock.now())).toBe(4);
    expect(await rollup().months()).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    // Nothing left to do until a month closes or changes.
    expect(await rollup().refresh(t.clock.now())).toBe(0);
    const { rows, live: parts } = await readTimingRollup(t.database.db, period);
    // July is only partly inside the period and November is still open: both computed live.
    expect(parts).toEqual([
      { from: period.from, to: new Date('2026-07-31T21:00:00Z') },
      { from: new Date('2026-10-31T21:00:00Z'), to: period.to },
    ]);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2026-08', '2026-09', '2026-10']));
    const expected = await live();
    expect(expected.length).toBeGreaterThan(20);
    expect(await repo().timings(period)).toEqual(expected);
  });

  it('drops a month whose cases change, and the job puts it back', async () => {
    // September's first case acknowledged much later; a new case received in August.
    await t.database.query(
      `update cases set acknowledged_at = received_at + interval '17 hours' where id = $1`,
      [ids[6]],
    );
    const late = await f.buildCase();
    await t.database.query(
      `update cases set priority = 'high', received_at = '2026-08-10T10:00:00Z',
         acknowledged_at = '2026-08-10T10:03:00Z' where id = $1`,
      [late.id],
    );
    expect(await rollup().months()).toEqual(['2026-07', '2026-10']);
    const expected = await live();
    expect(await repo().timings(period)).toEqual(expected);
    expect(await rollup().refresh(t.clock.now())).toBe(2);
    expect(await repo().timings(period)).toEqual(expected);
    // A case moved to another month changes both.
    await t.database.query(`update cases set received_at = '2026-11-05T10:00:00Z' where id = $1`, [ids[11]]);
    expect(await rollup().months()).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(await repo().timings(period)).toEqual(await live());
  });

  it('leaves filtered summaries to the live query', async () => {
    await rollup().refresh(t.clock.now());
    const county = { ...period, county: 'Nairobi' };
    expect(await repo().timings(county)).toEqual(await liveTimings(t.database.db, county));
  });
});
