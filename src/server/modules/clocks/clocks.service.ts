import { randomUUID } from 'node:crypto';
import {
  ARREST_WARNING_HOURS,
  defaultSla,
  type ClockKind,
  type SlaMinutes,
} from '../../../shared/workflow.js';
import type { InsertBatch } from '../../db/bulk.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { EscalationReason, Escalations } from '../cases/escalation.js';
import type { ClockRow, ClocksRepo } from './clocks.repo.js';

export interface ClockScheduler {
  /** Put a due-job on the durable queue; a job for an old fence finds nothing to do. */
  schedule(clockId: string, fence: number, dueAt: Date): Promise<void>;
  /** The same for many clocks at once (one statement); without it, `schedule` is called for each. */
  scheduleMany?(clocks: { clockId: string; fence: number; dueAt: Date }[]): Promise<void>;
}

type Priority = keyof typeof defaultSla;

/** The escalation reason a clock's breach raises (fireMany), and so the alerts its meeting ends. */
export function reasonOfClock(kind: string): EscalationReason {
  if (kind.startsWith('arrest')) return 'arrest_clock';
  if (kind === 'mission_check_in') return 'missed_check_in';
  if (kind === 'referral_response') return 'referral_unanswered';
  return 'clock_breached';
}

/** Clocks of which a case may run several at once, one per subject (mission, referral). */
const subjectKinds: readonly ClockKind[] = ['mission_check_in', 'referral_response'];

/** Clocks that stop when the case ends (closed or set aside); an arrest's legal clock does not. */
export const caseEndClocks = [
  'acknowledge',
  'decision',
  'first_action',
  'retrospective_review',
  'mission_check_in',
] as const satisfies readonly ClockKind[];

/**
 * Case clocks. The row in `case_clocks` is the truth; a pg-boss job fires it at the exact due time, and a
 * once-a-minute sweep fires anything a lost job missed. Both go through `fire`, which checks the fence
 * under a row lock, so a clock fires once however many jobs arrive.
 */
