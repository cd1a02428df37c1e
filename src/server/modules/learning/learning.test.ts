import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, signIn, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { HOUR, kware, responseHelpers } from '../response/response.test-kit.js';
import { PDFParse } from 'pdf-parse';
import { learningReportCopy } from './learning-report.copy.js';
import { quarterOf } from './learning-report.js';

const DAY = 24 * HOUR;
const review = {
  whatWorked: 'The escort reached the house within the hour',
  challenges: 'The police post would not record the report',
  lessons: 'Call the OCS directly when the desk refuses',
};
const close = (extra: object = {}) => ({
  reason: 'victim safe',
  closure: { reason: 'resolved', outcome: 'relocated', ...extra },
});
/** A low-priority assessment: P4, not a P1. */
const p4 = {
  severity: 1,
  immediacy: 1,
  feasibility: 2,
  justifications: { severity: 'no injury', immediacy: 'not ongoing', feasibility: 'follow-up by phone' },
};

describe('learning: the review gate on closure, lessons register, quarterly report', () => {
  let t: TestApp;
  let duty: SignedIn;
  let approver: SignedIn;
  let legal: SignedIn;
  let analyst: SignedIn;
  let comms: SignedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    duty = await loginAs(t.app, 'duty_officer');
    approver = await loginAs(t.app, 'approver');
    legal = await loginAs(t.app, 'legal');
    analyst = await loginAs(t.app, 'analyst');
    comms = await loginAs(t.app, 'communications');
  });
  afterAll(() => t.close());
  /** Sessions expire when the clock jumps days ahead: sign everyone in again. */
  async function advance(ms: number) {
    t.clock.advance(ms);
    duty = await signIn(t.app, duty);
    approver = await signIn(t.app, approver);
    legal = await signIn(t.app, legal);
    analyst = await signIn(t.app, analyst);
    comms = await signIn(t.app, comms);
  }

  const { api, step, activeCase, timeline } = responseHelpers(() => ({ t, duty, approver, legal }));
  const closeRes = (id: string, body: object, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/transitions/close`,
      headers: { ...duty.headers, 'accept-language': lang },
      payload: body,
    });
  const inFollowUp = async (body: Record<string, unknown> = kware, assessment?: object) => {
    const c = await activeCase(body, assessment);
    await step(c.id, 'start_follow_up', duty);
    return c;
  };
  const statusOf = async (id: string) =>
    ((await api('GET', `/api/cases/${id}`, duty)).json() as { status: string }).status;
  const inDays = (n: number) => new Date(t.clock.now().getTime() + n * DAY).toISOString();

  it('refuses to close a P1 without its review, in English and Kiswahili, and changes nothing', async () => {
    const c = await inFollowUp();
    const en = await closeRes(c.id, close());
    expect(en.statusCode).toBe(409);
    expect(en.json().error.code).toBe('REVIEW_REQUIRED_TO_CLOSE');
    expect(en.json().error.message).toMatch(/after-action review/);
    // In the caller's saved language.
    await t.database.query("update users set locale = 'sw' where id = $1", [duty.userId]);
    const sw = await closeRes(c.id, close(), 'sw');
    await t.database.query("update users set locale = 'en' where id = $1", [duty.userId]);
    expect(sw.json().error.message).toMatch(/tathmini/);
    expect(await statusOf(c.id)).toBe('follow_up');
    // A due time in the past or beyond 30 days is refused too.
    for (const due of [inDays(-1), inDays(31)]) {
      const bad = await closeRes(c.id, close({ reviewDueAt: due }));
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().error.code).toBe('REVIEW_DUE_INVALID');
    }
    expect(await statusOf(c.id)).toBe('follow_up');
  });

  it('closes a P1 whose review is recorded', async () => {
    const c = await inFollowUp();
    expect((await api('POST', `/api/cases/${c.id}/after-action-review`, duty, review)).statusCode).toBe(201);
    const ok = await closeRes(c.id, close());
    expect(ok.statusCode, ok.body).toBe(200);
    const ev = (await timeline(c.id)).find((e) => e.type === 'transition.close')!;
    expect(ev.data).toMatchObject({ review: 'recorded' });
  });

  it('closes a P1 with the review scheduled, reminds once when due, and forgets it once recorded', async () => {
    const c = await inFollowUp();
    const ok = await closeRes(c.id, close({ reviewDueAt: inDays(7) }));
    expect(ok.statusCode, ok.body).toBe(200);
    const ev = (await timeline(c.id)).find((e) => e.type === 'transition.close')!;
    expect(ev.data).toMatchObject({ review: 'scheduled' });
    const listed = await api('GET', '/api/reviews/scheduled', analyst);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().reviews).toContainEqual(
      expect.objectContaining({ caseId: c.id, overdue: false, remindedAt: null }),
    );

    const learning = t.app.ctx.services.learning;
    expect(await learning.remindDueReviews()).toBe(0); // not due yet
    await advance(7 * DAY + HOUR);
    expect(await learning.remindDueReviews()).toBeGreaterThanOrEqual(1);
    expect(await learning.remindDueReviews()).toBe(0); // once
    const alerts = (
      await t.database.query<{ reason: string }>('select reason from alerts where case_id = $1', [c.id])
    ).rows;
    expect(alerts.map((a) => a.reason)).toContain('review_due');
    const overdue = (await api('GET', '/api/reviews/scheduled', duty)).json().reviews;
    expect(overdue).toContainEqual(expect.objectContaining({ caseId: c.id, overdue: true }));

    // The review recorded on the closed case: nothing is owed any more.
    expect((await api('POST', `/api/cases/${c.id}/after-action-review`, duty, review)).statusCode).toBe(201);
    const after = (await api('GET', '/api/reviews/scheduled', duty)).json().reviews;
    expect(after.map((r: { caseId: string }) => r.caseId)).not.toContain(c.id);
  });

  it('closes a P4 that met its clocks without a review, and requires one once a clock was missed', async () => {
    const calm = { ...kware, inDangerNow: false, violationTypes: ['physical_assault'] };
    const quick = await inFollowUp(calm, p4);
    expect((await closeRes(quick.id, close())).statusCode).toBe(200);

    const late = await api('POST', '/api/cases', duty, calm);
    const id = (late.json() as { id: string }).id;
    await advance(6 * HOUR); // the acknowledge clock runs out
    await t.app.ctx.services.clocks.sweepDue();
    const breached = await t.database.query('select 1 from case_clocks where case_id = $1 and breached', [
      id,
    ]);
    expect(breached.rows.length).toBeGreaterThan(0);
    await step(id, 'acknowledge', duty);
    await step(id, 'assess', duty, { assessment: p4 });
    await step(id, 'request_decision', duty);
    await step(id, 'approve', approver);
    await api('POST', `/api/cases/${id}/members`, duty, { userId: legal.userId });
    await step(id, 'start_follow_up', duty);
    expect((await closeRes(id, close())).json().error.code).toBe('REVIEW_REQUIRED_TO_CLOSE');
    expect((await closeRes(id, close({ reviewDueAt: inDays(3) }))).statusCode).toBe(200);
  });

  it('keeps a lessons register: from a review, linked to a rule change, filtered, overdue, closed', async () => {
    const c = await inFollowUp();
    expect((await api('POST', `/api/cases/${c.id}/after-action-review`, duty, review)).statusCode).toBe(201);
    const admin = await loginAs(t.app, 'admin');
    const rules = t.app.ctx.services.rules;
    const current = (await rules.history('sla')).current;
    await rules.change(
      'sla',
      { body: current.body, reason: 'lesson from a missed deadline', baseVersion: current.version },
      { id: admin.userId, roles: ['admin'] },
    );
    const seq = (
      await t.database.query<{ seq: string }>(
        "select seq from audit_log where action = 'rules.changed' order by seq desc limit 1",
      )
    ).rows[0]!.seq;
    const closeSeq = (
      await t.database.query<{ seq: string }>(
        "select seq from audit_log where action = 'case.close' order by seq desc limit 1",
      )
    ).rows[0]?.seq;

    const base = {
      caseId: c.id,
      lesson: 'Call the OCS directly when the desk refuses to record a report',
      ownerId: approver.userId,
      dueAt: inDays(14),
    };
    const made = await api('POST', '/api/lessons', duty, {
      ...base,
      changeKind: 'rule_set',
      changeRef: 'sla v' + (current.version + 1),
      changeAuditSeq: Number(seq),
    });
    expect(made.statusCode, made.body).toBe(201);
    const lesson = made.json();
    expect(lesson).toMatchObject({
      status: 'open',
      changeAuditSeq: Number(seq),
      changeAction: 'rules.changed',
    });
    expect(lesson.reviewId).toBeTruthy();

    // A link to an audit entry that is not a change of a rule, setting or policy is refused.
    if (closeSeq) {
      const wrong = await api('POST', '/api/lessons', duty, { ...base, changeAuditSeq: Number(closeSeq) });
      expect(wrong.json().error.code).toBe('LESSON_CHANGE_NOT_FOUND');
    }
    // Lesson text is in clear: a phone number in it is refused.
    const phone = await api('POST', '/api/lessons', duty, {
      ...base,
      lesson: 'Call her back on 0712 345 678 soon',
    });
    expect(phone.statusCode).toBe(400);
    const other = await api('POST', '/api/lessons', duty, {
      ...base,
      caseId: undefined,
      ownerId: duty.userId,
    });
    expect(other.statusCode, other.body).toBe(201);

    const byOwner = (await api('GET', `/api/lessons?ownerId=${approver.userId}`, analyst)).json().lessons;
    expect(byOwner.map((l: { id: string }) => l.id)).toContain(lesson.id);
    expect(byOwner.every((l: { ownerId: string }) => l.ownerId === approver.userId)).toBe(true);
    expect((await api('GET', '/api/lessons?overdue=true', analyst)).json().lessons).toHaveLength(0);
    await advance(15 * DAY);
    const overdue = (await api('GET', '/api/lessons?overdue=true', analyst)).json().lessons;
    expect(overdue.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining([lesson.id, other.json().id]),
    );

    const done = await api('PATCH', `/api/lessons/${lesson.id}`, approver, { version: 1, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, version: 2 });
    expect(done.json().closedAt).toBeTruthy();
    const stale = await api('PATCH', `/api/lessons/${lesson.id}`, approver, { version: 1, status: 'open' });
    expect(stale.statusCode).toBe(409);
    const doneList = (await api('GET', '/api/lessons?status=done', analyst)).json().lessons;
    expect(doneList.map((l: { id: string }) => l.id)).toEqual([lesson.id]);
    const audits = await t.database.query<{ action: string; meta: Record<string, unknown> }>(
      "select action, meta from audit_log where subject_type = 'lesson' and subject_id = $1 order by seq",
      [lesson.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['lesson.create', 'lesson.update']);
    expect(JSON.stringify(audits.rows)).not.toContain('OCS'); // no lesson text in the audit

    // Who may: the analyst reads but does not manage; communications does neither.
    expect((await api('POST', '/api/lessons', analyst, base)).statusCode).toBe(403);
    expect((await api('GET', '/api/lessons', comms)).statusCode).toBe(403);

    // The quarterly report counts what happened in the quarter.
    const quarter = quarterOf(t.clock.now());
    const report = await api('GET', `/api/learning/reports/${quarter}`, analyst);
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.lessons.created).toBeGreaterThanOrEqual(1);
    expect(r.lessons.byStatus.done).toBeGreaterThanOrEqual(1);
    expect(r.reviews.required).toBeGreaterThanOrEqual(r.reviews.recorded);
    expect(r.changes.map((x: { lessonId: string }) => x.lessonId)).toContain(lesson.id);
    expect((await api('GET', '/api/learning/reports/2026-Q5', analyst)).statusCode).toBe(400);

    // The same report as a PDF, in English and Kiswahili: its text carries the figures and the lesson.
    for (const lang of ['en', 'sw'] as const) {
      const res = await api('GET', `/api/learning/report.pdf?quarter=${quarter}&lang=${lang}`, analyst);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`dharura-learning-${quarter}-${lang}.pdf`);
      const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      const c = learningReportCopy;
      expect(text).toContain(`${c.title[lang]} — ${quarter}`);
      expect(text).toContain(`${c.required[lang]}: ${r.reviews.required}`);
      expect(text).toContain(`${c.recorded[lang]}: ${r.reviews.recorded}`);
      expect(text).toContain(`${c.scheduledPending[lang]}: ${r.reviews.scheduledPending}`);
      expect(text).toContain(`${c.created[lang]}: ${r.lessons.created}`);
      expect(text).toContain(`${c.closed[lang]}: ${r.lessons.closed}`);
      expect(text).toContain(`${c.status.done![lang]}: ${r.lessons.byStatus.done}`);
      expect(text).toContain(`${c.withChange[lang]}: ${r.lessons.withChange}`);
      expect(text).toContain(`${c.changeKind.rule_set[lang]} (sla v`);
      expect(text).toContain('Call the OCS directly when the desk refuses to record a report');
    }
    expect((await api('GET', '/api/learning/report.pdf?quarter=2026-Q5', analyst)).statusCode).toBe(400);
    expect((await api('GET', `/api/learning/report.pdf?quarter=${quarter}`, comms)).statusCode).toBe(403);
  });
});
