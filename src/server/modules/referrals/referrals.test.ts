import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../../test/factories.js';
import {
  buildTestApp,
  loginAs,
  type Session,
  type SignedIn,
  type TestApp,
} from '../../../../test/helpers.js';
import { aad } from '../../security/aad.js';

/**
 * Referrals (issue #17, DESIGN §2.3): an SGBV survivor referred to a safe house. Consent first; the
 * partner sees only the referral's allowed fields, answers by SMS, records the outcome; consent
 * withdrawn → the shared data is destroyed (the ciphertext cannot be opened any more).
 */
const PROVIDER_PHONE = '+254733000111';
const SURVIVOR = { name: 'Achieng Survivor', phone: '+254722555000', pickUpPoint: 'Kibera Chief’s office' };
const NARRATIVE = 'She was raped by a neighbour in Kibera on Saturday night and fears he will return';

describe('referral of an SGBV survivor to a safe house', () => {
  let t: TestApp;
  let duty: SignedIn;
  let admin: SignedIn;
  let partner: SignedIn;
  let otherPartner: SignedIn;
  let providerId: string;
  let caseRef: { id: string; reference: string };

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, s: Session, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const sms = (from: string, text: string) => api('POST', '/api/simulator/sms', admin, { from, text });
  /** Every SMS sent to a phone (the test clock stands still, so their order is not asserted). */
  const outbox = async (phone: string) =>
    (
      (await api('GET', `/api/simulator/outbox?phone=${encodeURIComponent(phone)}`, admin)).json() as {
        messages: { body: string }[];
      }
    ).messages.map((m) => m.body);
  const provider = async (body: object) => {
    const res = await api('POST', '/api/referral-providers', duty, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const refer = (payload: object) => api('POST', `/api/cases/${caseRef.id}/referrals`, duty, payload);
  const safeHouseReferral = (over: object = {}) => ({
    providerId,
    need: 'safe_house_placement',
    fields: SURVIVOR,
    consent: {
      purpose: 'Safe-house placement tonight',
      method: 'in_person',
      toldRightToWithdraw: true,
    },
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    const f = factories(t.app);
    duty = await loginAs(t.app, 'duty_officer');
    admin = await loginAs(t.app, 'admin');
    partner = await loginAs(t.app, 'partner');
    otherPartner = await loginAs(t.app, 'partner');
    caseRef = await f.buildCase({ by: duty, narrative: NARRATIVE, violationTypes: ['rape'] });
    providerId = (
      await provider({
        name: 'Tumaini Safe House',
        type: 'safe_house',
        services: ['safe_house_placement'],
        counties: ['Nairobi', 'Kiambu'],
        languages: ['sw', 'en'],
        capacity: 3,
        contacts: { phone: '0733 000111', email: 'intake@tumaini.example' },
      })
    ).id;
    const other = await provider({
      name: 'Mombasa Counselling Centre',
      type: 'counsellor',
      services: ['counselling'],
      counties: ['Mombasa'],
    });
    for (const [pid, p] of [
      [providerId, partner],
      [other.id, otherPartner],
    ] as const) {
      const res = await api('POST', `/api/referral-providers/${pid}/members`, duty, { userId: p.userId });
      expect(res.statusCode, res.body).toBe(204);
    }
  }, 180_000);
  afterAll(() => t.close());

  it('finds providers by need and county, and records who verified one and when', async () => {
    const found = await api('GET', '/api/referral-providers?need=safe_house_placement&county=Kiambu', duty);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().providers.map((p: { id: string }) => p.id)).toEqual([providerId]);
    const none = await api('GET', '/api/referral-providers?need=safe_house_placement&county=Mombasa', duty);
    expect(none.json().providers).toEqual([]);
    expect(found.json().providers[0].contacts).toEqual({
      phone: PROVIDER_PHONE,
      email: 'intake@tumaini.example',
    });

    const verified = await api('POST', `/api/referral-providers/${providerId}/verify`, duty);
    expect(verified.json()).toMatchObject({ verifiedBy: duty.userId, verifiedAt: expect.any(String) });
    // The contacts are sealed at rest.
    const raw = await t.database.query<{ contacts_enc: string }>(
      'select contacts_enc from referral_providers where id = $1',
      [providerId],
    );
    expect(raw.rows[0]!.contacts_enc).not.toContain('tumaini');
  });

  it('refuses a referral without consent, or with a field the need does not carry', async () => {
    const noConsent = await refer(
      safeHouseReferral({ consent: { purpose: 'Placement', method: 'in_person' } }),
    );
    expect(noConsent.statusCode).toBe(400);
    const extra = await refer(safeHouseReferral({ fields: { ...SURVIVOR, narrative: NARRATIVE } }));
    expect(extra.statusCode).toBe(400);
    const wrongService = await refer(
      safeHouseReferral({ need: 'counselling', fields: { firstName: 'Achieng', language: 'sw' } }),
    );
    expect(wrongService.statusCode).toBe(422);
    expect(wrongService.json().error.code).toBe('SERVICE_NOT_OFFERED');
    // A partner cannot refer, nor read the case.
    expect(
      (await api('POST', `/api/cases/${caseRef.id}/referrals`, partner, safeHouseReferral())).statusCode,
    ).toBe(403);
    expect((await api('GET', `/api/cases/${caseRef.id}`, partner)).statusCode).toBe(403);
  });

  it('refers with consent; the partner reads exactly the allowed fields, accepts by SMS, records the outcome; withdrawal destroys the data', async () => {
    const created = await refer(safeHouseReferral());
    expect(created.statusCode, created.body).toBe(201);
    const referral = created.json() as {
      id: string;
      number: string;
      status: string;
      consent: Record<string, unknown>;
    };
    expect(referral).toMatchObject({ status: 'sent', number: expect.stringMatching(/^R\d+$/) });
    expect(referral.consent).toMatchObject({
      purpose: 'Safe-house placement tonight',
      method: 'in_person',
      recordedBy: duty.userId,
      fields: ['name', 'phone', 'pickUpPoint'],
    });
    const n = referral.number;
    // The provider heard by SMS: the number and the need, nothing personal.
    const notice = (await outbox(PROVIDER_PHONE)).join('\n');
    expect(notice).toContain(`YES ${n}`);
    expect(notice).toContain(`NDIO ${n}`);
    expect(notice).not.toContain('Achieng');

    // Access: every field the partner can read through the API.
    const home = await api('GET', '/api/partner/referrals', partner);
    expect(home.statusCode, home.body).toBe(200);
    const body = home.json() as { provider: Record<string, unknown>; referrals: Record<string, unknown>[] };
    expect(Object.keys(body).sort()).toEqual(['provider', 'referrals']);
    expect(Object.keys(body.provider).sort()).toEqual(['capacity', 'id', 'name']);
    expect(body.referrals).toHaveLength(1);
    const seen = body.referrals[0]!;
    expect(Object.keys(seen).sort()).toEqual(
      ['declineReason', 'id', 'need', 'number', 'outcome', 'sentAt', 'shared', 'status'].sort(),
    );
    expect(seen.shared).toEqual(SURVIVOR);
    expect(Object.keys(seen.shared as object)).toEqual(['name', 'phone', 'pickUpPoint']);
    for (const text of [
      home.body,
      (await api('GET', `/api/partner/referrals/${referral.id}`, partner)).body,
    ]) {
      expect(text).not.toContain(caseRef.id);
      expect(text).not.toContain(caseRef.reference);
      expect(text).not.toContain('raped');
      expect(text).not.toContain('Reporter Test');
    }
    // Another provider's partner sees nothing of it.
    const other = await api('GET', '/api/partner/referrals', otherPartner);
    expect(other.json().referrals).toEqual([]);
    expect((await api('GET', `/api/partner/referrals/${referral.id}`, otherPartner)).statusCode).toBe(404);
    expect((await api('POST', `/api/partner/referrals/${referral.id}/accept`, otherPartner)).statusCode).toBe(
      404,
    );

    // The safe house accepts by SMS from its registered phone; a stranger's "YES" changes nothing.
    const stranger = await sms('+254799000999', `YES ${n}`);
    expect(stranger.json().outcome).not.toBe('referral');
    const yes = await sms(PROVIDER_PHONE, `ndio ${n.toLowerCase()}`);
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json().outcome).toBe('referral');
    expect(await outbox(PROVIDER_PHONE)).toContain(`Dharura: rufaa ${n} imekubaliwa. Asante.`);
    const accepted = await api('GET', `/api/partner/referrals/${referral.id}`, partner);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    // Accepting twice is refused, with a localised message.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/partner/referrals/${referral.id}/accept`,
      headers: { ...partner.headers, 'accept-language': 'sw' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REFERRAL_NOT_OPEN');

    // The partner records the outcome and updates its free beds.
    const done = await api('POST', `/api/partner/referrals/${referral.id}/outcome`, partner, {
      outcome: 'Placed for two weeks',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', outcome: 'Placed for two weeks' });
    const cap = await api('PUT', '/api/partner/capacity', partner, { capacity: 2 });
    expect(cap.json()).toEqual({ id: providerId, name: 'Tumaini Safe House', capacity: 2 });

    // The case team sees the referral's steps on the case.
    const staff = await api('GET', `/api/cases/${caseRef.id}/referrals`, duty);
    expect(staff.json().referrals[0]).toMatchObject({ id: referral.id, status: 'completed' });

    // Consent withdrawn: sharing stops at once and the ciphertext cannot be opened any more.
    const before = await t.database.query<{ fields_enc: string; data_key_id: string }>(
      'select fields_enc, data_key_id from referrals where id = $1',
      [referral.id],
    );
    const { fields_enc: sealed, data_key_id: keyId } = before.rows[0]!;
    const vault = t.app.ctx.vault;
    expect(JSON.parse(await vault.decrypt(keyId, sealed, aad('referrals', 'fields', referral.id)))).toEqual(
      SURVIVOR,
    );
    const withdrawn = await api('POST', `/api/referrals/${referral.id}/withdraw`, duty);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    const after = await t.database.query<{ fields_enc: string | null }>(
      'select fields_enc from referrals where id = $1',
      [referral.id],
    );
    expect(after.rows[0]!.fields_enc).toBeNull();
    await expect(vault.decrypt(keyId, sealed, aad('referrals', 'fields', referral.id))).rejects.toThrow();
    const view = await api('GET', `/api/partner/referrals/${referral.id}`, partner);
    expect(view.json()).toMatchObject({ status: 'withdrawn', shared: null });
    for (const v of Object.values(SURVIVOR)) expect(view.body).not.toContain(v);
    expect((await api('GET', '/api/partner/referrals', partner)).body).not.toContain(SURVIVOR.name);
    // A late SMS answer is told the referral was withdrawn.
    await sms(PROVIDER_PHONE, `YES ${n}`);
    expect(await outbox(PROVIDER_PHONE)).toContain(
      `Dharura: referral ${n} was withdrawn; its details were deleted.`,
    );
  }, 60_000);

  it('a provider declines by SMS in Kiswahili, with its reason', async () => {
    const created = await refer(
      safeHouseReferral({ consent: { purpose: 'Placement', method: 'guardian', toldRightToWithdraw: true } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const { id, number } = created.json() as { id: string; number: string };
    const no = await sms(PROVIDER_PHONE, `HAPANA ${number} hakuna nafasi leo`);
    expect(no.json().outcome).toBe('referral');
    const view = await api('GET', `/api/partner/referrals/${id}`, partner);
    expect(view.json()).toMatchObject({
      status: 'declined',
      declineReason: 'hakuna nafasi leo',
      shared: null,
    });
    expect(await outbox(PROVIDER_PHONE)).toContain(
      `Dharura: rufaa ${number} imekataliwa. Asante kwa kutujulisha.`,
    );
  });
});
