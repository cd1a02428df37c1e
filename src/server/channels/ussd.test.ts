import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../../../test/helpers.js';
import { matchCounty, splitPath, USSD_MAX, ussdStep } from './ussd/menu.js';

const SECRET = 'at-callback-secret-for-ussd-tests';

describe('USSD menu (pure state machine)', () => {
  const lookups = { canGiveFeedback: async (ref: string) => ref === 'UA-2026-00007' };
  const screen = async (text: string) => {
    const step = await ussdStep(text, lookups);
    if (step.kind !== 'screen') throw new Error(`expected a screen for "${text}", got ${step.action.kind}`);
    return step.text;
  };

  it('keeps every screen, in both languages and with every hint, within 182 characters', async () => {
    // Every screen reachable by one valid or one invalid input from every screen of the menu.
    const seen = new Map<string, string>();
    const frontier = [''];
    const inputs = [
      '1',
      '2',
      '3',
      '4',
      '5',
      '7',
      '8',
      '9',
      '0',
      'x',
      'Elgeyo Marakwet',
      'Tharaka',
      'a long description',
    ];
    inputs.push('202600007', 'UA-2026-00123', '2026 1');
    while (frontier.length > 0) {
      const path = frontier.shift()!;
      const step = await ussdStep(path, lookups);
      if (step.kind !== 'screen' || seen.has(step.text)) continue;
      seen.set(step.text, path);
      expect(step.text.length, `"${path}" → ${step.text}`).toBeLessThanOrEqual(USSD_MAX);
      expect(step.text.startsWith('CON ')).toBe(true);
      if (splitPath(path).length < 8) for (const i of inputs) frontier.push(path === '' ? i : `${path}*${i}`);
    }
    expect(seen.size).toBeGreaterThan(25);
  });

  it('is a function of the path: the same text gives the same screen', async () => {
    for (const path of ['', '2', '2*1', '2*1*3', '2*1*3*Mtoto amepigwa', '1*9*9', '1*1*9*zzz']) {
      expect(await screen(path)).toBe(await screen(path));
    }
    expect(await screen('2*1*1*9')).toContain('Andika jina la kaunti');
  });

  it('shows the screen again with a short localised hint on invalid input', async () => {
    expect(await screen('2*1*8')).toMatch(/^CON Tafadhali chagua 1-7\./);
    expect(await screen('1*1*9')).toMatch(/^CON Please choose 1-7\./);
    expect(await screen('9')).toMatch(/^CON Choose 1 or 2 \/ Chagua 1 au 2/);
    // The invalid input is skipped: the next valid one carries on.
    expect(await screen('2*1*8*1')).toBe(await screen('2*1*1'));
  });

  it('goes back one screen with 0 and to the main menu with 00, in both languages', async () => {
    expect(await screen('2*1*0')).toBe(await screen('2'));
    expect(await screen('1*1*1*0*0')).toBe(await screen('1'));
    expect(await screen('2*1*1*1*00')).toBe(await screen('2'));
    expect(await screen('1*0')).toBe(await screen(''));
    // Going back forgets the choice: a different one is taken from there.
    expect(await screen('1*1*1*0*2')).toBe(await screen('1*1*2'));
    expect(await screen('1')).toMatch(/\n0 Back 00 Menu$/);
    expect(await screen('2')).toMatch(/\n0 Rudi 00 Menyu$/);
    // "1" on the county-name screen is "not sure".
    expect(await screen('1*1*1*9*1')).toBe(await screen('1*1*1*9*zzz*1'));
    expect(await screen('1*1*1*9*1')).toMatch(/^CON Briefly: what happened/);
  });

  it('matches typed county names', () => {
    expect(matchCounty('nairobi')).toBe('Nairobi');
    expect(matchCounty('Murang a county')).toBe("Murang'a");
    expect(matchCounty('Tharaka')).toBe('Tharaka-Nithi');
    expect(matchCounty('Ki')).toBeNull();
    expect(matchCounty('Kisi')).toBe('Kisii');
  });
});

