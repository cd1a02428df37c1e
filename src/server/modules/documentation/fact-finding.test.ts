import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { evidenceHelpers, protestCase } from '../evidence/evidence.test-kit.js';
import { docHelpers } from './documentation.test-kit.js';

const findings = 'Officers used live rounds at the Kamukunji market; three witnesses agree on the time.';

describe('fact-finding missions and their report', () => {
  let t: TestApp;
  let duty: SignedIn;
  let research: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    research = await loginAs(t.app, 'research');
    outsider = await loginAs(t.app, 'research');
  }, 180_000);
  afterAll(() => t.close());

  const { api, pdfText } = docHelpers(() => t);
  const { newCase } = evidenceHelpers(() => t.app);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, s: SignedIn, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  async function mission(s: SignedIn, team: string[] = []): Promise<string> {
    const res = await call('POST', '/api/fact-finding', s, {
      title: 'Kamukunji protest verification',
      purpose: 'Verify reports of live fire at the market',
      county: 'Nairobi',
      ward: 'Kamukunji',
      startsOn: '2026-03-02',
      endsOn: '2026-03-04',
      team,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }

  it('links a case and a testimony, seals the findings and prints a report with no names and no testimony text', async () => {
    const caseId = await newCase(duty);
    const statement = 'I saw the officer with the red cap fire into the crowd.';
    const testimony = await api('POST', `/api/cases/${caseId}/testimonies`, duty, {
      text: statement,
      language: 'sw',
      consent: 'court',
    });
    expect(testimony.statusCode, testimony.body).toBe(201);
    const testimonyId = (testimony.json() as { id: string }).id;

    const id = await mission(research);
    for (const link of [
      { kind: 'case', id: caseId },
      { kind: 'testimony', id: testimonyId },
    ]) {
      const res = await call('POST', `/api/fact-finding/${id}/links`, research, link);
      expect(res.statusCode, res.body).toBe(204);
    }
    const patched = await call('PATCH', `/api/fact-finding/${id}`, research, {
      findings,
      status: 'reporting',
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // Findings are sealed under the mission's key.
    const row = await t.database.query<{ findings_enc: string }>(
      'select findings_enc from fact_finding_missions where id = $1',
      [id],
    );
    expect(row.rows[0]!.findings_enc).toBeTruthy();
    expect(row.rows[0]!.findings_enc).not.toContain('Kamukunji');

    const view = (await call('GET', `/api/fact-finding/${id}`, research)).json() as {
      findings: string;
      links: { kind: string }[];
      status: string;
    };
    expect(view).toMatchObject({ findings, status: 'reporting' });
    expect(view.links.map((l) => l.kind)).toEqual(['case', 'testimony']);

    const report = await call('GET', `/api/fact-finding/${id}/report.pdf`, research);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(report.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Kamukunji protest verification');
    expect(text).toContain(findings);
    expect(text).toContain('Team of 1');
    expect(text).toContain('Cases visited (1)');
    expect(text).toContain('Testimonies gathered (1)');
    expect(text).toContain('consent court');
    expect(text).toContain('language sw');
    const { rows } = await t.database.query<{ reference: string }>(
      'select reference from cases where id = $1',
      [caseId],
    );
    expect(text).toContain(rows[0]!.reference);
    expect(text).not.toContain(protestCase.victim.name);
    expect(text).not.toContain('red cap');

    // The same report in Kiswahili, the requester's choice: every label from the bilingual catalogue.
    const sw = await call('GET', `/api/fact-finding/${id}/report.pdf?lang=sw`, research);
    expect(sw.statusCode, sw.body).toBe(200);
    const swText = (await pdfText(sw.rawPayload)).replace(/\s+/g, ' ');
    for (const s of [
      'Ripoti ya uchunguzi wa ukweli — Kamukunji protest verification',
      'Hali: inaandika ripoti',
      'Madhumuni',
      'Timu ya watu 1',
      'Kesi zilizotembelewa (1)',
      'Shuhuda zilizokusanywa (1)',
      'maandishi, lugha sw, ridhaa mahakama',
      findings,
      rows[0]!.reference,
    ])
      expect(swText).toContain(s);
    for (const s of ['Cases visited', 'Testimonies gathered', 'Purpose', 'red cap'])
      expect(swText).not.toContain(s);
  }, 120_000);

  it('a mission member off a sensitive case cannot link it, and a mission is invisible off its team', async () => {
    const sensitive = await newCase(duty, {
      ...protestCase,
      violationTypes: ['femicide'],
      narrative: 'Threats against a woman by her partner.',
    });
    const id = await mission(outsider);
    const res = await call('POST', `/api/fact-finding/${id}/links`, outsider, {
      kind: 'case',
      id: sensitive,
    });
    expect(res.statusCode).toBe(404);
    const links = await t.database.query('select 1 from fact_finding_links where mission_id = $1', [id]);
    expect(links.rows).toHaveLength(0);

    // Another researcher, not on the team, sees no mission at all.
    expect((await call('GET', `/api/fact-finding/${id}`, research)).statusCode).toBe(404);
    expect((await call('GET', `/api/fact-finding/${id}/report.pdf`, research)).statusCode).toBe(404);
    const list = (await call('GET', '/api/fact-finding', research)).json() as { missions: { id: string }[] };
    expect(list.missions.map((m) => m.id)).not.toContain(id);
    // Communications staff lack the research permission (research:write), and so do duty officers.
    const comms = await loginAs(t.app, 'communications');
    expect((await call('GET', '/api/fact-finding', comms)).statusCode).toBe(403);
    expect((await call('POST', '/api/fact-finding', duty, {})).statusCode).toBe(403);
  }, 120_000);
});
