// Quick exit in a real browser: after a report, pressing the exit leaves for the neutral page and
// Back does not bring the thank-you page (with its reference) back. Nothing from another origin is
// loaded before the exit is pressed. The neutral page is answered locally (no network in tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { useDemo } from './support.mjs';

const FORM_MIN_AGE_MS = 3_500;
const { ctx } = useDemo();

test('quick exit replaces the thank-you page in the history: Back does not show the reference again', async () => {
  const context = await ctx.browser.newContext({ locale: 'en-KE', viewport: { width: 390, height: 844 } });
  const origin = new URL(ctx.demo.baseUrl).origin;
  const elsewhere = [];
  const problems = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, async (route) => {
    elsewhere.push(route.request().url());
    await route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Weather</title><p>Sunny</p>',
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  try {
    await page.goto(new URL('/report', ctx.demo.baseUrl).href);
    const opened = Date.now();
    await page.locator('input[name=danger][value=no]').check();
    await page
      .locator('#f-narrative')
      .fill('Officers took my brother from the market in Kayole this morning.');
    await sleep(Math.max(0, FORM_MIN_AGE_MS - (Date.now() - opened)));
    await page.locator('form[action="/report"] button[type=submit]:not([name])').click();
    await page.locator('.ref').waitFor();
    // The exit's script is deferred: wait until it has run (a click before that is the no-script exit,
    // which leaves but cannot take the page out of the history — the pages say how to clear it).
    await page.waitForLoadState('load');
    assert.match((await page.locator('.ref').textContent()) ?? '', /^UA-\d{4}-\d{5}-[A-Z2-9]{4}$/);
    assert.deepEqual(elsewhere, [], 'nothing from another origin before the exit is pressed');

    await page.locator('a.exit').click();
    await page.waitForURL(/google\.com/);
    assert.equal(await page.title(), 'Weather');
    assert.equal(elsewhere.length, 1);
    assert.ok(!elsewhere[0].startsWith(origin));

    // Back: the form page before it (if anything), never the thank-you page with the reference.
    await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
    await sleep(300);
    const url = page.url();
    const refs = url.startsWith(origin) ? await page.locator('.ref').count() : 0;
    assert.equal(refs, 0, `Back showed the reference again (${url})`);
    if (url.startsWith(origin) && (await page.locator('#f-narrative').count()))
      assert.equal(
        await page.locator('#f-narrative').inputValue(),
        '',
        'the form does not keep what was typed',
      );
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
  } finally {
    await context.close();
  }
});
