import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { systemClock } from '../../lib/clock.js';
import { verifyAuditChain } from '../../security/audit.js';
import { buildTestApp, createTestDatabase, testConfig, type TestApp } from '../../../../test/helpers.js';

describe('case clocks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const intake = (inDangerNow: boolean) =>
    t.app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: 'a report with a clock',
        inDangerNow,
        reporter: { anonymous: true, locale: 'en' },
      },
      { userId: null, label: 'test' },
    );
  const timeline = async (caseId: string) =>
    (
      await t.database.query<{ type: string; data: { reason?: string; clock?: string } }>(
        'select type, data from case_events where case_id = $1 order by id',
        [caseId],
      )
    ).rows;

  it('arms the acknowledge clock at intake (P1 timing when someone is in danger) and escalates on breach', async () => {
    const c = await intake(true);
    const [clock] = await t.app.ctx.services.clocks.forCase(c.id);
    expect(clock!.kind).toBe('acknowledge');
    expect(clock!.dueAt.getTime() - c.receivedAt.getTime()).toBe(5 * 60_000);
    t.clock.advance(4 * 60_000);
    expect(await t.app.ctx.services.clocks.sweepDue()).toBe(0);
    t.clock.advance(2 * 60_000);
    expect(await t.app.ctx.services.clocks.sweepDue()).toBeGreaterThanOrEqual(1);
    const events = await timeline(c.id);
    expect(events.map((e) => e.type)).toContain('clock.breached');
    expect(events.some((e) => e.type === 'escalation.requested' && e.data.reason === 'clock_breached')).toBe(
      true,
    );
    // A second sweep, or a duplicate job with the same fence, changes nothing.
    expect(await t.app.ctx.services.clocks.sweepDue()).toBe(0);
    expect(await t.app.ctx.services.clocks.fire(clock!.id, clock!.fence)).toBe(false);
  });

  it('ignores a stale job after the clock was re-armed (fencing token)', async () => {
    const c = await intake(false);
    const [first] = await t.app.ctx.services.clocks.forCase(c.id);
    const rearmed = await t.database.db.transaction((tx) =>
      t.app.ctx.services.clocks.arm(c.id, 'acknowledge', new Date(t.clock.now().getTime() + 60_000), tx),
    );
    expect(rearmed.fence).toBe(first!.fence + 1);
    t.clock.advance(2 * 60 * 60_000);
    expect(await t.app.ctx.services.clocks.fire(first!.id, first!.fence)).toBe(false);
    expect(await t.app.ctx.services.clocks.fire(rearmed.id, rearmed.fence)).toBe(true);
  });

  it('gives an arrest an 18-hour warning and a 24-hour breach', async () => {
    const c = await intake(true);
    await t.database.db.transaction((tx) =>
      t.app.ctx.services.clocks.armArrest(c.id, c.id, t.clock.now(), tx),
    );
    t.clock.advance(18 * 3_600_000 + 1000);
    await t.app.ctx.services.clocks.sweepDue();
    let events = await timeline(c.id);
    expect(events.some((e) => e.type === 'clock.warning' && e.data.clock === 'arrest_18h')).toBe(true);
    expect(events.some((e) => e.type === 'escalation.requested' && e.data.reason === 'arrest_clock')).toBe(
      true,
    );
    expect(events.some((e) => e.type === 'clock.breached' && e.data.clock === 'arrest_24h')).toBe(false);
    t.clock.advance(6 * 3_600_000);
    await t.app.ctx.services.clocks.sweepDue();
    events = await timeline(c.id);
    expect(events.some((e) => e.type === 'clock.breached' && e.data.clock === 'arrest_24h')).toBe(true);
  });

  it('fires many due clocks in one batch: each case its breach, its escalation and its alert, once', async () => {
    const a = await intake(false);
    const b = await intake(false);
    const c = await intake(true);
    // c already has an open clock_breached alert: its clock's escalation joins it instead of raising one.
    await t.database.db.transaction((tx) =>
      t.app.ctx.services.alerts.request({ caseId: c.id, reason: 'clock_breached' }, tx),
    );
    const clocks = [
      ...(await t.app.ctx.services.clocks.forCase(a.id)),
      ...(await t.app.ctx.services.clocks.forCase(b.id)),
      ...(await t.app.ctx.services.clocks.forCase(c.id)),
    ];
    expect(clocks).toHaveLength(3);
    t.clock.advance(3 * 60 * 60_000);
    const list = clocks.map((k) => ({ clockId: k.id, fence: k.fence }));
    expect(await t.app.ctx.services.clocks.fireMany([...list, list[0]!])).toBe(3);
    expect(await t.app.ctx.services.clocks.fireMany(list)).toBe(0);
    for (const id of [a.id, b.id, c.id]) {
      const types = (await timeline(id)).map((e) => e.type);
      expect(types.filter((x) => x === 'clock.breached')).toHaveLength(1);
    }
    const alerts = await t.database.query<{ case_id: string; trigger_count: number }>(
      `select case_id, trigger_count from alerts where reason = 'clock_breached' and case_id = any($1)`,
      [[a.id, b.id, c.id]],
    );
    const byCase = new Map(alerts.rows.map((r) => [r.case_id, r.trigger_count]));
    expect(alerts.rows).toHaveLength(3);
    expect(byCase.get(a.id)).toBe(1);
    expect(byCase.get(b.id)).toBe(1);
    expect(byCase.get(c.id)).toBe(2);
    const audited = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'alert.raised' and meta->>'reason' = 'clock_breached' and meta->>'caseId' = any($1)`,
      [[a.id, b.id, c.id]],
    );
    expect(audited.rows[0]!.n).toBe(3);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

describe('clocks on the durable queue', () => {
  it('fires a clock that was pending across a restart, exactly once', async () => {
    const db = await createTestDatabase();
    const config = testConfig(db.url ? { DATABASE_URL: db.url } : {});
    const first = await buildApp({ config, database: db.database, clock: systemClock, startJobs: true });
    await first.ready();
    const c = await first.ctx.services.intake.receive(
      { channel: 'web', narrative: 'restart me', reporter: { anonymous: true, locale: 'en' } },
      { userId: null, label: 'test' },
    );
    const due = new Date(Date.now() + 2500);
    await db.database.db.transaction((tx) => first.ctx.services.clocks.arm(c.id, 'decision', due, tx));
    await first.close();

    const second = await buildApp({ config, database: db.database, clock: systemClock, startJobs: true });
    await second.ready();
    const deadline = Date.now() + 20_000;
    let fired: { fired_at: Date | null }[] = [];
    while (Date.now() < deadline) {
      fired = (
        await db.database.query<{ fired_at: Date | null }>(
          "select fired_at from case_clocks where case_id = $1 and kind = 'decision'",
          [c.id],
        )
      ).rows;
      if (fired[0]?.fired_at) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(fired[0]?.fired_at).toBeTruthy();
    const lateMs = new Date(fired[0]!.fired_at!).getTime() - due.getTime();
    expect(lateMs).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 1500));
    const breaches = await db.database.query(
      "select 1 from case_events where case_id = $1 and type = 'clock.breached'",
      [c.id],
    );
    expect(breaches.rows).toHaveLength(1);
    await second.close();
    await db.drop();
  });
});
