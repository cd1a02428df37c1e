import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers.js';
import type { DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { periodRange } from './period-report.service.js';

/**
 * The period report on a small known data set: the PDF's text is parsed and every figure in it is checked
 * against GET /api/dashboards/summary for the same period and filters, in English and Kiswahili.
 */
let t: TestApp;
let f: Factories;
const MIN = 60_000;

async function seed(county: string, priority: string, status: string, types: string[], received: string) {
  const c = await f.buildCase({
    county,
    narrative: 'Wanjiku Kamau was beaten at Gikomba market behind the blue kiosk',
    reporter: { anonymous: false, name: 'Achieng Otieno', phone: '0711223344', locale: 'en' },
  });
  const at = new Date(received);
  await t.database.query(
    `update cases set county = $2, priority = $3, status = $4, violation_types = $5::text[], received_at = $6,
       acknowledged_at = $7, decided_at = $8, first_action_at = $9 where id = $1`,
    [c.id, county, priority, status, types, at, new Date(+at + 15 * MIN), new Date(+at + 90 * MIN), null],
  );
  return c;
}

async function pdfText(url: string, role: 'analyst' | 'leadership' = 'analyst'): Promise<string> {
  const s = await f.session(role);
  const res = await t.app.inject({ url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function summary(query: string, role: 'analyst' | 'leadership' = 'analyst') {
  const s = await f.session(role);
  const res = await t.app.inject({ url: `/api/dashboards/summary?${query}`, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardSummary;
}

const references: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T09:00:00Z'));
  f = factories(t.app);
  const a = await seed('Nairobi', 'P1', 'active', ['femicide'], '2026-10-05T09:00:00Z');
  const b = await seed('Nairobi', 'P2', 'closed', ['rape'], '2026-10-09T09:00:00Z');
  const c = await seed('Kisumu', 'P1', 'active', ['forced_eviction'], '2026-10-20T09:00:00Z');
  const d = await seed('Mombasa', 'P3', 'closed', ['femicide'], '2026-11-02T09:00:00Z');
  references.push(a.reference, b.reference, c.reference, d.reference);
  await t.database.query(
    `insert into institutional_responses (case_id, agency, station, request, response, ob_number, at)
     values ($1, 'police', 'Kilimani', 'record_report', 'recorded_with_ob', 'OB 12/05/10/2026', '2026-10-06T08:00:00Z'),
            ($2, 'police', 'Kondele', 'record_report', 'refused', null, '2026-10-21T08:00:00Z')`,
    [a.id, c.id],
  );
  await t.database.query(
    `insert into case_impacts (case_id, scope, code, at) values ($1, 'immediate', 'released', '2026-10-07T08:00:00Z')`,
    [a.id],
  );
  await t.database.query(
    `insert into victim_feedback (case_id, channel, satisfaction, confidentiality_respected, decided_next_steps, at)
     values ($1, 'sms', 4, true, true, '2026-10-10T08:00:00Z')`,
    [b.id],
  );
}, 120_000);
afterAll(() => t?.close());

/** The "label: value" lines the report prints for a summary, in the report's wording. */
function expectedLines(s: DashboardSummary, lang: 'en' | 'sw'): string[] {
  const words =
    lang === 'en'
      ? { total: 'Cases received', of: 'breached of', ob: 'OB numbers', resp: 'responses' }
      : { total: 'Kesi zilizopokelewa', of: 'zimepitwa kati ya', ob: 'namba za OB', resp: 'majibu' };
  return [
    `${words.total}: ${s.totalCases}`,
    ...s.openByPriority.map((o) => `${o.priority}: ${o.count}`),
    ...s.byCounty.map((c) => `${c.county}: ${c.count}`),
    ...s.slaBreaches.map((b) => `${b.kind}: ${b.breached} ${words.of} ${b.total}`),
    ...s.timings.map((r) => `${r.medianMinutes} / ${r.p90Minutes} (n = ${r.count})`),
    ...s.institutional.map((i) => `${i.agency} / ${i.station}:`),
    ...s.institutional.map((i) => `${words.ob} ${i.obNumbers}`),
    `${words.resp} ${s.feedback.responses}`,
  ];
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('period report (PDF)', () => {
  it('prints the same figures as the dashboards API for the month, in English and Kiswahili', async () => {
    const s = await summary('from=2026-10-01&to=2026-10-31');
    expect(s.totalCases).toBe(3);
    for (const lang of ['en', 'sw'] as const) {
      const text = flat(await pdfText(`/api/reports/period.pdf?period=2026-10&lang=${lang}`));
      for (const l of expectedLines(s, lang)) expect(text, `${lang}: ${l}`).toContain(l);
      expect(text).toContain(lang === 'en' ? 'October 2026' : 'Oktoba 2026');
      // The map's attribution, the tracker section (October is published on 20 November) and summaries.
      expect(text).toContain('OpenStreetMap');
      expect(text).toContain(
        lang === 'en' ? 'Femicide or threat of femicide:' : 'Mauaji ya wanawake au tishio lake:',
      );
      expect(text).toContain(lang === 'en' ? 'received in October 2026' : 'ilipokelewa Oktoba 2026');
    }
  });

  it('applies the filters exactly as the API does (county, quarter)', async () => {
    const s = await summary('from=2026-10-01&to=2026-12-31&county=Nairobi');
    expect(s.totalCases).toBe(2);
    const text = flat(await pdfText('/api/reports/period.pdf?period=2026-Q4&county=Nairobi', 'leadership'));
    for (const l of expectedLines(s, 'en')) expect(text, l).toContain(l);
    expect(text).not.toContain('Kisumu: 1');
    expect(periodRange('2026-Q4')).toEqual({
      months: ['2026-10', '2026-11', '2026-12'],
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(periodRange('2024-02').to).toBe('2024-02-29');
  });

  it('names no one: no reference, name, phone, place or station words from the cases', async () => {
    const text = await pdfText('/api/reports/period.pdf?period=2026-Q4');
    for (const secret of [
      ...references,
      'Wanjiku',
      'Kamau',
      'Gikomba',
      'kiosk',
      'Achieng',
      'Otieno',
      '0711223344',
    ])
      expect(text).not.toContain(secret);
    // The case summaries name the county and the month only.
    expect(flat(text)).toContain('in Nairobi, received in October 2026');
  });

  it('is for analysts and leadership only, audited, and refuses a bad period with the field named', async () => {
    const duty = await f.session('duty_officer');
    const refused = await t.app.inject({
      url: '/api/reports/period.pdf?period=2026-10',
      headers: duty.headers,
    });
    expect(refused.statusCode).toBe(403);
    const analyst = await f.session('analyst');
    const bad = await t.app.inject({
      url: '/api/reports/period.pdf?period=2026-13',
      headers: analyst.headers,
    });
    expect(bad.statusCode).toBe(400);
    const err = (bad.json() as { error: { message: string; fields: { path: string }[] } }).error;
    expect(err.fields.map((x) => x.path)).toEqual(['period']);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const audited = await t.database.query<{ meta: { period: string } }>(
      `select meta from audit_log where action = 'report.period_generated'`,
    );
    expect(audited.rows.map((r) => r.meta.period)).toContain('2026-10');
  });
});
