import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { factories } from '../../../../test/factories.js';

/** Data-subject requests, retention as a rule, and breach deadline warnings (issue 14, deliverable 4). */
describe('data protection in the console: the server side', () => {
  let t: TestApp;
  let duty: SignedIn;
  let dpo: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    dpo = await loginAs(t.app, 'dpo');
  });
  afterAll(() => t.close());

  async function newCase(phone: string) {
    const c = await factories(t.app).buildCase({
      by: duty,
      narrative: 'Arrested at a protest in Kibera',
      reporter: { anonymous: false, name: 'Achieng Test', phone, locale: 'sw' },
    });
    return { id: c.id, reference: c.reference, personId: c.people[0]!.id };
  }

  it('finds a person across cases by phone number, through the blind index only', async () => {
    const a = await newCase('0733111222');
    const b = await newCase('+254 733 111 222');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/persons/search?phone=0733%20111%20222',
      headers: dpo.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = (res.json() as { persons: { personId: string; cases: { reference: string }[] }[] }).persons;
    expect(found.map((p) => p.personId).sort()).toEqual([a.personId, b.personId].sort());
    expect(found.flatMap((p) => p.cases.map((c) => c.reference)).sort()).toEqual(
      [a.reference, b.reference].sort(),
    );
    // The audit says who searched and how many were found, never the number.
    const audit = await t.database.query<{ meta: unknown }>(
      `select meta from audit_log where action = 'person.searched' order by seq desc limit 1`,
    );
    expect(JSON.stringify(audit.rows[0]!.meta)).not.toContain('733');
    // Not a phone number: refused with the field named.
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/persons/search?phone=abcdefghij',
      headers: dpo.headers,
    });
    expect(bad.statusCode).toBe(400);
    // A duty officer does not answer data-subject requests.
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/persons/search?phone=0733111222',
      headers: duty.headers,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('erases a person on request at once, with re-authentication and a reason code', async () => {
    const c = await newCase('0744555666');
    const contactOf = async () =>
      (
        await t.database.query<{ reporter_contact_enc: string | null; reporter_phone_bidx: string | null }>(
          'select reporter_contact_enc, reporter_phone_bidx from cases where id = $1',
          [c.id],
        )
      ).rows[0]!;
    const before = await contactOf();
    expect(before.reporter_phone_bidx).not.toBeNull();
    const payload = { reason: 'subject_request' };
    const url = `/api/persons/${c.personId}/erase`;
    // Without a fresh re-authentication: refused, nothing changed.
    const first = await t.app.inject({ method: 'POST', url, headers: dpo.headers, payload });
    expect(first.statusCode).toBe(401);
    expect((first.json() as { error: { code: string } }).error.code).toBe('REAUTH_REQUIRED');
    t.clock.advance(30_000);
    await reauthenticate(t.app, dpo);
    // A reason outside the list: refused.
    const badReason = await t.app.inject({
      method: 'POST',
      url,
      headers: dpo.headers,
      payload: { reason: 'because' },
    });
    expect(badReason.statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url, headers: dpo.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ personId: c.personId, persons: 1, cases: 1 });
    const person = (
      await t.database.query<Record<string, string | null>>(
        'select name_enc, phone_enc, phone_bidx, details_enc from persons where id = $1',
        [c.personId],
      )
    ).rows[0]!;
    expect(person).toEqual({ name_enc: null, phone_enc: null, phone_bidx: null, details_enc: null });
    // The case's own copy of her contact goes too.
    expect(await contactOf()).toEqual({ reporter_contact_enc: null, reporter_phone_bidx: null });
    // No longer found by the phone number; the case itself remains, with the erasure on its timeline.
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/persons/search?phone=0744555666',
      headers: dpo.headers,
    });
    expect((again.json() as { persons: unknown[] }).persons).toEqual([]);
    const events = await t.database.query<{ data: { reason: string } }>(
      `select data from case_events where case_id = $1 and type = 'person.erased'`,
      [c.id],
    );
    expect(events.rows.map((r) => r.data.reason)).toEqual(['subject_request']);
  });

  it('lists my own export requests with their status', async () => {
    const c = await newCase('0755000111');
    const req = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${c.personId}/export-requests`,
      headers: dpo.headers,
      payload: { basis: 'subject_access_request' },
    });
    expect(req.statusCode, req.body).toBe(201);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/export-requests/mine',
      headers: dpo.headers,
    });
    const rows = (mine.json() as { requests: { id: string; status: string }[] }).requests;
    expect(rows.find((r) => r.id === (req.json() as { id: string }).id)?.status).toBe('pending');
  });

  it('keeps retention periods as a versioned rule that the retention sweep reads', async () => {
    const admin = await loginAs(t.app, ['admin']);
    const current = await t.app.inject({ method: 'GET', url: '/api/retention', headers: admin.headers });
    expect(current.statusCode, current.body).toBe(200);
    const view = current.json() as { current: { version: number; body: Record<string, number> } };
    expect(view.current.body).toMatchObject({ withdrawn: 30, closed: 7 * 365 });
    t.clock.advance(30_000);
    await reauthenticate(t.app, admin);
    // Zero days is refused, nothing stored.
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/retention',
      headers: admin.headers,
      payload: { body: { ...view.current.body, withdrawn: 0 }, reason: 'too short', baseVersion: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/retention',
      headers: admin.headers,
      payload: {
        body: { ...view.current.body, withdrawn: 10 },
        reason: 'Board decision: withdrawn reports kept 10 days',
        baseVersion: 0,
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as { version: number }).version).toBe(1);
    // A withdrawn case is shredded after 10 days now, not 30.
    const c = await newCase('0766000222');
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions/withdraw`,
      headers: duty.headers,
      payload: { reason: 'reporter withdrew consent' },
    });
    t.clock.advance(11 * 86_400_000);
    expect(await t.app.ctx.services.dataProtection.sweepRetention()).toBeGreaterThanOrEqual(1);
    const key = await t.database.query<{ destroyed_at: Date | null }>(
      'select k.destroyed_at from cases c join data_keys k on k.id = c.data_key_id where c.id = $1',
      [c.id],
    );
    expect(key.rows[0]!.destroyed_at).not.toBeNull();
    const audit = await t.database.query(
      `select 1 from audit_log where action = 'rules.changed' and subject_id = 'retention'`,
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('warns the breach managers at 48 and 12 hours left, once each, and not once notified', async () => {
    const admin = await loginAs(t.app, ['admin', 'leadership']);
    const warnings = async (breachId: string) =>
      (
        await t.database.query<{ idempotency_key: string; user_id: string }>(
          `select idempotency_key, user_id from messages where idempotency_key like $1`,
          [`breach:${breachId}:%`],
        )
      ).rows;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/breaches',
      headers: admin.headers,
      payload: {
        summary: 'Shared drive link sent to the wrong partner',
        dataCategories: ['contact'],
        discoveredAt: t.clock.now().toISOString(),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    const warn = () => t.app.ctx.services.dataProtection.warnBreachDeadlines();
    // 72 h left: nothing yet.
    await warn();
    expect(await warnings(id)).toEqual([]);
    // 47 h left: the 48-hour warning, to the breach managers (the admin here), once.
    t.clock.advance(25 * 3_600_000);
    await warn();
    await warn();
    const first = await warnings(id);
    expect(first.some((m) => m.user_id === admin.userId && m.idempotency_key.includes(':warn48:'))).toBe(
      true,
    );
    // Data protection officers manage the register too (breaches:manage); a duty officer is not told.
    expect(first.some((m) => m.user_id === dpo.userId)).toBe(true);
    expect(first.some((m) => m.user_id === duty.userId)).toBe(false);
    expect(first.every((m) => m.idempotency_key.includes(':warn48:'))).toBe(true);
    const after48 = first.length;
    // 11 h left: the 12-hour warning.
    t.clock.advance(36 * 3_600_000);
    await warn();
    const second = await warnings(id);
    expect(second.filter((m) => m.idempotency_key.includes(':warn12:')).length).toBeGreaterThan(0);
    const audit = await t.database.query<{ meta: { stage: number } }>(
      `select meta from audit_log where action = 'breach.deadline_warned' and subject_id = $1 order by seq`,
      [id],
    );
    expect(audit.rows.map((r) => r.meta.stage)).toEqual([48, 12]);
    expect(second.length).toBeGreaterThan(after48);

    // A breach notified before the 48-hour mark is never warned about.
    const admin2 = await loginAs(t.app, ['admin', 'leadership']);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/breaches',
      headers: admin2.headers,
      payload: {
        summary: 'Phone with case notes lost',
        dataCategories: ['identity'],
        discoveredAt: t.clock.now().toISOString(),
      },
    });
    const otherId = (other.json() as { id: string }).id;
    await t.app.inject({
      method: 'POST',
      url: `/api/breaches/${otherId}/notified`,
      headers: admin2.headers,
      payload: { target: 'odpc' },
    });
    t.clock.advance(30 * 3_600_000);
    await warn();
    expect(await warnings(otherId)).toEqual([]);
  });
});
