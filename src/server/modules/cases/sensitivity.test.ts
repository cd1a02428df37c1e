import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sensitivityFloor, sensitivityReasons } from '../../../shared/sensitivity.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

const SECRET = 'sensitivity-callback-secret';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('sensitivity rule (pure)', () => {
  it('makes sexual violence, minors, femicide and SOS sensitive, in English and Kiswahili', () => {
    expect(sensitivityFloor({ violationTypes: ['rape'] })).toBe('sensitive');
    expect(sensitivityFloor({ violationTypes: ['femicide'] })).toBe('sensitive');
    expect(sensitivityFloor({ victimAgeGroup: 'child' })).toBe('sensitive');
    expect(sensitivityFloor({ vulnerable: ['minor'] })).toBe('sensitive');
    expect(sensitivityFloor({ sos: true })).toBe('sensitive');
    for (const text of [
      'She was raped near the river',
      'Binti yangu alibakwa na askari',
      'Walimnajisi mtoto wa miaka tisa',
      'A schoolgirl was defiled',
      'Mauaji ya wanawake yanaongezeka hapa',
    ])
      expect(sensitivityFloor({ narrative: text }), text).toBe('sensitive');
    expect(sensitivityFloor({ violationTypes: ['forced_eviction'], narrative: 'Bulldozers at dawn' })).toBe(
      'normal',
    );
    expect(sensitivityFloor({ narrative: 'Polisi wamevamia soko la Gikomba' })).toBe('normal');
    expect(sensitivityReasons({ violationTypes: ['rape'], sos: true })).toEqual(['type:rape', 'sos']);
  });
});

