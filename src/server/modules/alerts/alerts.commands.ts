import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { EscalationReason } from '../cases/escalation.js';
import type { AlertEventType, AlertStatus } from '../../../shared/contracts/alerts.js';
import { createAlertLog } from './alerts.log.js';
import { allReasons, caseEndStatuses, detailOf, publisher } from './alerts.model.js';
import type { AlertRow, AlertUpdate } from './alerts.repo.js';
import type { AlertsDeps } from './alerts.types.js';

type Action = 'acknowledge' | 'resolve' | 'snooze';

/**
 * What a person does with an alert, or a case change does to it. Acknowledge, resolve and snooze bump the
 * alert's fence (the repository's `update`), so every step scheduled before them becomes a no-op.
 */
export function createCommands(
  deps: Pick<AlertsDeps, 'db' | 'repo' | 'cases' | 'audit' | 'clock' | 'bus' | 'scheduler'>,
) {
  const { db, repo, clock, bus, scheduler } = deps;
  const publish = publisher(bus, clock);
  const alertLog = createAlertLog(deps);

  /** The row change, live event and resume time of one button press; null when it changes nothing. */
  function pressed(
    a: AlertRow,
    action: Action,
    actorId: string,
    now: Date,
    minutes?: number,
  ): { set: AlertUpdate; event: AlertEventType; resumeAt: Date | null } | null {
    const detail = { ...detailOf(a), nextDueAt: null };
    const status = a.status as AlertStatus;
    if (action === 'acknowledge') {
      if (status === 'resolved') throw new AppError('ALERT_CLOSED');
      // Two people pressing at once: the second sees it done.
      if (status === 'acknowledged') return null;
      return {
        set: {
          status: 'acknowledged',
          acknowledgedAt: now,
          acknowledgedBy: actorId,
          snoozedUntil: null,
          detail,
        },
        event: 'acknowledged',
        resumeAt: null,
      };
    }
    if (action === 'resolve') {
      if (status === 'resolved') return null;
      return {
        set: { status: 'resolved', resolvedAt: now, resolvedBy: actorId, snoozedUntil: null, detail },
        event: 'resolved',
        resumeAt: null,
      };
    }
    if (status === 'resolved') throw new AppError('ALERT_CLOSED');
    const resumeAt = new Date(now.getTime() + minutes! * 60_000);
    return { set: { status: 'snoozed', snoozedUntil: resumeAt, detail }, event: 'snoozed', resumeAt };
  }

  async function changeState(
    alertId: string,
    actor: Actor,
    action: Action,
    minutes?: number,
    via?: 'sms' | 'push',
  ): Promise<void> {
    const out = await db.transaction(async (tx) => {
      const a = await repo.lock(alertId, tx);
      if (!a) throw new AppError('NOT_FOUND');
      const now = clock.now();
      const change = pressed(a, action, actor.id, now, minutes);
      if (!change) return null;
      const { set, event, resumeAt } = change;
      const updated = await repo.update(a.id, { ...set, updatedAt: now }, tx);
      await alertLog(
        {
          alert: a,
          actorId: actor.id,
          event,
          at: now,
          timeline: {
            alertId: a.id,
            reason: a.reason,
            ...(resumeAt ? { minutes, until: resumeAt.toISOString() } : {}),
          },
          meta: {
            caseId: a.caseId,
            reason: a.reason,
            ...(minutes ? { minutes } : {}),
            ...(via ? { via } : {}),
          },
        },
        tx,
      );
      await publish(a.id, event, tx);
      if (detailOf(a).area && (event === 'acknowledged' || event === 'resolved')) {
        // A surge group (DESIGN §2.7): its members end with it, each audited on its own.
        const done = event === 'resolved' ? ['resolved'] : ['acknowledged', 'resolved'];
        for (const m of await repo.lockMembers(a.id, done, tx)) {
          const meta = { caseId: m.caseId, reason: m.reason, via: 'group', groupId: a.id };
          await end(m, event, actor.id, now, meta, tx);
        }
      }
      return { updated, resumeAt };
    });
    if (out?.resumeAt) scheduler.resume(out.updated.id, out.updated.fence, out.resumeAt);
  }

  /** Stop paging for an alert: its armed step is dropped and the audit and live stream are told. */
  async function end(
    a: AlertRow,
    event: 'acknowledged' | 'resolved',
    actorId: string | null,
    now: Date,
    meta: Record<string, unknown>,
    tx: Executor,
  ): Promise<void> {
    const set: AlertUpdate =
      event === 'resolved'
        ? { status: 'resolved', resolvedAt: now, resolvedBy: actorId }
        : { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actorId };
    await repo.update(
      a.id,
      { ...set, snoozedUntil: null, detail: { ...detailOf(a), nextDueAt: null }, updatedAt: now },
      tx,
    );
    await alertLog({ alert: a, actorId, event, at: now, meta }, tx);
    await publish(a.id, event, tx);
  }

  return {
    /** `via`: a staff member's `ACK <n>` from their verified phone, or a push notification's button (the audit says so). */
    acknowledge: (id: string, actor: Actor, via?: 'sms' | 'push') =>
      changeState(id, actor, 'acknowledge', undefined, via),
    resolve: (id: string, actor: Actor) => changeState(id, actor, 'resolve'),
    snooze: (id: string, minutes: number, actor: Actor) => changeState(id, actor, 'snooze', minutes),

    /**
     * For the workflow, in its transaction, when a case moves: a person acknowledging the case stops its
     * intake alert (acknowledged), and a case leaving the open states (closed, not urgent, duplicate,
     * withdrawn, declined) resolves all of its alerts. The transition itself is the timeline entry.
     */
    async caseProgressed(
      caseId: string,
      toStatus: string,
      actorId: string | null,
      tx: Executor,
    ): Promise<void> {
      const resolving = caseEndStatuses.includes(toStatus);
      const reasons = resolving ? allReasons : toStatus === 'screening' ? ['new_urgent_report'] : [];
      const now = clock.now();
      for (const a of await repo.openForCase(caseId, reasons, tx)) {
        if (!resolving && a.status === 'acknowledged') continue;
        const meta = { caseId, reason: a.reason, via: 'case', caseStatus: toStatus };
        await end(a, resolving ? 'resolved' : 'acknowledged', actorId, now, meta, tx);
      }
    },

    /**
     * The cause went away without anyone pressing a button: a missed check-in was followed by one, an
     * SOS was cancelled with the right PIN. Resolves the case's open alerts for those reasons.
     */
    async resolveFor(
      caseId: string,
      reasons: readonly EscalationReason[],
      via: string,
      actorId: string | null,
      tx: Executor,
    ): Promise<number> {
      const now = clock.now();
      const open = await repo.openForCase(caseId, [...reasons], tx);
      for (const a of open) await end(a, 'resolved', actorId, now, { caseId, reason: a.reason, via }, tx);
      return open.length;
    },
  };
}
