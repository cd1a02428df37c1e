// Issue 14's acceptance, as a new organisation would live it, on a fresh `dharura serve` (no demo data):
// the first administrator sets the installation up in the browser (set-up code from `serve`, TOTP
// enrolment), invites a duty officer, an approver and a legal officer (each accepts through a one-time
// link), puts the duty officer on the rotation with an SMS rule; a public report pages her by SMS (the
// outbox); she adds the legal officer to the case team and gives her an action; the administrator
// changes the priority rules and a new assessment follows them; disabling the legal officer ends her
// session at once. Key screens are then seen again in Kiswahili.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { htmlLang, launchBrowser, nextTotp, switchLanguage, text } from './support.mjs';
import { startFresh } from './serve.mjs';

const FORM_MIN_AGE_MS = 3_500;
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp';
const DUTY_PHONE = '+254711000222';

const ctx = /** @type {any} */ ({});
before(async () => {
  ctx.server = await startFresh();
  ctx.browser = await launchBrowser();
});
after(async () => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

const people = {
  admin: { name: 'Wairimu Admin', email: 'admin@haki.test', password: 'first-admin-password-2026' },
  duty: {
    name: 'Neema Duty',
    email: 'duty@haki.test',
    password: 'duty-officer-password-2026',
    role: 'duty_officer',
  },
  approver: {
    name: 'Otieno Approver',
    email: 'approver@haki.test',
    password: 'approver-password-2026',
    role: 'approver',
  },
  legal: {
    name: 'Akinyi Legal',
    email: 'legal@haki.test',
    password: 'legal-officer-password-2026',
    role: 'legal',
  },
};

async function open(path) {
  const context = await ctx.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(new URL(path, ctx.server.baseUrl).href);
  return { page, context };
}

/** The second factor at first sign-in: read the key shown, answer with its code, keep the recovery codes. */
async function enrol(page, person) {
  const secretEl = page.getByTestId('enrol-secret');
  await secretEl.waitFor();
  person.totpSecret = await secretEl.getAttribute('data-secret');
  assert.match(person.totpSecret ?? '', /^[A-Z2-7]{16,}$/);
  await page.getByTestId('enrol-code').fill(await nextTotp(person.totpSecret));
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('user-name').waitFor();
}

/** Answer the administrator's "confirm it is you" prompt when it is shown. */
async function confirmIfAsked(page, person, done) {
  const prompt = page.getByTestId('admin-reauth');
  await done.or(prompt).first().waitFor();
  if (await prompt.isVisible()) {
    await page.locator('#admin-reauth-password').fill(person.password);
    await page.locator('#admin-reauth-code').fill(await nextTotp(person.totpSecret));
    await prompt.getByRole('button').first().click();
  }
  await done.waitFor();
}

async function nav(page, key) {
  await page.getByTestId(`nav-${key}`).click();
}

/** The public web form, without JavaScript: someone in danger now. Returns the case reference. */
async function reportPublicly(narrative) {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false, locale: 'en-KE' });
  const page = await context.newPage();
  try {
    await page.goto(new URL('/report', ctx.server.baseUrl).href);
    const opened = Date.now();
    await page.locator('input[name=danger][value=yes]').check();
    await page.locator('#f-narrative').fill(narrative);
    await sleep(Math.max(0, FORM_MIN_AGE_MS - (Date.now() - opened)));
    await page.locator('form[action="/report"] button[type=submit]:not([name])').click();
    await page.locator('.ref, .box:not(.ok)').first().waitFor();
    const reference = /UA-\d{4}-\d{5}/.exec((await page.locator('.ref').textContent()) ?? '')?.[0];
    assert.ok(reference, 'the thank-you page gives the reference');
    return reference;
  } finally {
    await context.close();
  }
}

/** A workflow step: one click, or (with `fill`) a form filled and sent. */
async function step(page, action, fill) {
  await page.getByTestId(`step-${action}`).click();
  if (fill) {
    await page.getByTestId(`step-form-${action}`).waitFor();
    await fill();
    await page.getByTestId('step-submit').click();
  }
  const done = page.getByTestId('step-done');
  const refused = page.getByTestId('step-errors').locator('[role=alert]');
  await done.or(refused).first().waitFor();
  if (await refused.count()) assert.fail(`${action} refused: ${await refused.first().textContent()}`);
}

