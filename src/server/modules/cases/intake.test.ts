import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, type TestApp } from '../../../../test/helpers.js';
import { verifyAuditChain } from '../../security/audit.js';
import type { IntakeInput } from '../../../shared/contracts/cases.js';
import { aad } from '../../security/aad.js';

/**
 * Intake writes reports that arrive together as one batch (one statement, the audit chain hashed by the
 * database). Everything a single report gets, each report of a batch gets; and the batch is not a unit
 * of failure.
 */
describe('intake in batches', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const report = (i: number, extra: Partial<IntakeInput> = {}): IntakeInput =>
    ({
      channel: 'web',
      narrative: `Report number ${i}: people were taken from the market by men in uniform.`,
      inDangerNow: i % 2 === 0,
      violationTypes: ['arbitrary_detention'],
      county: 'Nairobi',
      place: `Gate ${i}, Gikomba`,
      reporter: {
        anonymous: false,
        name: `Reporter ${i}`,
        phone: `07123450${String(i).padStart(2, '0')}`,
        locale: 'en',
      },
      victim: { name: `Victim ${i}` },
      ...extra,
    }) as IntakeInput;

  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await t.database.query<T>(sql, params)).rows;

  it('gives each of many simultaneous reports its own case, people, timeline, alert, clock and audit entries', async () => {
    const intake = t.app.ctx.services.intake;
    const before = (await verifyAuditChain(t.database.db)).checked;
    // Other audit writers at the same time: the chain must stay one chain.
    const others = Array.from({ length: 10 }, (_, i) =>
      t.app.ctx.audit.record({ actorLabel: 'system', action: 'test.concurrent', meta: { i } }),
    );
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) => intake.receive(report(i), { userId: null, label: 'public-form' })),
    );
    await Promise.all(others);

    const ids = created.map((c) => c.id);
    expect(new Set(ids).size).toBe(60);
    // References: distinct, and as a whole one run of consecutive numbers (nothing failed).
    const numbers = created.map((c) => Number(c.reference.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(60);
    expect(numbers[59]! - numbers[0]!).toBe(59);
    for (const [i, c] of created.entries()) {
      expect(c.status).toBe('received');
      expect(c.inDangerNow).toBe(i % 2 === 0);
      expect(c.receivedAt).toBeInstanceOf(Date);
      expect(c.narrativeEnc).toMatch(/^v1\./);
    }

    const count = async (sql: string) => Number((await rows<{ n: number }>(sql, [ids]))[0]!.n);
    expect(await count(`select count(*) n from cases where id = any($1::uuid[])`)).toBe(60);
    expect(await count(`select count(*) n from case_persons where case_id = any($1::uuid[])`)).toBe(120);
    expect(
      await count(`select count(*) n from case_events where case_id = any($1::uuid[]) and type = 'intake'`),
    ).toBe(60);
    expect(
      await count(
        `select count(*) n from case_events where case_id = any($1::uuid[]) and type = 'escalation.requested'`,
      ),
    ).toBe(60);
    expect(
      await count(
        `select count(*) n from alerts where case_id = any($1::uuid[])
           and reason = 'new_urgent_report' and status = 'triggered'`,
      ),
    ).toBe(60);
    const alertPriorities = await rows<{ case_id: string; priority: string }>(
      `select case_id, priority from alerts where case_id = any($1::uuid[])`,
      [ids],
    );
    for (const a of alertPriorities) {
      expect(a.priority).toBe(created.find((c) => c.id === a.case_id)!.inDangerNow ? 'P1' : 'P3');
    }
    const clocks = await rows<{ case_id: string; due_at: Date | string }>(
      `select case_id, due_at from case_clocks where case_id = any($1::uuid[]) and kind = 'acknowledge'
         and met_at is null and fired_at is null`,
      [ids],
    );
    expect(clocks).toHaveLength(60);
    // Someone in danger now gets the faster (P1) acknowledge clock.
    const due = (id: string) => new Date(clocks.find((k) => k.case_id === id)!.due_at).getTime();
    const urgent = created.find((c) => c.inDangerNow)!;
    const routine = created.find((c) => !c.inDangerNow)!;
    expect(due(urgent.id) - urgent.receivedAt.getTime()).toBeLessThan(
      due(routine.id) - routine.receivedAt.getTime(),
    );
    expect(
      await count(
        `select count(*) n from audit_log where action = 'case.created' and subject_id = any($1::text[])`,
      ),
    ).toBe(60);
    expect(
      await count(
        `select count(*) n from audit_log where action = 'alert.raised' and meta->>'caseId' = any($1::text[])`,
      ),
    ).toBe(60);
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: before + 130 });

    // What was stored decrypts: the case page shows the narrative and the people.
    const staff = await createUser(t.app, ['duty_officer']);
    const page = await t.app.ctx.services.cases.detail(created[7]!.id, {
      id: staff.user.id,
      roles: ['duty_officer'],
    });
    expect(JSON.stringify(page)).toContain('Report number 7');
    expect(page.people.map((p) => p.role).sort()).toEqual(['reporter', 'victim']);
    const [person] = await rows<{ id: string; data_key_id: string; name_enc: string }>(
      `select p.id, p.data_key_id, p.name_enc from persons p
         join case_persons cp on cp.person_id = p.id and cp.role = 'reporter' where cp.case_id = $1`,
      [created[7]!.id],
    );
    expect(
      await t.app.ctx.vault.decrypt(
        person!.data_key_id,
        person!.name_enc,
        aad('persons', 'name', person!.id),
      ),
    ).toBe('Reporter 7');
  });

  it('stores the others when one report of a batch cannot be stored', async () => {
    const intake = t.app.ctx.services.intake;
    const staff = await createUser(t.app, ['duty_officer']);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        intake.receive(report(100 + i, { channel: 'hotline' }), {
          // No such user: the team membership of this one case breaks a foreign key.
          userId: i === 3 ? '00000000-0000-4000-8000-000000000000' : staff.user.id,
          label: 'user',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const stored = await rows<{ id: string; reference: string }>(
      `select id, reference from cases where id = any($1::uuid[])`,
      [ok.map((c) => c.id)],
    );
    expect(stored.map((r) => r.reference).sort()).toEqual(ok.map((c) => c.reference).sort());
    const members = await rows<{ n: number }>(
      `select count(*) n from case_members where case_id = any($1::uuid[]) and user_id = $2`,
      [ok.map((c) => c.id), staff.user.id],
    );
    expect(Number(members[0]!.n)).toBe(7);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('acknowledges a report only once it is stored', async () => {
    const c = await t.app.ctx.services.intake.receive(report(200), { userId: null, label: 'sms-gateway' });
    const [row] = await rows<{ reference: string }>('select reference from cases where id = $1', [c.id]);
    expect(row?.reference).toBe(c.reference);
  });
});
