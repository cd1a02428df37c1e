// Shared helpers of the browser tests: start the real `dharura demo`, launch Chromium, open fresh
// pages, and sign in with password + authenticator code (computed with otplib from the demo's
// printed TOTP secrets). Not a test file itself (no `.test.` in its name).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const roles = [
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
  'dpo',
];

/**
 * The demo's sign-ins, parsed from its output: one line per account,
 * `  <role> <email> <password> code <6 digits> secret <base32 secret>` (or the older `TOTP <secret>`).
 */
export function parseDemoAccounts(output) {
  const accounts = new Map();
  const line = /^\s+([a-z_]+)\s+(\S+@\S+)\s+(\S+)\s+(?:TOTP|code\s+\d{6}\s+secret)\s+([A-Z2-7]+=*)\s*$/gm;
  for (const m of output.matchAll(line)) {
    accounts.set(m[1], { email: m[2], password: m[3], totpSecret: m[4] });
  }
  return accounts;
}

/** Start `dharura demo` on a free port with its own data directory. */
export async function startDemo() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dharura-e2e-'));
  const child = spawn(process.execPath, [path.join(root, 'bin/dharura.js'), 'demo'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    // A loaded machine may need longer: E2E_DEMO_START_MS overrides the 3 minutes.
    const limit = Number(process.env.E2E_DEMO_START_MS ?? 180_000);
    const timer = setTimeout(() => reject(new Error(`demo did not start in time:\n${output}`)), limit);
    let url = null;
    const check = () => {
      url ??= /Dharura demo \(fictional data only\) is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(
        output,
      )?.[1];
      // The sign-ins are printed after the address; wait for the whole list.
      if (url && /Press Ctrl\+C to stop/.test(output)) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`demo exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  const accounts = parseDemoAccounts(output);
  assert.equal(accounts.size, roles.length, `every demo account printed with its TOTP secret:\n${output}`);

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { baseUrl, accounts, stop, output: () => output };
}

export async function launchBrowser() {
  assert.ok(existsSync(path.join(root, 'dist/web/index.html')), 'run `npm run build` first');
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({
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
}

const PERIOD = 30;
/** The last time step used per secret: the server refuses a code whose step was already used. */
const usedSteps = new Map();

/**
 * A fresh, unused authenticator code for `secret`. The server accepts one step of drift either way, so
 * the next step's code is used when this one's is taken; past that it waits for the clock.
 */
export async function nextTotp(secret) {
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const current = Math.floor(now / PERIOD);
    const step = Math.max(current, (usedSteps.get(secret) ?? -Infinity) + 1);
    if (step <= current + 1 && !(step === current + 1 && now % PERIOD < 3)) {
      usedSteps.set(secret, step);
      return generate({ secret, epoch: step * PERIOD });
    }
    await sleep(((current + 1) * PERIOD - now) * 1000 + 200);
  }
}

/**
 * A fresh browser context (no cookies, no storage). Collects page errors and console errors (a CSP
 * violation shows up there), ignoring the expected 401s of "not signed in", "wrong password" and
 * "wrong code", and any `allowedStatuses` the test expects (e.g. 404 for a missing case).
 */
export async function freshPage(browser, baseUrl, startPath = '/', options = {}) {
  const { locale = 'en-GB', viewport = { width: 1280, height: 800 }, allowedStatuses = [] } = options;
  const context = await browser.newContext({ locale, viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  const expected = new Set([401, ...allowedStatuses]);
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const status = /the server responded with a status of (\d+)/.exec(msg.text())?.[1];
    if (status && expected.has(Number(status))) return;
    problems.push(`console: ${msg.text()}`);
  });
  await page.goto(new URL(startPath, baseUrl).href);
  await page.getByTestId('login-form').waitFor();
  return {
    page,
    context,
    close: async () => {
      await context.close();
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the page');
    },
  };
}

/** Password, then the authenticator code. */
export async function signIn(page, account) {
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mfa-code').waitFor();
  await page.getByTestId('mfa-code').fill(await nextTotp(account.totpSecret));
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('user-name').waitFor();
}

/**
 * A reader moves down a case page: on a phone its sections below the summary are built once the reader
 * scrolls (or comes near them), not while the page opens.
 */
export async function scrollDownCase(page) {
  await page.getByTestId('case-page').waitFor();
  await page.mouse.wheel(0, 400);
}

export const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
export const text = async (page, testId) => (await page.getByTestId(testId).first().textContent())?.trim();

export async function switchLanguage(page, lng) {
  if ((await htmlLang(page)) === lng) return;
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByTestId(`lang-${lng}`).click();
  assert.equal((await saved).status(), 200, 'language saved for the user');
  // The page changes language once its strings in that language have arrived (one chunk each).
  await page.waitForFunction((want) => document.documentElement.lang === want, lng);
}

/** A signed-in page's CSRF token, for calling the API directly from the test. */
export async function csrfToken(page) {
  const r = await page.request.get(new URL('/api/auth/me', page.url()).href);
  assert.equal(r.status(), 200);
  return (await r.json()).csrfToken;
}

/**
 * One demo server and one Chromium for a whole test file: registers the file's `before`/`after` and
 * returns them (`ctx.demo`, `ctx.browser`, set once `before` has run) with page and sign-in helpers.
 */
export function useDemo() {
  /** @type {{ demo: Awaited<ReturnType<typeof startDemo>>, browser: import('playwright-core').Browser }} */
  const ctx = /** @type {any} */ ({});
  before(async () => {
    ctx.demo = await startDemo();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.demo?.stop();
  });
  return {
    ctx,
    freshPage: (startPath = '/', options = {}) =>
      freshPage(ctx.browser, ctx.demo.baseUrl, startPath, options),
    signIn: (page, role) => signIn(page, ctx.demo.accounts.get(role)),
  };
}
