import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kware, networkHarness } from './network.test-kit.js';

const assessment = {
  severity: 3,
  immediacy: 3,
  feasibility: 2,
  justifications: { severity: 'threat to life', immediacy: 'now', feasibility: 'escort possible' },
};

// Issue #14: closing a case left its responder's mission, and the check-in countdown, running.
describe('closing a case ends its missions', () => {
  const h = networkHarness();
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('ends the active mission, stops its check-in clock and tells the responder in their language', async () => {
    const r = await h.responder({ areas: [kware], locale: 'sw' });
    const c = await h.openCase(kware);
    const res = await h.dispatch(c.id, { missionType: 'escort', responderIds: [r.id], checkInMinutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    const { number } = res.json<{ number: number }>();
    await h.lastSmsTo(r.phone);
    await h.sms(r.phone, `NDIO ${number}`);
    await h.lastSmsTo(r.phone, 2);
    const step = async (action: string, payload: Record<string, unknown> = {}) => {
      const s = await h.app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/transitions/${action}`,
        headers: h.duty.headers,
        payload,
      });
      expect(s.statusCode, s.body).toBe(200);
    };
    await step('acknowledge');
    await step('assess', { assessment });
    await step('request_decision');
    await step('approve');
    await step('start_follow_up');
    await step('close', {
      reason: 'victim relocated',
      // The review is scheduled in a week (a P1 closes with its review recorded or scheduled).
      closure: {
        reason: 'resolved',
        outcome: 'relocated',
        reviewDueAt: new Date(h.app.ctx.clock.now().getTime() + 7 * 24 * 3_600_000).toISOString(),
      },
    });

    const missions = (
      await h.app.ctx.database.query<{
        status: string;
        ended_at: Date | null;
        next_check_in_due: Date | null;
      }>('select status, ended_at, next_check_in_due from missions where case_id = $1', [c.id])
    ).rows;
    expect(missions).toHaveLength(1);
    expect(missions[0]!.status).toBe('done');
    expect(missions[0]!.ended_at).not.toBeNull();
    expect(missions[0]!.next_check_in_due).toBeNull();
    const open = (
      await h.app.ctx.database.query(
        "select id from case_clocks where case_id = $1 and kind = 'mission_check_in' and met_at is null and fired_at is null",
        [c.id],
      )
    ).rows;
    expect(open).toEqual([]);
    expect((await h.caseEvents(c.id)).map((e) => e.type)).toContain('mission.ended');
    // The responder hears it, in Kiswahili, with the case reference and the mission number.
    const told = await h.lastSmsTo(r.phone, 3);
    expect(told).toContain(c.reference);
    expect(told).toContain('imefungwa');
  });
});
