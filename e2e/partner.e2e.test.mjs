// The partner portal on a 390 px phone, on the real `dharura demo`: the demo partner acts for
// "Tumaini Safe House (demo)", which has safe-house referrals from the Kware case waiting. She sees only
// her provider's referrals and only each referral's fields (never the case, its reference or its
// story, nor another provider's referral); she accepts one, declines one with a reason, updates her
// free beds and records an outcome; nothing scrolls sideways. In English, then in Kiswahili.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo, switchLanguage, text } from './support.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';
const PHONE = { width: 390, height: 844 };

const { freshPage, signIn } = useDemo();

const labels = {
  en: {
    fields: ['Name', 'Phone', 'Pick-up point'],
    accepted: 'Accepted',
    declined: 'Declined',
    completed: 'Completed',
    capacity: 'Free places now: 7',
    reason: 'Reason: No bed free tonight',
    outcome: 'Outcome: Placed for two weeks',
  },
  sw: {
    fields: ['Jina', 'Simu', 'Mahali pa kuchukuliwa'],
    accepted: 'Imekubaliwa',
    declined: 'Imekataliwa',
    completed: 'Imekamilika',
    capacity: 'Nafasi zilizo wazi sasa: 5',
    reason: 'Sababu: Hakuna kitanda leo usiku',
    outcome: 'Matokeo: Amewekwa kwa wiki mbili',
  },
};

async function noSidewaysScroll(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: scrollWidth ${width} <= ${PHONE.width}`);
}

/** The first card in this state (a card re-renders after each answer, so look it up each time). */
const card = (page, status) => page.locator(`[data-testid=partner-referral][data-status=${status}]`).first();

async function portal(lng, input) {
  const { page, close } = await freshPage('/partner', {
    locale: lng === 'sw' ? 'sw-KE' : 'en-GB',
    allowedStatuses: [400],
  });
  // Sign in and choose the language (the header's menu folds away on a phone), then the phone.
  await signIn(page, 'partner');
  await switchLanguage(page, lng);
  await page.setViewportSize(PHONE);
  await page.goto(new URL('/partner', page.url()).href);
  await page.getByTestId('partner-page').waitFor();
  await page.getByTestId('partner-referral').first().waitFor();
  const l = labels[lng];
  assert.equal(await text(page, 'partner-provider'), 'Tumaini Safe House (demo)');
  await noSidewaysScroll(page, `${lng}: the referrals`);

  // Only her provider's referrals, and in each only the referral's fields: never the case.
  const body = (await page.getByTestId('partner-page').textContent()) ?? '';
  for (const hidden of ['UA-2026', 'panga', 'Kware is threatened', 'Mama Pendo', 'Mwanaisha', 'Pwani']) {
    assert.ok(!body.includes(hidden), `${lng}: the partner never sees "${hidden}"`);
  }
  const cards = await page.getByTestId('partner-referral').count();
  assert.ok(cards >= 4, `${lng}: her safe house's referrals are listed (${cards})`);
  const shared = page.locator(
    '[data-testid=partner-referral][data-status=sent] [data-testid=partner-shared]',
  );
  for (const dl of await shared.all()) {
    assert.deepEqual(
      (await dl.locator('dt').allTextContents()).map((s) => s.trim()),
      l.fields,
    );
  }

  // Accept one.
  const first = card(page, 'sent');
  const acceptedNumber = await first.getAttribute('data-number');
  await first.getByTestId('partner-accept').click();
  const accepted = page.locator(`[data-testid=partner-referral][data-number=${acceptedNumber}]`);
  await accepted.and(page.locator('[data-status=accepted]')).waitFor();
  assert.match((await accepted.textContent()) ?? '', new RegExp(l.accepted));

  // Decline another, with a reason.
  const second = card(page, 'sent');
  const declinedNumber = await second.getAttribute('data-number');
  await second.getByTestId('partner-text').fill(input.reason);
  await second.getByTestId('partner-decline').click();
  const declined = page.locator(`[data-testid=partner-referral][data-number=${declinedNumber}]`);
  await declined.and(page.locator('[data-status=declined]')).waitFor();
  assert.match((await declined.textContent()) ?? '', new RegExp(l.declined));
  assert.match((await declined.textContent()) ?? '', new RegExp(l.reason));
  // Declined: the survivor's details are no longer shown to the provider.
  assert.equal(await declined.getByTestId('partner-shared').count(), 0);

  // Free beds.
  await page.getByTestId('partner-capacity-input').fill(String(input.capacity));
  await page.getByTestId('partner-capacity-save').click();
  await page.getByTestId('partner-capacity').getByText(l.capacity).waitFor();

  // The outcome of the accepted referral.
  await accepted.getByTestId('partner-text').fill(input.outcome);
  await accepted.getByTestId('partner-outcome').click();
  await accepted.and(page.locator('[data-status=completed]')).waitFor();
  assert.match((await accepted.textContent()) ?? '', new RegExp(l.completed));
  assert.match((await accepted.textContent()) ?? '', new RegExp(l.outcome));

  await noSidewaysScroll(page, `${lng}: after answering`);
  await page.screenshot({ path: `${SHOTS}/partner-${lng}-390.png`, fullPage: true });
  await close();
}

test('the partner portal on a 390 px phone (English)', async () => {
  await portal('en', { reason: 'No bed free tonight', capacity: 7, outcome: 'Placed for two weeks' });
});

test('the partner portal on a 390 px phone (Kiswahili)', async () => {
  await portal('sw', { reason: 'Hakuna kitanda leo usiku', capacity: 5, outcome: 'Amewekwa kwa wiki mbili' });
});
