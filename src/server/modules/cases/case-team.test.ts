import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories } from '../../../../test/factories.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';

describe('case team: add and remove members with need-to-know effects, and who an action may go to', () => {
  let t: TestApp;
  let f: Factories;
  let duty: SignedIn;
  let legal: SignedIn;
  let legal2: SignedIn;
  let finance: SignedIn;
  let caseId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    f = factories(t.app);
    duty = await f.session('duty_officer');
    legal = await loginAs(t.app, 'legal');
    legal2 = await loginAs(t.app, 'legal');
    finance = await loginAs(t.app, 'finance');
    // Sexual violence makes the case sensitive: only its team reads it.
    caseId = (await f.buildCase({ violationTypes: ['rape'], by: duty })).id;
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/transitions/acknowledge`,
      headers: duty.headers,
      payload: {},
    });
    expect(ack.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const read = (s: SignedIn) => t.app.inject({ url: `/api/cases/${caseId}`, headers: s.headers });
  const add = (s: SignedIn, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/members`, headers: s.headers, payload });
  const remove = (s: SignedIn, userId: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/cases/${caseId}/members/${userId}`, headers: s.headers });
  const team = async () =>
    (
      (await t.app.inject({ url: `/api/cases/${caseId}/members`, headers: duty.headers })).json() as {
        members: { userId: string; roleInCase: string; displayName: string; isLead: boolean }[];
      }
    ).members;

  it('an added member reads the sensitive case; once removed they cannot, and both are on the timeline', async () => {
    expect((await read(legal)).statusCode).toBe(404);
    expect((await add(duty, { userId: legal.userId })).statusCode).toBe(204);
    expect((await read(legal)).statusCode).toBe(200);
    const m = (await team()).find((x) => x.userId === legal.userId);
    expect(m).toMatchObject({ roleInCase: 'member', isLead: false });
    expect(m!.displayName.length).toBeGreaterThan(0);

    expect((await remove(duty, legal.userId)).statusCode).toBe(204);
    expect((await read(legal)).statusCode).toBe(404);
    expect((await team()).some((x) => x.userId === legal.userId)).toBe(false);

    const audit = await t.database.query<{ action: string }>(
      `select action from audit_log where subject_id = $1 and action like 'case.member_%' order by seq`,
      [caseId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['case.member_added', 'case.member_removed']);
    const detail = (await read(duty)).json() as { timeline: { type: string }[] };
    expect(detail.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['team.member_added', 'team.member_removed']),
    );
  });

  it('a disabled account is off the team panel while disabled, and back once enabled again', async () => {
    expect((await add(duty, { userId: legal2.userId })).statusCode).toBe(204);
    expect((await team()).some((x) => x.userId === legal2.userId)).toBe(true);
    await t.database.query('update users set disabled = true where id = $1', [legal2.userId]);
    expect((await team()).some((x) => x.userId === legal2.userId)).toBe(false);
    await t.database.query('update users set disabled = false where id = $1', [legal2.userId]);
    expect((await team()).some((x) => x.userId === legal2.userId)).toBe(true);
    expect((await remove(duty, legal2.userId)).statusCode).toBe(204);
  });

  it('a new lead takes the case lead; the lead cannot be removed until another leads', async () => {
    expect((await add(duty, { userId: legal2.userId, roleInCase: 'lead' })).statusCode).toBe(204);
    const lead = (await team()).find((x) => x.isLead);
    expect(lead?.userId).toBe(legal2.userId);
    const refused = await remove(duty, legal2.userId);
    expect(refused.statusCode).toBe(409);
    expect((await read(legal2)).statusCode).toBe(200);
    expect((await add(duty, { userId: duty.userId, roleInCase: 'lead' })).statusCode).toBe(204);
    expect((await remove(duty, legal2.userId)).statusCode).toBe(204);
  });

  it('refuses bad input and people who cannot work on cases, changing nothing', async () => {
    const before = await team();
    const bad = await add(duty, { userId: 'not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    const admin = await f.buildUser('admin');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/members`,
      headers: duty.headers,
      payload: { userId: admin.user.id },
    });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { error: { code: string; fields: { path: string }[] } }).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'userId' }],
    });
    expect((await add(legal, { userId: legal.userId })).statusCode).toBe(403);
    expect(await team()).toEqual(before);
  });

  it('offers the team and the holders of the action role as assignees, and assignment to either works', async () => {
    const res = await t.app.inject({
      url: `/api/cases/${caseId}/assignees?role=finance`,
      headers: duty.headers,
    });
    expect(res.statusCode).toBe(200);
    const list = (res.json() as { assignees: { id: string; source: string }[] }).assignees;
    expect(list.find((a) => a.id === duty.userId)?.source).toBe('team');
    expect(list.find((a) => a.id === finance.userId)?.source).toBe('role');
    expect(list.some((a) => a.id === legal.userId)).toBe(false);
  });
});
