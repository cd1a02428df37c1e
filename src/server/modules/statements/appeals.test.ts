import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../../test/factories.js';
import { buildTestApp, loginAs, signIn, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import type { AppealView, DraftTexts } from '../../../shared/contracts/appeals.js';

const VICTIM = 'Wanjiku Achieng';
const DAY = 86_400_000;

/**
 * Urgent appeals through the API: a first draft from the case per mechanism (bilingual for national
 * bodies), the same identifying-details check and second person's approval as a statement, then "sent"
 * (how, when, to whom) and tracked for a response: a reminder when due, and the response in the case's
 * institutional response log. Appeals never appear on the public page.
 */
describe('urgent appeals', () => {
  let t: TestApp;
  let comms: SignedIn;
  let approver: SignedIn;
  let caseId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const f = factories(t.app);
    comms = await loginAs(t.app, 'communications');
    approver = await loginAs(t.app, 'approver');
    caseId = (
      await f.buildCase({
        violationTypes: ['arbitrary_detention', 'attack_on_defender'],
        county: 'Nairobi',
        victim: { name: VICTIM, phone: '+254712345678', sex: 'female' },
      })
    ).id;
  }, 60_000);
  afterAll(async () => t.close());

  const call = (by: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: by.headers, ...(payload ? { payload } : {}) });

  it('drafts from templates: English only for a UN mechanism, bilingual for KNCHR, IPOA and ODPP', async () => {
    const un = await call(comms, 'GET', `/api/statements/template?caseId=${caseId}&mechanism=un_defenders`);
    expect(un.statusCode, un.body).toBe(200);
    const unTexts = un.json<DraftTexts>();
    expect(unTexts.bodyEn).toMatch(/Special Rapporteur on the situation of human rights defenders/);
    expect(unTexts.bodyEn).toMatch(/arbitrary arrest or detention/i);
    expect(unTexts.bodyEn).toMatch(/Nairobi County/);
    expect(unTexts.bodySw).toBe('');
    expect(unTexts.bodyEn).not.toContain(VICTIM);
    const ipoa = (
      await call(comms, 'GET', `/api/statements/template?caseId=${caseId}&mechanism=ipoa`)
    ).json<DraftTexts>();
    expect(ipoa.bodySw).toMatch(/Kwa: Mamlaka Huru/);
    expect(ipoa.titleSw).toMatch(/Ombi la dharura/);
    const statement = (
      await call(comms, 'GET', `/api/statements/template?caseId=${caseId}`)
    ).json<DraftTexts>();
    expect(statement.titleSw).toMatch(/Taarifa kuhusu/);

    // A national body needs the Kiswahili text too.
    const noSw = await call(comms, 'POST', '/api/appeals', {
      caseId,
      mechanism: 'knchr',
      titleEn: ipoa.titleEn,
      bodyEn: ipoa.bodyEn,
    });
    expect(noSw.statusCode).toBe(400);
    expect(noSw.json().error.code).toBe('APPEAL_SWAHILI_REQUIRED');
    const ok = await call(comms, 'POST', '/api/appeals', { caseId, mechanism: 'un_defenders', ...unTexts });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      mechanism: 'un_defenders',
      scope: 'international',
      status: 'draft',
      dispatch: null,
    });
  });

  it('is checked and approved like a statement, sent, reminded when due, and its response logged on the case', async () => {
    const base = (
      await call(comms, 'GET', `/api/statements/template?caseId=${caseId}&mechanism=ipoa`)
    ).json<DraftTexts>();
    const created = await call(comms, 'POST', '/api/appeals', {
      caseId,
      mechanism: 'ipoa',
      ...base,
      bodyEn: `${base.bodyEn}\nThe defender ${VICTIM} was taken to Central police station.`,
    });
    const a = created.json<AppealView>();
    // The check finds the name; approval waits for it to be removed or accepted.
    const checked = (await call(comms, 'POST', `/api/statements/${a.id}/check`)).json();
    expect(checked.hits.map((h: { kind: string }) => h.kind)).toContain('person_name');
    expect((await call(approver, 'POST', `/api/statements/${a.id}/approve`)).json().error.code).toBe(
      'STATEMENT_OPEN_HITS',
    );
    const edited = await call(comms, 'PUT', `/api/appeals/${a.id}`, { ...base, version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await call(comms, 'POST', `/api/statements/${a.id}/check`)).json().hits).toEqual([]);
    expect((await call(comms, 'POST', `/api/statements/${a.id}/approve`)).json().error.code).toBe(
      'SEGREGATION_OF_DUTIES',
    );
    expect((await call(approver, 'POST', `/api/statements/${a.id}/approve`)).statusCode).toBe(200);
    // An appeal is never published.
    expect((await call(comms, 'POST', `/api/statements/${a.id}/publish`)).json().error.code).toBe(
      'STATEMENT_WRONG_STATE',
    );
    const noResponseYet = await call(comms, 'POST', `/api/appeals/${a.id}/response`, { response: 'ignored' });
    expect(noResponseYet.json().error.code).toBe('APPEAL_NOT_SENT');

    const now = t.clock.now().getTime();
    const sent = await call(comms, 'POST', `/api/appeals/${a.id}/send`, {
      via: 'email',
      to: 'complaints@ipoa.go.ke',
      responseDueAt: new Date(now + 14 * DAY).toISOString(),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      status: 'sent',
      dispatch: { sentVia: 'email', sentTo: 'complaints@ipoa.go.ke', overdue: false, response: null },
    });
    const appeals = t.app.ctx.services.statements.appeals;
    expect(await appeals.remindDue()).toBe(0);
    t.clock.advance(15 * DAY);
    comms = await signIn(t.app, comms);
    expect(await appeals.remindDue()).toBe(1);
    expect(await appeals.remindDue()).toBe(0);
    const alerts = await t.database.query<{ reason: string }>(
      'select reason from alerts where case_id = $1',
      [caseId],
    );
    expect(alerts.rows.map((r) => r.reason)).toContain('appeal_response_due');
    const listed = (await call(comms, 'GET', '/api/appeals')).json().appeals;
    expect(listed.find((x: { id: string }) => x.id === a.id).dispatch).toMatchObject({ overdue: true });

    const answered = await call(comms, 'POST', `/api/appeals/${a.id}/response`, { response: 'ignored' });
    expect(answered.statusCode, answered.body).toBe(200);
    const d = answered.json<AppealView>().dispatch!;
    expect(d).toMatchObject({ response: 'ignored', overdue: false });
    const logged = await t.database.query<{ agency: string; request: string; response: string }>(
      'select agency, request, response from institutional_responses where id = $1',
      [d.institutionalResponseId],
    );
    expect(logged.rows).toEqual([{ agency: 'ipoa', request: 'urgent_appeal', response: 'ignored' }]);
    expect(
      (await call(comms, 'POST', `/api/appeals/${a.id}/response`, { response: 'complied' })).statusCode,
    ).toBe(409);

    // Never on the public page or in the feed.
    const page = await t.app.inject({ url: '/statements' });
    expect(page.body).not.toContain(a.slug);
    expect((await t.app.inject({ url: `/statements/${a.slug}` })).statusCode).toBe(404);
    const audits = await t.database.query<{ action: string }>(
      "select action from audit_log where subject_id = $1 and action like 'appeal.%' order by seq",
      [a.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['appeal.send', 'appeal.response']);
  });
});
