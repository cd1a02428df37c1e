// Browser smoke test of the built app: `npm run build && node --test e2e/`.
// Starts the real `dharura demo` (fictional data, its own embedded database) and drives the console
// in headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/console.png';

const roles = [
  'admin',
  'duty_officer',
  'approver',
  'legal',
  'research',
  'communications',
  'finance',
  'responder',
  'partner',
  'analyst',
  'leadership',
];
const account = (role) => ({
  email: `${role.replace('_', '.')}@demo.dharura.test`,
  password: `demo-${role.replace('_', '-')}-2026`,
});

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
let baseUrl = '';
let dataDir = '';
let serverOutput = '';

function startDemo() {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-e2e-'));
  const child = spawn(process.execPath, [path.join(root, 'bin/dharura.js'), 'demo'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start in time:\n${serverOutput}`)), 60_000);
    const onData = (chunk) => {
      serverOutput += chunk.toString();
      const m = /Dharura demo \(fictional data only\) is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(
        serverOutput,
      );
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      serverOutput += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`demo exited early (code ${code}, signal ${signal}):\n${serverOutput}`));
    });
  });
}

async function stopDemo() {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

before(async () => {
  assert.ok(existsSync(path.join(root, 'dist/web/index.html')), 'run `npm run build` first');
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath} (apt-get install chromium)`);
  baseUrl = await startDemo();
  browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await stopDemo();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A fresh browser (no cookies, no storage) with an English browser language. Collects page errors and
 * console errors (a CSP violation shows up there), ignoring the expected 401s of "not signed in" and
 * "wrong password".
 */
async function freshPage(startPath = '/') {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 401/.test(msg.text())) return;
    problems.push(`console: ${msg.text()}`);
  });
  await page.goto(new URL(startPath, baseUrl).href);
  await page.getByTestId('login-form').waitFor();
  return {
    page,
    close: async () => {
      await context.close();
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the page');
    },
  };
}

async function signIn(page, role) {
  const { email, password } = account(role);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const text = async (page, testId) => (await page.getByTestId(testId).textContent())?.trim();

async function switchLanguage(page, lng) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByTestId(`lang-${lng}`).click();
  assert.equal((await saved).status(), 200, 'language saved for the user');
}

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
  assert.equal(await text(page, 'nav-reports'), 'Ripoti');
  assert.equal(await page.getByTestId('nav-admin').count(), 0);
  assert.equal(await text(page, 'sign-out'), 'Toka');
  assert.match((await page.locator('main').textContent()) ?? '', /Inakuja hivi karibuni/);

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

test('every demo role can sign in and sees the console', async () => {
  for (const role of roles) {
    // A deep link: the server answers it with the console, which signs in and stays on that page.
    const { page, close } = await freshPage('/reports');
    await signIn(page, role);
    assert.ok(await text(page, 'user-name'), `${role}: display name shown`);
    assert.ok(await page.getByTestId('nav-queue').isVisible(), `${role}: navigation shown`);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim();
    assert.equal(heading, await text(page, 'nav-reports'), `${role}: on the linked page`);
    assert.equal(
      await page.getByTestId('nav-admin').count(),
      role === 'admin' ? 1 : 0,
      `${role}: Admin link`,
    );
    await close();
  }
});
