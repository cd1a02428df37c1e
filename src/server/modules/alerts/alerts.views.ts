import { AppError } from '../../errors.js';
import { alertCaseView, caseAccess, queueScope, type Actor } from '../../security/policy.js';
import type { AlertStatus, AlertView } from '../../../shared/contracts/alerts.js';
import { currentPriority, detailOf, snapshotOfAlert } from './alerts.model.js';
import type { AlertNotificationRow, AlertRow, CaseSummary } from './alerts.repo.js';
import type { AreaGroup } from './alerts.text.js';
import type { AlertsDeps } from './alerts.types.js';

/** What presenting alerts to one person needs beside the rows: their cases, who was paged, names. */
export interface AlertViewContext {
  actor: Actor;
  summaries: Map<string, CaseSummary>;
  /** The cases among the alerts' that the actor is a member of. */
  members: Set<string>;
  notes: AlertNotificationRow[];
  names: Map<string, string>;
  /** The member alert ids of the group alerts among the rows. */
  groupMembers: Map<string, string[]>;
}

/**
 * One alert as the console shows it to `ctx.actor`: the case's reference and county only as far as the
 * actor may see the case (or was paged for it), the policy in brief, and who was notified when.
 */
export function presentAlert(a: AlertRow, ctx: AlertViewContext): AlertView {
  const { actor, summaries, members, notes, names, groupMembers } = ctx;
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '—' } : null);
  const c = a.caseId ? summaries.get(a.caseId) : undefined;
  const access = c ? caseAccess(actor, c, members.has(c.id)) : 'none';
  const paged = notes.some((n) => n.alertId === a.id && n.userId === actor.id);
  const shown = alertCaseView(access, paged);
  const detail = detailOf(a);
  const policy = snapshotOfAlert(a);
  return {
    id: a.id,
    caseId: shown.reference ? a.caseId : null,
    caseReference: shown.reference ? (c?.reference ?? null) : null,
    county: shown.county ? (c?.county ?? null) : null,
    reason: a.reason,
    priority: currentPriority(a, c),
    status: a.status as AlertStatus,
    policy: { name: policy.name, steps: policy.steps.length, repeat: policy.repeat },
    step: a.step,
    round: a.round,
    nextDueAt: a.status === 'triggered' && detail.nextDueAt ? detail.nextDueAt : null,
    exhausted: Boolean(detail.exhausted),
    triggerCount: a.triggerCount,
    snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: person(a.acknowledgedBy),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: person(a.resolvedBy),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    notified: notes
      .filter((n) => n.alertId === a.id && n.userId)
      .map((n) => ({
        userId: n.userId!,
        displayName: names.get(n.userId!) ?? '—',
        step: n.step,
        round: n.round,
        at: n.at.toISOString(),
        delivered: n.messageId !== null,
      })),
    groupId: a.groupId ?? null,
    // A group names its ward: shown to those who read the queue or were paged for it.
    group: detail.area
      ? groupView(detail.area, queueScope(actor) !== 'none' || paged, groupMembers.get(a.id))
      : null,
  };
}

/** A group as shown: its place, event and station only to those who read the queue or were paged. */
function groupView(g: AreaGroup, shown: boolean, memberIds: string[] = []): NonNullable<AlertView['group']> {
  return {
    kind: g.kind ?? 'area',
    county: shown ? g.county : '—',
    ward: shown ? g.ward : '—',
    eventId: shown ? (g.eventId ?? null) : null,
    eventReference: shown ? (g.eventReference ?? null) : null,
    station: shown ? (g.station ?? null) : null,
    windowMinutes: g.windowMinutes,
    count: memberIds.length,
    memberIds,
  };
}

/** The alert list and detail: rows read, then presented with what the actor may see. */
export function createViews(deps: Pick<AlertsDeps, 'repo'>) {
  const { repo } = deps;

  async function views(rows: AlertRow[], actor: Actor): Promise<AlertView[]> {
    const caseIds = rows.map((r) => r.caseId).filter((x): x is string => Boolean(x));
    const groupIds = rows.filter((r) => detailOf(r).area).map((r) => r.id);
    const [summaries, members, notes, memberRows] = await Promise.all([
      repo.caseSummaries(caseIds),
      repo.membershipOf(actor.id, caseIds),
      repo.notificationsFor(rows.map((r) => r.id)),
      repo.groupMembers(groupIds),
    ]);
    const groupMembers = new Map<string, string[]>();
    for (const m of memberRows) {
      if (!m.groupId) continue;
      const list = groupMembers.get(m.groupId) ?? [];
      list.push(m.id);
      groupMembers.set(m.groupId, list);
    }
    const names = await repo.userNames([
      ...notes.map((n) => n.userId).filter((x): x is string => Boolean(x)),
      ...rows.flatMap((r) => [r.acknowledgedBy, r.resolvedBy]).filter((x): x is string => Boolean(x)),
    ]);
    return rows.map((a) => presentAlert(a, { actor, summaries, members, notes, names, groupMembers }));
  }

  return {
    async list(q: { status: 'open' | 'all'; limit: number }, actor: Actor): Promise<AlertView[]> {
      return views(await repo.list({ open: q.status === 'open', limit: q.limit }), actor);
    },

    async get(id: string, actor: Actor): Promise<AlertView> {
      const a = await repo.findById(id);
      if (!a) throw new AppError('NOT_FOUND');
      return (await views([a], actor))[0]!;
    },
  };
}
