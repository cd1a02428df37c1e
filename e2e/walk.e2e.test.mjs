// The handbook walk, end to end, once in each language, on the real `dharura demo`:
// a member of the public reports someone in danger through the public form with JavaScript off; the
// duty officer finds the report at the top of the queue, acknowledges and assesses it (P1) and asks
// for a decision; the approver, in a second browser, approves; the duty officer runs the response
// (a protection escort, started, then done), starts follow-up, records the person's feedback and the
// impact, closes the case and records the after-action review. The timeline then holds every step
// with who took it and when. Also: the public form is small and has no script but its quick exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { htmlLang, useDemo, switchLanguage, text } from './support.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';
/** The public form refuses a token younger than 3 s (ADR 0005); wait a little longer. */
const FORM_MIN_AGE_MS = 3_500;
const PUBLIC_PAGE_BUDGET = 30 * 1024;

const { ctx, freshPage, signIn } = useDemo();

/** What each language's walk types and expects to read. */
const copy = {
  en: {
    path: '/report',
    heading: 'Report an urgent human rights situation',
    narrative:
      'A woman in Kware (Embakasi South, Nairobi) is threatened with a panga by her partner, she is in danger now.',
    thanks: 'Thank you. Your report has been received.',
    status: {
      received: 'Received',
      screening: 'Screening',
      assessed: 'Assessed',
      awaiting_decision: 'Awaiting decision',
      active: 'Active response',
      follow_up: 'Follow-up',
      closed: 'Closed',
    },
    inDanger: 'In danger now',
    timeLeft: /^(\d min|under 1 min) left$/,
    activate: /Meets the threshold for an urgent action/,
    approveReason: 'P1: threat to life with a weapon, happening now. Start the urgent action.',
    escortNotes: 'Escort her to the safe house tonight.',
    inProgress: 'In progress',
    done: 'Done',
    escortOutcome: 'Escorted to the safe house; she is safe.',
    unmet: 'Counselling, and help to get her children’s school transfer.',
    impactNote: 'She and her children are in the safe house.',
    relocatedImpact: 'Relocated to safety',
    closeOutcome: 'Relocated to safety',
    closeReason: 'She is safe in the safe house and has decided the next steps with us.',
    reviewRequired: 'After-action review required',
    review: {
      whatWorked: 'The hotline and the safe house answered within minutes.',
      challenges: 'No transport at night; the escort waited an hour.',
      lessons: 'Keep a night-time transport contact on the duty sheet.',
    },
    you: 'You',
    eat: 'EAT',
    publicForm: 'Public form',
    escortType: 'Escort',
  },
  sw: {
    path: '/ripoti',
    heading: 'Ripoti hali ya dharura ya haki za binadamu',
    narrative:
      'Mwanamke mmoja huko Kware (Embakasi Kusini, Nairobi) anatishiwa kwa panga na mwenzi wake, yuko hatarini sasa hivi.',
    thanks: 'Asante. Ripoti yako imepokelewa.',
    status: {
      received: 'Imepokelewa',
      screening: 'Inachunguzwa',
      assessed: 'Imetathminiwa',
      awaiting_decision: 'Inasubiri uamuzi',
      active: 'Hatua inaendelea',
      follow_up: 'Ufuatiliaji',
      closed: 'Imefungwa',
    },
    inDanger: 'Yuko hatarini sasa',
    timeLeft: /^(dakika \d (imebaki|zimebaki)|chini ya dakika 1 imebaki)$/,
    activate: /Inafikia kiwango cha hatua ya dharura/,
    approveReason: 'P1: tishio la maisha kwa silaha, linaendelea sasa. Anzeni hatua ya dharura.',
    escortNotes: 'Msindikizeni hadi nyumba salama usiku huu.',
    inProgress: 'Inaendelea',
    done: 'Imekamilika',
    escortOutcome: 'Amesindikizwa hadi nyumba salama; yuko salama.',
    unmet: 'Ushauri nasaha, na msaada wa kuhamisha watoto shule.',
    impactNote: 'Yeye na watoto wake wako katika nyumba salama.',
    relocatedImpact: 'Alihamishiwa mahali salama',
    closeOutcome: 'Amehamishiwa mahali salama',
    closeReason: 'Yuko salama katika nyumba salama na ameamua hatua zinazofuata pamoja nasi.',
    reviewRequired: 'Tathmini baada ya hatua inahitajika',
    review: {
      whatWorked: 'Simu ya dharura na nyumba salama zilijibu ndani ya dakika chache.',
      challenges: 'Hakukuwa na usafiri usiku; msindikizaji alisubiri saa moja.',
      lessons: 'Weka mawasiliano ya usafiri wa usiku kwenye orodha ya zamu.',
    },
    you: 'Wewe',
    eat: 'EAT',
    publicForm: 'Fomu ya umma',
    escortType: 'Kumsindikiza mtu',
  },
};

