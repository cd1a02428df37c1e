import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import type { DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { CSV_HEADER, summaryCsv } from './dashboards.service.js';

/**
 * Dashboards on a small known data set: cases taken in through the API, then their timestamps, priority,
 * status and the response records set straight in SQL so every figure below can be worked out by hand.
 */
let t: TestApp;
let f: Factories;
let eventId: string;
const MIN = 60_000;

interface Seed {
  county: string;
  priority: string | null;
  status: string;
  types: string[];
  received: string;
  ack?: number;
  decide?: number;
  act?: number;
}

async function seedCase(s: Seed): Promise<string> {
  const c = await f.buildCase({ county: s.county });
  const at = (m?: number) => (m === undefined ? null : new Date(Date.parse(s.received) + m * MIN));
  await t.database.query(
    `update cases set county = $2, priority = $3, status = $4, violation_types = $5::text[],
       received_at = $6, acknowledged_at = $7, decided_at = $8, first_action_at = $9 where id = $1`,
    [c.id, s.county, s.priority, s.status, s.types, new Date(s.received), at(s.ack), at(s.decide), at(s.act)],
  );
  // Intake armed its own clocks: replace them with the known ones below.
  await t.database.query('delete from case_clocks where case_id = $1', [c.id]);
  return c.id;
}

const clock = (caseId: string, kind: string, breached: boolean) =>
  t.database.query(
    `insert into case_clocks (case_id, kind, due_at, breached, fired_at, created_at)
     values ($1, $2, '2026-10-20T00:00:00Z', $3, case when $3 then '2026-10-20T00:00:00Z'::timestamptz end, now())`,
    [caseId, kind, breached],
  );
const institutional = (caseId: string, station: string, response: string, ob: string | null = null) =>
  t.database.query(
    `insert into institutional_responses (case_id, agency, station, request, response, ob_number, at)
     values ($1, 'police', $2, 'record_report', $3, $4, '2026-10-15T08:00:00Z')`,
    [caseId, station, response, ob],
  );
const impact = (caseId: string, scope: string, code: string) =>
  t.database.query(
    `insert into case_impacts (case_id, scope, code, at) values ($1, $2, $3, '2026-10-16T08:00:00Z')`,
    [caseId, scope, code],
  );
const feedback = (caseId: string, satisfaction: number, conf: boolean, decided: boolean) =>
  t.database.query(
    `insert into victim_feedback (case_id, channel, satisfaction, confidentiality_respected, decided_next_steps, at)
     values ($1, 'sms', $2, $3, $4, '2026-10-17T08:00:00Z')`,
    [caseId, satisfaction, conf, decided],
  );

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = factories(t.app);
  // Nairobi, high priority, October: acknowledged after 10, 20 and 30 minutes; decided after 60 and 100;
  // first action after 120. Kisumu, medium, November: 40 / 200 / 300. Mombasa in September (outside).
  const a = await seedCase({
    county: 'Nairobi',
    priority: 'high',
    status: 'active',
    types: ['femicide'],
    received: '2026-10-05T09:00:00Z',
    ack: 10,
    decide: 60,
    act: 120,
  });
  const b = await seedCase({
    county: 'Nairobi',
    priority: 'high',
    status: 'awaiting_decision',
    types: ['femicide', 'rape'],
    received: '2026-10-10T09:00:00Z',
    ack: 20,
    decide: 100,
  });
  const c = await seedCase({
    county: 'Nairobi',
    priority: 'high',
    status: 'received',
    types: ['forced_eviction'],
    received: '2026-10-12T09:00:00Z',
    ack: 30,
  });
  const d = await seedCase({
    county: 'Kisumu',
    priority: 'medium',
    status: 'closed',
    types: ['rape'],
    received: '2026-11-03T09:00:00Z',
    ack: 40,
    decide: 200,
    act: 300,
  });
  await seedCase({
    county: 'Mombasa',
    priority: null,
    status: 'received',
    types: ['femicide'],
    received: '2026-09-01T09:00:00Z',
    ack: 5,
  });
  await clock(a, 'acknowledge', false);
  await clock(b, 'acknowledge', true);
  await clock(d, 'decide', true);
  await institutional(a, 'Kilimani', 'recorded_with_ob', 'OB 12/05/10/2026');
  await institutional(b, 'Kilimani', 'refused');
  await institutional(c, 'Kilimani', 'ignored');
  await institutional(d, 'Kondele', 'hostile');
  await impact(a, 'immediate', 'released');
  await impact(d, 'immediate', 'released');
  await feedback(a, 5, true, true);
  await feedback(d, 2, true, false);
  const responder = await f.buildResponder();
  for (const score of [2, 4])
    await t.database.query(
      `insert into wellbeing_checks (responder_id, score, source, at) values ($1, $2, 'sms', '2026-10-18T08:00:00Z')`,
      [responder.id, score],
    );
  const duty = await f.session('duty_officer');
  const ev = await t.app.inject({
    method: 'POST',
    url: '/api/events',
    headers: duty.headers,
    payload: { title: 'Kilimani protest' },
  });
  eventId = (ev.json() as { id: string }).id;
  await t.database.query('insert into event_cases (event_id, case_id) values ($1, $2), ($1, $3)', [
    eventId,
    a,
    d,
  ]);
}, 120_000);
afterAll(() => t?.close());

