// Browser smoke test of the built app: `npm run build && node --test e2e/`.
// Starts the real `dharura demo` (fictional data, its own embedded database) and drives the console
// in headless Chromium. Sign-in is password + a code from an authenticator app, computed here from the
// demo's printed TOTP secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { csrfToken, htmlLang, nextTotp, roles, useDemo, switchLanguage, text } from './support.mjs';

const SCREENSHOT = '/tmp/console.png';

const { ctx, freshPage, signIn } = useDemo();
const account = (role) => ctx.demo.accounts.get(role);

test('admin signs in in English, switches to Kiswahili, and the choice is remembered', async () => {
  const { page, close } = await freshPage();
  await signIn(page, 'admin');
  assert.equal(await text(page, 'user-name'), 'Baraka Otieno (demo)');
  assert.equal(await text(page, 'nav-queue'), 'Queue');
  assert.equal(await text(page, 'nav-admin'), 'Admin');
  assert.equal(await htmlLang(page), 'en');

  await page.getByTestId('nav-admin').click();
  await page.getByTestId('users-table').waitFor();
  assert.equal(await page.locator('[data-testid=users-table] tbody tr').count(), roles.length);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  await switchLanguage(page, 'sw');
  assert.equal(await text(page, 'nav-queue'), 'Foleni');
  assert.equal(await text(page, 'nav-admin'), 'Usimamizi');
  assert.equal(await htmlLang(page), 'sw');

  await page.reload();
  await page.getByTestId('user-name').waitFor();
  assert.equal(await text(page, 'nav-queue'), 'Foleni');
  assert.equal(await htmlLang(page), 'sw');
  await close();

  // Remembered for the user, not just this browser: a brand-new browser signs in in Kiswahili too.
  const second = await freshPage();
  assert.equal(await text(second.page, 'login-submit'), 'Sign in');
  await signIn(second.page, 'admin');
  assert.equal(await text(second.page, 'nav-queue'), 'Foleni');
  await switchLanguage(second.page, 'en'); // leave the demo admin as it was
  assert.equal(await text(second.page, 'nav-queue'), 'Queue');
  await second.close();
});

test('duty officer gets the console in their saved Kiswahili, without Admin, and can sign out', async () => {
  const { page, close } = await freshPage();
  await signIn(page, 'duty_officer');
  assert.equal(await text(page, 'user-name'), 'Amina Wanjiru (demo)');
  assert.equal(await htmlLang(page), 'sw');
  assert.equal(await text(page, 'nav-queue'), 'Foleni');
  assert.equal(await text(page, 'nav-alerts'), 'Arifa');
  assert.equal(await text(page, 'nav-network'), 'Mtandao');
  assert.equal(await page.getByTestId('nav-admin').count(), 0);
  assert.equal(await text(page, 'sign-out'), 'Toka');
  await page.getByTestId('queue-table').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Ripoti mpya', exact: true }).count(), 1);

  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await text(page, 'login-submit'), 'Ingia');
  await page.reload();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await page.getByTestId('user-name').count(), 0, 'still signed out after a reload');
  await close();
});

test('a wrong password shows the localised error and keeps the email', async () => {
  const { page, close } = await freshPage();
  const { email } = account('analyst');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').getByText('The email or password is not correct.').waitFor();
  assert.equal(await page.getByTestId('login-email').inputValue(), email);
  assert.equal(await page.getByTestId('user-name').count(), 0);

  await page.getByTestId('lang-sw').click();
  assert.equal(await htmlLang(page), 'sw');
  assert.equal(await page.getByLabel('Barua pepe').inputValue(), email);
  await page.getByLabel('Nenosiri').fill('bado-si-nenosiri');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').getByText('Barua pepe au nenosiri si sahihi.').waitFor();
  assert.equal(await page.getByTestId('login-email').inputValue(), email);
  await close();
});

test('the code step: numeric one-time-code input, a wrong code, a recovery code toggle, then in', async () => {
  const { page, close } = await freshPage();
  const legal = account('legal');
  await page.getByTestId('login-email').fill(legal.email);
  await page.getByTestId('login-password').fill(legal.password);
  await page.getByTestId('login-submit').click();
  const code = page.getByTestId('mfa-code');
  await code.waitFor();
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await code.getAttribute('inputmode'), 'numeric');
  assert.ok(await code.evaluate((el) => el === document.activeElement), 'the code input has focus');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Enter your verification code');

  // Only digits are kept ("12 34ab56" → "123456"); a code of the wrong time is refused.
  await code.fill('12 34ab56');
  assert.equal(await code.inputValue(), '123456');
  const stale = await generate({ secret: legal.totpSecret, epoch: Math.floor(Date.now() / 1000) - 3600 });
  await code.fill(stale);
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('login-error').getByText('The verification code is not correct.').waitFor();
  assert.equal(await code.inputValue(), '', 'the wrong code is cleared for the next one');

  // Too short: checked here, in the user's language.
  await page.getByTestId('lang-sw').click();
  await code.fill('123');
  await page.getByTestId('mfa-submit').click();
  await page
    .getByTestId('login-error')
    .getByText('Weka msimbo wa tarakimu 6 kutoka kwenye programu yako ya uthibitisho.')
    .waitFor();
  await page.getByTestId('lang-en').click();

  // The recovery-code form, and back.
  await page.getByTestId('mfa-toggle-recovery').click();
  const recovery = page.getByTestId('mfa-recovery-code');
  await recovery.waitFor();
  assert.ok(await recovery.evaluate((el) => el === document.activeElement), 'focus moves to the new input');
  await recovery.fill('aaaaa-bbbbb');
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('login-error').getByText('The verification code is not correct.').waitFor();
  await page.getByTestId('mfa-toggle-recovery').click();

  await code.fill(await nextTotp(legal.totpSecret));
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('user-name').waitFor();
  assert.equal(await text(page, 'user-name'), 'Peter Kamau (demo)');
  await close();
});

