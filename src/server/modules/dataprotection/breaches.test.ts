import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

describe('data protection (Kenya DPA 2019)', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('keeps a breach register with the 72-hour notification clock', async () => {
    admin = await loginAs(t.app, ['admin', 'leadership']);
    const discovered = new Date(t.clock.now().getTime() - 70 * 3_600_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/breaches',
      headers: admin.headers,
      payload: {
        summary: 'Laptop with exports stolen',
        dataCategories: ['identity'],
        discoveredAt: discovered.toISOString(),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { id: string; hoursLeft: number; overdue: boolean };
    expect(b.hoursLeft).toBeCloseTo(2, 0);
    expect(b.overdue).toBe(false);
    t.clock.advance(3 * 3_600_000);
    // (The session has idled out after three hours; read the register through the service.)
    const list = await t.app.ctx.services.dataProtection.listBreaches();
    expect(list.find((x) => x.id === b.id)!.overdue).toBe(true);
    admin = await loginAs(t.app, ['admin', 'leadership']);
    const notified = await t.app.inject({
      method: 'POST',
      url: `/api/breaches/${b.id}/notified`,
      headers: admin.headers,
      payload: { target: 'odpc' },
    });
    expect((notified.json() as { overdue: boolean; notifiedOdpcAt: string }).notifiedOdpcAt).toBeTruthy();
  });
});
