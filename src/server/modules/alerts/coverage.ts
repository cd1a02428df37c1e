import type { Executor } from '../../db/client.js';
import type { OncallCoverage, PolicySnapshot } from '../../../shared/contracts/alerts.js';
import { createAlertLog } from './alerts.log.js';
import { detailOf, publisher, type AlertDetail } from './alerts.model.js';
import type { AlertsRepo } from './alerts.repo.js';
import type { AlertsDeps } from './alerts.types.js';
import { onCallAt } from './oncall.js';
import type { OncallRepo } from './oncall.repo.js';
import { rotationOf } from './oncall.views.js';

/** The reason of the administrators' alert raised when on-call coverage is broken. */
export const COVERAGE_REASON = 'oncall_uncovered';
/** One open coverage alert at a time, whatever the rotations: the group key deduplicates it. */
export const COVERAGE_GROUP_KEY = 'system:oncall_uncovered';

/** Who the coverage alert pages: the administrators (they fix rotations), again after 30 minutes. */
export const coveragePolicy: PolicySnapshot = {
  id: null,
  name: 'administrators',
  steps: [{ target: { kind: 'role', role: 'admin' }, waitMinutes: 30 }],
  repeat: 1,
};

export interface CoverageDeps extends Pick<
  AlertsDeps,
  'db' | 'cases' | 'audit' | 'clock' | 'bus' | 'scheduler'
> {
  repo: Pick<AlertsRepo, 'activeUsers' | 'lockGroup' | 'openByGroup' | 'insertAlert' | 'update'>;
  rotations: Pick<OncallRepo, 'rotations'>;
  /** Whether a notification can reach this user away from the console (verified phone, SMS or email rule). */
  reachable: (userId: string) => Promise<boolean>;
}

/**
 * On-call coverage: each rotation either has someone on call now who can be reached away from the
 * console, or it has a problem — nobody on call ('empty': no members, or the on-call account is
 * disabled) or nobody reachable ('unreachable': no verified phone and no SMS/email rule). The console
 * shows the problems as a banner; `check()` (the minute sweep, and after a rotation changes) raises one
 * alert to the administrators while any problem lasts and resolves it once all are fixed.
 */
export function createCoverage(deps: CoverageDeps) {
  const { db, repo, rotations, clock, reachable } = deps;
  const publish = publisher(deps.bus, clock);
  const alertLog = createAlertLog(deps);

  async function status(tx: Executor = db): Promise<OncallCoverage> {
    const now = clock.now();
    const out: OncallCoverage['rotations'] = [];
    for (const row of await rotations.rotations(tx)) {
      const who = onCallAt(rotationOf(row), now);
      const active = who ? await repo.activeUsers([who.userId], tx) : [];
      const user = active[0];
      const problem = !user ? 'empty' : (await reachable(user.id)) ? null : 'unreachable';
      out.push({ rotationId: row.id, rotationName: row.name, onCallId: user?.id ?? null, problem });
    }
    return { ok: out.every((r) => r.problem === null), rotations: out };
  }

  /** Raise (once) or resolve the administrators' alert; returns what it did. */
  async function check(): Promise<'raised' | 'resolved' | 'unchanged'> {
    const coverage = await status();
    const problems = coverage.rotations.filter((r) => r.problem);
    const out = await db.transaction(async (tx) => {
      await repo.lockGroup(COVERAGE_GROUP_KEY, tx);
      const open = await repo.openByGroup(COVERAGE_GROUP_KEY, tx);
      const now = clock.now();
      const summary = problems.map((p) => ({ rotationId: p.rotationId, problem: p.problem }));
      if (problems.length && !open) {
        const alert = await repo.insertAlert(
          {
            caseId: null,
            reason: COVERAGE_REASON,
            groupKey: COVERAGE_GROUP_KEY,
            priority: 'P2',
            status: 'triggered',
            policySnapshot: coveragePolicy,
            step: 0,
            round: 0,
            fence: 1,
            triggerCount: 1,
            detail: { nextDueAt: now.toISOString(), coverage: summary } satisfies AlertDetail,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await deps.audit.record(
          {
            actorLabel: 'system',
            action: 'alert.raised',
            subjectType: 'alert',
            subjectId: alert.id,
            meta: { reason: COVERAGE_REASON, policy: coveragePolicy.name, rotations: problems.length },
          },
          tx,
        );
        await publish(alert.id, 'created', tx);
        return { action: 'raised' as const, alert };
      }
      if (!problems.length && open) {
        await repo.update(
          open.id,
          {
            status: 'resolved',
            resolvedAt: now,
            resolvedBy: null,
            snoozedUntil: null,
            detail: { ...detailOf(open), nextDueAt: null },
            updatedAt: now,
          },
          tx,
        );
        const meta = { reason: COVERAGE_REASON, via: 'coverage_restored' };
        await alertLog({ alert: open, actorId: null, event: 'resolved', at: now, meta }, tx);
        await publish(open.id, 'resolved', tx);
        return { action: 'resolved' as const, alert: null };
      }
      return { action: 'unchanged' as const, alert: null };
    });
    if (out.alert) deps.scheduler.step(out.alert.id, out.alert.fence, 0, 0, clock.now(), out.alert.priority);
    return out.action;
  }

  return { status, check };
}
export type Coverage = ReturnType<typeof createCoverage>;
