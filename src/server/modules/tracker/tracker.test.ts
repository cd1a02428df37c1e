import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import { createCasesRepo } from '../cases/cases.repo.js';
import { TRACKER_MONTHS } from './tracker.service.js';

/**
 * The public tracker end to end: verified cases only, the current month held back, small counts
 * suppressed, downloads that say the same as the page, nothing that names anyone.
 */
let t: TestApp;
const now = new Date('2026-12-06T09:00:00Z');

async function report(input: {
  county: string;
  types: string[];
  at: string;
  verified: boolean;
  victim?: string;
}) {
  const c = await t.app.ctx.services.intake.receive(
    {
      channel: 'staff',
      narrative: `Test report about ${input.victim ?? 'someone'} in ${input.county}`,
      violationTypes: input.types,
      county: input.county,
      incidentAt: new Date(input.at),
      incidentPrecision: 'day',
      victim: input.victim ? { name: input.victim, phone: '+254712345678' } : undefined,
    } as never,
    { userId: null, label: 'system' },
  );
  if (input.verified) {
    const repo = createCasesRepo(t.database.db);
    const row = (await repo.findByReference(c.reference))!;
    await repo.updateGuarded(row.id, { status: row.status, version: row.version }, { status: 'active' });
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(now);
  // Nairobi, femicide: 7 verified in June (published), 2 verified in July (a small count), 3 only
  // received (not verified: not counted), 1 verified this month (held back).
  for (let i = 0; i < 7; i += 1)
    await report({
      county: 'Nairobi',
      types: ['femicide'],
      at: '2026-06-10T10:00:00Z',
      verified: true,
      victim: 'Achieng Otieno',
    });
  for (let i = 0; i < 2; i += 1)
    await report({ county: 'Nairobi', types: ['femicide'], at: '2026-07-03T10:00:00Z', verified: true });
  for (let i = 0; i < 3; i += 1)
    await report({ county: 'Nairobi', types: ['femicide'], at: '2026-08-03T10:00:00Z', verified: false });
  await report({ county: 'Nairobi', types: ['femicide'], at: '2026-12-02T10:00:00Z', verified: true });
  // Kisumu, femicide: 9 in June, 6 in July — the complementary cells the small count needs.
  for (let i = 0; i < 9; i += 1)
    await report({ county: 'Kisumu', types: ['femicide'], at: '2026-06-20T10:00:00Z', verified: true });
  for (let i = 0; i < 6; i += 1)
    await report({ county: 'Kisumu', types: ['femicide'], at: '2026-07-20T10:00:00Z', verified: true });
}, 120_000);
afterAll(() => t?.close());

describe('public tracker', () => {
  it('publishes twelve complete months, verified cases only, the current month held back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/tracker.json' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.months).toHaveLength(TRACKER_MONTHS);
    expect(body.months[0]).toBe('2025-12');
    expect(body.months.at(-1)).toBe('2026-11');
    expect(body.heldBackFrom).toBe('2026-12');
    const femicide = body.tables.find((x: { violationType: string }) => x.violationType === 'femicide');
    const nairobi = body.counties.findIndex((c: { name: string }) => c.name === 'Nairobi');
    const june = body.months.indexOf('2026-06');
    const july = body.months.indexOf('2026-07');
    const august = body.months.indexOf('2026-08');
    expect(femicide.withheld).toBe(false);
    // The 7 in June may be hidden to protect July's small count; never shown as anything but 7 or x.
    expect([7, 'x']).toContain(femicide.cells[nairobi][june]);
    expect(femicide.cells[nairobi][july]).toBe('<5');
    expect(femicide.cells[nairobi][august]).toBe(0); // received, never verified: not counted
    // 7 + 2 + 9 + 6 verified in the window; this month's one is held back.
    expect([24, 'x']).toContain(femicide.total);
  });

  it('never lets a suppressed value be worked out from the published totals', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/tracker.json' })).json();
    for (const table of body.tables) {
      const rows = table.cells as (number | string)[][];
      // Any row or column with exactly one hidden value and a shown total would give it away.
      rows.forEach((row, i) => {
        const hidden = row.filter((v) => typeof v === 'string').length;
        if (typeof table.countyTotals[i] === 'number') expect(hidden === 1).toBe(false);
      });
      table.monthTotals.forEach((total: number | string, j: number) => {
        const hidden = rows.filter((r) => typeof r[j] === 'string').length;
        if (typeof total === 'number') expect(hidden === 1).toBe(false);
      });
    }
  });

  it('serves the same numbers as CSV, a data dictionary, and a page with a county map in both languages', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/tracker.csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('violation_type,county_code,county,month,count,withheld');
    expect(lines).toContain('femicide,47,Nairobi,2026-07,<5,false');
    const page = await t.app.inject({ method: 'GET', url: '/tracker?type=femicide&lang=sw' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-language']).toBe('sw');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('© OpenStreetMap contributors');
    expect(page.body).toContain('Kamusi ya data');
    expect(page.body).not.toContain('<script');
    const dict = await t.app.inject({ method: 'GET', url: '/tracker/dictionary?lang=en' });
    expect(dict.body).toContain('violation_type');
  });

  it('names nobody: no victim name, phone, narrative or reference in anything it publishes', async () => {
    const all = [
      (await t.app.inject({ method: 'GET', url: '/tracker.json' })).body,
      (await t.app.inject({ method: 'GET', url: '/tracker.csv' })).body,
      (await t.app.inject({ method: 'GET', url: '/tracker?type=femicide' })).body,
    ].join('\n');
    expect(all).not.toMatch(/Achieng|Otieno|712345678|Test report|UA-\d{4}/);
  });
});
