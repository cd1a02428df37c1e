// The response sections of the case page on the real `dharura demo`, on the demo's Kayole case (a
// defender arrested at a protest, active): the 24-hour arrest clock of Art. 49(1)(f) ticks every
// second and turns amber from 18 hours and red once breached; forms keep what was typed when the
// server refuses and show its message in the user's language; a legal action with court details is
// assigned and cancelled; stopping an arrest clock. Then the same sections in Kiswahili.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { useDemo, switchLanguage, text } from './support.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';
const HOUR = 3_600_000;
const KAYOLE = 'UA-2026-00002';

const { ctx, freshPage, signIn } = useDemo();

/** A `datetime-local` value (Nairobi wall clock) `offsetMs` from now. */
const eatLocal = (offsetMs) => new Date(Date.now() + offsetMs + 3 * HOUR).toISOString().slice(0, 16);

async function openCase(page, reference) {
  await page.goto(new URL('/queue', ctx.demo.baseUrl).href);
  await page
    .locator(`[data-testid=queue-row][data-reference="${reference}"] [data-testid=queue-open]`)
    .click();
  await page.getByTestId('case-response').waitFor();
}

async function recordArrest(page, { at, station, ob }) {
  await page.getByTestId('response-arrests-add').click();
  await page.getByTestId('response-arrests-form').waitFor();
  await page.getByTestId('arrest-at').fill(at);
  await page.getByTestId('arrest-station').fill(station);
  if (ob) await page.getByTestId('arrest-ob').fill(ob);
  await page.getByTestId('response-arrests-form-submit').click();
}

test('arrest clocks, agency responses and actions on the case page (English)', async () => {
  const { page, close } = await freshPage('/queue', { allowedStatuses: [400] });
  await signIn(page, 'duty_officer');
  await switchLanguage(page, 'en');
  await page.getByTestId('queue-table').waitFor();

  // Every running clock in the queue says how long is left.
  const clocks = await page.getByTestId('queue-clock').allTextContents();
  assert.ok(clocks.length > 0);
  for (const c of clocks) assert.match(c, /left|Overdue|overdue/);

  await openCase(page, KAYOLE);
  assert.match((await text(page, 'case-narrative')) ?? '', /Kayole/);
  const arrests = page.getByTestId('response-arrests');
  assert.match((await arrests.textContent()) ?? '', /Art\. 49\(1\)\(f\)/);

  // An arrest "in the future" is refused by the server: its message, and everything typed stays.
  await recordArrest(page, {
    at: eatLocal(2 * HOUR),
    station: 'Kayole Police Station',
    ob: 'OB 12/24/11/2026',
  });
  const errors = page.getByTestId('arrest-errors');
  await errors.getByText('Some of the information is missing or not valid.').waitFor();
  assert.match((await errors.textContent()) ?? '', /cannot be in the future/);
  assert.ok(await errors.evaluate((el) => el === document.activeElement), 'the error summary has focus');
  assert.equal(await page.getByTestId('arrest-station').inputValue(), 'Kayole Police Station');
  assert.equal(await page.getByTestId('arrest-ob').inputValue(), 'OB 12/24/11/2026');
  assert.equal(await page.locator('#arrest-at').getAttribute('aria-invalid'), 'true');

  // 19 hours ago: the clock is amber, about five hours left, and ticks every second.
  await page.getByTestId('arrest-at').fill(eatLocal(-19 * HOUR));
  await page.getByTestId('response-arrests-form-submit').click();
  await page.getByTestId('response-arrests-saved').waitFor();
  const clock = page.getByTestId('arrest-clock').first();
  assert.equal(await clock.getAttribute('data-state'), 'warning');
  const before = await clock.locator('[role=timer]').textContent();
  assert.match(before ?? '', /^0[45]:\d\d:\d\d$/);
  await sleep(1_500);
  assert.notEqual(await clock.locator('[role=timer]').textContent(), before, 'the countdown ticks');
  assert.match((await clock.textContent()) ?? '', /Less than 6 hours left under Art\. 49\(1\)\(f\)/);

  // 25 hours ago: breached, in red, saying so and citing the article.
  await recordArrest(page, { at: eatLocal(-25 * HOUR), station: 'Kayole Police Station' });
  await page.getByTestId('response-arrests-saved').waitFor();
  const breached = page.locator('[data-testid=arrest-clock][data-state=breached]');
  await breached.waitFor();
  assert.match(
    (await breached.textContent()) ?? '',
    /The 24-hour limit of Art\. 49\(1\)\(f\) passed 1 h( \d+ min)? ago/,
  );
  assert.equal(await page.locator('[data-testid=arrest-clock][data-state=warning]').count(), 1);
  await arrests.screenshot({ path: `${SHOTS}/response-arrests-en.png` });

  // Produced in court: that arrest's clock stops, within the 24 hours.
  const amber = page.getByTestId('arrest').filter({ has: page.locator('[data-state=warning]') });
  await amber.getByTestId('arrest-court').click();
  await amber.getByTestId('arrest-stop-form').waitFor();
  await amber.getByTestId('arrest-stop-form-submit').click();
  await page.locator('[data-testid=arrest-clock][data-state=warning]').waitFor({ state: 'detached' });
  assert.match(
    (await page.getByTestId('arrest-stopped').first().textContent()) ?? '',
    /Produced in court .* within the 24 hours of Art\. 49\(1\)\(f\)/,
  );

  // The station denies holding the other one: marked missing (one click), then found again.
  const late = page.getByTestId('arrest').filter({ has: page.locator('[data-state=breached]') });
  await late.getByTestId('arrest-missing-mark').click();
  await late.getByTestId('arrest-missing').waitFor();
  assert.match((await late.getByTestId('arrest-missing').textContent()) ?? '', /Missing/);
  await late.getByTestId('arrest-found').click();
  await late.getByTestId('arrest-missing').waitFor({ state: 'detached' });

  // The police "recorded the report with an OB number": the number is required, asked before sending.
  await page.getByTestId('response-institutional-add').click();
  await page.getByTestId('inst-agency').selectOption('police');
  await page.getByTestId('inst-request').selectOption('release');
  await page.getByTestId('inst-response').selectOption('recorded_with_ob');
  await page.getByTestId('response-institutional-form-submit').click();
  await page
    .getByTestId('institutional-errors')
    .getByText('Give the OB number the report was recorded with.')
    .waitFor();
  await page.getByTestId('institutional-errors').getByRole('link').click();
  assert.ok(await page.getByTestId('inst-ob').evaluate((el) => el === document.activeElement));
  await page.getByTestId('inst-ob').fill('OB 14/24/11/2026');
  await page.getByTestId('response-institutional-form-submit').click();
  await page.getByTestId('response-institutional-saved').waitFor();
  assert.match(
    (await text(page, 'institutional')) ?? '',
    /National Police Service.*Release a detained person.*Recorded with an OB number/,
  );

  // A habeas corpus petition with court details; assigned, then cancelled.
  await page.getByTestId('response-actions-add').click();
  await page.getByTestId('action-role').selectOption('legal');
  await page.getByTestId('action-type').selectOption('habeas_corpus');
  await page.locator('#action-court').fill('High Court at Milimani');
  await page.locator('#action-case-number').fill('HC Misc. 123 of 2026');
  await page.locator('#action-hearing-0').fill(eatLocal(26 * HOUR));
  await page.getByTestId('response-actions-form-submit').click();
  await page.getByTestId('response-actions-saved').waitFor();
  const habeas = page.locator('[data-testid=action][data-type=habeas_corpus]');
  assert.match((await habeas.textContent()) ?? '', /High Court at Milimani · HC Misc\. 123 of 2026/);
  await page.getByTestId('response-actions').screenshot({ path: `${SHOTS}/response-actions-en.png` });
  await habeas.getByTestId('action-cancel').click();
  await habeas.getByTestId('action-cancel-confirm').click();
  await page.locator('[data-testid=action][data-type=habeas_corpus][data-status=cancelled]').waitFor();

  // The timeline has each of these, by "You". It is read again after each change, so wait for the
  // last one to arrive rather than reading the list the moment the action shows as cancelled.
  await page.locator('[data-testid=timeline-item][data-type="action.cancelled"]').waitFor();
  const types = await page
    .getByTestId('timeline-item')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
  for (const t of [
    'arrest.recorded',
    'arrest.produced_in_court',
    'institutional_response.logged',
    'action.created',
    'action.cancelled',
  ]) {
    assert.ok(types.includes(t), `timeline has ${t}`);
  }
  await page.screenshot({ path: `${SHOTS}/response-case-en.png`, fullPage: true });
  await close();
});

