import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  reauthenticate,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { factories } from '../../../../test/factories.js';
import { aad } from '../../security/aad.js';

describe('data protection (Kenya DPA 2019)', () => {
  let t: TestApp;
  let duty: SignedIn;
  let admin: SignedIn;
  let dpo: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    admin = await loginAs(t.app, ['admin', 'leadership']);
    dpo = await loginAs(t.app, 'dpo');
  });
  afterAll(() => t.close());

  async function newCase() {
    const c = await factories(t.app).buildCase({
      by: duty,
      narrative: 'Eviction notice served by county officers in Mukuru',
      reporter: { anonymous: false, name: 'Wanjiku Test', phone: '0722000111', locale: 'sw' },
    });
    return { id: c.id, personId: c.people[0]!.id };
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
    // The data-protection officer asks; a second person (here leadership) approves.
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${c.personId}/export-requests`,
      headers: dpo.headers,
      payload: { basis: 'subject_access_request' },
    });
    const requestId = (asked.json() as { id: string }).id;
    t.clock.advance(31_000); // a fresh TOTP step: the sign-in code cannot be replayed
    await reauthenticate(t.app, admin);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/export-requests/${requestId}/decision`,
      headers: admin.headers,
      payload: { approve: true },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const url = `/api/persons/${c.personId}/export?request=${requestId}`;
    const refused = await t.app.inject({ url, headers: dpo.headers });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'REAUTH_REQUIRED' } });
    await reauthenticate(t.app, dpo);
    const res = await t.app.inject({ url, headers: dpo.headers });
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

  it('links her reports by phone with staff confirmation and exports everything about her, nothing about others', async () => {
    const db = t.database;
    const vault = t.app.ctx.vault;
    // Report 1, at the office: she reports, a neighbour is the victim.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: duty.headers,
      payload: {
        channel: 'walk_in',
        narrative: 'Officers beat Otieno Jirani at the gate and took Akinyi Test to Kayole station',
        county: 'Nairobi',
        reporter: { anonymous: false, name: 'Akinyi Test', phone: '0722000333', locale: 'sw' },
        victim: { name: 'Otieno Jirani' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = (res.json() as { id: string }).id;
    const people = (
      await db.query<{ person_id: string; role: string }>(
        'select person_id, role from case_persons where case_id = $1',
        [caseId],
      )
    ).rows;
    const her = people.find((p) => p.role === 'reporter')!.person_id;
    const neighbour = people.find((p) => p.role === 'victim')!.person_id;
    const c = (
      await db.query<{ data_key_id: string; reference: string }>(
        'select data_key_id, reference from cases where id = $1',
        [caseId],
      )
    ).rows[0]!;
    const now = t.clock.now();
    // A timeline note, an action with notes, her arrest and the neighbour's, her feedback.
    await db.query(
      `insert into case_events (case_id, at, actor_id, actor_label, type, data, note_enc)
       values ($1, $2, $3, 'user', 'note', '{}', $4)`,
      [
        caseId,
        now,
        duty.userId,
        await vault.encrypt(
          c.data_key_id,
          'Called Akinyi; Otieno Jirani in hospital',
          aad('case_events', 'note', c.reference),
        ),
      ],
    );
    const actionId = '11111111-1111-4111-8111-111111111111';
    await db.query(
      `insert into case_actions (id, case_id, role, type, status, notes_enc, created_by, created_at)
       values ($1, $2, 'legal', 'habeas_corpus', 'open', $3, $4, $5)`,
      [
        actionId,
        caseId,
        await vault.encrypt(
          c.data_key_id,
          'Filing for Akinyi at Milimani',
          aad('case_actions', 'notes', actionId),
        ),
        duty.userId,
        now,
      ],
    );
    await db.query(
      `insert into arrests (case_id, person_id, arrested_at, police_station, created_at) values
       ($1, $2, $4, 'Kayole Police Station', $4), ($1, $3, $4, 'Central Police Station', $4)`,
      [caseId, her, neighbour, now],
    );
    const feedbackId = '22222222-2222-4222-8222-222222222222';
    await db.query(
      `insert into victim_feedback (id, case_id, channel, satisfaction, unmet_needs_enc, at)
       values ($1, $2, 'sms', 4, $3, $4)`,
      [
        feedbackId,
        caseId,
        await vault.encrypt(
          c.data_key_id,
          'Transport to court',
          aad('victim_feedback', 'unmet_needs', feedbackId),
        ),
        now,
      ],
    );
    // Report 2, later by SMS from the same phone: a new person row, nothing links them yet. (`MPYA`:
    // a new report, not a follow-up joining her open case's conversation.)
    t.clock.advance(60_000);
    const sms = await t.app.ctx.services.channels.sms.receive({
      from: '+254722000333',
      text: 'MPYA Wamenitishia tena nyumbani usiku wa jana',
      id: 'ATXid_dsar_1',
    });
    const second = (
      await db.query<{ person_id: string }>(
        "select person_id from case_persons where case_id = $1 and role = 'reporter'",
        [sms.caseId],
      )
    ).rows[0]!.person_id;
    expect(second).not.toBe(her);

    // Each export: the data-protection officer asks, a second person approves, the asker runs it once.
    const exportOf = async () => {
      const asked = await t.app.inject({
        method: 'POST',
        url: `/api/persons/${her}/export-requests`,
        headers: dpo.headers,
        payload: { basis: 'subject_access_request' },
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const requestId = (asked.json() as { id: string }).id;
      t.clock.advance(31_000);
      await reauthenticate(t.app, admin);
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/export-requests/${requestId}/decision`,
        headers: admin.headers,
        payload: { approve: true },
      });
      expect(approved.statusCode, approved.body).toBe(200);
      t.clock.advance(31_000);
      await reauthenticate(t.app, dpo);
      const r = await t.app.inject({
        url: `/api/persons/${her}/export?request=${requestId}`,
        headers: dpo.headers,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r;
    };
    // Before a staff member confirms, the SMS report is not hers in the export.
    expect((await exportOf()).body).not.toContain('Wamenitishia');

    const links = await t.app.inject({ url: `/api/persons/${her}/links`, headers: admin.headers });
    expect(links.statusCode, links.body).toBe(200);
    expect(links.json()).toMatchObject({
      links: [{ personId: second, status: 'proposed', cases: [{ caseId: sms.caseId, role: 'reporter' }] }],
    });
    // Only a proposed pair can be linked: not the neighbour, who has no phone in common.
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${her}/links`,
      headers: admin.headers,
      payload: { otherPersonId: neighbour, decision: 'confirmed' },
    });
    expect(wrong.statusCode).toBe(400);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${her}/links`,
      headers: admin.headers,
      payload: { otherPersonId: second, decision: 'confirmed' },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const audited = (
      await db.query<{ actor_id: string; meta: unknown }>(
        "select actor_id, meta from audit_log where action = 'person.link_confirmed' and subject_id = $1",
        [her],
      )
    ).rows;
    expect(audited).toEqual([{ actor_id: admin.userId, meta: { otherPersonId: second } }]);

    const res2 = await exportOf();
    const body = res2.json() as {
      person: { name: string };
      linkedPersons: { id: string; phone: string }[];
      cases: {
        reference: string;
        narrative: string;
        timeline: { note: string | null; by: string }[];
        actions: { notes: string }[];
        feedback: { unmetNeeds: string }[];
      }[];
      arrests: { policeStation: string }[];
      messages: { direction: string; body: string }[];
    };
    expect(body.person.name).toBe('Akinyi Test');
    expect(body.linkedPersons).toMatchObject([{ id: second, phone: '+254722000333' }]);
    expect(body.cases.map((x) => x.reference).sort()).toEqual([c.reference, sms.reference].sort());
    const first = body.cases.find((x) => x.reference === c.reference)!;
    expect(first.narrative).toBe(
      'Officers beat [redacted] at the gate and took Akinyi Test to Kayole station',
    );
    expect(first.timeline.map((e) => e.note)).toContain('Called Akinyi; [redacted] in hospital');
    expect(first.actions[0]!.notes).toBe('Filing for Akinyi at Milimani');
    expect(first.feedback[0]!.unmetNeeds).toBe('Transport to court');
    expect(body.arrests.map((a) => a.policeStation)).toEqual(['Kayole Police Station']);
    // Both directions of her SMS: her report in, our acknowledgement out.
    expect(body.messages.find((m) => m.direction === 'in')?.body).toBe(
      'MPYA Wamenitishia tena nyumbani usiku wa jana',
    );
    expect(body.messages.some((m) => m.direction === 'out' && m.body.includes(sms.reference!))).toBe(true);
    // Nothing about others: not the neighbour's name, arrest or person row; no staff identities.
    expect(res2.body).not.toContain('Otieno');
    expect(res2.body).not.toContain('Central Police Station');
    expect(res2.body).not.toContain(neighbour);
    expect(res2.body).not.toContain(duty.userId);
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
});