async function assessScores(page, scores) {
  await page.getByTestId('step-assess').click();
  await page.getByTestId('step-form-assess').waitFor();
  for (const [k, n] of Object.entries(scores)) {
    await page.getByTestId(`assess-${k}-${n}`).check();
    await page.getByTestId(`assess-${k}-why`).fill(`${k}: ${n}`);
  }
}

async function openCase(page, reference) {
  await page.goto(new URL('/queue', ctx.server.baseUrl).href);
  const row = page.locator(`[data-testid=queue-row][data-reference="${reference}"]`);
  await row.waitFor();
  await row.getByTestId('queue-open').click();
  await page.getByTestId('case-page').waitFor();
}

/** Pick the option of a select whose text contains `name` (waiting for the list to load). */
async function chooseByText(select, name) {
  let value = '';
  for (let i = 0; i < 40 && !value; i++) {
    value = await select.evaluate(
      (el, n) => [...el.options].find((o) => o.textContent.includes(n))?.value ?? '',
      name,
    );
    if (!value) await sleep(250);
  }
  assert.ok(value, `an option naming ${name}`);
  await select.selectOption(value);
}

const priorityBadge = (page) => page.locator('.case__badges [data-testid=priority-badge]').textContent();

test('a new organisation: set-up, invitations, on-call SMS, team, rules, disabling (English, then Kiswahili)', async () => {
  const { admin, duty, approver, legal } = people;

  // 1. Fresh install: the set-up page, the code `serve` printed, the first administrator, TOTP enrolment.
  const a = await open('/');
  const ap = a.page;
  await ap.getByTestId('setup-form').waitFor();
  await ap.getByTestId('setup-code').fill(ctx.server.setupCode);
  await ap.getByTestId('setup-org').fill('Haki Centre (test)');
  await ap.getByTestId('setup-name').fill(admin.name);
  await ap.getByTestId('setup-email').fill(admin.email);
  await ap.getByTestId('setup-password').fill(admin.password);
  await ap.getByTestId('setup-submit').click();
  await enrol(ap, admin);
  assert.equal(await text(ap, 'user-name'), admin.name);

  // 2. Invitations: each a one-time link, accepted in the invitee's own browser with enrolment.
  const sessions = {};
  for (const person of [duty, approver, legal]) {
    // A fresh Admin page each time, so the link read is this invitation's.
    await ap.goto(new URL('/admin', ctx.server.baseUrl).href);
    await ap.getByTestId('invite-create-form').waitFor();
    await ap.getByTestId('invite-name').fill(person.name);
    await ap.getByTestId('invite-email').fill(person.email);
    await ap.getByTestId(`invite-role-${person.role}`).check();
    await ap.getByTestId('invite-create').click();
    const link = ap.getByTestId('invite-link').filter({ hasText: '/invite/' });
    await confirmIfAsked(ap, admin, link);
    const url = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec((await link.textContent()) ?? '')?.[0];
    assert.ok(url, 'the invitation link is shown once');
    const s = await open(new URL(url).pathname);
    await s.page
      .getByTestId('invite-form')
      .waitFor()
      .catch(async (e) => {
        await s.page.screenshot({ path: `${SHOTS}/org-invite-failed.png`, fullPage: true });
        throw new Error(`${e.message}\n${url}\n${await s.page.locator('body').innerText()}`);
      });
    await s.page.getByTestId('invite-password').fill(person.password);
    await s.page.getByTestId('invite-submit').click();
    await enrol(s.page, person);
    assert.equal(await text(s.page, 'user-name'), person.name);
    sessions[person.role] = s;
    // A link works once.
    const again = await ctx.browser.newContext();
    const res = await again.request.get(new URL(`/api/invitation/${url.split('/invite/')[1]}`, url).href);
    assert.ok(res.status() >= 400, 'an accepted invitation link is spent');
    await again.close();
  }
  const dp = sessions.duty_officer.page;

  // 3. The duty officer chooses an SMS rule; the administrator puts her on the rotation. Before that,
  //    the On-call page warns that the rotation is empty.
  await nav(dp, 'notifications');
  await dp.getByTestId('rules-form').waitFor();
  await dp.getByTestId('rule-add').click();
  const sms = dp.getByTestId('rule-row').nth(1);
  await sms.getByTestId('rule-channel').selectOption('sms');
  await sms.getByTestId('rule-delay').fill('0');
  await sms.getByTestId('rule-contact').fill(DUTY_PHONE);
  await dp.getByTestId('rules-save').click();
  await dp.getByTestId('rules-status').filter({ hasText: 'Saved' }).waitFor();

  await nav(ap, 'oncall');
  await ap.getByTestId('coverage-banner').getByTestId('oncall-empty-warning').waitFor();
  assert.match((await text(ap, 'oncall-empty-warning')) ?? '', /duty officers/);
  await ap.screenshot({ path: `${SHOTS}/org-oncall-empty-en.png`, fullPage: true });
  // Each rotation's card, then its editor (folded) beside it.
  const rotation = ap
    .locator('.oncall-rotations > div')
    .filter({ has: ap.getByTestId('rotation').filter({ hasText: 'duty officers' }) })
    .first();
  await rotation.locator('details > summary').first().click();
  const editor = rotation.getByTestId('rotation-editor');
  await chooseByText(editor.getByTestId('rotation-add'), duty.name);
  await editor.getByTestId('rotation-add').locator('xpath=../..').getByRole('button').click();
  await editor.getByTestId('rotation-save').click();
  await ap.getByTestId('coverage-banner').waitFor({ state: 'detached' });
  await ap.getByTestId('oncall-person').filter({ hasText: duty.name }).first().waitFor();

  // 4. A public report pages her by SMS: the message is in the outbox for her phone.
  const reference = await reportPublicly(
    'Men in uniform took my cousin from the market in Kibera an hour ago and beat him, please help.',
  );
  let outbox = '';
  for (let i = 0; i < 60 && !/Dharura P1/.test(outbox); i++) {
    await sleep(500);
    const r = await ap.request.get(
      new URL(`/api/simulator/outbox?phone=${encodeURIComponent(DUTY_PHONE)}`, ctx.server.baseUrl).href,
    );
    outbox = await r.text();
  }
  assert.match(outbox, /Dharura P1 alert/, `the duty officer was paged by SMS: ${outbox.slice(0, 400)}`);

  // 5. She takes the case, the approver approves, she adds the legal officer and gives her an action.
  await openCase(dp, reference);
  await step(dp, 'acknowledge');
  await assessScores(dp, { severity: 3, immediacy: 3, feasibility: 2 });
  await dp.getByTestId('step-submit').click();
  await dp.getByTestId('step-done').waitFor();
  assert.equal(await priorityBadge(dp), 'P1');
  await step(dp, 'request_decision');
  const caseUrl = new URL(dp.url()).pathname;
  const appPage = sessions.approver.page;
  await appPage.goto(new URL(caseUrl, ctx.server.baseUrl).href);
  await appPage.getByTestId('case-page').waitFor();
  await step(appPage, 'approve', () => appPage.getByTestId('step-reason').fill('Meets the threshold.'));

  await dp.reload();
  await dp.getByTestId('team-form').waitFor();
  await chooseByText(dp.getByTestId('team-user'), legal.name);
  await dp.getByTestId('team-add').click();
  await dp.getByTestId('case-members').filter({ hasText: legal.name }).waitFor();
  await dp.getByTestId('response-actions-add').click();
  await dp.getByTestId('response-actions-form').waitFor();
  await dp.getByTestId('action-role').selectOption('legal');
  await dp.getByTestId('action-type').selectOption('court_representation');
  await chooseByText(dp.getByTestId('action-owner'), legal.name);
  await dp.getByTestId('response-actions-form-submit').click();
  await dp.getByTestId('response-actions-saved').waitFor();
  const action = dp.locator('[data-testid=action][data-type=court_representation]');
  assert.match((await action.textContent()) ?? '', new RegExp(legal.name));
  await dp.screenshot({ path: `${SHOTS}/org-case-team-en.png`, fullPage: true });
  // The legal officer, now on the team, sees the case and her action.
  const lp = sessions.legal.page;
  await lp.goto(new URL(caseUrl, ctx.server.baseUrl).href);
  await lp.getByTestId('case-page').waitFor();

  // 6. The administrator changes the priority rules (P2 from a sum of 4); a new assessment follows them.
  await nav(ap, 'rules');
  await ap.getByTestId('org-rules-page').waitFor();
  await ap.getByTestId('rule-kind').selectOption('priority');
  await ap.getByTestId('priority-form').waitFor();
  await ap.getByTestId('rule-p2').fill('4');
  await ap.getByTestId('rule-reason').fill('Our board lowered the P2 threshold.');
  await ap.getByTestId('rule-save').click();
  // Saved as version 1: the history names who changed it (the editor starts again from it).
  await ap.getByTestId('rule-history').filter({ hasText: admin.name }).waitFor();
  await ap.getByTestId('rule-history').filter({ hasText: admin.name }).waitFor();

  const second = await reportPublicly(
    'A journalist in Kisumu received threats after her report on land grabbing.',
  );
  await openCase(dp, second);
  await step(dp, 'acknowledge');
  await assessScores(dp, { severity: 2, immediacy: 2, feasibility: 2 });
  assert.match((await text(dp, 'assess-derived')) ?? '', /P2/, 'the form shows the new rule (was P3)');
  await dp.getByTestId('step-submit').click();
  await dp.getByTestId('step-done').waitFor();
  assert.equal(await priorityBadge(dp), 'P2');

  // 7. The administrator disables the legal officer: her session ends at once.
  await nav(ap, 'admin');
  await ap.getByTestId(`manage-${legal.email}`).click();
  await ap.getByTestId('user-disable').click();
  await confirmIfAsked(ap, admin, ap.getByTestId('user-enable'));
  const me = await lp.request.get(new URL('/api/auth/me', ctx.server.baseUrl).href);
  assert.equal(me.status(), 401, 'the next request of a disabled user is refused');
  await lp.reload();
  await lp.getByTestId('login-form').waitFor();

  // 8. Kiswahili: the same screens in the administrator's and the duty officer's language.
  await switchLanguage(ap, 'sw');
  assert.equal(await htmlLang(ap), 'sw');
  await nav(ap, 'admin');
  await ap.getByTestId('invite-create-form').waitFor();
  assert.match((await ap.locator('h1').first().textContent()) ?? '', /Usimamizi/);
  await nav(ap, 'oncall');
  await ap.getByTestId('rotation-new').locator('summary').click();
  const fresh = ap.getByTestId('rotation-new').getByTestId('rotation-editor');
  await fresh.locator('input').first().fill('usiku');
  await fresh.getByTestId('rotation-save').click();
  const banner = ap.getByTestId('oncall-empty-warning');
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? '', /Hakuna aliye zamu katika: usiku/);
  await ap.screenshot({ path: `${SHOTS}/org-oncall-empty-sw.png`, fullPage: true });
  await nav(ap, 'alerts');
  await ap.getByTestId('coverage-banner').waitFor();
  await nav(ap, 'rules');
  await ap.getByTestId('rule-kind').selectOption('priority');
  await ap.getByTestId('rule-p2').fill('9');
  await ap.getByTestId('rule-reason').fill('jaribio');
  await ap.getByTestId('rule-save').click();
  await ap.getByTestId('rule-errors').locator('[role=alert]').first().waitFor();
  assert.doesNotMatch((await text(ap, 'rule-errors')) ?? '', /must|Number/, 'the error is in Kiswahili');

  await switchLanguage(dp, 'sw');
  await openCase(dp, reference);
  // In Kiswahili; the disabled legal officer is no longer on the team.
  assert.match((await text(dp, 'team-panel')) ?? '', /Timu ya kesi/);
  assert.doesNotMatch((await text(dp, 'team-panel')) ?? '', new RegExp(legal.name));
  await dp.screenshot({ path: `${SHOTS}/org-case-sw.png`, fullPage: true });

  for (const s of Object.values(sessions)) await s.context.close();
  await a.context.close();
});
