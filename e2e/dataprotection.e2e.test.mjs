// Browser test of data protection in the console on the real `dharura demo`: a duty officer records a
// person's consent on a case page and withdraws it; an administrator records a data breach and sees its
// 72-hour notification deadline counting down. In English, then switched to Kiswahili.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlLang, useDemo, switchLanguage, text } from './support.mjs';

const { freshPage, signIn } = useDemo();

/** A hotline report with a named reporter (the person whose consent is recorded); opens its case page. */
async function openNewCase(page, narrative) {
  await page.getByTestId('new-report').click();
  await page.getByTestId('intake-form').waitFor();
  await page.getByTestId('intake-channel-hotline').check();
  await page.getByTestId('intake-narrative').fill(narrative);
  await page.getByTestId('intake-violation-arbitrary_detention').check();
  await page.getByTestId('intake-county').selectOption('Nairobi');
  await page.getByTestId('intake-reporter-name').fill('Wanjiku (demo)');
  await page.getByTestId('intake-reporter-phone').fill('0712 345 678');
  await page.getByTestId('intake-submit').click();
  const banner = page.getByTestId('created-banner');
  await banner.waitFor();
  const reference = /UA-\d{4}-\d{5}/.exec((await banner.textContent()) ?? '')?.[0];
  assert.ok(reference, 'the banner names the new report');
  const row = page.locator(`[data-testid=queue-row][data-reference="${reference}"]`);
  await row.getByTestId('queue-open').click();
  await page.getByTestId('case-page').waitFor();
  return reference;
}

/** Record a consent on the open case page and withdraw it; checks the notes in the page's language. */
async function consentRoundTrip(page, words) {
  const panel = page.getByTestId('consents-panel');
  await panel.waitFor();
  // Nothing chosen: the form says what is missing and records nothing.
  await panel.getByTestId('consent-submit').click();
  await page.getByTestId('consent-errors').waitFor();
  assert.equal(await panel.getByTestId('consent-item').count(), words.before);

  await panel.getByTestId('consent-purpose').fill(words.purpose);
  await panel.getByTestId('consent-data-identity').check();
  await panel.getByTestId('consent-data-contact').check();
  await panel.getByTestId('consent-shared').fill('Tumaini Safe House, LSK');
  await panel.getByTestId('consent-method-guardian').check();
  await panel.getByTestId('consent-submit').click();
  await panel.getByTestId('consents-note').getByText(words.recorded).waitFor();
  const item = panel
    .locator('[data-testid=consent-item][data-status=active]')
    .filter({ hasText: words.purpose });
  await item.waitFor();
  assert.match((await item.textContent()) ?? '', new RegExp(words.guardian));
  assert.match((await item.textContent()) ?? '', /Tumaini Safe House, LSK/);
  assert.equal(await text(item, 'consent-status'), words.active);

  page.once('dialog', (d) => void d.accept());
  await item.getByTestId('consent-withdraw').click();
  await panel.getByTestId('consents-note').getByText(words.withdrawnDone).waitFor();
  const withdrawn = panel
    .locator('[data-testid=consent-item][data-status=withdrawn]')
    .filter({ hasText: words.purpose });
  await withdrawn.waitFor();
  assert.match((await text(withdrawn, 'consent-status')) ?? '', words.withdrawn);
  assert.equal(await withdrawn.getByTestId('consent-withdraw').count(), 0, 'withdrawn once');
}

/** Record a breach discovered now; its deadline shows about 72 hours left. */
async function recordBreach(page, words) {
  await page.getByTestId('nav-breaches').click();
  await page.getByTestId('breaches-page').waitFor();
  await page.getByTestId('breach-summary').fill(words.summary);
  await page.getByTestId('breach-data-identity').check();
  await page.getByTestId('breach-affected').fill('12');
  await page.getByTestId('breach-submit').click();
  await page.getByTestId('breaches-note').getByText(words.recorded).waitFor();
  const row = page.locator('[data-testid=breach-row]').filter({ hasText: words.summary });
  await row.waitFor();
  const countdown = row.getByTestId('breach-countdown');
  assert.match((await countdown.textContent()) ?? '', words.left);
  assert.equal(await countdown.getAttribute('data-level'), 'ok');
  return row;
}

test('consent on a case page and the breach register (English)', async () => {
  const officer = await freshPage('/');
  await signIn(officer.page, 'duty_officer');
  await switchLanguage(officer.page, 'en');
  await officer.page.getByTestId('queue-table').waitFor();
  await openNewCase(officer.page, 'A teacher was detained overnight at Kilimani police station.');
  await consentRoundTrip(officer.page, {
    before: 0,
    purpose: 'Referral to a safe house',
    recorded: 'Consent recorded.',
    guardian: 'By a parent or guardian',
    active: 'In force',
    withdrawnDone: 'Consent withdrawn.',
    withdrawn: /^Withdrawn /,
  });
  await officer.close();

  const admin = await freshPage('/');
  await signIn(admin.page, 'admin');
  await switchLanguage(admin.page, 'en');
  const row = await recordBreach(admin.page, {
    summary: 'Laptop with case exports stolen from the office',
    recorded: 'Breach recorded.',
    left: /^7[12] h \d+ min left$/,
  });
  assert.match((await row.textContent()) ?? '', /Identity/);
  await row.getByTestId('breach-mark-odpc').click();
  await row.getByTestId('breach-notified').waitFor();
  assert.match((await text(row, 'breach-notified')) ?? '', /^ODPC notified /);
  await admin.close();
});

test('consent on a case page and the breach register (Kiswahili)', async () => {
  const officer = await freshPage('/');
  await signIn(officer.page, 'duty_officer');
  await switchLanguage(officer.page, 'sw');
  assert.equal(await htmlLang(officer.page), 'sw');
  await officer.page.getByTestId('queue-table').waitFor();
  await openNewCase(officer.page, 'Mwalimu alizuiliwa usiku kucha katika kituo cha polisi.');
  assert.equal(
    await officer.page.getByTestId('consents-panel').getByRole('heading', { level: 2 }).textContent(),
    'Idhini',
  );
  await consentRoundTrip(officer.page, {
    before: 0,
    purpose: 'Kupelekwa nyumba salama',
    recorded: 'Idhini imerekodiwa.',
    guardian: 'Na mzazi au mlezi',
    active: 'Inatumika',
    withdrawnDone: 'Idhini imeondolewa.',
    withdrawn: /^Iliondolewa /,
  });
  await officer.close();

  const admin = await freshPage('/');
  await signIn(admin.page, 'admin');
  await switchLanguage(admin.page, 'sw');
  const row = await recordBreach(admin.page, {
    summary: 'Simu yenye maelezo ya kesi imepotea',
    recorded: 'Uvunjaji umerekodiwa.',
    left: /^Zimebaki saa 7[12] dakika \d+$/,
  });
  assert.match((await row.textContent()) ?? '', /Utambulisho/);
  await switchLanguage(admin.page, 'en');
  await admin.close();
});
