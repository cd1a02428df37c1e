// Browser test of the case workflow on the real `dharura demo`: a duty officer takes a hotline report
// through the "New report" form, finds it in the queue, acknowledges and assesses it and asks for a
// decision; an approver, in a second browser, approves it. Then the same in Kiswahili, where a duty
// officer's own approval of a non-P1 case is refused (segregation of duties) with the form kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlLang, useDemo, switchLanguage, text } from './support.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';

const { freshPage, signIn } = useDemo();

/** Fill in and send the "New report" form; returns the new case's reference from the queue banner. */
async function createReport(page, report) {
  await page.getByTestId('new-report').click();
  await page.getByTestId('intake-form').waitFor();
  await page.getByTestId(`intake-channel-${report.channel ?? 'hotline'}`).check();
  if (report.inDangerNow) await page.getByTestId('intake-danger').check();
  await page.getByTestId('intake-narrative').fill(report.narrative);
  for (const v of report.violations ?? []) await page.getByTestId(`intake-violation-${v}`).check();
  if (report.county) await page.getByTestId('intake-county').selectOption(report.county);
  if (report.ward) await page.getByTestId('intake-ward').fill(report.ward);
  if (report.reporterName) await page.getByTestId('intake-reporter-name').fill(report.reporterName);
  if (report.reporterPhone) await page.getByTestId('intake-reporter-phone').fill(report.reporterPhone);
  if (report.victimName) await page.getByTestId('intake-victim-name').fill(report.victimName);
  await page.getByTestId('intake-submit').click();
  const banner = page.getByTestId('created-banner');
  await banner.waitFor();
  const reference = /UA-\d{4}-\d{5}/.exec((await banner.textContent()) ?? '')?.[0];
  assert.ok(reference, 'the banner names the new report');
  return reference;
}

