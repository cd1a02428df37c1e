// Dashboards on the real `dharura demo`: the analyst signs in, switches to Kiswahili, opens the
// dashboards, filters by county by clicking the map, then downloads the CSV and the period report (PDF).
// Both files are read in the test: the CSV's total and the PDF's text (parsed) carry the same figures as
// GET /api/dashboards/summary for the same filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { htmlLang, switchLanguage, text, useDemo } from './support.mjs';

const { freshPage, signIn } = useDemo();

/** What the page downloads when `click` runs, as bytes. */
async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  assert.ok(file, `download ${download.suggestedFilename()} saved`);
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

async function apiSummary(page, query) {
  const r = await page.request.get(new URL(`/api/dashboards/summary?${query}`, page.url()).href);
  assert.equal(r.status(), 200);
  return r.json();
}

test('the analyst filters the dashboards by county on the map and downloads the CSV and the PDF, in Kiswahili', async () => {
  const { page, close } = await freshPage();
  await signIn(page, 'analyst');
  await switchLanguage(page, 'sw');
  assert.equal(await htmlLang(page), 'sw');
  await page.goto(new URL('/dashboards', page.url()).href);
  await page.getByTestId('dashboards-page').waitFor();
  await page.getByTestId('dash-total').waitFor();
  assert.match(await text(page, 'dash-total'), /Kesi/);

  // The busiest county on the map (every county with cases is shaded; its label carries the count).
  const shaded = page.locator('svg path[data-county]:not([fill="#eee"])');
  assert.ok((await shaded.count()) > 0, 'the demo has cases on the map');
  let county = '';
  let best = -1;
  for (let i = 0; i < (await shaded.count()); i++) {
    const n = Number(/(\d+)\s*$/.exec((await shaded.nth(i).getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    if (n > best) [best, county] = [n, (await shaded.nth(i).getAttribute('data-county')) ?? ''];
  }
  await page.locator(`svg path[data-county="${county}"]`).click();
  await page.waitForURL((u) => new URL(u).searchParams.get('county') !== null);
  const countyParam = new URL(page.url()).searchParams.get('county');
  const filtered = await apiSummary(page, `county=${encodeURIComponent(countyParam)}`);
  assert.equal(filtered.totalCases, best, 'the map showed the county’s count');
  await page
    .getByTestId('dash-total')
    .filter({ hasText: String(filtered.totalCases) })
    .waitFor();
  assert.deepEqual(
    filtered.byCounty.map((c) => c.county),
    [countyParam],
    'only that county once filtered',
  );

  // The CSV: the same figures as the API for the same filter.
  const csv = await downloaded(page, () => page.getByRole('button', { name: 'Pakua CSV' }).click());
  const lines = csv.bytes.toString('utf8').trim().split('\r\n');
  assert.ok(lines.includes(`cases,,total,${filtered.totalCases}`), 'the CSV total equals the API’s');
  for (const c of filtered.byCounty) assert.ok(lines.includes(`counties,${c.county},count,${c.count}`));

  // The period report for this month, for the county, in Kiswahili.
  const month = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 7);
  const report = page.getByTestId('period-report');
  await report.locator('input[type=month]').fill(month);
  const pdf = await downloaded(page, () => report.getByRole('button', { name: /Pakua ripoti/ }).click());
  assert.equal(pdf.name, `dharura-report-${month}-sw.pdf`);
  const parser = new PDFParse({ data: new Uint8Array(pdf.bytes) });
  const pdfText = (await parser.getText()).text.replace(/\s+/g, ' ');
  await parser.destroy();
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const monthly = await apiSummary(
    page,
    `from=${month}-01&to=${month}-${last}&county=${encodeURIComponent(countyParam)}`,
  );
  assert.ok(pdfText.includes(`Kesi zilizopokelewa: ${monthly.totalCases}`), 'the PDF total equals the API’s');
  for (const c of monthly.byCounty) assert.ok(pdfText.includes(`${c.county}: ${c.count}`));
  for (const o of monthly.openByPriority) assert.ok(pdfText.includes(`${o.priority}: ${o.count}`));
  for (const b of monthly.slaBreaches)
    assert.ok(pdfText.includes(`${b.kind}: ${b.breached} zimepitwa kati ya ${b.total}`));
  assert.ok(pdfText.includes('OpenStreetMap'), 'the map’s attribution is printed');
  await close();
});

test('communications drafts a statement from a case page: the link opens the form on that case, prefilled, saved and checked', async () => {
  const { page, close } = await freshPage();
  await signIn(page, 'communications');
  const list = await page.request.get(new URL('/api/cases?limit=20', page.url()).href);
  assert.equal(list.status(), 200);
  const readable = (await list.json()).cases.find((c) => !c.redacted);
  assert.ok(readable, 'the demo has a case communications reads');
  await page.goto(new URL(`/cases/${readable.id}`, page.url()).href);
  await page.getByTestId('case-page').waitFor();
  await page.getByTestId('draft-statement-link').click();
  const form = page.getByTestId('draft-form');
  await form.waitFor();
  assert.equal(await page.getByTestId('draft-source').inputValue(), readable.id);
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'New draft',
    'the form has focus',
  );
  await page.getByTestId('draft-prefill').click();
  await page.waitForFunction(
    () => (document.querySelector('[data-testid=draft-bodyEn]')?.value ?? '').length > 20,
  );
  assert.ok((await page.getByTestId('draft-titleSw').inputValue()).length > 0, 'Kiswahili prefilled too');
  await page.getByTestId('draft-save').click();
  await page.getByTestId('statement-panel').waitFor();
  await page.screenshot({
    path: `${process.env.E2E_SCREENSHOTS ?? '/tmp'}/statement-draft-en.png`,
    fullPage: true,
  });
  await close();
});