describe("USSD through the Africa's Talking callback", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { AT_CALLBACK_SECRET: SECRET } });
  });
  afterAll(() => t.close());

  const ussd = async (sessionId: string, phoneNumber: string, text: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/channels/at/ussd/${SECRET}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        sessionId,
        serviceCode: '*384*1234#',
        phoneNumber,
        networkCode: '63902',
        text,
      }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body.length, res.body).toBeLessThanOrEqual(USSD_MAX);
    expect(res.body).toMatch(/^(CON|END) /);
    return res.body;
  };

  /** Play a session the way the gateway does: every request carries all inputs so far. */
  async function session(sessionId: string, phone: string, inputs: string[]) {
    const screens = [await ussd(sessionId, phone, '')];
    for (let i = 1; i <= inputs.length; i++)
      screens.push(await ussd(sessionId, phone, inputs.slice(0, i).join('*')));
    return screens;
  }

  it('takes a report in Kiswahili in six screens, every one within 182 characters, and opens a ussd case', async () => {
    const phone = '+254733000001';
    const screens = await session('ATUid_sw_1', phone, [
      '2', // Kiswahili
      '1', // Ripoti dharura
      '4', // Mwanamke kuuawa/kutishiwa
      '1', // Nairobi
      'Mume wake anamtishia kumuua Kware leo',
      '1', // Ndiyo, kuna mtu hatarini - tuma
    ]);
    const answered = screens.filter((s) => s.startsWith('CON '));
    expect(answered).toHaveLength(6);
    const end = screens[screens.length - 1]!;
    expect(end).toMatch(/^END Ripoti imepokelewa\. Namba ya kumbukumbu UA-\d{4}-\d{5}-[A-Z2-9]{4}\./);
    const reference = /UA-\d{4}-\d{5}/.exec(end)![0];
    const c = (
      await t.database.query<{
        channel: string;
        county: string;
        violation_types: string[];
        in_danger_now: boolean;
        reporter_locale: string;
        anonymous: boolean;
      }>(
        'select channel, county, violation_types, in_danger_now, reporter_locale, anonymous from cases where reference = $1',
        [reference],
      )
    ).rows[0]!;
    expect(c).toEqual({
      channel: 'ussd',
      county: 'Nairobi',
      violation_types: ['femicide'],
      in_danger_now: true,
      reporter_locale: 'sw',
      anonymous: false,
    });
  });

  it('resumes from text alone, and a repeated final request gives the same reference without a second case', async () => {
    const phone = '+254733000002';
    const path = ['1', '1', '1', 'Kakamega', 'Two activists arrested at the market', '2'];
    const screens = await session('ATUid_en_1', phone, path);
    // Any step asked again — even under another session id, by another instance — gives the same screen.
    for (let i = 0; i < path.length; i++) {
      expect(await ussd('ATUid_other', phone, path.slice(0, i).join('*'))).toBe(screens[i]);
    }
    const again = await ussd('ATUid_en_1', phone, path.join('*'));
    // The same reference; the secret suffix (stored only hashed) is shown on the first answer only.
    expect(again).toBe(screens[screens.length - 1]!.replace(/(UA-\d{4}-\d{5})-[A-Z2-9]{4}/g, '$1'));
    const rows = await t.database.query(
      "select 1 from cases where channel = 'ussd' and reporter_phone_bidx = $1",
      [t.app.ctx.vault.blindIndex('phone', phone)],
    );
    expect(rows.rows).toHaveLength(1);
    expect(again).toContain('Report received. Reference UA-');
  });

  it('cancels without saving anything', async () => {
    const phone = '+254733000003';
    const screens = await session('ATUid_cancel', phone, ['1', '1', '2', '3', 'not sure what to say', '3']);
    expect(screens.at(-1)).toBe('END Nothing was sent. Dial again any time.');
    const rows = await t.database.query('select 1 from cases where reporter_phone_bidx = $1', [
      t.app.ctx.vault.blindIndex('phone', phone),
    ]);
    expect(rows.rows).toHaveLength(0);
  });

  it('checks a case by reference for the reporting phone only, and raises an SOS', async () => {
    const c = await t.app.ctx.services.intake.receive(
      {
        channel: 'web',
        narrative: 'a report to look up',
        reporter: { anonymous: false, phone: '+254733000004', locale: 'en' },
      },
      { userId: null, label: 'test' },
    );
    const digits = c.reference.replace(/\D/g, '');
    expect(await ussd('ATUid_status', '+254733000004', `2*3*${digits}`)).toBe(
      `END ${c.reference}: Imepokelewa, tunaipitia.`,
    );
    const notFound =
      'END We could not find this reference for this phone. Check it, and send it from the phone that made the report.';
    expect(await ussd('ATUid_status2', '+254733000004', '1*3*UA-1999-00001')).toBe(notFound);
    // Another phone, the right reference: the same not-found screen.
    expect(await ussd('ATUid_status3', '+254733000099', `1*3*${digits}`)).toBe(notFound);
    const sos = await ussd('ATUid_sos', '+254733000005', '1*2');
    expect(sos).toMatch(/^END SOS received\. Reference UA-\d{4}-\d{5}-[A-Z2-9]{4}\./);
    const ref = /UA-\d{4}-\d{5}/.exec(sos)![0];
    const row = (
      await t.database.query<{ in_danger_now: boolean; channel: string }>(
        'select in_danger_now, channel from cases where reference = $1',
        [ref],
      )
    ).rows[0]!;
    expect(row).toEqual({ in_danger_now: true, channel: 'ussd' });
  });

  it("takes feedback on a closed case from the reporter's phone only, as a feedback row and on the timeline", async () => {
    const phone = '+254733000006';
    const c = await t.app.ctx.services.intake.receive(
      {
        channel: 'sms',
        narrative: 'a case that will be closed',
        reporter: { anonymous: false, phone, locale: 'sw' },
      },
      { userId: null, label: 'test' },
    );
    const digits = c.reference.replace(/\D/g, '');
    const neutral = /^CON Hatuwezi kupokea maoni ya namba hii kutoka simu hii/;
    // Not closed yet: the reference is refused with the neutral hint.
    expect(await ussd('ATUid_fb0', phone, `2*4*${digits}`)).toMatch(neutral);
    await t.database.query("update cases set status = 'closed' where id = $1", [c.id]);
    // Another phone that knows the reference learns nothing: the same screen as a reference that does not exist.
    const other = await ussd('ATUid_fb2', '+254733000099', `2*4*${digits}`);
    expect(other).toMatch(neutral);
    expect(await ussd('ATUid_fb3', '+254733000099', '2*4*209900001')).toBe(other);
    const screens = await session('ATUid_fb1', phone, ['2', '4', digits, '9', '5']);
    expect(screens[3]).toMatch(/^CON Umeridhika kiasi gani/);
    expect(screens[4]).toMatch(/^CON Tafadhali chagua 1-5\./);
    expect(screens[5]).toBe('END Asante kwa maoni yako.');
    const rows = await t.database.query<{
      channel: string;
      satisfaction: number;
      recorded_by: string | null;
    }>('select channel, satisfaction, recorded_by from victim_feedback where case_id = $1', [c.id]);
    expect(rows.rows).toEqual([{ channel: 'ussd', satisfaction: 5, recorded_by: null }]);
    const events = await t.database.query<{ data: { satisfaction: number; channel: string } }>(
      "select data from case_events where case_id = $1 and type = 'feedback.recorded'",
      [c.id],
    );
    expect(events.rows.map((e) => [e.data.channel, e.data.satisfaction])).toEqual([['ussd', 5]]);
  });

  it('keeps a * typed inside a description in the report', async () => {
    const phone = '+254733000011';
    const screens = await session('ATUid_star', phone, [
      '1',
      '1',
      '1',
      '1',
      'Police*beat us at stage 3*4',
      '2',
    ]);
    expect(screens.at(-2)).toMatch(/^CON Send report: Arrest\/detention, Nairobi\./);
    expect(screens.at(-1)).toMatch(/^END Report received\./);
    const ref = /UA-\d{4}-\d{5}/.exec(screens.at(-1)!)![0];
    const row = (await t.database.query<{ id: string }>('select id from cases where reference = $1', [ref]))
      .rows[0]!;
    const officer = await loginAs(t.app, 'duty_officer');
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${row.id}`,
      headers: officer.headers,
    });
    expect(JSON.stringify(detail.json())).toContain('Police*beat us at stage 3*4');
  });

  it('ends an over-long session politely, in the chosen language, never with an error', async () => {
    const long = `2*1*1*1*${'a'.repeat(1600)}`;
    const body = await ussd('ATUid_long', '+254733000012', long);
    expect(body).toBe(
      'END Samahani, kipindi hiki ni kirefu mno. Tafadhali piga tena, au tuma ripoti kwa SMS. Maisha yakiwa hatarini, piga 999 au 112.',
    );
    expect(await ussd('ATUid_long2', '+254733000012', `1*1*1*1*${'b'.repeat(5000)}`)).toMatch(
      /^END Sorry, this session is too long\./,
    );
  });

  it('starts a new session when the gateway reuses a session id after END, instead of replaying it', async () => {
    const phone = '+254733000013';
    const first = await session('ATUid_reused', phone, ['1', '2']);
    expect(first.at(-1)).toMatch(/^END SOS received\. Reference UA-/);
    // The gateway repeating the final request: the same END, no second case.
    const repeat = await ussd('ATUid_reused', phone, '1*2');
    expect(repeat).toMatch(/^END SOS received/);
    // Days later the same id comes back: a new session from the first screen, and a new SOS.
    const again = await session('ATUid_reused', phone, ['1', '2']);
    expect(again[0]).toBe('CON Dharura\n1 English\n2 Kiswahili');
    const refs = [first.at(-1)!, again.at(-1)!].map((s) => /UA-\d{4}-\d{5}/.exec(s)![0]);
    expect(refs[0]).not.toBe(refs[1]);
    const rows = await t.database.query('select 1 from cases where reporter_phone_bidx = $1', [
      t.app.ctx.vault.blindIndex('phone', phone),
    ]);
    expect(rows.rows).toHaveLength(2);
  });

  it('answers 404 to a wrong secret', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/channels/at/ussd/wrong-secret-wrong-secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'sessionId=x&phoneNumber=%2B254733000001&text=',
    });
    expect(res.statusCode).toBe(404);
  });

  it('drives the same handlers from the console phone simulator', async () => {
    const admin = await loginAs(t.app, 'admin');
    const play = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/simulator/ussd',
        headers: admin.headers,
        payload: { phoneNumber: '0733 000 007', sessionId: 'console-1', text },
      });
    const first = await play('');
    expect(first.json()).toEqual({ screen: 'CON Dharura\n1 English\n2 Kiswahili', end: false });
    const sms = await t.app.inject({
      method: 'POST',
      url: '/api/simulator/sms',
      headers: admin.headers,
      payload: { from: '0733 000 007', text: 'Watu wamevamiwa na polisi hapa Mathare usiku huu' },
    });
    expect(sms.statusCode).toBe(200);
    const { reference, outcome } = sms.json() as { reference: string; outcome: string };
    expect(outcome).toBe('report');
    // Jobs are not running here: send what is queued by hand (the job handler), then read the outbox.
    const queued = await t.database.query<{ id: string }>(
      "select id from messages where direction = 'out' and status = 'queued'",
    );
    for (const m of queued.rows) await t.app.ctx.services.channels.messages.deliver(m.id);
    const outbox = await t.app.inject({
      method: 'GET',
      url: `/api/simulator/outbox?phone=${encodeURIComponent('+254733000007')}`,
      headers: admin.headers,
    });
    expect(outbox.statusCode).toBe(200);
    const [msg] = (outbox.json() as { messages: { body: string; channel: string; status: string }[] })
      .messages;
    expect(msg).toMatchObject({ channel: 'outbox', status: 'delivered' });
    expect(msg!.body).toContain(`Namba ya kumbukumbu ${reference}`);
    // Only administrators hold the simulator.
    const officer = await loginAs(t.app, 'duty_officer');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/simulator/ussd',
      headers: officer.headers,
      payload: { phoneNumber: '0733000007', sessionId: 'x', text: '' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