/** Take a step that opens a form, fill it with `fill`, submit, and wait for the confirmation. */
async function takeStep(page, action, fill = async () => {}) {
  await page.getByTestId(`step-${action}`).click();
  await page.getByTestId(`step-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('step-submit').click();
  await page.getByTestId('step-done').waitFor();
}

async function oneClickStep(page, action) {
  await page.getByTestId(`step-${action}`).click();
  await page.getByTestId('step-done').waitFor();
}

async function assess(page, [severity, immediacy, feasibility]) {
  await page.getByTestId('step-assess').click();
  await page.getByTestId('step-form-assess').waitFor();
  for (const [k, n] of Object.entries({ severity, immediacy, feasibility })) {
    await page.getByTestId(`assess-${k}-${n}`).check();
    await page.getByTestId(`assess-${k}-why`).fill(`${k} is ${n}: see the narrative.`);
  }
}

/**
 * The case header's status reads `want`. The step's own message comes with the server's answer; the
 * header follows when the case has been fetched again, so it is waited for (at most 10 s).
 */
async function expectStatus(page, want) {
  const tag = page.locator('.case__badges [data-testid=status-tag]');
  await tag
    .filter({ hasText: want })
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  assert.equal((await tag.textContent())?.trim(), want);
}

test('a report goes from the New report form to an approved urgent action (English)', async () => {
  const officer = await freshPage('/', { allowedStatuses: [] });
  const { page } = officer;
  await signIn(page, 'duty_officer');
  await switchLanguage(page, 'en'); // the demo duty officer's saved language is Kiswahili
  await page.getByTestId('queue-table').waitFor();

  // An empty form is checked here: the summary takes focus and links to the field.
  await page.getByTestId('new-report').click();
  await page.getByTestId('intake-submit').click();
  const summary = page.getByTestId('intake-errors');
  await summary.getByText('Describe what happened (at least 3 characters).').waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the error summary has focus');
  await summary.getByRole('link').first().click();
  assert.ok(
    await page.getByTestId('intake-narrative').evaluate((el) => el === document.activeElement),
    'the summary link moves focus to the field',
  );
  await page.getByRole('link', { name: 'Cancel' }).click();

  const reference = await createReport(page, {
    inDangerNow: true,
    narrative: 'A community health volunteer was taken from her home in Kware by men in plain clothes.',
    violations: ['arbitrary_detention', 'attack_on_defender'],
    county: 'Nairobi',
    ward: 'Kware',
    reporterName: 'Wanjiku (demo)',
    reporterPhone: '0712 345 678',
    victimName: 'Achieng (demo)',
  });

  // The new report is in the queue, above every assessed case, flagged as danger-now and just in.
  const rows = page.getByTestId('queue-row');
  const row = page.locator(`[data-testid=queue-row][data-reference="${reference}"]`);
  await row.waitFor();
  const references = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-reference')));
  const index = references.indexOf(reference);
  for (let i = 0; i < index; i++) {
    assert.equal(await rows.nth(i).getByTestId('priority-badge').count(), 0, 'unassessed reports come first');
  }
  assert.equal(await text(row, 'status-tag'), 'Received');
  assert.equal(await text(row, 'danger-now'), 'In danger now');
  assert.match(
    (await row.textContent()) ?? '',
    /Arbitrary arrest or detention; Threat or attack on a human rights defender/,
  );
  assert.match((await row.textContent()) ?? '', /Nairobi · Kware/);
  assert.match((await row.textContent()) ?? '', /just now/);

  // Filters are kept in the address, and only matching cases stay.
  await page.getByTestId('filter-county').selectOption('Mombasa');
  await row.waitFor({ state: 'detached' });
  assert.match(page.url(), /county=Mombasa/);
  for (const place of await page.locator('[data-testid=queue-row] td.queue__place').allTextContents()) {
    assert.match(place, /^Mombasa/);
  }
  await page.getByTestId('filter-county').selectOption('Nairobi');
  await row.waitFor();
  await page.screenshot({ path: `${SHOTS}/queue-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/queue-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByTestId('queue-open').click();
  await page.getByTestId('case-page').waitFor();
  assert.equal(await text(page, 'case-reference'), reference);
  assert.match((await text(page, 'case-narrative')) ?? '', /community health volunteer/);
  const caseUrl = page.url();

  await oneClickStep(page, 'acknowledge');
  assert.equal(await text(page, 'step-done'), 'Acknowledged. The case is now “Screening”.');
  await expectStatus(page, 'Screening');

  // Assess 3/3/2: the form shows P1 as the scores are chosen.
  await assess(page, [3, 3, 2]);
  assert.match((await text(page, 'assess-derived')) ?? '', /P1/);
  assert.match((await text(page, 'assess-derived')) ?? '', /Meets the threshold for an urgent action/);
  await page.getByTestId('step-submit').click();
  await page.getByTestId('step-done').waitFor();
  assert.equal(await page.locator('.case__badges [data-testid=priority-badge]').textContent(), 'P1');
  await expectStatus(page, 'Assessed');

  await oneClickStep(page, 'request_decision');
  await expectStatus(page, 'Awaiting decision');
  await page.screenshot({ path: `${SHOTS}/case-desktop.png`, fullPage: true });

  // The approver, in another browser, approves.
  const approver = await freshPage(new URL(caseUrl).pathname);
  await signIn(approver.page, 'approver');
  await approver.page.getByTestId('case-page').waitFor();
  assert.equal(await text(approver.page, 'case-reference'), reference);
  await takeStep(approver.page, 'approve', () =>
    approver.page.getByTestId('step-reason').fill('P1, volunteer at risk: start the urgent action.'),
  );
  await expectStatus(approver.page, 'Active response');

  // The timeline has every step, newest first, with who did it and the status moves.
  const items = approver.page.getByTestId('timeline-item');
  await approver.page.locator('[data-testid=timeline-item][data-type="transition.approve"]').waitFor();
  const types = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
  assert.deepEqual(
    types.filter((t) => t === 'intake' || t?.startsWith('transition.')),
    [
      'transition.approve',
      'transition.request_decision',
      'transition.assess',
      'transition.acknowledge',
      'intake',
    ],
  );
  const approved = approver.page.locator('[data-testid=timeline-item][data-type="transition.approve"]');
  assert.match((await approved.textContent()) ?? '', /Approved/);
  assert.match((await approved.textContent()) ?? '', /Awaiting decision\s*→\s*to\s*Active response/);
  assert.match((await approved.textContent()) ?? '', /You/);
  assert.match((await approved.textContent()) ?? '', /P1, volunteer at risk/);
  assert.match((await approved.textContent()) ?? '', /EAT/);

  // Names are masked; the approver decides without them (no reveal for that role).
  const masked = approver.page.getByTestId('person').filter({ hasText: 'Reporter' });
  assert.equal(await text(masked, 'person-name'), '•••');
  assert.equal(await masked.getByTestId('person-reveal').count(), 0);
  await approver.close();

  // Back in the officer's browser: the queue shows the new status (it polls).
  await page.goto(caseUrl);
  await page.getByTestId('case-page').waitFor();
  await expectStatus(page, 'Active response');

  // The duty officer reveals the reporter to call back (an audited read).
  const reporter = page.getByTestId('person').filter({ hasText: 'Reporter' });
  assert.equal(await text(reporter, 'person-name'), '•••');
  await reporter.getByTestId('person-reveal').click();
  await reporter.getByText('Wanjiku (demo)').waitFor();
  assert.equal(await text(reporter, 'person-phone'), '+254712345678');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/case-phone.png`, fullPage: true });
  await officer.close();
});

test('a missing case and a role without case access get plain messages', async () => {
  const { page, close } = await freshPage('/cases/00000000-0000-4000-8000-000000000000', {
    allowedStatuses: [404],
  });
  await signIn(page, 'approver');
  await page.getByTestId('case-not-found').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Case not found');
  await close();

  const admin = await freshPage('/queue');
  await signIn(admin.page, 'admin');
  await admin.page.getByTestId('queue-no-access').waitFor();
  assert.equal(await admin.page.getByTestId('new-report').count(), 0);
  await admin.close();
});

test('Kiswahili: the same flow, and a refused approval keeps the form', async () => {
  const { page, close } = await freshPage('/', { allowedStatuses: [403] });
  await signIn(page, 'duty_officer');
  await switchLanguage(page, 'sw');
  assert.equal(await htmlLang(page), 'sw');
  await page.getByTestId('queue-table').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Foleni');

  const reference = await createReport(page, {
    channel: 'walk_in',
    narrative: 'Familia kumi zimefukuzwa kutoka nyumba zao usiku bila notisi.',
    violations: ['forced_eviction'],
    county: 'Mombasa',
    ward: 'Likoni',
  });
  const row = page.locator(`[data-testid=queue-row][data-reference="${reference}"]`);
  await row.waitFor();
  assert.equal(await text(row, 'status-tag'), 'Imepokelewa');
  assert.match((await row.textContent()) ?? '', /Kufukuzwa kwa nguvu au ubomoaji/);
  assert.match((await row.textContent()) ?? '', /sasa hivi/);

  await row.getByTestId('queue-open').click();
  await page.getByTestId('case-page').waitFor();
  await oneClickStep(page, 'acknowledge');
  await expectStatus(page, 'Inachunguzwa');
  await assess(page, [2, 2, 2]);
  assert.match((await text(page, 'assess-derived')) ?? '', /P3/);
  await page.getByTestId('step-submit').click();
  await page.getByTestId('step-done').waitFor();
  await oneClickStep(page, 'request_decision');
  await expectStatus(page, 'Inasubiri uamuzi');

  // A duty officer may approve only P1 cases themselves: the server refuses, the rationale stays.
  await page.getByTestId('step-approve').click();
  await page.getByTestId('step-reason').fill('Tunahitaji kuchukua hatua leo.');
  await page.getByTestId('step-submit').click();
  await page
    .getByTestId('step-errors')
    .getByText('Mtu mwingine lazima afanye uamuzi huu (mgawanyo wa majukumu).')
    .waitFor();
  assert.equal(await page.getByTestId('step-reason').inputValue(), 'Tunahitaji kuchukua hatua leo.');
  await expectStatus(page, 'Inasubiri uamuzi');

  const timeline = await text(page, 'case-timeline');
  assert.match(timeline ?? '', /Uamuzi umeombwa/);
  assert.match(timeline ?? '', /Imetathminiwa/);
  assert.match(timeline ?? '', /Ripoti imepokelewa/);
  await switchLanguage(page, 'sw'); // (already) — leave the demo duty officer in Kiswahili
  await close();
});