/**
 * The public form with JavaScript off, as on a basic phone: danger yes, what happened, county
 * Nairobi → "Choose sub-county and ward" (a server round trip) → ward Kware → send. Returns the
 * reference from the thank-you page.
 */
async function reportPublicly(lng) {
  const c = copy[lng];
  const context = await ctx.browser.newContext({
    javaScriptEnabled: false,
    locale: lng === 'sw' ? 'sw-KE' : 'en-KE',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  try {
    await page.goto(new URL(c.path, ctx.demo.baseUrl).href);
    // The form's token was issued while the page was served: count its age from now.
    const opened = Date.now();
    assert.equal(await htmlLang(page), lng);
    assert.equal((await page.locator('h1').textContent())?.trim(), c.heading);
    assert.equal(
      await page.locator('script:not([src="/quick-exit.js"])').count(),
      0,
      'the public form has no script but its own quick exit',
    );

    await page.locator('input[name=danger][value=yes]').check();
    await page.locator('#f-narrative').fill(c.narrative);
    await page.locator('#f-violation').selectOption('femicide');
    await page.locator('#f-county').selectOption('Nairobi');
    // Step two without JavaScript: the server lists Nairobi's sub-counties and wards; nothing is lost.
    await page.locator('button[name=next][value=place]').click();
    await page.locator('#f-ward').waitFor();
    assert.equal(await page.locator('#f-narrative').inputValue(), c.narrative);
    assert.ok(await page.locator('input[name=danger][value=yes]').isChecked());
    const kware = page.locator('#f-ward optgroup[label="Embakasi South"] option', { hasText: 'Kware' });
    await page.locator('#f-ward').selectOption((await kware.getAttribute('value')) ?? '');
    await page.screenshot({ path: `${SHOTS}/walk-public-form-${lng}.png`, fullPage: true });

    await sleep(Math.max(0, FORM_MIN_AGE_MS - (Date.now() - opened)));
    await page.locator('form[action="/report"] button[type=submit]:not([name])').click();
    await page.locator('.ref, .box:not(.ok)').first().waitFor();
    if (!(await page.locator('.ref').count()))
      assert.fail(
        `the report was not accepted: ${await page.locator('.box:not(.ok)').first().textContent()}`,
      );
    assert.equal((await page.locator('h1').textContent())?.trim(), c.thanks);
    assert.equal(await page.locator('script:not([src="/quick-exit.js"])').count(), 0);
    const reference = /UA-\d{4}-\d{5}/.exec((await page.locator('.ref').textContent()) ?? '')?.[0];
    assert.ok(reference, 'the thank-you page gives the reference');
    return reference;
  } finally {
    await context.close();
  }
}

async function oneClickStep(page, action) {
  await page.getByTestId(`step-${action}`).click();
  await page.getByTestId('step-done').waitFor();
}

async function takeStep(page, action, fill) {
  await page.getByTestId(`step-${action}`).click();
  await page.getByTestId(`step-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('step-submit').click();
  const done = page.getByTestId('step-done');
  const refused = page.getByTestId('step-errors').locator('[role=alert]');
  await done.or(refused).first().waitFor();
  if (await refused.count()) assert.fail(`${action} refused: ${await refused.first().textContent()}`);
  await done.waitFor();
}

/** Wait until the case page shows `status` (it is read again after every step). */
async function waitForStatus(page, status) {
  await page.locator('.case__badges [data-testid=status-tag]', { hasText: status }).waitFor();
}

async function walk(lng) {
  const c = copy[lng];

  // 1. The public report, without JavaScript.
  const reference = await reportPublicly(lng);

  // 2. The duty officer's queue: the new report is flagged, its acknowledge clock is running, and
  // it sorts with the someone-in-danger-now reports by the next clock to run out.
  const officer = await freshPage('/queue');
  const { page } = officer;
  await signIn(page, 'duty_officer');
  await switchLanguage(page, lng);
  await page.getByTestId('queue-table').waitFor();
  const row = page.locator(`[data-testid=queue-row][data-reference="${reference}"]`);
  await row.waitFor();
  assert.equal(await text(row, 'status-tag'), c.status.received);
  assert.equal(await text(row, 'danger-now'), c.inDanger);
  assert.match((await text(row, 'queue-clock')) ?? '', c.timeLeft);
  assert.equal(await row.getByTestId('queue-clock').getAttribute('data-breached'), 'false');

  const lines = await page.getByTestId('queue-row').evaluateAll((trs) =>
    trs.map((tr) => ({
      reference: tr.getAttribute('data-reference'),
      assessed: Boolean(tr.querySelector('[data-testid=priority-badge]')),
      danger: Boolean(tr.querySelector('[data-testid=danger-now]')),
      due: tr.querySelector('[data-testid=queue-clock] time')?.getAttribute('datetime') ?? null,
    })),
  );
  const index = lines.findIndex((l) => l.reference === reference);
  const ours = lines[index];
  for (const above of lines.slice(0, index)) {
    // Only an unassessed report of someone in danger whose clock runs out first may come before it.
    assert.ok(
      above.danger && above.due && above.due <= ours.due,
      `${above.reference} is above the new report`,
    );
  }
  // In its county it is at the very top.
  await page.getByTestId('filter-county').selectOption('Nairobi');
  await page.waitForURL(/county=Nairobi/);
  await page.getByTestId('queue-row').first().waitFor();
  await page.waitForFunction(
    (ref) => document.querySelector('[data-testid=queue-row]')?.getAttribute('data-reference') === ref,
    reference,
  );
  await page.screenshot({ path: `${SHOTS}/walk-queue-${lng}.png`, fullPage: true });

  // 3. A femicide threat is sensitive from intake: a locked line nobody can open until a screener
  // takes it (acknowledges, becoming its lead). Then assess 3/3/2 → P1 with activation recommended,
  // and ask for a decision.
  assert.equal(await row.getByTestId('queue-open').count(), 0, 'a sensitive report is a locked line');
  await row.getByTestId('queue-take').click();
  await page.getByTestId('case-page').waitFor();
  assert.equal(await text(page, 'case-reference'), reference);
  assert.match((await text(page, 'case-narrative')) ?? '', /Kware/);
  const caseUrl = new URL(page.url()).pathname;
  await waitForStatus(page, c.status.screening);
  await page.getByTestId('step-assess').click();
  await page.getByTestId('step-form-assess').waitFor();
  for (const [k, n] of Object.entries({ severity: 3, immediacy: 3, feasibility: 2 })) {
    await page.getByTestId(`assess-${k}-${n}`).check();
    await page.getByTestId(`assess-${k}-why`).fill(`${k}: ${n}`);
  }
  assert.match((await text(page, 'assess-derived')) ?? '', /P1/);
  assert.match((await text(page, 'assess-derived')) ?? '', c.activate);
  assert.ok(
    await page.getByTestId('assess-derived').locator('.derived__activate').count(),
    'activation shown',
  );
  await page.getByTestId('step-submit').click();
  await page.getByTestId('step-done').waitFor();
  await waitForStatus(page, c.status.assessed);
  assert.equal(await page.locator('.case__badges [data-testid=priority-badge]').textContent(), 'P1');
  await oneClickStep(page, 'request_decision');
  await waitForStatus(page, c.status.awaiting_decision);

  // 4. The approver, in a second browser, approves.
  const approver = await freshPage(caseUrl);
  await signIn(approver.page, 'approver');
  await switchLanguage(approver.page, lng);
  await approver.page.getByTestId('case-page').waitFor();
  await takeStep(approver.page, 'approve', () =>
    approver.page.getByTestId('step-reason').fill(c.approveReason),
  );
  await waitForStatus(approver.page, c.status.active);
  await approver.close();

  // 5. The response: a protection escort to the safe house, started, then done with its outcome.
  await page.reload();
  await page.getByTestId('case-page').waitFor();
  await waitForStatus(page, c.status.active);
  await page.getByTestId('response-actions-add').click();
  const form = page.getByTestId('response-actions-form');
  await form.waitFor();
  await page.getByTestId('action-role').selectOption('protection');
  await page.getByTestId('action-type').selectOption('escort');
  await page.getByTestId('action-owner').selectOption({ index: 1 }); // me
  await page.getByTestId('action-notes').fill(c.escortNotes);
  await page.getByTestId('response-actions-form-submit').click();
  await page.getByTestId('response-actions-saved').waitFor();
  const escort = page.locator('[data-testid=action][data-type=escort]');
  assert.match((await escort.textContent()) ?? '', new RegExp(c.escortType));
  assert.match((await escort.textContent()) ?? '', /Amina Wanjiru/);

  await escort.getByTestId('action-start').click();
  await page.locator('[data-testid=action][data-type=escort][data-status=in_progress]').waitFor();
  assert.equal(await text(escort, 'action-status'), c.inProgress);
  assert.ok(
    await escort.getByTestId('action-moved').evaluate((el) => el === document.activeElement),
    'the confirmation takes focus once the Start button is gone',
  );

  // "Done" needs an outcome: refused empty, then saved.
  await escort.getByTestId('action-done').click();
  await escort.getByTestId('action-done-form-submit').click();
  await escort.getByTestId('action-done-errors').locator('[role=alert]').waitFor();
  await escort.getByTestId('action-outcome-input').fill(c.escortOutcome);
  await escort.getByTestId('action-done-form-submit').click();
  await page.locator('[data-testid=action][data-type=escort][data-status=done]').waitFor();
  assert.equal(await text(escort, 'action-status'), c.done);
  assert.match((await text(escort, 'action-outcome')) ?? '', new RegExp(c.escortOutcome));

  // 6. Follow-up: the person's feedback and the impact.
  await oneClickStep(page, 'start_follow_up');
  await waitForStatus(page, c.status.follow_up);
  await page.getByTestId('review-required').waitFor(); // a P1 case needs an after-action review
  assert.match((await text(page, 'review-required')) ?? '', new RegExp(c.reviewRequired));

  await page.getByTestId('response-feedback-add').click();
  await page.getByTestId('response-feedback-form').waitFor();
  await page.getByTestId('feedback-channel').selectOption('phone');
  await page.getByTestId('feedback-satisfaction-4').check();
  await page.getByTestId('feedback-confidentiality-yes').check();
  await page.getByTestId('feedback-decided-yes').check();
  await page.getByTestId('feedback-unmet').fill(c.unmet);
  await page.getByTestId('response-feedback-form-submit').click();
  await page.getByTestId('response-feedback-saved').waitFor();
  assert.match((await text(page, 'feedback')) ?? '', /4\/5/);

  await page.getByTestId('response-impacts-add').click();
  await page.getByTestId('response-impacts-form').waitFor();
  await page.getByTestId('impact-scope-immediate').check();
  await page.getByTestId('impact-code').selectOption('relocated');
  await page.getByTestId('impact-note').fill(c.impactNote);
  await page.getByTestId('response-impacts-form-submit').click();
  await page.getByTestId('response-impacts-saved').waitFor();
  assert.match((await text(page, 'impact')) ?? '', new RegExp(c.relocatedImpact));

  // 7. The after-action review, then close with the outcome "relocated" (a P1 closes only with its
  // review recorded or scheduled; duty officers may close).
  await page.getByTestId('response-review-add').click();
  await page.getByTestId('response-review-form').waitFor();
  for (const [k, v] of Object.entries(c.review)) await page.getByTestId(`review-${k}`).fill(v);
  await page.getByTestId('response-review-form-submit').click();
  await page.getByTestId('response-review-saved').waitFor();
  await page.getByTestId('review').waitFor();
  assert.equal(await page.getByTestId('review-required').count(), 0, 'the review is no longer required');
  assert.equal(await page.getByTestId('response-review-add').count(), 0, 'one review per case');
  await takeStep(page, 'close', async () => {
    await page.getByTestId('step-outcome').fill(c.closeOutcome);
    await page.getByTestId('step-reason').fill(c.closeReason);
  });
  await waitForStatus(page, c.status.closed);

  // 8. The timeline: every step, newest first, each with who took it and when.
  await page.locator('[data-testid=timeline-item][data-type="transition.close"]').waitFor();
  const steps = [
    'transition.close',
    'after_action_review.recorded',
    'impact.recorded',
    'feedback.recorded',
    'transition.start_follow_up',
    'action.completed',
    'action.started',
    'action.created',
    'transition.approve',
    'transition.request_decision',
    'transition.assess',
    'transition.acknowledge',
    'intake',
  ];
  const events = await page.getByTestId('timeline-item').evaluateAll((lis) =>
    lis.map((li) => ({
      type: li.getAttribute('data-type'),
      meta: li.querySelector('.timeline__meta')?.textContent ?? '',
      time: li.querySelector('.timeline__meta time')?.getAttribute('datetime') ?? null,
    })),
  );
  assert.deepEqual(
    events.map((e) => e.type).filter((t) => steps.includes(t)),
    steps,
  );
  for (const e of events.filter((x) => steps.includes(x.type))) {
    assert.ok(e.time, `${e.type} has a time`);
    assert.match(e.meta, new RegExp(c.eat), `${e.type} shows the time in EAT`);
    const who = e.type === 'intake' ? c.publicForm : e.type === 'transition.approve' ? null : c.you;
    if (who) assert.match(e.meta, new RegExp(`· ${who}`), `${e.type} says who: ${e.meta}`);
    else assert.doesNotMatch(e.meta, new RegExp(`· ${c.you}`), `${e.type} was someone else: ${e.meta}`);
  }
  const times = events.filter((x) => steps.includes(x.type)).map((e) => e.time);
  assert.deepEqual([...times].sort().reverse(), times, 'newest first');
  const escortStep = page.locator('[data-testid=timeline-item][data-type="action.completed"]');
  assert.match((await escortStep.textContent()) ?? '', new RegExp(c.escortType));

  await page.screenshot({ path: `${SHOTS}/walk-case-${lng}.png`, fullPage: true });
  await officer.close();
}

test('the handbook walk in English: public report → P1 → approved → escort → follow-up → closed → review', () =>
  walk('en'));

test('the handbook walk in Kiswahili, from /ripoti', () => walk('sw'));

test('the public form weighs at most 30 KB in the browser and has no script but its quick exit', async () => {
  for (const path of ['/report', '/ripoti']) {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const bodies = [];
    page.on('response', (r) =>
      bodies.push(
        r.body().then(
          (b) => b.length,
          () => 0,
        ),
      ),
    );
    await page.goto(new URL(path, ctx.demo.baseUrl).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(bodies);
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(sizes.length >= 1);
    assert.ok(total <= PUBLIC_PAGE_BUDGET, `${path}: ${total} bytes in ${sizes.length} response(s)`);
    // One script of ours only: Quick exit replaces the history entry (the form works without it).
    assert.equal(
      await page.locator('script:not([src="/quick-exit.js"])').count(),
      0,
      `${path}: no other <script>`,
    );
    assert.doesNotMatch(await page.content(), /<script(?![^>]*src="\/quick-exit\.js")/i);
    console.log(`${path}: ${total} bytes in ${sizes.length} response(s)`);
    await context.close();
  }
});
