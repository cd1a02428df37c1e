import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, TestDatabase } from '../../../../test/helpers.js';
import { ManualClock } from '../../lib/clock.js';
import type { AlertView } from '../../../shared/contracts/alerts.js';
import { bootManualClockApp, type Recording } from './alerts.test-kit.js';
import { GROUP_WINDOW_MINUTES } from './alerts.text.js';

/* A crackdown replay (DESIGN §2.7, §7): hundreds of urgent reports in minutes from a few wards. */

const WARDS = ['Kayole Central', 'Kayole North', 'Komarock', 'Matopeni'];
/** Six waves two minutes apart: a ward's reports of minutes 0–4 form one group, of 6–10 another. */
const WAVES = 6;
const PER_WAVE = 40;
const WAVE_GAP_MINUTES = 2;
/** DESIGN §7: report accepted → first notification, p99 ≤ 1 s. */
const ALERT_LATENCY_MS = 1000;

interface AlertRowLite {
  id: string;
  case_id: string | null;
  group_id: string | null;
  status: string;
  created_at: Date;
  detail: { firstNotifiedAt?: string; area?: { ward: string } };
}

describe('alerts: surge grouping (manual clock)', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let rec: Recording;
  const clock = new ManualClock(Date.now());
  let duty: SignedIn;
  let onCall: { id: string };
  const sweep = () => app.ctx.services.alerts.sweep();
  const receive = (ward: string, i: number) =>
    app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: `Police raid near the market, people beaten (${i})`,
        county: 'Nairobi',
        ward,
        inDangerNow: true,
        reporter: { anonymous: true, locale: 'sw' },
      },
      { userId: null, label: 'test' },
    );
  const allAlerts = async () =>
    (
      await db.database.query<AlertRowLite>(
        'select id, case_id, group_id, status, created_at, detail from alerts order by created_at, id',
      )
    ).rows;

  beforeAll(async () => {
    ({ db, app, rec, duty, onCall } = await bootManualClockApp(clock));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('240 urgent reports in 4 wards over 10 min page on-call at most once per group per policy round (8 groups → 8 pages), each report covered within 1 s; acknowledging the groups acknowledges every report', async () => {
    const caseIds: string[] = [];
    const accepted = new Map<string, number>();
    for (let w = 0; w < WAVES; w++) {
      // The wave arrives at once through the real intake path (batched writes), then the jobs run.
      const made = await Promise.all(
        Array.from({ length: PER_WAVE }, (_, i) => receive(WARDS[i % WARDS.length]!, w * PER_WAVE + i)),
      );
      for (const c of made) {
        caseIds.push(c.id);
        accepted.set(c.id, clock.now().getTime());
      }
      await sweep();
      clock.advance(WAVE_GAP_MINUTES * 60_000);
    }
    const reports = caseIds.length;
    expect(reports).toBe(WAVES * PER_WAVE);

    const rows = await allAlerts();
    const groups = rows.filter((r) => r.case_id === null && r.detail.area);
    const members = rows.filter((r) => r.case_id !== null);
    // One alert per report, each in a group; two windows per ward.
    expect(members).toHaveLength(reports);
    expect(new Set(members.map((m) => m.case_id))).toEqual(new Set(caseIds));
    expect(members.every((m) => m.group_id !== null)).toBe(true);
    const windows = Math.ceil((WAVES * WAVE_GAP_MINUTES) / (GROUP_WINDOW_MINUTES + 1));
    expect(groups).toHaveLength(WARDS.length * windows);

    // Members page nobody on their own.
    const memberPages = await db.database.query<{ n: number }>(
      'select count(*)::int as n from alert_notifications n join alerts a on a.id = n.alert_id where a.case_id is not null',
    );
    expect(memberPages.rows[0]!.n).toBe(0);

    // Bound: at most one on-call page per group per policy round; no round has come round again yet.
    const onCallPages = rec.to(onCall.id);
    expect(onCallPages.length).toBeLessThanOrEqual(groups.length);
    expect(onCallPages.length).toBe(groups.length);
    expect(new Set(onCallPages.map((p) => p.alertId))).toEqual(new Set(groups.map((g) => g.id)));

    // Every report's alert belongs to a group that had paged within the latency target of it arriving.
    const byId = new Map(groups.map((g) => [g.id, g]));
    const latencies = members.map((m) => {
      const g = byId.get(m.group_id!)!;
      return new Date(g.detail.firstNotifiedAt!).getTime() - accepted.get(m.case_id!)!;
    });
    expect(Math.max(...latencies)).toBeLessThanOrEqual(ALERT_LATENCY_MS);

    // The page says how many, where and in what window, in both languages.
    const first = onCallPages.find((p) => p.text.en.includes('Kayole Central'))!;
    expect(first.text.en).toMatch(/^Dharura P1: 10 new urgent reports in Kayole Central in 5 min\./);
    expect(first.text.sw).toMatch(
      /^Dharura P1: Ripoti 10 mpya za dharura Kayole Central ndani ya dakika 5\./,
    );
    expect(first.text.en).not.toContain('Police raid');
    // The approvers' step (5 min later) re-pages with the count at that moment: three waves joined.
    const later = rec.calls.find(
      (p) => p.alertId === first.alertId && p.userId !== onCall.id && p.text.en.includes('Kayole Central'),
    )!;
    expect(later.text.en).toContain('30 new urgent reports in Kayole Central in 5 min');
    expect(later.text.sw).toContain('Ripoti 30 mpya za dharura Kayole Central ndani ya dakika 5');

    // The list shows each group with its count and members.
    const list = (
      await app.inject({ method: 'GET', url: '/api/alerts?status=open&limit=500', headers: duty.headers })
    ).json() as { alerts: AlertView[] };
    const shown = list.alerts.filter((a) => a.group);
    expect(shown).toHaveLength(groups.length);
    expect(shown.reduce((n, a) => n + a.group!.count, 0)).toBe(reports);
    const kayole = shown.find((a) => a.group!.ward === 'Kayole Central' && a.group!.count === 30)!;
    expect(kayole.group!.memberIds).toHaveLength(30);
    expect(list.alerts.find((a) => a.id === kayole.group!.memberIds[0])).toMatchObject({
      groupId: kayole.id,
      status: 'triggered',
    });

    // Acknowledging the groups acknowledges every report's alert, each audited.
    for (const g of groups) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/alerts/${g.id}/acknowledge`,
        headers: duty.headers,
      });
      expect(res.statusCode).toBe(200);
    }
    const after = await allAlerts();
    expect(after.every((a) => a.status === 'acknowledged')).toBe(true);
    const audited = await db.database.query<{ n: number }>(
      "select count(distinct subject_id)::int as n from audit_log where action = 'alert.acknowledged'",
    );
    expect(audited.rows[0]!.n).toBe(reports + groups.length);

    // Nothing pages again.
    const pagesSoFar = rec.calls.length;
    clock.advance(120 * 60_000);
    expect(await sweep()).toBe(0);
    expect(rec.calls.length).toBe(pagesSoFar);
  }, 120_000);

  it("a place's first report pages alone; its second within the window makes the group, which takes the first in (sub-county when no ward)", async () => {
    clock.advance(60 * 60_000);
    const inSubCounty = (i: number) =>
      app.ctx.services.intake.receive(
        {
          channel: 'web',
          narrative: `Teargas and arrests at the stage (${i})`,
          county: 'Nairobi',
          subCounty: 'Embakasi Central',
          inDangerNow: true,
          reporter: { anonymous: true, locale: 'en' },
        },
        { userId: null, label: 'test' },
      );
    const before = rec.to(onCall.id).length;
    const first = await inSubCounty(1);
    await sweep();
    const solo = (await allAlerts()).find((a) => a.case_id === first.id)!;
    expect(solo.group_id).toBeNull();
    // It paged on its own, for its case.
    const soloPages = rec.to(onCall.id).slice(before);
    expect(soloPages.map((p) => p.alertId)).toEqual([solo.id]);

    clock.advance(60_000);
    const second = await inSubCounty(2);
    await sweep();
    const rows = await allAlerts();
    const group = rows.find((a) => a.case_id === null && a.detail.area?.ward === 'Embakasi Central')!;
    expect(group).toBeDefined();
    const members = rows.filter((a) => a.group_id === group.id).map((a) => a.case_id);
    expect(members.sort()).toEqual([first.id, second.id].sort());
    const pages = rec.to(onCall.id).slice(before);
    expect(pages.map((p) => p.alertId)).toEqual([solo.id, group.id]);
    expect(pages[1]!.text.en).toContain('2 new urgent reports in Embakasi Central in 5 min');
    const grouped = await db.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'alert.grouped' and subject_id = $1",
      [solo.id],
    );
    expect(grouped.rows[0]!.n).toBe(1);

    // The first one's own next step is disarmed: later rounds page the group only.
    clock.advance(10 * 60_000);
    await sweep();
    expect(rec.calls.filter((p) => p.alertId === solo.id)).toHaveLength(1);
    const ack = await app.inject({
      method: 'POST',
      url: `/api/alerts/${group.id}/acknowledge`,
      headers: duty.headers,
    });
    expect(ack.statusCode).toBe(200);
    const after = (await allAlerts()).filter((a) => a.id === solo.id || a.group_id === group.id);
    expect(after.every((a) => a.status === 'acknowledged')).toBe(true);
  }, 60_000);
});
