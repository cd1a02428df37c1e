import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSla } from '../../../shared/workflow.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

describe('organisation settings: SLA clocks', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  it('serves the defaults, and takes a change by an admin', async () => {
    const initial = await t.app.inject({ url: '/api/settings/sla', headers: admin.headers });
    expect(initial.json()).toEqual(defaultSla);
    const changed = { ...defaultSla, P1: { ...defaultSla.P1, acknowledge: 10 } };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/sla',
      headers: admin.headers,
      payload: changed,
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/settings/sla', headers: admin.headers })).json()).toEqual(
      changed,
    );
  });

  it('refuses a zero-minute clock and a non-admin, changing nothing', async () => {
    const before = (await t.app.inject({ url: '/api/settings/sla', headers: admin.headers })).json();
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/sla',
      headers: admin.headers,
      payload: { ...before, P2: { ...before.P2, decision: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    const duty = await loginAs(t.app, 'duty_officer');
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/sla',
      headers: duty.headers,
      payload: before,
    });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/settings/sla', headers: admin.headers })).json()).toEqual(before);
  });
});
