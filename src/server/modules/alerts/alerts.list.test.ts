import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { intake } from './alerts.test-kit.js';

// Issue #14: an unacknowledged P1 sat below acknowledged P3s, and the alert kept the priority it was
// raised with while the queue showed the case's assessed one.
describe('the alert list', () => {
  let t: TestApp;
  let duty: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
  });
  afterAll(() => t.close());

  const list = async () =>
    (await t.app.inject({ url: '/api/alerts?limit=100', headers: duty.headers })).json<{
      alerts: { id: string; caseId: string | null; status: string; priority: string }[];
    }>().alerts;
  const alertOf = async (caseId: string) => (await list()).find((a) => a.caseId === caseId)!;

  it('lists unacknowledged first, then by priority, then newest', async () => {
    const acked = await intake(t.app, { inDangerNow: false });
    t.clock.advance(1000);
    const p1 = await intake(t.app, { inDangerNow: true });
    t.clock.advance(1000);
    const p3 = await intake(t.app, { inDangerNow: false });
    t.clock.advance(1000);
    const ackedNewest = await intake(t.app, { inDangerNow: false });
    for (const c of [acked, ackedNewest]) {
      const a = await alertOf(c.id);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/alerts/${a.id}/acknowledge`,
        headers: duty.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const order = (await list())
      .filter((a) => [acked.id, p1.id, p3.id, ackedNewest.id].includes(a.caseId!))
      .map((a) => a.caseId);
    expect(order).toEqual([p1.id, p3.id, ackedNewest.id, acked.id]);
  });

  it("shows the case's current priority, as the queue does", async () => {
    const c = await intake(t.app, { inDangerNow: false });
    expect((await alertOf(c.id)).priority).toBe('P3');
    const step = (action: string, payload: Record<string, unknown> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/transitions/${action}`,
        headers: duty.headers,
        payload,
      });
    expect((await step('acknowledge')).statusCode).toBe(200);
    const assessed = await step('assess', {
      assessment: {
        severity: 3,
        immediacy: 3,
        feasibility: 3,
        justifications: { severity: 'life', immediacy: 'now', feasibility: 'yes' },
      },
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const queue = (await t.app.inject({ url: '/api/cases?limit=100', headers: duty.headers })).json<{
      cases: { id: string; priority: string | null }[];
    }>().cases;
    expect(queue.find((q) => q.id === c.id)!.priority).toBe('P1');
    expect((await alertOf(c.id)).priority).toBe('P1');
  });
});