describe('sensitive by default on every channel, and screening with a second person', () => {
  let t: TestApp;
  let duty: SignedIn;
  let duty2: SignedIn;
  let approver: SignedIn;
  let finance: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({
      config: { AT_CALLBACK_SECRET: SECRET, PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000' },
    });
    duty = await loginAs(t.app, 'duty_officer');
    duty2 = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    finance = await loginAs(t.app, 'finance');
  });
  afterAll(() => t.close());

  const sensitivityOf = async (reference: string) =>
    (
      await t.database.query<{ sensitivity: string; id: string }>(
        'select id, sensitivity from cases where reference = $1',
        [reference],
      )
    ).rows[0]!;
  const staffIntake = async (payload: Record<string, unknown>, s: SignedIn = duty) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: s.headers,
      payload: { channel: 'hotline', reporter: { anonymous: true, locale: 'en' }, ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string };
  };
  const ref = (text: string) => /UA-\d{4}-\d{5}/.exec(text)![0];

  it('public form: a rape report is sensitive; an eviction is not', async () => {
    const submit = async (violation: string, narrative: string) => {
      const page = await t.app.inject({ url: '/report?lang=en' });
      const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
      t.clock.advance(5_000);
      const res = await t.app.inject({
        method: 'POST',
        url: '/report',
        headers: form,
        payload: new URLSearchParams({
          lang: 'en',
          token,
          website: '',
          danger: 'no',
          narrative,
          violation,
          county: 'Nairobi',
        }).toString(),
      });
      expect(res.statusCode, res.body).toBeLessThan(400);
      return ref(res.body);
    };
    expect((await sensitivityOf(await submit('rape', 'Attacked on the way home'))).sensitivity).toBe(
      'sensitive',
    );
    // "Not sure" and words that say it.
    expect((await sensitivityOf(await submit('', 'My daughter was raped by a guard'))).sensitivity).toBe(
      'sensitive',
    );
    expect((await sensitivityOf(await submit('forced_eviction', 'Bulldozers at dawn'))).sensitivity).toBe(
      'normal',
    );
  });

  it('SMS: sexual violence in Kiswahili and an SOS are sensitive', async () => {
    let seq = 0;
    const sms = async (from: string, text: string) => {
      seq += 1;
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/channels/at/sms/${SECRET}`,
        headers: form,
        payload: new URLSearchParams({
          from,
          to: '22384',
          text,
          date: '2026-03-01 10:00:00',
          id: `ATXid_sens_${seq}`,
          linkId: `link-${seq}`,
        }).toString(),
      });
      expect(res.statusCode).toBe(200);
      const row = await t.database.query<{ sensitivity: string }>(
        'select sensitivity from cases where reporter_phone_bidx = $1',
        [t.app.ctx.vault.blindIndex('phone', from)],
      );
      return row.rows[0]?.sensitivity;
    };
    expect(await sms('+254711100001', 'Binti yangu alibakwa na askari jana usiku Mathare')).toBe('sensitive');
    expect(await sms('+254711100002', 'MSAADA')).toBe('sensitive');
    expect(await sms('+254711100003', 'Polisi wamevamia soko la Gikomba leo asubuhi')).toBe('normal');
  });

  it('USSD: the "rape/sexual violence" choice is sensitive', async () => {
    const phone = '+254733100001';
    let last = '';
    const inputs = ['1', '1', '2', '1', 'He attacked her at night near the stage', '1'];
    for (let i = 0; i <= inputs.length; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/channels/at/ussd/${SECRET}`,
        headers: form,
        payload: new URLSearchParams({
          sessionId: 'ATUid_sens',
          serviceCode: '*384*1234#',
          phoneNumber: phone,
          networkCode: '63902',
          text: inputs.slice(0, i).join('*'),
        }).toString(),
      });
      last = res.body;
    }
    expect((await sensitivityOf(ref(last))).sensitivity).toBe('sensitive');
  });

  it('staff intake and a defender’s SOS: by type, by a child victim, and never lowered by the rule', async () => {
    expect(
      (
        await sensitivityOf(
          (await staffIntake({ narrative: 'at the chief’s camp', violationTypes: ['sexual_assault'] }))
            .reference,
        )
      ).sensitivity,
    ).toBe('sensitive');
    expect(
      (
        await sensitivityOf(
          (await staffIntake({ narrative: 'beaten at school', victim: { name: 'K', ageGroup: 'child' } }))
            .reference,
        )
      ).sensitivity,
    ).toBe('sensitive');
    expect(
      (await sensitivityOf((await staffIntake({ narrative: 'rape', sensitivity: 'restricted' })).reference))
        .sensitivity,
    ).toBe('restricted');
    const sos = await t.app.inject({
      method: 'POST',
      url: '/api/me/sos',
      headers: duty2.headers,
      payload: {},
    });
    expect(sos.statusCode, sos.body).toBe(201);
    expect((await sensitivityOf((sos.json() as { reference: string }).reference)).sensitivity).toBe(
      'sensitive',
    );
  });

  it('a sensitive public report is a redacted line for finance, and a screener takes it by acknowledging', async () => {
    const page = await t.app.inject({ url: '/report?lang=sw' });
    const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
    t.clock.advance(5_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/report',
      headers: form,
      payload: new URLSearchParams({
        lang: 'sw',
        token,
        website: '',
        danger: 'yes',
        narrative: 'Msichana alibakwa karibu na kituo cha polisi',
        violation: '',
        county: 'Nairobi',
      }).toString(),
    });
    const { id } = await sensitivityOf(ref(res.body));
    expect((await t.app.inject({ url: `/api/cases/${id}`, headers: finance.headers })).statusCode).toBe(404);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions/acknowledge`,
      headers: duty.headers,
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await t.app.inject({ url: `/api/cases/${id}`, headers: duty.headers })).statusCode).toBe(200);
    // Finance still cannot acknowledge or read it.
    expect((await t.app.inject({ url: `/api/cases/${id}`, headers: finance.headers })).statusCode).toBe(404);
  });

  it('raises at once; lowering needs a reason and a second person; every step is audited without words', async () => {
    const c = await staffIntake({ narrative: 'A land dispute in Kware', county: 'Nairobi' });
    const set = (s: SignedIn, body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/sensitivity`,
        headers: s.headers,
        payload: body,
      });
    expect((await sensitivityOf(c.reference)).sensitivity).toBe('normal');
    const raised = await set(duty, { sensitivity: 'sensitive' });
    expect(raised.json()).toEqual({ status: 'applied', sensitivity: 'sensitive', requestId: null });
    expect((await sensitivityOf(c.reference)).sensitivity).toBe('sensitive');
    // Finance, not on the team, no longer reads it.
    expect((await t.app.inject({ url: `/api/cases/${c.id}`, headers: finance.headers })).statusCode).toBe(
      404,
    );
    // Lowering without a reason: refused.
    expect((await set(duty, { sensitivity: 'normal' })).json()).toMatchObject({
      error: { code: 'REASON_REQUIRED' },
    });
    const asked = await set(duty, {
      sensitivity: 'normal',
      reason: 'SECRET-REASON the keyword was a false match',
    });
    expect(asked.json()).toMatchObject({ status: 'pending', sensitivity: 'sensitive' });
    const requestId = (asked.json() as { requestId: string }).requestId;
    expect((await sensitivityOf(c.reference)).sensitivity).toBe('sensitive');
    const detail = (await t.app.inject({ url: `/api/cases/${c.id}`, headers: duty.headers })).json() as {
      sensitivityRequest: { id: string; to: string } | null;
    };
    expect(detail.sensitivityRequest).toMatchObject({ id: requestId, to: 'normal' });
    const decide = (s: SignedIn, approve: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/sensitivity-requests/${requestId}/decision`,
        headers: s.headers,
        payload: { approve },
      });
    // The asker cannot approve it; a second person who is not on the team cannot see it.
    expect((await decide(duty, true)).json()).toMatchObject({ error: { code: 'SEGREGATION_OF_DUTIES' } });
    expect((await decide(approver, true)).statusCode).toBe(404);
    await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/members`,
      headers: duty.headers,
      payload: { userId: approver.userId },
    });
    const ok = await decide(approver, true);
    expect(ok.json()).toMatchObject({ status: 'applied', sensitivity: 'normal' });
    expect((await sensitivityOf(c.reference)).sensitivity).toBe('normal');
    expect((await decide(approver, false)).json()).toMatchObject({ error: { code: 'REQUEST_DECIDED' } });
    const audit = await t.database.query<{ action: string; meta: unknown }>(
      `select action, meta from audit_log where subject_id = $1 and action like 'case.sensitivity%' order by seq`,
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'case.sensitivity_raised',
      'case.sensitivity_lower_requested',
      'case.sensitivity_lowered',
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('SECRET-REASON');
    // The reason is on the timeline, encrypted, for the team.
    const raw = await t.database.query<{ n: number }>(
      "select count(*)::int as n from case_events where case_id = $1 and note_enc like '%SECRET-REASON%'",
      [c.id],
    );
    expect(raw.rows[0]!.n).toBe(0);
    const timeline = (await t.app.inject({ url: `/api/cases/${c.id}`, headers: duty.headers })).json() as {
      timeline: { type: string; note: string | null }[];
    };
    expect(timeline.timeline.find((e) => e.type === 'sensitivity.lower_requested')!.note).toContain(
      'SECRET-REASON',
    );
  });

  it('assessment that finds a minor raises the sensitivity by rule', async () => {
    const c = await staffIntake({ narrative: 'Arrested at the protest', county: 'Nairobi' });
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
        severity: 2,
        immediacy: 2,
        feasibility: 2,
        justifications: { severity: 'a', immediacy: 'b', feasibility: 'c' },
        vulnerable: ['minor'],
      },
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect((await sensitivityOf(c.reference)).sensitivity).toBe('sensitive');
  });
});