export function createClocksService(deps: {
  db: Db;
  repo: ClocksRepo;
  cases: CasesRepo;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  scheduler: ClockScheduler;
  sla: (tx: Executor) => Promise<Record<Priority, SlaMinutes>>;
}) {
  const { db, repo, cases, audit, clock, escalations, scheduler } = deps;

  async function arm(
    caseId: string,
    kind: ClockKind,
    dueAt: Date,
    tx: Executor,
    subjectId?: string,
  ): Promise<ClockRow> {
    // One arrest clock per case follows the governing arrest; each mission and referral has its own.
    const existing = await repo.open(caseId, kind, tx, subjectKinds.includes(kind) ? subjectId : undefined);
    const row = existing
      ? await repo.rearm(existing.id, dueAt, tx)
      : await repo.insert({ caseId, kind, dueAt, subjectId: subjectId ?? null, createdAt: clock.now() }, tx);
    await scheduler.schedule(row.id, row.fence, dueAt);
    return row;
  }

  return {
    arm,

    /**
     * The clock is met. If it had already fired, the alert its breach raised has its answer: it resolves,
     * unless another breached clock of the same reason on the case is still unmet (one alert per case and
     * reason).
     */
    async meet(caseId: string, kind: ClockKind, tx: Executor, actorId: string | null = null): Promise<void> {
      const met = await repo.meet(caseId, kind, clock.now(), tx);
      if (met === 0 || !escalations.resolveFor) return;
      const reason = reasonOfClock(kind);
      const outstanding = (await repo.firedUnmet(caseId, tx)).filter((r) => reasonOfClock(r.kind) === reason);
      if (outstanding.length === 0) await escalations.resolveFor(caseId, [reason], 'clock_met', actorId, tx);
    },

    /** The case ended: every clock that belongs to its response stops (not an arrest's legal clock). */
    async meetOnCaseEnd(caseId: string, tx: Executor): Promise<void> {
      for (const kind of caseEndClocks) await repo.meet(caseId, kind, clock.now(), tx);
    },

    /** A mission's next check-in is due at `dueAt` (re-armed on every check-in). */
    armCheckIn: (caseId: string, missionId: string, dueAt: Date, tx: Executor) =>
      arm(caseId, 'mission_check_in', dueAt, tx, missionId),

    /** The mission ended: its check-in clock stops. */
    async stopCheckIn(missionId: string, tx: Executor): Promise<void> {
      await repo.meetSubject(missionId, 'mission_check_in', clock.now(), tx);
    },

    /** A referral's provider must answer by `dueAt` (accept or decline). */
    armReferral: (caseId: string, referralId: string, dueAt: Date, tx: Executor) =>
      arm(caseId, 'referral_response', dueAt, tx, referralId),

    /**
     * The provider answered (or consent was withdrawn): the referral's clock stops, and if it had fired,
     * its alert resolves unless another referral of the case is still unanswered past its time.
     */
    async stopReferral(
      caseId: string,
      referralId: string,
      tx: Executor,
      actorId: string | null = null,
    ): Promise<void> {
      const met = await repo.meetSubject(referralId, 'referral_response', clock.now(), tx);
      if (met === 0 || !escalations.resolveFor) return;
      const outstanding = (await repo.firedUnmet(caseId, tx)).filter((r) => r.kind === 'referral_response');
      if (outstanding.length === 0) {
        await escalations.resolveFor(caseId, ['referral_unanswered'], 'referral_answered', actorId, tx);
      }
    },

    /** At intake the priority is not known yet: someone in danger now gets P1's acknowledge clock. */
    async armIntake(c: { id: string; receivedAt: Date; inDangerNow: boolean }, tx: Executor) {
      const sla = await deps.sla(tx);
      const p: Priority = c.inDangerNow ? 'P1' : 'P3';
      await arm(c.id, 'acknowledge', new Date(c.receivedAt.getTime() + sla[p].acknowledge * 60_000), tx);
    },

    /**
     * The acknowledge clocks of a batch of new cases (a new case has no clock to re-arm), written with the
     * rest of `batch`. Returns what schedules their jobs: call it once the transaction has committed.
     */
    async armIntakeMany(
      list: { id: string; receivedAt: Date; inDangerNow: boolean }[],
      batch: InsertBatch,
      tx: Executor = db,
    ): Promise<() => Promise<void>> {
      if (list.length === 0) return async () => undefined;
      const sla = await deps.sla(tx);
      const createdAt = clock.now();
      const rows = list.map((c) => ({
        id: randomUUID(),
        caseId: c.id,
        kind: 'acknowledge' as const,
        dueAt: new Date(c.receivedAt.getTime() + sla[c.inDangerNow ? 'P1' : 'P3'].acknowledge * 60_000),
        subjectId: null,
        fence: 1,
        createdAt,
      }));
      repo.insertMany(rows, batch);
      const jobs = rows.map((r) => ({ clockId: r.id, fence: r.fence, dueAt: r.dueAt }));
      return async () => {
        if (scheduler.scheduleMany) await scheduler.scheduleMany(jobs);
        else for (const j of jobs) await scheduler.schedule(j.clockId, j.fence, j.dueAt);
      };
    },

    /** Once assessed, decision and first-action clocks run from intake at the case's priority. */
    async armAssessed(c: { id: string; receivedAt: Date }, priority: Priority, tx: Executor) {
      const sla = (await deps.sla(tx))[priority];
      await arm(c.id, 'decision', new Date(c.receivedAt.getTime() + sla.decision * 60_000), tx);
      await arm(c.id, 'first_action', new Date(c.receivedAt.getTime() + sla.firstAction * 60_000), tx);
    },

    async armArrest(caseId: string, arrestId: string, arrestedAt: Date, tx: Executor) {
      await arm(
        caseId,
        'arrest_18h',
        new Date(arrestedAt.getTime() + ARREST_WARNING_HOURS * 3_600_000),
        tx,
        arrestId,
      );
      await arm(caseId, 'arrest_24h', new Date(arrestedAt.getTime() + 24 * 3_600_000), tx, arrestId);
    },

    /** Fire one clock if it is still armed with this fence. Returns whether it fired. */
    async fire(clockId: string, fence: number): Promise<boolean> {
      return (await this.fireMany([{ clockId, fence }])) === 1;
    },

    /**
     * Fire many due clocks in one transaction: lock them together, then one update per outcome, one
     * insert of timeline events and one audit append for the batch; each clock's escalation joins or
     * raises its alert in the same transaction. Clocks whose fence moved, that were met or fired, or that
     * are not due yet (re-armed later) are skipped. Returns how many fired.
     */
    async fireMany(list: { clockId: string; fence: number }[]): Promise<number> {
      if (list.length === 0) return 0;
      const fences = new Map(list.map((c) => [c.clockId, c.fence]));
      return db.transaction(async (tx) => {
        const now = clock.now();
        let rows = (await repo.lockManyForFire([...fences.keys()], tx)).filter(
          (row) =>
            row.fence === fences.get(row.id) &&
            !row.metAt &&
            !row.firedAt &&
            // A job may arrive early if the clock was re-armed later; wait for the next one.
            row.dueAt.getTime() <= now.getTime() + 1000,
        );
        // A case that has ended raises nothing more; its leftover clocks are met instead (an arrest's
        // legal clock still fires: the person may still be in custody).
        const ended = await repo.endedCases([...new Set(rows.map((r) => r.caseId))], tx);
        const stale = rows.filter((r) => ended.has(r.caseId) && !r.kind.startsWith('arrest'));
        for (const r of stale) await repo.meet(r.caseId, r.kind, now, tx);
        rows = rows.filter((r) => !stale.includes(r));
        if (rows.length === 0) return 0;
        const isWarning = (row: ClockRow) => row.kind === 'arrest_18h';
        await repo.markManyFired(
          rows.filter(isWarning).map((r) => r.id),
          now,
          false,
          tx,
        );
        await repo.markManyFired(
          rows.filter((r) => !isWarning(r)).map((r) => r.id),
          now,
          true,
          tx,
        );
        await cases.addEvents(
          rows.map((row) => ({
            caseId: row.caseId,
            at: now,
            actorId: null,
            actorLabel: 'system',
            type: isWarning(row) ? 'clock.warning' : 'clock.breached',
            data: { clock: row.kind, dueAt: row.dueAt.toISOString() },
          })),
          tx,
        );
        await audit.appendMany(
          rows.map((row) => ({
            actorLabel: 'system',
            action: isWarning(row) ? 'clock.warning' : 'clock.breached',
            subjectType: 'case',
            subjectId: row.caseId,
            meta: { clock: row.kind },
          })),
          tx,
        );
        const requests = rows.map((row) => ({
          caseId: row.caseId,
          reason: reasonOfClock(row.kind),
          detail: row.subjectId ? { clock: row.kind, subjectId: row.subjectId } : { clock: row.kind },
        }));
        if (escalations.requestMany) await escalations.requestMany(requests, tx);
        else for (const req of requests) await escalations.request(req, tx);
        return rows.length;
      });
    },

    /** Fire every clock already due (the safety net behind the exact-time jobs, and the tests' handle). */
    async sweepDue(limit = 500): Promise<number> {
      const due = (await repo.due(clock.now(), limit)).map((row) => ({ clockId: row.id, fence: row.fence }));
      let fired = 0;
      for (let i = 0; i < due.length; i += 50) fired += await this.fireMany(due.slice(i, i + 50));
      return fired;
    },

    /** After a restart: make sure every armed clock has its job (duplicates are dropped by singleton key). */
    async reconcile(): Promise<number> {
      const pending = await repo.pending();
      const list = pending.map((row) => ({ clockId: row.id, fence: row.fence, dueAt: row.dueAt }));
      // Thousands of clocks after a restart: a statement per thousand, not a round trip per clock.
      if (scheduler.scheduleMany) {
        for (let i = 0; i < list.length; i += 1000) await scheduler.scheduleMany(list.slice(i, i + 1000));
      } else for (const c of list) await scheduler.schedule(c.clockId, c.fence, c.dueAt);
      return pending.length;
    },

    forCase: (caseId: string) => repo.forCase(caseId),
  };
}
export type ClocksService = ReturnType<typeof createClocksService>;
