import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { factories } from '../../../../test/factories.js';

/** The data-subject export reads a person across every case: two people, one run, audited by id. */
describe('data-subject export: a data-protection officer and a second approver', () => {
  let t: TestApp;
  let duty: SignedIn;
  let admin: SignedIn;
  let dpo: SignedIn;
  let dpo2: SignedIn;
  let personId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    admin = await loginAs(t.app, 'admin');
    dpo = await loginAs(t.app, 'dpo');
    dpo2 = await loginAs(t.app, 'dpo');
    const c = await factories(t.app).buildCase({
      by: duty,
      narrative: 'Raped at the checkpoint; the survivor asks what is held about her',
      reporter: { anonymous: false, name: 'Akinyi Export', phone: '0722000999', locale: 'sw' },
    });
    personId = c.people[0]!.id;
    t.clock.advance(31_000);
    for (const s of [admin, dpo, dpo2]) await reauthenticate(t.app, s);
  });
  afterAll(() => t.close());

  const ask = (s: SignedIn) =>
    t.app.inject({
      method: 'POST',
      url: `/api/persons/${personId}/export-requests`,
      headers: s.headers,
      payload: { basis: 'subject_access_request' },
    });
  const decide = (s: SignedIn, id: string, approve = true) =>
    t.app.inject({
      method: 'POST',
      url: `/api/export-requests/${id}/decision`,
      headers: s.headers,
      payload: { approve },
    });
  const run = (s: SignedIn, id?: string) =>
    t.app.inject({
      url: `/api/persons/${personId}/export${id ? `?request=${id}` : ''}`,
      headers: s.headers,
    });

  it('refuses the administrator, who may not read cases, whatever they try', async () => {
    expect((await run(admin)).statusCode).toBe(403);
    expect((await ask(admin)).statusCode).toBe(403);
  });

  it('needs the asker’s own request, approved by someone else, and runs once', async () => {
    const asked = await ask(dpo);
    expect(asked.statusCode, asked.body).toBe(201);
    const id = (asked.json() as { id: string; status: string }).id;
    expect(asked.json()).toMatchObject({ status: 'pending' });
    // Without a request, or before approval: refused.
    expect((await run(dpo)).statusCode).toBe(400);
    expect((await run(dpo, id)).json()).toMatchObject({ error: { code: 'EXPORT_NOT_APPROVED' } });
    // The asker cannot approve their own request.
    expect((await decide(dpo, id)).json()).toMatchObject({ error: { code: 'SEGREGATION_OF_DUTIES' } });
    const ok = await decide(dpo2, id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: dpo2.userId });
    expect((await decide(dpo2, id, false)).json()).toMatchObject({ error: { code: 'REQUEST_DECIDED' } });
    // The approver cannot run it: it is the asker's.
    expect((await run(dpo2, id)).json()).toMatchObject({ error: { code: 'EXPORT_NOT_APPROVED' } });
    const res = await run(dpo, id);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { person: { name: string } }).person.name).toBe('Akinyi Export');
    // Spent.
    expect((await run(dpo, id)).json()).toMatchObject({ error: { code: 'EXPORT_NOT_APPROVED' } });
    const trail = await t.database.query<{ action: string; actor_id: string; meta: unknown }>(
      `select action, actor_id, meta from audit_log where subject_id = $1 and action like 'person.export%'
       order by seq`,
      [personId],
    );
    expect(trail.rows.map((r) => r.action)).toEqual([
      'person.export_requested',
      'person.export_approved',
      'person.exported',
    ]);
    // Ids and codes only in the audit.
    expect(JSON.stringify(trail.rows)).not.toContain('Akinyi');
  });

  it('refuses an export for another person than the request names, and a refused request', async () => {
    const id = (await ask(dpo).then((r) => r.json())) as { id: string };
    expect((await decide(dpo2, id.id, false)).json()).toMatchObject({ status: 'refused' });
    expect((await run(dpo, id.id)).json()).toMatchObject({ error: { code: 'EXPORT_NOT_APPROVED' } });
    const other = (await ask(dpo).then((r) => r.json())) as { id: string };
    await decide(dpo2, other.id);
    const wrong = await t.app.inject({
      url: `/api/persons/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/export?request=${other.id}`,
      headers: dpo.headers,
    });
    expect(wrong.json()).toMatchObject({ error: { code: 'EXPORT_NOT_APPROVED' } });
  });

  it('lets the database refuse a self-approval even past the service', async () => {
    const id = (await ask(dpo).then((r) => r.json())) as { id: string };
    await expect(
      t.database.query('update approval_requests set decided_by = requested_by where id = $1', [id.id]),
    ).rejects.toThrow(/approval_requests_two_people/);
  });
});