test('Kiswahili: the arrest clock and a refused form, in the user’s language', async () => {
  const { page, close } = await freshPage('/queue', { allowedStatuses: [400] });
  await signIn(page, 'duty_officer');
  await switchLanguage(page, 'sw');
  await page.getByTestId('queue-table').waitFor();
  for (const c of await page.getByTestId('queue-clock').allTextContents())
    assert.match(c, /zimebaki|imebaki|Imechelewa|imechelewa/);
  await page.screenshot({ path: `${SHOTS}/response-queue-sw.png`, fullPage: true });

  await openCase(page, KAYOLE);
  const breached = page.locator('[data-testid=arrest-clock][data-state=breached]');
  await breached.waitFor();
  assert.match(
    (await breached.textContent()) ?? '',
    /Kikomo cha saa 24 cha Ibara ya 49\(1\)\(f\) kimepitwa kwa saa 1/,
  );

  await recordArrest(page, { at: eatLocal(3 * HOUR), station: 'Kituo cha Polisi Kayole' });
  await page.getByTestId('arrest-errors').getByText('Baadhi ya taarifa hazipo au si sahihi.').waitFor();
  assert.equal(await page.getByTestId('arrest-station').inputValue(), 'Kituo cha Polisi Kayole');
  await page.getByTestId('arrest-at').fill(eatLocal(-HOUR));
  await page.getByTestId('response-arrests-form-submit').click();
  await page.getByTestId('response-arrests-saved').waitFor();
  assert.equal(await text(page, 'response-arrests-saved'), 'Kukamatwa kumerekodiwa. Saa 24 zinahesabiwa.');
  const running = page.locator('[data-testid=arrest-clock][data-state=ok]');
  await running.waitFor();
  assert.match((await running.locator('[role=timer]').textContent()) ?? '', /^2[23]:\d\d:\d\d$/);
  assert.match((await running.textContent()) ?? '', /zimebaki kumfikisha mahakamani/);
  await page.getByTestId('response-arrests').screenshot({ path: `${SHOTS}/response-arrests-sw.png` });
  await page.screenshot({ path: `${SHOTS}/response-case-sw.png`, fullPage: true });
  await close();
});
