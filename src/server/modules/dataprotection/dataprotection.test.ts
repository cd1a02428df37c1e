import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';

describe('data protection (Kenya DPA 2019)', () => {
  let t: TestApp;
  let duty: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    admin = await loginAs(t.app, ['admin', 'leadership']);
  });
  afterAll(() => t.close());

  async function newCase() {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: duty.headers,
      payload: {
        channel: 'walk_in',
        narrative: 'Eviction notice served by county officers in Mukuru',
        county: 'Nairobi',
        reporter: { anonymous: false, name: 'Wanjiku Test', phone: '0722000111', locale: 'sw' },
      },
    });
    const { id } = res.json() as { id: string };
    const detail = (await t.app.inject({ url: `/api/cases/${id}`, headers: duty.headers })).json() as {
      people: { id: string; role: string }[];
    };
    return { id, personId: detail.people[0]!.id };
  }

  it('records consent and its withdrawal, on the case and in the audit', async () => {
    const c = await newCase();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/consents`,
      headers: duty.headers,
      payload: {
        personId: c.personId,
        purpose: 'Referral to a safe house',
        dataCategories: ['identity', 'contact'],
        sharedWith: ['Tumaini Safe House'],
        method: 'verbal',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const consent = res.json() as { id: string; purpose: string; withdrawnAt: string | null };
    expect(consent.withdrawnAt).toBeNull();
    expect(consent.purpose).toBe('Referral to a safe house');
    // The purpose is free text: encrypted under the case key, and neither in clear nor in the audit log
    // (which can never be erased).
    const stored = (
      await t.database.query<{ purpose: string | null; purpose_enc: string | null }>(
        'select purpose, purpose_enc from consents where id = $1',
        [consent.id],
      )
    ).rows[0]!;
    expect(stored.purpose).toBeNull();
    expect(stored.purpose_enc).toMatch(/^v1\./);
    const audited = await t.database.query<{ meta: unknown }>(
      "select meta from audit_log where action like 'consent.%'",
    );
    expect(audited.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(audited.rows)).not.toMatch(/safe house/i);
    const listed = await t.app.inject({ url: `/api/cases/${c.id}/consents`, headers: duty.headers });
    expect((listed.json() as { consents: { purpose: string }[] }).consents[0]!.purpose).toBe(
      'Referral to a safe house',
    );
    // A consent recorded before purposes were encrypted is sealed by the next sweep.
    await t.database.query(
      `insert into consents (id, person_id, case_id, purpose, data_categories, shared_with, method, given_at)
       values (gen_random_uuid(), $1, $2, 'Legacy clear purpose', '{identity}', '{}', 'verbal', now())`,
      [c.personId, c.id],
    );
    await t.app.ctx.services.dataProtection.sweepRetention();
    const clear = await t.database.query('select 1 from consents where purpose is not null');
    expect(clear.rows).toHaveLength(0);
    const relisted = await t.app.inject({ url: `/api/cases/${c.id}/consents`, headers: duty.headers });
    expect(
      (relisted.json() as { consents: { purpose: string }[] }).consents.map((x) => x.purpose).sort(),
    ).toEqual(['Legacy clear purpose', 'Referral to a safe house']);
    const w = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/consents/${consent.id}/withdraw`,
      headers: duty.headers,
    });
    expect((w.json() as { withdrawnAt: string }).withdrawnAt).toBeTruthy();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/consents/${consent.id}/withdraw`,
      headers: duty.headers,
    });
    expect(again.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/consents`,
      headers: duty.headers,
      payload: {
        personId: '00000000-0000-4000-8000-000000000000',
        purpose: 'x x x',
        dataCategories: ['identity'],
        method: 'verbal',
      },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('exports everything held about a person, decrypted, after re-authentication, and audits it', async () => {
    const c = await newCase();
    const url = `/api/persons/${c.personId}/export`;
    const refused = await t.app.inject({ url, headers: admin.headers });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'REAUTH_REQUIRED' } });
    t.clock.advance(31_000); // a fresh TOTP step: the sign-in code cannot be replayed
    await reauthenticate(t.app, admin);
    const res = await t.app.inject({ url, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      person: { name: string; phone: string };
      cases: { narrative: string; role: string }[];
    };
    expect(body.person.name).toBe('Wanjiku Test');
    expect(body.person.phone).toBe('+254722000111');
    expect(body.cases[0]!.narrative).toContain('Eviction notice');
    expect(body.cases[0]!.role).toBe('reporter');
    const audit = await t.database.query(
      "select 1 from audit_log where action = 'person.exported' and subject_id = $1",
      [c.personId],
    );
    expect(audit.rows).toHaveLength(1);
    // Case workers cannot export.
    expect((await t.app.inject({ url, headers: duty.headers })).statusCode).toBe(403);
  });

  it('crypto-shreds withdrawn cases once their retention period has passed', async () => {
    const c = await newCase();
    const phoneBidx = t.app.ctx.vault.blindIndex('phone', '+254722000111');
    const before = await t.database.query('select 1 from persons where id = $1 and phone_bidx = $2', [
      c.personId,
      phoneBidx,
    ]);
    expect(before.rows).toHaveLength(1);
    // A message to the reporter, matchable by her phone until the shred.
    await t.database.query(
      `insert into messages (direction, channel, case_id, address_bidx, status, created_at, updated_at)
       values ('out', 'sms', $1, $2, 'sent', now(), now())`,
      [c.id, phoneBidx],
    );
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions/withdraw`,
      headers: duty.headers,
      payload: { reason: 'reporter withdrew consent' },
    });
    expect(await t.app.ctx.services.dataProtection.sweepRetention()).toBe(0);
    t.clock.advance(31 * 86_400_000);
    expect(await t.app.ctx.services.dataProtection.sweepRetention()).toBeGreaterThanOrEqual(1);
    const row = (
      await t.database.query<{ narrative_enc: string | null; destroyed_at: Date | null }>(
        'select c.narrative_enc, k.destroyed_at from cases c join data_keys k on k.id = c.data_key_id where c.id = $1',
        [c.id],
      )
    ).rows[0]!;
    expect(row.narrative_enc).toBeNull();
    expect(row.destroyed_at).not.toBeNull();
    // Nothing left to match the person by: no phone blind index, no (noise) ciphertexts.
    const person = (
      await t.database.query<Record<string, string | null>>(
        'select name_enc, phone_enc, phone_bidx from persons where id = $1',
        [c.personId],
      )
    ).rows[0]!;
    expect(person).toEqual({ name_enc: null, phone_enc: null, phone_bidx: null });
    const byPhone = await t.database.query(
      `select 'person' from persons where phone_bidx = $1 and id = $2
       union all select 'case' from cases where reporter_phone_bidx = $1 and id = $3
       union all select 'message' from messages where address_bidx = $1 and case_id = $3`,
      [phoneBidx, c.personId, c.id],
    );
    expect(byPhone.rows).toEqual([]);
    // Running again does nothing more.
    expect(await t.app.ctx.services.dataProtection.sweepRetention()).toBe(0);
  });

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