test('"use a different account" goes back to the password step with the email kept', async () => {
  const { page, close } = await freshPage();
  const { email, password } = account('finance');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mfa-code').waitFor();
  await page.getByTestId('login-start-over').click();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await page.getByTestId('login-email').inputValue(), email);
  assert.equal(await page.getByTestId('login-password').inputValue(), '');
  assert.ok(
    await page.getByTestId('login-password').evaluate((el) => el === document.activeElement),
    'the password is asked for again',
  );
  await close();
});

test('a new user sets up an authenticator app on first sign-in, saves recovery codes, and can use one', async () => {
  // The admin creates the user through the API; creating users needs a fresh password + code.
  const admin = await freshPage();
  await signIn(admin.page, 'admin');
  const token = await csrfToken(admin.page);
  const api = (p) => new URL(p, ctx.demo.baseUrl).href;
  const headers = { 'x-csrf-token': token, 'content-type': 'application/json' };
  const reauth = await admin.page.request.post(api('/api/auth/reauth'), {
    headers,
    data: { password: account('admin').password, code: await nextTotp(account('admin').totpSecret) },
  });
  assert.equal(reauth.status(), 200, await reauth.text());
  const newUser = {
    email: 'new.officer@demo.dharura.test',
    password: 'a-long-enough-demo-password-2026',
    displayName: 'Neema Otieno (demo)',
  };
  const created = await admin.page.request.post(api('/api/users'), {
    headers,
    data: { ...newUser, roles: ['duty_officer'], locale: 'en' },
  });
  assert.equal(created.status(), 201, await created.text());
  await admin.close();

  const { page, close } = await freshPage();
  await page.getByTestId('login-email').fill(newUser.email);
  await page.getByTestId('login-password').fill(newUser.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('enrol-form').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Set up two-step verification');
  const qr = page.getByRole('img', { name: 'QR code that adds Dharura to an authenticator app' });
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
  const secret = await page.getByTestId('enrol-secret').getAttribute('data-secret');
  assert.match(secret ?? '', /^[A-Z2-7]{16,}$/);
  assert.equal(
    (await text(page, 'enrol-secret'))?.replace(/\s/g, ''),
    secret,
    'the key is shown for typing in',
  );

  await page.getByTestId('enrol-code').fill('000000');
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('login-error').getByText('The verification code is not correct.').waitFor();
  await page.getByTestId('enrol-code').fill(await nextTotp(secret));
  await page.getByTestId('enrol-submit').click();

  await page.getByTestId('recovery-codes').waitFor();
  const codes = (await page.locator('[data-testid=recovery-codes] li').allTextContents()).map((c) =>
    c.trim(),
  );
  assert.equal(codes.length, 10);
  assert.equal(await page.getByTestId('user-name').count(), 0, 'the codes are shown before the console');
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('user-name').waitFor();
  assert.equal(await text(page, 'user-name'), newUser.displayName);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();

  // Lost the phone: one recovery code signs in, once.
  await page.getByTestId('login-email').fill(newUser.email);
  await page.getByTestId('login-password').fill(newUser.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mfa-toggle-recovery').click();
  await page.getByTestId('mfa-recovery-code').fill(codes[0]);
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('user-name').waitFor();
  await close();
});

test('every demo role can sign in and sees the console', async () => {
  for (const role of roles) {
    // A deep link: the server answers it with the console, which signs in and stays on that page.
    const { page, close } = await freshPage('/queue');
    await signIn(page, role);
    assert.ok(await text(page, 'user-name'), `${role}: display name shown`);
    assert.ok(await page.getByTestId('nav-queue').isVisible(), `${role}: navigation shown`);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim();
    assert.equal(heading, await text(page, 'nav-queue'), `${role}: on the linked page`);
    assert.equal(
      await page.getByTestId('nav-admin').count(),
      role === 'admin' ? 1 : 0,
      `${role}: Admin link`,
    );
    await close();
  }
});