async function summary(query: string, role: 'analyst' | 'leadership' | 'duty_officer' = 'analyst') {
  const s = await f.session(role);
  const res = await t.app.inject({ url: `/api/dashboards/summary?${query}`, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardSummary;
}
const period = 'from=2026-10-01&to=2026-11-30';

describe('dashboards summary', () => {
  it('computes timings, breaches, open cases, the failure report, outcomes, feedback and counties', async () => {
    const s = await summary(period);
    expect(s.period).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(s.totalCases).toBe(4);
    const timing = (month: string, priority: string, measure: string) =>
      s.timings.find((r) => r.month === month && r.priority === priority && r.measure === measure);
    // percentile_cont: p90 of [10, 20, 30] is 20 + 0.8 × 10 = 28; of [60, 100] is 60 + 0.9 × 40 = 96.
    expect(timing('2026-10', 'high', 'acknowledge')).toMatchObject({
      count: 3,
      medianMinutes: 20,
      p90Minutes: 28,
    });
    expect(timing('2026-10', 'high', 'decide')).toMatchObject({
      count: 2,
      medianMinutes: 80,
      p90Minutes: 96,
    });
    expect(timing('2026-10', 'high', 'first_action')).toMatchObject({
      count: 1,
      medianMinutes: 120,
      p90Minutes: 120,
    });
    expect(timing('2026-11', 'medium', 'first_action')).toMatchObject({ count: 1, medianMinutes: 300 });
    expect(s.timings).toHaveLength(6);
    expect(s.slaBreaches).toEqual([
      { kind: 'acknowledge', total: 2, breached: 1 },
      { kind: 'decide', total: 1, breached: 1 },
    ]);
    expect(s.openByPriority).toEqual([{ priority: 'high', count: 3 }]);
    expect(s.institutional).toEqual([
      {
        agency: 'police',
        station: 'Kilimani',
        total: 3,
        recorded: 1,
        refused: 1,
        ignored: 1,
        hostile: 0,
        other: 0,
        obNumbers: 1,
      },
      {
        agency: 'police',
        station: 'Kondele',
        total: 1,
        recorded: 0,
        refused: 0,
        ignored: 0,
        hostile: 1,
        other: 0,
        obNumbers: 0,
      },
    ]);
    expect(s.impacts).toEqual([{ scope: 'immediate', code: 'released', count: 2 }]);
    expect(s.feedback).toEqual({
      responses: 2,
      averageSatisfaction: 3.5,
      satisfied: 1,
      confidentialityRespected: 2,
      decidedNextSteps: 1,
    });
    expect(s.byCounty).toEqual([
      { county: 'Kisumu', count: 1 },
      { county: 'Nairobi', count: 3 },
    ]);
    // Nothing that could name anyone: no ids, references, OB numbers or narratives.
    expect(JSON.stringify(s)).not.toMatch(/OB 12|Reporter Test|Mathare|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('applies the county, violation type, event and period filters', async () => {
    const nairobi = await summary(`${period}&county=Nairobi`);
    expect(nairobi.totalCases).toBe(3);
    expect(nairobi.byCounty).toEqual([{ county: 'Nairobi', count: 3 }]);
    expect(nairobi.institutional.map((r) => r.station)).toEqual(['Kilimani']);
    const femicide = await summary(`${period}&violationType=femicide`);
    expect(femicide.totalCases).toBe(2);
    expect(femicide.openByPriority).toEqual([{ priority: 'high', count: 2 }]);
    const event = await summary(`${period}&eventId=${eventId}`);
    expect(event.totalCases).toBe(2);
    expect(event.impacts).toEqual([{ scope: 'immediate', code: 'released', count: 2 }]);
    const september = await summary('from=2026-09-01&to=2026-09-30');
    expect(september.byCounty).toEqual([{ county: 'Mombasa', count: 1 }]);
    expect(september.openByPriority).toEqual([{ priority: 'none', count: 1 }]);
    // Without a period: the last 90 days to today (20 November) — September 1st is outside.
    const recent = await summary('');
    expect(recent.period).toEqual({ from: '2026-08-23', to: '2026-11-20' });
    expect(recent.totalCases).toBe(5);
  });

  it('shows responders’ wellbeing in aggregate to leadership only', async () => {
    expect((await summary(period, 'analyst')).wellbeing).toBeUndefined();
    expect((await summary(period, 'duty_officer')).wellbeing).toBeUndefined();
    expect((await summary(period, 'leadership')).wellbeing).toEqual({
      checks: 2,
      responders: 1,
      averageScore: 3,
      lowScores: 1,
    });
  });

  it('refuses roles without dashboards:read and bad filters', async () => {
    for (const role of ['finance', 'responder', 'legal'] as const) {
      const s = await f.session(role);
      for (const url of ['/api/dashboards/summary', '/api/dashboards/summary.csv'])
        expect((await t.app.inject({ url, headers: s.headers })).statusCode).toBe(403);
    }
    const analyst = await f.session('analyst');
    const bad = await t.app.inject({
      url: '/api/dashboards/summary?from=2026-11-30&to=2026-10-01',
      headers: analyst.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.app.inject({ url: '/api/dashboards/summary?violationType=nope', headers: analyst.headers }))
        .statusCode,
    ).toBe(400);
  });

  it('downloads the same figures as CSV', async () => {
    const json = await summary(`${period}&county=Nairobi`, 'leadership');
    const s = await f.session('leadership');
    const res = await t.app.inject({
      url: `/api/dashboards/summary.csv?${period}&county=Nairobi`,
      headers: s.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body).toBe(summaryCsv(json));
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toContain('cases,,total,3');
    expect(lines).toContain('timings,2026-10 / high / acknowledge,p90_minutes,28');
    expect(lines).toContain('institutional,police / Kilimani,refused,1');
    expect(lines).toContain('feedback,,averageSatisfaction,5');
    expect(lines).toContain('wellbeing,,lowScores,1');
    // Every number of the JSON is a line of the CSV.
    const values = lines.slice(1).map((l) => l.split(',').at(-1));
    expect(values.length).toBe(
      3 +
        json.timings.length * 3 +
        json.slaBreaches.length * 2 +
        json.openByPriority.length +
        json.institutional.length * 7 +
        json.impacts.length +
        5 +
        json.byCounty.length +
        json.openClocks.length * 2 +
        json.referrals.length * 5 +
        json.funds.length * 6 +
        4 +
        4,
    );
    // Leadership also gets the responders' load (aggregate): missions, responders, per responder, active.
    expect(json.responderLoad).toEqual({
      missions: 0,
      responders: 0,
      missionsPerResponder: null,
      stillActive: 0,
    });
  });
});
