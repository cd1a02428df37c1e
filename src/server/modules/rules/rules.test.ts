import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleDefaults, type RuleBodies } from '../../../shared/contracts/rules.js';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../../../test/helpers.js';

const assessment = {
  severity: 2,
  immediacy: 2,
  feasibility: 2,
  justifications: { severity: 'beaten', immediacy: 'this week', feasibility: 'lawyer available' },
};

describe('rules as data: versioned, validated, audited, and used by the server', () => {
  let t: TestApp;
  let f: Factories;
  let admin: SignedIn;
  let duty: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp();
    f = factories(t.app);
    admin = await f.session('admin');
    duty = await f.session('duty_officer');
  });
  afterAll(() => t.close());

  const history = async (kind: string) =>
    (await t.app.inject({ url: `/api/rules/${kind}`, headers: admin.headers })).json() as {
      current: { version: number; body: unknown; changedBy: { id: string } | null; reason: string };
      history: { version: number; body: unknown }[];
    };
  const change = (kind: string, body: unknown, baseVersion: number, reason = 'test change') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/rules/${kind}`,
      headers: admin.headers,
      payload: { body, reason, baseVersion },
    });
  const step = (id: string, action: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions/${action}`,
      headers: duty.headers,
      payload,
    });
  async function assessedPriority(): Promise<string> {
    const c = await f.buildCase({ by: duty });
    expect((await step(c.id, 'acknowledge')).statusCode).toBe(200);
    const res = await step(c.id, 'assess', { assessment });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await t.app.inject({ url: `/api/cases/${c.id}`, headers: duty.headers })).json() as {
      priority: string;
    };
    return detail.priority;
  }

  it('starts from the shipped defaults as version 0', async () => {
    const h = await history('priority');
    expect(h.current).toMatchObject({ version: 0, body: ruleDefaults.priority, changedBy: null });
    expect(h.history.map((v) => v.version)).toEqual([0]);
  });

  it('a change of the priority matrix through the API decides the next assessment', async () => {
    // Severity 2 + immediacy 2 = 4: P3 under the default matrix (P2 from 5).
    expect(await assessedPriority()).toBe('P3');
    const res = await change('priority', { ...ruleDefaults.priority, p2Sum: 4 }, 0, 'P2 from a sum of 4');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, changedBy: { id: admin.userId } });
    expect(await assessedPriority()).toBe('P2');

    const h = await history('priority');
    expect(h.current).toMatchObject({ version: 1, reason: 'P2 from a sum of 4' });
    expect(h.history.map((v) => v.version)).toEqual([1, 0]);
    const audit = await t.database.query<{ meta: { kind: string; version: number } }>(
      `select meta from audit_log where action = 'rules.changed' and subject_id = 'priority'`,
    );
    expect(audit.rows.map((r) => r.meta)).toEqual([{ kind: 'priority', version: 1, from: 0 }]);
  });

  it('refuses bad input and a stale version with a localised error, changing nothing', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/rules/priority',
      headers: { ...admin.headers, 'accept-language': 'sw' },
      payload: { body: { ...ruleDefaults.priority, p2Sum: 2, p3Sum: 4 }, reason: 'wrong', baseVersion: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const err = (bad.json() as { error: { code: string; message: string; fields: { path: string }[] } })
      .error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields.map((x) => x.path)).toContain('body.p2Sum');
    expect(err.message.length).toBeGreaterThan(0);
    expect((await change('priority', { activateMin: 9 }, 1)).statusCode).toBe(400);
    expect((await change('priority', ruleDefaults.priority, 0)).statusCode).toBe(409);
    expect((await history('priority')).current.version).toBe(1);
    expect(await assessedPriority()).toBe('P2');
  });

  it('a retired violation type stays on old cases and in the vocabulary, and new input refuses it', async () => {
    const old = await f.buildCase({ by: duty, violationTypes: ['forced_eviction'] });
    const vocab = structuredClone(ruleDefaults.vocabularies) as RuleBodies['vocabularies'];
    vocab.violationTypes.find((x) => x.code === 'forced_eviction')!.retired = true;
    vocab.violationTypes.push({
      code: 'land_grabbing',
      en: 'Land grabbing',
      sw: 'Unyakuzi wa ardhi',
      retired: false,
    });
    const res = await change('vocabularies', vocab, 0, 'merged into another term');
    expect(res.statusCode, res.body).toBe(200);

    const oldCase = (await t.app.inject({ url: `/api/cases/${old.id}`, headers: duty.headers })).json() as {
      violationTypes: string[];
    };
    expect(oldCase.violationTypes).toEqual(['forced_eviction']);
    const listed = (await t.app.inject({ url: '/api/vocabularies', headers: duty.headers })).json() as {
      violationTypes: { code: string; en: string; sw: string; retired: boolean }[];
    };
    expect(listed.violationTypes.find((x) => x.code === 'forced_eviction')).toMatchObject({
      en: 'Forced eviction or demolition',
      sw: 'Kufukuzwa kwa nguvu au ubomoaji',
      retired: true,
    });

    const count = async () =>
      (await t.database.query<{ n: string }>('select count(*) n from cases')).rows[0]!.n;
    const before = await count();
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: duty.headers,
      payload: {
        channel: 'hotline',
        narrative: 'Bulldozers arrived at dawn in Kibera',
        violationTypes: ['forced_eviction'],
        reporter: { anonymous: true, locale: 'en' },
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: { code: 'TERM_NOT_CURRENT', fields: [{ path: 'violationTypes.0', message: 'retired' }] },
    });
    expect(await count()).toBe(before);
    // A term the organisation added is accepted like a built-in one.
    const added = await f.buildCase({ by: duty, violationTypes: ['land_grabbing'] });
    const addedCase = (
      await t.app.inject({ url: `/api/cases/${added.id}`, headers: duty.headers })
    ).json() as {
      violationTypes: string[];
    };
    expect(addedCase.violationTypes).toEqual(['land_grabbing']);

    // The assessment of an open case refuses it too; current terms still pass.
    expect((await step(old.id, 'acknowledge')).statusCode).toBe(200);
    const reassess = await step(old.id, 'assess', {
      assessment: { ...assessment, violationTypes: ['forced_eviction'] },
    });
    expect(reassess.json()).toMatchObject({ error: { code: 'TERM_NOT_CURRENT' } });
    const ok = await step(old.id, 'assess', { assessment: { ...assessment, violationTypes: ['torture'] } });
    expect(ok.statusCode).toBe(200);
  });

  it('a term can be retired, never deleted; the SLA settings are a versioned rule too', async () => {
    const vocab = (await history('vocabularies')).current.body as RuleBodies['vocabularies'];
    vocab.agencies = vocab.agencies.filter((a) => a.code !== 'ipoa');
    const res = await change('vocabularies', vocab, 1);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'body.agencies.ipoa', message: 'rules.termDeleted' }],
      },
    });
    expect((await history('vocabularies')).current.version).toBe(1);

    const sla = { ...ruleDefaults.sla, P1: { acknowledge: 3, decision: 20, firstAction: 90 } };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/sla',
      headers: admin.headers,
      payload: sla,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await history('sla')).current).toMatchObject({ version: 1, body: sla });
    const read = await t.app.inject({ url: '/api/settings/sla', headers: duty.headers });
    expect(read.json()).toEqual(sla);
  });

  it('the reason → escalation policy routing decides which policy a new alert snapshots', async () => {
    const policyOf = async () => {
      const a = await f.buildAlert({ by: duty });
      const res = await t.app.inject({ url: `/api/alerts/${a.id}`, headers: duty.headers });
      return (res.json() as { policy: { name: string } }).policy.name;
    };
    expect(await policyOf()).toBe('duty');
    const unknown = await change(
      'escalation_routing',
      { ...ruleDefaults.escalation_routing, sos: 'nobody' },
      0,
    );
    expect(unknown.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'body.sos', message: 'rules.unknownPolicy' }] },
    });
    const routed = { ...ruleDefaults.escalation_routing, new_urgent_report: 'leadership' };
    expect((await change('escalation_routing', routed, 0)).statusCode).toBe(200);
    expect(await policyOf()).toBe('leadership');
  });

  it('rule versions are append-only in the database', async () => {
    await expect(t.database.query(`update rule_sets set reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from rule_sets`)).rejects.toThrow(/append-only/);
  });
});
