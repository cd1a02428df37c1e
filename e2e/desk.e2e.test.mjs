// The console at a desk at night: keyboard shortcuts on the queue and alerts, the case page's print
// view, and accessibility (axe-core in the page: no serious or critical violation) on sign-in, queue and
// case pages in light and dark mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, useDemo } from './support.mjs';

const { ctx, freshPage, signIn } = useDemo();
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, one line each. */
async function axeProblems(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

async function inBothThemes(page, where) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(100);
    for (const p of await axeProblems(page)) found.push(`${where}, ${colorScheme}: ${p}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('axe finds no serious violation on sign-in, queue and case pages, light and dark; shortcuts and print work', async () => {
  const { page, close } = await freshPage('/');
  try {
    const problems = [];
    problems.push(...(await inBothThemes(page, 'sign-in')));
    await signIn(page, 'duty_officer');
    await page.goto(new URL('/queue', ctx.demo.baseUrl).href);
    await page.getByTestId('queue-row').first().waitFor();
    problems.push(...(await inBothThemes(page, 'queue')));

    // Keyboard: j/k move between rows, Enter opens the focused one, ? lists the shortcuts.
    const focusedRef = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-shortcut-row]')?.getAttribute('data-reference'),
      );
    const refs = await page
      .getByTestId('queue-row')
      .evaluateAll((rows) => rows.map((r) => r.dataset.reference));
    assert.ok(refs.length >= 2, 'the demo queue has cases');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    assert.equal(await focusedRef(), refs[0]);
    await page.keyboard.press('j');
    assert.equal(await focusedRef(), refs[1]);
    await page.keyboard.press('k');
    assert.equal(await focusedRef(), refs[0]);
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'hidden' });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'queue-q');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-page').waitFor();
    assert.equal(await page.getByTestId('case-reference').textContent(), refs[0]);
    problems.push(...(await inBothThemes(page, 'case')));

    // Print: the paper heading shows, navigation and every button of the case page do not.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('case-print-header').isVisible(), true);
    assert.match((await page.getByTestId('case-print-header').textContent()) ?? '', new RegExp(refs[0]));
    assert.equal(await page.locator('.app-header').isVisible(), false);
    const visibleButtons = await page
      .locator('.case button, .case form')
      .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);
    assert.equal(visibleButtons, 0, 'no buttons or forms on paper');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByTestId('case-print-header').isVisible(), false);

    // Alerts: j moves, a acknowledges the focused alert.
    await page.goto(new URL('/alerts', ctx.demo.baseUrl).href);
    await page.getByTestId('alerts-page').waitFor();
    const open = page.locator('[data-testid=alert-row][data-status=triggered]');
    if ((await open.count()) > 0) {
      const id = await open.first().getAttribute('data-alert-id');
      await open.first().evaluate((el) => {
        el.tabIndex = -1;
        el.focus();
      });
      await page.keyboard.press('a');
      // Acknowledged: it leaves the triggered state (and, with the default filter, perhaps the list).
      await page.waitForFunction(
        (alertId) => !document.querySelector(`[data-alert-id="${alertId}"][data-status=triggered]`),
        id,
      );
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await close();
  }
});
