import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import type { AuditEntry } from '../../security/audit.js';
import type { EscalationRequest } from '../cases/escalation.js';
import { detailOf, publisher, type AlertDetail } from './alerts.model.js';
import { newAlert, raisedEntry, type NewAlert } from './alerts.rows.js';
import { eventKeyOf, stationKeyOf, type AreaGroup } from './alerts.text.js';
import type { AlertsDeps } from './alerts.types.js';
import { policyNameFor } from './defaults.js';

/** The event a case was attached to, as its group names it. */
export interface EventRef {
  id: string;
  reference: string;
  county: string | null;
}

/**
 * Alert groups beyond a place (DESIGN §2.7):
 * - **by event**: when cases are attached to an event, their still-paging alerts join the event's group
 *   (one per event at a time), which pages for them all; an area group left with no paging member ends.
 * - **by police station**: the arrest clocks of an event's detainees held at one station page as one
 *   group ("5 detainees at Kayole Police Station: 24-hour clocks").
 * Members arm no step of their own; acknowledging a group acknowledges its members (alerts.commands.ts).
 */
export function createGroups(
  deps: Pick<AlertsDeps, 'repo' | 'oncall' | 'audit' | 'clock' | 'bus' | 'scheduler' | 'routing'>,
) {
  const { repo, oncall, audit, clock, bus, scheduler } = deps;
  const publish = publisher(bus, clock);

  async function policyFor(reason: string, tx: Executor) {
    const routing = deps.routing ? await deps.routing(tx) : {};
    return oncall.snapshotFor(routing[reason] ?? policyNameFor(reason), tx);
  }

  /** A new group alert row (no case), its first step due now. */
  async function groupRow(
    reason: string,
    priority: string,
    key: string,
    area: AreaGroup,
    now: Date,
    tx: Executor,
  ): Promise<NewAlert & { id: string }> {
    const base = newAlert(
      { caseId: '', reason: reason as EscalationRequest['reason'] },
      priority,
      await policyFor(reason, tx),
      now,
    );
    return {
      ...base,
      id: randomUUID(),
      caseId: null,
      groupKey: key,
      detail: { nextDueAt: now.toISOString(), area } satisfies AlertDetail,
    };
  }

  /**
   * Cases attached to an event, in the caller's transaction: their paging alerts (arrest clocks aside:
   * those group per station) join the event's paging group, made if there is none. Returns how many
   * alerts joined.
   */
  async function joinEvent(e: EventRef, caseIds: string[], tx: Executor): Promise<number> {
    if (caseIds.length === 0) return 0;
    const key = eventKeyOf(e.id);
    await repo.lockGroup(key, tx);
    const moving = await repo.lockPagingOfCases(caseIds, 'arrest_clock', tx);
    if (moving.length === 0) return 0;
    const now = clock.now();
    let group = await repo.pagingGroup(key, tx);
    if (!group) {
      const priority = moving.map((a) => a.priority).sort()[0]!;
      const reason = moving.every((a) => a.reason === moving[0]!.reason)
        ? moving[0]!.reason
        : 'new_urgent_report';
      const area: AreaGroup = {
        kind: 'event',
        county: e.county ?? '',
        ward: '',
        windowMinutes: 0,
        eventId: e.id,
        eventReference: e.reference,
      };
      const row = await groupRow(reason, priority, key, area, now, tx);
      group = await repo.insertAlert(row, tx);
      await audit.record(raisedEntry(row, row.id), tx);
      await publish(row.id, 'created', tx);
      scheduler.step(row.id, row.fence ?? 1, 0, 0, now, row.priority);
    }
    const oldGroups = new Set<string>();
    const entries: AuditEntry[] = [];
    for (const a of moving) {
      if (a.groupId === group.id) continue;
      if (a.groupId) oldGroups.add(a.groupId);
      // The fence moves on: a step this alert had armed becomes a no-op.
      await repo.update(
        a.id,
        { groupId: group.id, detail: { ...detailOf(a), nextDueAt: null }, updatedAt: now },
        tx,
      );
      entries.push({
        actorLabel: 'system',
        action: 'alert.grouped',
        subjectType: 'alert',
        subjectId: a.id,
        meta: { caseId: a.caseId, groupId: group.id, eventId: e.id, from: a.groupId ?? null },
      });
    }
    if (entries.length) await audit.appendMany(entries, tx);
    await endEmptied([...oldGroups], e, now, tx);
    return entries.length;
  }

  /** An area group whose paging members all moved to an event's group stops paging (resolved). */
  async function endEmptied(groupIds: string[], e: EventRef, now: Date, tx: Executor): Promise<void> {
    const left = await repo.pagingMembers(groupIds, tx);
    for (const id of groupIds) {
      if ((left.get(id) ?? 0) > 0) continue;
      const g = await repo.lock(id, tx);
      if (!g || g.status !== 'triggered') continue;
      await repo.update(
        id,
        {
          status: 'resolved',
          resolvedAt: now,
          resolvedBy: null,
          detail: { ...detailOf(g), nextDueAt: null },
          updatedAt: now,
        },
        tx,
      );
      await audit.record(
        {
          actorLabel: 'system',
          action: 'alert.resolved',
          subjectType: 'alert',
          subjectId: id,
          meta: { caseId: null, reason: g.reason, via: 'event_group', eventId: e.id },
        },
        tx,
      );
      await publish(id, 'resolved', tx);
    }
  }

  /**
   * Clocks firing (`requestMany`): a new arrest-clock alert whose arrest is on an event joins the paging
   * group of its event and police station; any other new alert of a case on an event joins the event's
   * paging group. Each group is made if none pages. `fresh` pairs each request with the row it raises;
   * rows are changed in place. Returns the new group rows, to be written before their members.
   */
  async function clockGroups(
    fresh: [EscalationRequest, NewAlert & { id: string }][],
    now: Date,
    tx: Executor,
  ): Promise<(NewAlert & { id: string })[]> {
    if (fresh.length === 0) return [];
    const arrestOf = (req: EscalationRequest) =>
      req.reason === 'arrest_clock' && typeof req.detail?.subjectId === 'string'
        ? req.detail.subjectId
        : null;
    const [stations, eventOf] = await Promise.all([
      repo.stationsOf(
        fresh.map(([req]) => arrestOf(req)).filter((x): x is string => x !== null),
        tx,
      ),
      repo.eventsOfCases(
        fresh.filter(([req]) => req.reason !== 'arrest_clock').map(([req]) => req.caseId),
        tx,
      ),
    ]);
    // Each request's group key and what the group would show.
    const plan = new Map<NewAlert & { id: string }, { key: string; area: AreaGroup }>();
    for (const [req, row] of fresh) {
      const s = stations.get(arrestOf(req) ?? '');
      const e = eventOf.get(req.caseId);
      if (s) {
        plan.set(row, {
          key: stationKeyOf(s.eventId, s.station),
          area: {
            kind: 'station',
            county: s.county ?? '',
            ward: '',
            windowMinutes: 0,
            eventId: s.eventId,
            eventReference: s.eventReference,
            station: s.station,
          },
        });
      } else if (e && req.reason !== 'arrest_clock') {
        plan.set(row, {
          key: eventKeyOf(e.eventId),
          area: {
            kind: 'event',
            county: e.county ?? '',
            ward: '',
            windowMinutes: 0,
            eventId: e.eventId,
            eventReference: e.eventReference,
          },
        });
      }
    }
    if (plan.size === 0) return [];
    await repo.lockGroups([...new Set([...plan.values()].map((p) => p.key))], tx);
    const made = new Map<string, NewAlert & { id: string }>();
    const known = new Map<string, string>();
    for (const [req, row] of fresh) {
      const p = plan.get(row);
      if (!p) continue;
      let groupId = known.get(p.key);
      if (!groupId) {
        const open = await repo.pagingGroup(p.key, tx);
        if (open) groupId = open.id;
        else {
          const g = await groupRow(req.reason, row.priority, p.key, p.area, now, tx);
          made.set(p.key, g);
          groupId = g.id;
        }
        known.set(p.key, groupId);
      }
      const g = made.get(p.key);
      if (g && row.priority < g.priority) g.priority = row.priority;
      row.groupId = groupId;
      row.detail = { nextDueAt: null } satisfies AlertDetail;
    }
    return [...made.values()];
  }

  return { joinEvent, clockGroups };
}
export type AlertGroups = ReturnType<typeof createGroups>;
