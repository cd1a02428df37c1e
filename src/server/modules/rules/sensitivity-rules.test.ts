import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleDefaults } from '../../../shared/contracts/rules.js';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../../../test/helpers.js';

/** Sensitivity rules as data (issue 14): versioned, validated, audited, and read by intake. */
describe('rules as data: the sensitivity rule', () => {
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

  const current = async () =>
    (await t.app.inject({ url: '/api/rules/sensitivity', headers: admin.headers })).json() as {
      current: {
        version: number;
        body: typeof ruleDefaults.sensitivity;
        changedBy: { id: string } | null;
        reason: string;
      };
      history: { version: number }[];
    };
  const change = (body: unknown, baseVersion: number, lang = 'en') =>
    t.app.inject({
      method: 'PUT',
      url: '/api/rules/sensitivity',
      headers: { ...admin.headers, 'accept-language': lang },
      payload: { body, reason: 'Our protection officer asked for it', baseVersion },
    });
  const sensitivityOf = async (narrative: string) => {
    const c = await f.buildCase({ by: duty, narrative, sensitivity: 'normal' });
    const r = await t.database.query<{ sensitivity: string }>('select sensitivity from cases where id = $1', [
      c.id,
    ]);
    return r.rows[0]!.sensitivity;
  };

  it('starts from today’s rule (version 0): a report about a child is sensitive, a kidnapping is not', async () => {
    const h = await current();
    expect(h.current).toMatchObject({ version: 0, body: ruleDefaults.sensitivity, changedBy: null });
    expect(h.current.body.textPatterns.length).toBeGreaterThan(5);
    expect(await sensitivityOf('Police beat a child at the market in Kibera.')).toBe('sensitive');
    expect(await sensitivityOf('He was kidnapped outside his office in Kisumu.')).toBe('normal');
  });

  it('a changed rule changes intake: new words make reports sensitive', async () => {
    const before = (await current()).current;
    const body = {
      ...before.body,
      textPatterns: [
        ...before.body.textPatterns.filter((p) => !p.includes('child')),
        '\\bkidnap\\w*',
        '\\w*tekwa\\b',
      ],
    };
    const res = await change(body, before.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(await sensitivityOf('He was kidnapped outside his office in Kisumu.')).toBe('sensitive');
    expect(await sensitivityOf('Alitekwa nje ya ofisi yake Kisumu.')).toBe('sensitive');
    // The history says who changed what, when and why; the audit too.
    const h = await current();
    expect(h.current).toMatchObject({
      version: before.version + 1,
      changedBy: { id: admin.userId },
      reason: 'Our protection officer asked for it',
    });
    expect(h.history.map((v) => v.version)).toEqual([before.version + 1, 0]);
    const audit = await t.database.query<{ actor_id: string; meta: { version: number } }>(
      "select actor_id, meta from audit_log where action = 'rules.changed' and subject_id = 'sensitivity'",
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ actor_id: admin.userId, meta: expect.objectContaining({ version: 1 }) }),
    ]);
  });

  it('refuses an invalid rule set with a localised error and changes nothing', async () => {
    const before = (await current()).current;
    const bad = await change({ ...before.body, textPatterns: ['(unclosed'] }, before.version, 'sw');
    expect(bad.statusCode).toBe(400);
    const err = (bad.json() as { error: { code: string; message: string; fields: object[] } }).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual([{ path: 'body.textPatterns.0', message: 'rules.badPattern' }]);
    // The field's message is a key the console shows in English or Kiswahili (rules i18n).
    expect(err.message.length).toBeGreaterThan(0);
    const missing = await change({ violationTypes: [] }, before.version);
    expect(missing.statusCode).toBe(400);
    expect((await current()).current.version).toBe(before.version);
    expect(await sensitivityOf('He was kidnapped again in Kisumu.')).toBe('sensitive');
  });
});
