// Browser test of the community response network on the real `dharura demo`: a duty officer adds a
// responder through the Network page (others through the API), sees them by area and toggles one's
// availability, dispatches from a case page, and a responder's SMS "YES <n>" (sent to the Africa's
// Talking callback) shows up on the open case page without a reload; then a console check-in. In
// Kiswahili, a supervisor sees the confidential wellbeing view and raises and calls off an SOS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrfToken, htmlLang, useDemo, switchLanguage, text } from './support.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';

// The inbound SMS callback answers only with its secret in the URL; the demo reads it from here.
const CALLBACK_SECRET = process.env.AT_CALLBACK_SECRET ?? 'e2e-network-callback-secret-2026';
process.env.AT_CALLBACK_SECRET = CALLBACK_SECRET;

const { ctx, freshPage, signIn } = useDemo();
const url = (p) => new URL(p, ctx.demo.baseUrl).href;

/** A phone number no demo responder has: +254 79x xxx xxx. */
let phoneSeq = Math.floor(Math.random() * 900_000);
const newPhone = () => `+2547${String(90_000_000 + (phoneSeq++ % 9_999_999)).padStart(8, '0')}`;

/** POST/PATCH to the API as the page's signed-in user (CSRF header included). */
async function apiCall(page, method, path, data) {
  const token = await csrfToken(page);
  const res = await page.request.fetch(url(path), {
    method,
    headers: { 'x-csrf-token': token, 'content-type': 'application/json' },
    data,
  });
  const body = await res.text();
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

const place = { county: 'Kisumu', subCounty: 'Kisumu East', ward: 'Manyatta B' };

test('dispatch from a case page; an SMS "YES" appears live, then a console check-in (English)', async () => {
  const officer = await freshPage();
  const { page } = officer;
  await signIn(page, 'duty_officer');
  await switchLanguage(page, 'en'); // the demo duty officer's saved language is Kiswahili

  // The Network page, with the add-responder form.
  await page.getByTestId('nav-network').click();
  await page.getByTestId('network-page').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Response network');
  await page.getByTestId('network-missions').waitFor();
  assert.equal(await page.getByTestId('network-tab-wellbeing').count(), 0, 'wellbeing is for supervisors');

  const baraka = { name: 'Baraka (e2e)', phone: newPhone() };
  await page.getByTestId('responder-add').click();
  await page.getByTestId('responder-form').waitFor();
  // An empty form is refused with a summary naming the fields.
  await page.getByTestId('responder-form-submit').click();
  await page.getByTestId('responder-errors').getByText('Enter the responder’s name.').waitFor();
  await page.getByTestId('responder-name').fill(baraka.name);
  await page.getByTestId('responder-phone').fill(baraka.phone);
  await page.getByTestId('responder-locale').selectOption('en');
  await page.getByTestId('responder-language-luo').check();
  await page.getByTestId('responder-area-0-county').selectOption(place.county);
  await page.getByTestId('responder-area-0-subcounty').fill(place.subCounty);
  await page.getByTestId('responder-area-0-ward').fill(place.ward);
  await page.getByTestId('responder-skill-escort').check();
  await page.getByTestId('responder-skill-first_aid').check();
  await page.getByTestId('responder-centre').fill('Manyatta Community Justice Centre');
  await page.getByTestId('responder-limit').fill('2');
  await page.getByTestId('responder-contacts').fill('Sister Atieno (demo) 0711 000 000');
  await page.getByTestId('responder-cancel-pin').fill('2468');
  await page.getByTestId('responder-duress-pin').fill('2468');
  await page.getByTestId('responder-form-submit').click();
  await page.getByText('The duress PIN must differ from the cancel PIN.').first().waitFor();
  await page.getByTestId('responder-duress-pin').fill('1357');
  await page.getByTestId('responder-form-submit').click();
  await page.getByTestId('responder-saved').getByText('Baraka (e2e) was added to the network.').waitFor();

  // Three more through the API: one in the same ward, one elsewhere in the county, one off duty.
  const others = [
    { name: 'Akinyi (e2e)', areas: [place], available: true },
    { name: 'Odhiambo (e2e)', areas: [{ county: 'Kisumu', subCounty: 'Kisumu Central', ward: 'Kondele' }] },
    { name: 'Juma (e2e)', areas: [place], available: false },
  ];
  for (const r of others) {
    await apiCall(page, 'POST', '/api/network/responders', {
      locale: 'sw',
      skills: ['escort'],
      homeCentre: 'Kisumu Community Justice Centre',
      available: true,
      ...r,
      phone: newPhone(),
    });
  }

  // The roster, filtered by county, and the availability switch.
  await page.getByTestId('responder-filter-county').selectOption('Kisumu');
  const row = (name) => page.locator(`[data-testid=responder-row][data-name="${name}"]`);
  /** Waits until the roster shows only rows whose `attribute` contains `value` (filters applied). */
  const rowsAre = (attribute, value) =>
    page.waitForFunction(
      ([a, v]) => {
        const rows = [...document.querySelectorAll('[data-testid=responder-row]')];
        return rows.length > 0 && rows.every((r) => (a ? r.getAttribute(a) : r.textContent)?.includes(v));
      },
      [attribute, value],
    );
  await rowsAre(null, 'Kisumu');
  for (const name of ['Baraka (e2e)', 'Akinyi (e2e)', 'Odhiambo (e2e)', 'Juma (e2e)'])
    assert.equal(await row(name).count(), 1, `${name} is listed in Kisumu`);
  await page.getByTestId('responder-filter-available').selectOption('false');
  await rowsAre('data-available', 'false');
  assert.equal(await row('Juma (e2e)').count(), 1, 'Juma is off duty');
  assert.equal(await row('Baraka (e2e)').count(), 0);
  await page.getByTestId('responder-filter-available').selectOption('');
  await row('Odhiambo (e2e)').getByTestId('responder-toggle').click();
  await page
    .locator('[data-testid=responder-row][data-name="Odhiambo (e2e)"][data-available=false]')
    .waitFor();
  await row('Odhiambo (e2e)').getByTestId('responder-toggle').click();
  await page
    .locator('[data-testid=responder-row][data-name="Odhiambo (e2e)"][data-available=true]')
    .waitFor();
  assert.match((await row('Baraka (e2e)').textContent()) ?? '', /Escort to safety.*First aid/);

  // By area: Kisumu has 3 available of 4; Manyatta B 2 of 3.
  await page.getByTestId('network-tab-areas').click();
  const kisumu = page.locator('[data-testid=area-county][data-county=Kisumu]');
  await kisumu.waitFor();
  await kisumu.getByTestId('area-county-count').filter({ hasText: '3 available of 4' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/network-areas.png`, fullPage: true });
  const manyatta = kisumu.locator(
    '[data-testid=area-ward][data-ward="Manyatta B"] [data-testid=area-ward-count]',
  );
  assert.equal(await manyatta.getAttribute('data-available'), '2');
  assert.equal(await manyatta.getAttribute('data-total'), '3');
  assert.match((await manyatta.textContent()) ?? '', /2 available of 3/);

  // A case in the same ward, then the case page.
  const created = await apiCall(page, 'POST', '/api/cases', {
    channel: 'hotline',
    narrative: 'A defender in Manyatta B is being followed and needs an escort to a safe house (e2e).',
    violationTypes: ['attack_on_defender'],
    inDangerNow: true,
    ...place,
    reporter: { anonymous: true, locale: 'en' },
  });
  await page.goto(url(`/cases/${created.id}`));
  await page.getByTestId('case-page').waitFor();
  const panel = page.getByTestId('dispatch-panel');
  await panel.getByTestId('dispatch-none').waitFor();
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    window.__sameDocument = true;
  });

  // Proposals: the two in the ward first, the one elsewhere in the county next; Juma skipped.
  await panel.getByTestId('dispatch-open').click();
  await panel.getByTestId('dispatch-candidate').first().waitFor();
  const candidates = await panel
    .getByTestId('dispatch-candidate')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-name')));
  const ours = candidates.filter((n) => n.endsWith('(e2e)'));
  assert.deepEqual(ours, ['Baraka (e2e)', 'Akinyi (e2e)', 'Odhiambo (e2e)']);
  assert.deepEqual(candidates.slice(0, 2), ['Baraka (e2e)', 'Akinyi (e2e)'], 'same ward first');
  const candidate = (name) => panel.locator(`[data-testid=dispatch-candidate][data-name="${name}"]`);
  assert.equal(await candidate('Baraka (e2e)').getByTestId('candidate-area').textContent(), 'Same ward');
  assert.equal(await candidate('Odhiambo (e2e)').getByTestId('candidate-area').textContent(), 'Same county');
  assert.equal(await candidate('Baraka (e2e)').getByTestId('candidate-load').textContent(), '0 of 2');
  const skipped = panel.locator('[data-testid=dispatch-skipped-item][data-name="Juma (e2e)"]');
  assert.equal(await skipped.getAttribute('data-reason'), 'unavailable');
  assert.match((await skipped.textContent()) ?? '', /not available/);
  await page.screenshot({ path: `${SHOTS}/dispatch-proposals.png`, fullPage: true });

  // Ask the top two, every 15 minutes.
  await panel.getByTestId('dispatch-top-n').fill('2');
  await panel.getByTestId('dispatch-take-top').click();
  assert.equal(await panel.getByTestId('dispatch-candidate-check').nth(0).isChecked(), true);
  assert.equal(await panel.getByTestId('dispatch-candidate-check').nth(1).isChecked(), true);
  assert.equal(await panel.getByTestId('dispatch-candidate-check').nth(2).isChecked(), false);
  await panel.getByTestId('dispatch-check-in').selectOption('15');
  assert.equal(
    (await panel.getByTestId('dispatch-form-submit').textContent())?.trim(),
    'Send the SMS to 2 responders',
  );
  await panel.getByTestId('dispatch-form-submit').click();
  await panel.getByTestId('dispatch-sent').waitFor();
  const dispatch = panel.getByTestId('dispatch').first();
  await dispatch.waitFor();
  const number = await dispatch.getAttribute('data-number');
  assert.match(
    (await panel.getByTestId('dispatch-sent').textContent()) ?? '',
    new RegExp(`Call ${number} sent to 2`),
  );
  const offer = (name) => dispatch.locator(`[data-testid=dispatch-offer][data-name="${name}"]`);
  assert.equal(await offer('Baraka (e2e)').getAttribute('data-status'), 'offered');
  assert.equal(await offer('Akinyi (e2e)').getAttribute('data-status'), 'offered');

  // Baraka answers by SMS, through the gateway's callback.
  const sms = await page.request.post(url(`/api/channels/at/sms/${CALLBACK_SECRET}`), {
    form: {
      from: baraka.phone,
      to: '20880',
      text: `YES ${number}`,
      date: new Date().toISOString(),
      id: `e2e-${Date.now()}`,
    },
  });
  assert.equal(sms.status(), 200, await sms.text());
  const answeredAt = Date.now();

  // On the open page, within a few seconds and without a reload.
  await page
    .locator('[data-testid=dispatch-offer][data-name="Baraka (e2e)"][data-status=accepted]')
    .waitFor({ timeout: 6_000 });
  console.log(`acceptance shown ${Date.now() - answeredAt} ms after the SMS`);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  assert.equal(await offer('Baraka (e2e)').getByTestId('dispatch-offer-status').textContent(), 'Accepted');
  await page
    .locator('[data-testid=dispatch-offer][data-name="Akinyi (e2e)"][data-status=not_needed]')
    .waitFor();
  assert.equal(await dispatch.getByTestId('dispatch-status').textContent(), 'Filled');
  assert.equal(await dispatch.getByTestId('dispatch-accepted').textContent(), '1 of 1 accepted');
  await panel.screenshot({ path: `${SHOTS}/dispatch-accepted.png` });

  // The mission, with its countdown to the first check-in (15 minutes).
  const mission = page.locator(
    '[data-testid=case-missions] [data-testid=mission][data-responder="Baraka (e2e)"]',
  );
  await mission.waitFor();
  assert.equal(await mission.getAttribute('data-overdue'), 'false');
  const countdown = (await mission.getByTestId('mission-countdown').textContent()) ?? '';
  assert.match(countdown, /Next check-in: 00:1[45]:\d\d/);

  // A console check-in for Baraka, who called in.
  await mission.getByTestId('mission-check-in').click();
  await mission.getByTestId('check-in-location').fill('At the safe house (e2e)');
  await mission.getByTestId('check-in-submit').click();
  await mission.getByTestId('mission-checked-in').waitFor();
  await mission.getByText('last check-in', { exact: false }).waitFor();

  // The Network page lists the mission, linked to its case.
  await page.getByTestId('nav-network').click();
  const listed = page.locator(
    '[data-testid=network-mission-list] [data-testid=mission][data-responder="Baraka (e2e)"]',
  );
  await listed.waitFor();
  await page.screenshot({ path: `${SHOTS}/network-desktop.png`, fullPage: true });
  assert.equal(await listed.getByTestId('mission-case').textContent(), created.reference);

  // The timeline names the network's steps in words.
  await page.goto(url(`/cases/${created.id}`));
  const started = page.locator('[data-testid=timeline-item][data-type="mission.started"]');
  await started.waitFor();
  assert.match((await started.textContent()) ?? '', /A responder accepted: mission started/);
  await officer.close();
});

test('Kiswahili: the supervisor’s confidential wellbeing view, and an SOS called off with a PIN', async () => {
  const lead = await freshPage();
  const { page } = lead;
  await signIn(page, 'leadership');
  await switchLanguage(page, 'sw');
  assert.equal(await htmlLang(page), 'sw');

  // The supervisor is registered as a responder too, with a cancel PIN (SOS from the console).
  const me = await (await page.request.get(url('/api/auth/me'))).json();
  await apiCall(page, 'POST', '/api/network/responders', {
    name: 'Msimamizi (e2e)',
    phone: newPhone(),
    userId: me.user.id,
    locale: 'sw',
    areas: [{ county: 'Turkana' }],
    skills: ['counsellor'],
    cancelPin: '4321',
    duressPin: '8765',
  });

  await page.getByTestId('nav-network').click();
  await page.getByTestId('network-page').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Mtandao wa watetezi');
  assert.equal(await text(page, 'network-tab-responders'), 'Watetezi');
  assert.equal(await text(page, 'network-tab-areas'), 'Kwa eneo');
  assert.match((await text(page, 'network-missions')) ?? '', /Kazi zinazoendelea/);
  const mine = page.locator('[data-testid=responder-row][data-name="Msimamizi (e2e)"]');
  await mine.waitFor();
  assert.match((await mine.textContent()) ?? '', /Ana akaunti ya kituo/);
  assert.match((await mine.textContent()) ?? '', /Mshauri nasaha/);

  await page.getByTestId('network-tab-wellbeing').click();
  await page.getByTestId('wellbeing-confidential').waitFor();
  assert.match((await text(page, 'wellbeing-confidential')) ?? '', /^Siri — kwa wasimamizi tu\./);
  await page.locator('[data-testid=wellbeing-row][data-name="Msimamizi (e2e)"]').waitFor();
  await page.screenshot({ path: `${SHOTS}/network-wellbeing-sw.png`, fullPage: true });
  assert.match((await text(page, 'wellbeing-table')) ?? '', /Kwa nini apigiwe/);

  // SOS: the header button only opens a dialog; a second, explicit press sends it.
  await page.getByTestId('sos-open').click();
  await page.getByTestId('sos-confirm-step').waitFor();
  assert.equal(await page.locator('#sos-title').textContent(), 'Tuma SOS?');
  await page.getByTestId('sos-dismiss').click();
  assert.equal(await page.getByTestId('sos-dialog').isVisible(), false, 'going back sends nothing');
  await page.getByTestId('sos-open').click();
  await page.getByTestId('sos-location').fill('Lodwar, karibu na soko (e2e)');
  await page.getByTestId('sos-confirm').click();
  await page.getByTestId('sos-raised').waitFor();
  assert.match((await text(page, 'sos-raised')) ?? '', /^SOS imetumwa \(UA-\d{4}-\d{5}\)/);
  await page.screenshot({ path: `${SHOTS}/sos-sw.png` });

  // A PIN that is not 4 to 8 digits is refused at the field, in the user's language, and sends nothing.
  await page.getByTestId('sos-pin').fill('12');
  await page.getByTestId('sos-cancel-submit').click();
  await page.locator('#sos-pin-error').waitFor();
  assert.equal(await page.locator('#sos-pin-error').textContent(), 'PIN ni tarakimu 4 hadi 8.');
  assert.equal(await page.getByTestId('sos-pin').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('sos-cancel-outcome').count(), 0);

  // A wrong PIN leaves it running; the right one calls it off.
  await page.getByTestId('sos-pin').fill('0000');
  await page.getByTestId('sos-cancel-submit').click();
  await page.locator('[data-testid=sos-cancel-outcome][data-outcome=wrong_pin]').waitFor();
  assert.equal(await text(page, 'sos-cancel-outcome'), 'PIN haijatambuliwa. SOS bado inaendelea.');
  await page.getByTestId('sos-pin').fill('4321');
  await page.getByTestId('sos-cancel-submit').click();
  await page.locator('[data-testid=sos-cancel-outcome][data-outcome=ok]').waitFor();
  assert.equal(await text(page, 'sos-cancel-outcome'), 'SOS imesitishwa. Kaa salama.');
  await page.getByTestId('sos-close').click();
  assert.equal(await text(page, 'sos-open'), '⚠ SOS');
  await lead.close();
});
