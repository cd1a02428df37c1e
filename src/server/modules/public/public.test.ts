import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import { escapeHtml } from './html.js';
import { countyNames } from './locations.js';
import { QUICK_EXIT_SCRIPT, QUICK_EXIT_URL } from './pages.js';
import { Script, createContext } from 'node:vm';
import { expectSelfContained, publicPages, tokenOf, valid } from './public.test-kit.js';

describe('public report form and status check', () => {
  let t: TestApp;
  const { countCases, weigh, freshToken, post, submit, reportSizes } = publicPages(() => t);
  beforeAll(async () => {
    t = await buildTestApp({ config: { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(async () => {
    await t.close();
    reportSizes();
  });

  it('renders the form in English with a quick exit, safety note and no third-party assets', async () => {
    const res = await t.app.inject({ url: '/report', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Is someone in danger right now?');
    expect(res.body).toContain(`class="exit" href="${escapeHtml(QUICK_EXIT_URL)}"`);
    expect(res.body).toContain('clear your history');
    expect(res.body).toMatch(/<input type="checkbox" name="anonymous" value="on" checked/);
    expect(res.body).toContain('<a href="/report?lang=sw" lang="sw" hreflang="sw">Kiswahili</a>');
    expect(res.body).toContain('name="website"');
    for (const c of ['Nairobi', 'Mombasa', "Murang'a".replace("'", '&#39;'), 'Turkana'])
      expect(res.body).toContain(c);
    expectSelfContained(res.body);
    weigh('GET /report (en)', res.body);
  });

  it('renders Kiswahili from ?lang, Accept-Language and the /ripoti path', async () => {
    for (const req of [
      { url: '/report?lang=sw' },
      { url: '/report', headers: { 'accept-language': 'sw-KE,sw;q=0.9,en;q=0.5' } },
      { url: '/ripoti' },
    ]) {
      const res = await t.app.inject(req);
      expect(res.statusCode, req.url).toBe(200);
      expect(res.body).toContain('<html lang="sw">');
      expect(res.body).toContain('Je, kuna mtu yuko hatarini sasa hivi?');
      expect(res.body).toContain('Ondoka haraka');
      expect(res.body).toContain('Mauaji ya wanawake au tishio lake');
      expect(res.body).toContain('<a href="/report?lang=en" lang="en" hreflang="en">English</a>');
      expect(res.headers['cache-control']).toBe('no-store');
      expectSelfContained(res.body);
      weigh('GET /report (sw)', res.body);
    }
    expect((await t.app.inject({ url: '/ripoti?lang=en' })).body).toContain('<html lang="en">');
  });

  it('offers the sub-counties and wards of the chosen county on a second step, within budget for every county', async () => {
    const before = await countCases();
    const res = await post({ ...valid, next: 'place', lang: 'en', token: await freshToken() });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<optgroup label="Embakasi South">');
    expect(res.body).toMatch(/<option value="w\d+">Kware<\/option>/);
    expect(res.body).toContain('Embakasi South — ward not sure');
    expect(res.body).toContain('Nothing has been sent yet');
    expect(res.body).toContain(escapeHtml(valid.narrative!));
    expect(res.body).toContain('<option selected>Nairobi</option>');
    expectSelfContained(res.body);
    for (const lang of ['en', 'sw']) {
      for (const county of countyNames) {
        const step = await post({ ...valid, county, next: 'place', lang, token: 'x' });
        expect(step.statusCode, county).toBe(200);
        expect(step.body, county).toContain('<optgroup');
        weigh(`POST /report step 2, largest county (${lang})`, step.body);
      }
    }
    const none = await post({ ...valid, county: '', next: 'place', lang: 'sw', token: 'x' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Tafadhali chagua kaunti kwanza.');
    expect(await countCases()).toBe(before);
  });

  it('re-renders a form with missing fields keeping every value, with localised messages, saving nothing', async () => {
    const before = await countCases();
    const typed = {
      danger: '',
      narrative: '',
      violation: 'torture',
      county: 'Kisumu',
      place: 'Near <the> "market" & church',
      date: '2025-02-30',
      precision: 'month',
      name: 'Akinyi Test',
      phone: '0712 345 678',
      contact: 'call after 6pm',
      victim: 'Otieno Test',
    };
    const res = await submit(typed, 'sw');
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Tafadhali jibu ndiyo au hapana.');
    expect(res.body).toContain('Tafadhali tueleze kilichotokea.');
    expect(res.body).toContain('Tafadhali andika tarehe kama 25/03/2026.');
    expect(res.body).toContain('Bado hakuna kilichotumwa.');
    expect(res.body).toContain('value="Near &lt;the&gt; &quot;market&quot; &amp; church"');
    expect(res.body).not.toContain('<the>');
    expect(res.body).toContain('value="Akinyi Test"');
    expect(res.body).toContain('value="0712 345 678"');
    expect(res.body).toContain('value="call after 6pm"');
    expect(res.body).toContain('value="Otieno Test"');
    expect(res.body).toContain('value="2025-02-30"');
    expect(res.body).toContain('<option value="torture" selected>');
    expect(res.body).toContain('<option value="month" selected>');
    expect(res.body).toContain('<option selected>Kisumu</option>');
    // The posted form had no `anonymous`: the box stays unticked, as the person left it.
    expect(res.body).toMatch(/name="anonymous" value="on">/);
    expect(res.body).toContain('id="f-narrative" name="narrative" aria-invalid="true"');
    expectSelfContained(res.body);
    weigh('POST /report with errors (sw)', res.body);
    expect(await countCases()).toBe(before);
  });

  it('escapes what was typed, so nothing becomes markup', async () => {
    const res = await submit({ ...valid, danger: '', narrative: '</textarea><script>alert(1)</script>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/<script>/i);
    expect(res.body.match(/<script/gi)).toHaveLength(1); // only our own quick-exit script
    expect(res.body).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
  });

  it('creates a web case from a valid form and shows its reference', async () => {
    const before = await countCases();
    const res = await submit({
      ...valid,
      ward: '',
      date: '03/01/2026',
      precision: 'estimate',
      anonymous: 'on',
    });
    expect(res.statusCode, res.body).toBe(200);
    const reference = /class="ref">(UA-\d{4}-\d{5})-[A-Z2-9]{4}</.exec(res.body)?.[1];
    expect(reference).toBeTruthy();
    expect(res.body).toContain('Thank you. Your report has been received.');
    expect(res.body).toContain('href="/status?lang=en"');
    expect(res.body).toContain('You chose to stay anonymous');
    expectSelfContained(res.body);
    weigh('POST /report accepted (en)', res.body);
    expect(await countCases()).toBe(before + 1);
    const row = (
      await t.database.query<Record<string, unknown>>(
        'select channel, county, in_danger_now, anonymous, violation_types, narrative_enc, place_enc, incident_precision, reporter_locale from cases where reference = $1',
        [reference],
      )
    ).rows[0]!;
    expect(row).toMatchObject({
      channel: 'web',
      county: 'Nairobi',
      in_danger_now: true,
      anonymous: true,
      violation_types: ['enforced_disappearance'],
      incident_precision: 'estimate',
      reporter_locale: 'en',
    });
    expect(String(row.narrative_enc)).not.toContain('Kware');
    expect(String(row.place_enc)).not.toContain('Kware');
    const timeline = await t.database.query<{ actor_label: string; actor_id: string | null }>(
      `select actor_label, actor_id from case_events e join cases c on c.id = e.case_id
        where c.reference = $1 and e.type = 'intake'`,
      [reference],
    );
    expect(timeline.rows[0]).toEqual({ actor_label: 'public-form', actor_id: null });
  });

  it('takes a form token once: a replay (or two at once) answers the same reference and makes no second case', async () => {
    const token = await freshToken();
    t.clock.advance(5_000);
    const form = { lang: 'en', token, website: '', ...valid };
    const before = await countCases();
    const first = await post(form);
    expect(first.statusCode, first.body).toBe(200);
    // The first answer carries the status-check secret (shown once); a replay the plain reference.
    const reference = /class="ref">(UA-\d{4}-\d{5})(?:-[A-Z0-9]{4})?</.exec(first.body)?.[1];
    expect(reference).toBeTruthy();
    const again = await post({ ...form, narrative: 'The same form sent again, changed' });
    expect(again.statusCode).toBe(200);
    expect(/class="ref">(UA-\d{4}-\d{5})(?:-[A-Z0-9]{4})?</.exec(again.body)?.[1]).toBe(reference);
    expect(await countCases()).toBe(before + 1);
    // Two at the same moment with a new token: one case, both told its reference.
    const token2 = await freshToken();
    t.clock.advance(5_000);
    const both = await Promise.all([1, 2].map(() => post({ ...form, token: token2 })));
    const refs = both.map((r) => /class="ref">(UA-\d{4}-\d{5})(?:-[A-Z0-9]{4})?</.exec(r.body)?.[1]);
    expect(refs[0]).toBeTruthy();
    expect(refs[1]).toBe(refs[0]);
    expect(await countCases()).toBe(before + 2);
  });

  it('records the ward, sub-county and a named reporter with a normalised phone', async () => {
    const step = await post({ ...valid, next: 'place', lang: 'sw', token: 'x' });
    const kware = /<option value="(w\d+)">Kware<\/option>/.exec(step.body)![1]!;
    const res = await submit(
      {
        ...valid,
        danger: 'no',
        ward: kware,
        name: 'Wanjiru Test',
        phone: '0712 345 678',
        contact: 'SMS only',
      },
      'sw',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Asante. Ripoti yako imepokelewa.');
    expect(res.body).toContain('Tunaweza kuwasiliana nawe');
    const reference = /class="ref">(UA-\d{4}-\d{5})-[A-Z2-9]{4}</.exec(res.body)![1];
    const row = (
      await t.database.query<Record<string, unknown>>(
        'select county, sub_county, ward, in_danger_now, anonymous, reporter_phone_bidx, reporter_locale from cases where reference = $1',
        [reference],
      )
    ).rows[0]!;
    expect(row).toMatchObject({
      county: 'Nairobi',
      sub_county: 'Embakasi South',
      ward: 'Kware',
      in_danger_now: false,
      anonymous: false,
      reporter_locale: 'sw',
    });
    expect(row.reporter_phone_bidx).toBe(t.app.ctx.vault.blindIndex('phone', '+254712345678'));
  });

  it('refuses an invalid phone, contact details while anonymous, a future date and a ward from another county', async () => {
    const before = await countCases();
    const phone = await submit({ ...valid, name: 'X Test', phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.body).toContain('This is not a valid Kenyan phone number');
    expect(phone.body).toContain('id="f-phone" name="phone" aria-invalid="true"');

    const anon = await submit({ ...valid, anonymous: 'on', phone: '0712345678' });
    expect(anon.statusCode).toBe(400);
    expect(anon.body).toContain('You chose to stay anonymous but gave your details.');
    expect(anon.body).toContain('value="0712345678"');

    const future = await submit({ ...valid, date: '2999-01-01' });
    expect(future.body).toContain('This date is in the future.');

    const mombasaStep = await post({ ...valid, county: 'Mombasa', next: 'place', lang: 'en', token: 'x' });
    const mombasaWard = /<option value="(w\d+)">/.exec(mombasaStep.body)![1]!;
    const wrong = await submit({ ...valid, county: 'Nairobi', ward: mombasaWard });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('This is not in the chosen county.');

    const unknown = await submit({ ...valid, county: 'Atlantis', violation: 'jaywalking', precision: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body.match(/Please choose from the list\./g)).toHaveLength(3);
    expect(await countCases()).toBe(before);
  });

  it('quietly refuses a form whose honeypot is filled', async () => {
    const before = await countCases();
    const token = await freshToken();
    t.clock.advance(5_000);
    const res = await post({ lang: 'en', token, website: 'http://spam.example', ...valid });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you. Your message has been received.');
    expect(res.body).not.toMatch(/UA-\d{4}-\d{5}/);
    expect(await countCases()).toBe(before);
  });

  it('refuses a token younger than 3 seconds, keeping it so a second press works', async () => {
    const before = await countCases();
    const token = await freshToken();
    t.clock.advance(1_000);
    const res = await post({ lang: 'en', token, website: '', ...valid });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('That was very quick.');
    expect(res.body).toContain(escapeHtml(valid.narrative!));
    expect(tokenOf(res.body)).toBe(token);
    expect(await countCases()).toBe(before);
    t.clock.advance(3_000);
    const again = await post({ lang: 'en', token: tokenOf(res.body), website: '', ...valid });
    expect(again.statusCode).toBe(200);
    expect(await countCases()).toBe(before + 1);
  });

  it('refuses a missing, forged or expired token and hands out a fresh one', async () => {
    const before = await countCases();
    const token = await freshToken();
    const [issued, nonce] = token.split('.');
    const forged = `${Number(issued) - 60_000}.${nonce}.${token.split('.')[2]}`;
    t.clock.advance(2 * 60 * 60 * 1000 + 1_000);
    for (const tok of ['', 'garbage', forged, token]) {
      const res = await post({ lang: 'en', token: tok, website: '', ...valid });
      expect(res.statusCode, tok).toBe(400);
      expect(res.body).toContain('This form was open for a long time.');
      expect(tokenOf(res.body)).not.toBe(tok);
    }
    expect(await countCases()).toBe(before);
  });

  it('quick exit replaces the history entry and blanks the page with JavaScript, and says how to clear history without', async () => {
    const res = await submit({
      ...valid,
      narrative: 'They came to the house at night and took my son away.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      `<a class="exit" href="${QUICK_EXIT_URL.replace(/&/g, '&amp;')}" rel="noreferrer">`,
    );
    expect(res.body).toContain('<script src="/quick-exit.js" defer></script>');
    expect(res.body).toContain('choose History, then Clear browsing data');
    const sw = await submit({ ...valid, narrative: 'Walikuja nyumbani usiku wakamchukua mwanangu.' }, 'sw');
    expect(sw.body).toContain('chagua Historia, kisha Futa data ya kuvinjari');
    // The form does not keep what was typed for the Back button.
    expect((await t.app.inject({ url: '/report' })).body).toContain('autocomplete="off"');

    const js = await t.app.inject({ url: '/quick-exit.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toBe(QUICK_EXIT_SCRIPT);
    expect(js.body).not.toMatch(/https?:/);

    // Run it against a minimal page: a click blanks the page and replaces (never pushes) the entry.
    const calls: string[] = [];
    let onClick: ((e: { preventDefault(): void }) => void) | undefined;
    const link = {
      href: QUICK_EXIT_URL,
      addEventListener: (_: string, f: typeof onClick) => (onClick = f),
    };
    const document = { title: 'Dharura', body: { innerHTML: res.body }, querySelectorAll: () => [link] };
    const context = createContext({
      document,
      history: { replaceState: (_s: unknown, _t: string, url: string) => calls.push(`replaceState ${url}`) },
      location: {
        replace: (url: string) => calls.push(`replace ${url}`),
        assign: (url: string) => calls.push(`assign ${url}`),
      },
      window: { addEventListener: () => undefined },
    });
    new Script(js.body).runInContext(context);
    let prevented = false;
    onClick!.call(link, { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(document.body.innerHTML).toBe('');
    expect(document.title).toBe('');
    expect(calls).toEqual(['replaceState /', `replace ${QUICK_EXIT_URL}`]);
  });

  it('serves public pages with a permission declared and no session needed', () => {
    const urls = t.app.routeTable.filter((r) => ['/report', '/ripoti', '/status'].includes(r.url));
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const r of urls) expect(r.permission).toBe('public');
  });
});
