import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { USSD_MAX } from './menu.js';

const SECRET = 'at-callback-secret-for-ussd-menu-rules';

/** The USSD menu's lists as an organisation's rule set (issue #14: rules as data). */
describe('USSD menu lists as rules', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp({ config: { AT_CALLBACK_SECRET: SECRET } });
    admin = await loginAs(t.app, 'admin');
  }, 120_000);
  afterAll(() => t.close());

  const ussd = async (sessionId: string, text: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/channels/at/ussd/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        sessionId,
        serviceCode: '*384*1234#',
        phoneNumber: '+254711000333',
        networkCode: '63902',
        text,
      }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.length, res.body).toBeLessThanOrEqual(USSD_MAX);
    return res.body;
  };
  const rules = async () =>
    (await t.app.inject({ url: '/api/rules/ussd_menu', headers: admin.headers })).json() as {
      current: { version: number; changedBy: { id: string } | null; reason: string };
      history: { version: number }[];
    };
  const change = (body: unknown, baseVersion: number, lang = 'en') =>
    t.app.inject({
      method: 'PUT',
      url: '/api/rules/ussd_menu',
      headers: { ...admin.headers, 'accept-language': lang },
      payload: { body, reason: 'Turkana office opened', baseVersion },
    });

  const lists = {
    reportTypes: [
      { codes: ['forced_eviction'], label: { en: 'Eviction', sw: 'Kufukuzwa' } },
      { codes: ['attack_on_defender'], label: { en: 'Defender attacked', sw: 'Mtetezi kushambuliwa' } },
      { codes: [], label: { en: 'Other', sw: 'Jingine' } },
    ],
    counties: ['Turkana', 'Garissa'],
  };

  it('shows the shipped lists until an administrator changes them, then the new ones', async () => {
    expect(await ussd('s-before', '1*1')).toContain('1 Arrest/detention');
    expect((await rules()).current.version).toBe(0);
    const res = await change(lists, 0);
    expect(res.statusCode, res.body).toBe(200);

    const types = await ussd('s-after', '2*1');
    expect(types).toContain('1 Kufukuzwa');
    expect(types).toContain('2 Mtetezi kushambuliwa');
    expect(types).not.toContain('Ubakaji');
    expect(await ussd('s-after', '2*1*9')).toContain('Tafadhali chagua 1-3.');
    const counties = await ussd('s-after', '2*1*9*2');
    expect(counties).toContain('1 Turkana');
    expect(counties).toContain('3 Nyingine');
    await ussd('s-after', '2*1*9*2*1');
    await ussd('s-after', '2*1*9*2*1*Walinzi wa kampuni walimpiga mtetezi sokoni');
    const done = await ussd('s-after', '2*1*9*2*1*Walinzi wa kampuni walimpiga mtetezi sokoni*2');
    expect(done).toMatch(/^END /);
    const row = await t.database.query<{ violation_types: string[]; county: string | null }>(
      "select violation_types, county from cases where channel = 'ussd' order by received_at desc limit 1",
    );
    expect(row.rows[0]).toEqual({ violation_types: ['attack_on_defender'], county: 'Turkana' });

    const h = await rules();
    expect(h.current).toMatchObject({
      version: 1,
      changedBy: { id: admin.userId },
      reason: 'Turkana office opened',
    });
    expect(h.history.map((v) => v.version)).toEqual([1, 0]);
  });

  it('refuses a county that is not one of the 47, or lists too long for a feature phone, changing nothing', async () => {
    const unknown = await change({ ...lists, counties: ['Turkana', 'Gotham'] }, 1, 'sw');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'body.counties.1', message: 'rules.unknownCounty' }],
      },
    });
    const long = 'Ukatili mkubwa wa polisi mtaani';
    const tooLong = await change(
      {
        reportTypes: Array.from({ length: 8 }, () => ({ codes: [], label: { en: long, sw: long } })),
        counties: lists.counties,
      },
      1,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json())).toContain('rules.ussdTooLong');
    expect((await rules()).current.version).toBe(1);
    expect(await ussd('s-still', '1*1')).toContain('1 Eviction');
  });
});
