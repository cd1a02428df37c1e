import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { alerts, arrests, eventCases, events } from '../../db/schema/index.js';
import type { AlertRow } from './alerts.repo.js';

/** The queries of alert groups by event and by police station (DESIGN §2.7), beside the area groups'. */
export function createGroupsRepo(db: Executor) {
  return {
    /** The newest still-paging (triggered) group alert with this key, whatever its age. */
    async pagingGroup(groupKey: string, tx: Executor = db): Promise<AlertRow | undefined> {
      const [r] = await tx
        .select()
        .from(alerts)
        .where(and(eq(alerts.groupKey, groupKey), isNull(alerts.caseId), eq(alerts.status, 'triggered')))
        .orderBy(desc(alerts.createdAt))
        .limit(1);
      return r;
    },
    /** Lock the still-paging alerts of these cases (except `exceptReason`), in id order. */
    async lockPagingOfCases(caseIds: string[], exceptReason: string, tx: Executor): Promise<AlertRow[]> {
      if (caseIds.length === 0) return [];
      return tx
        .select()
        .from(alerts)
        .where(
          and(
            inArray(alerts.caseId, caseIds),
            eq(alerts.status, 'triggered'),
            ne(alerts.reason, exceptReason),
          ),
        )
        .orderBy(asc(alerts.id))
        .for('update');
    },
    /** How many members of each group still page (triggered). */
    async pagingMembers(groupIds: string[], tx: Executor = db): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (groupIds.length === 0) return out;
      const rows = await tx
        .select({ groupId: alerts.groupId, n: sql<number>`count(*)::int` })
        .from(alerts)
        .where(and(inArray(alerts.groupId, groupIds), eq(alerts.status, 'triggered')))
        .groupBy(alerts.groupId);
      for (const r of rows) if (r.groupId) out.set(r.groupId, Number(r.n));
      return out;
    },
    /**
     * Where each arrest is held, and the event its case is attached to (the earliest attached), for
     * grouping arrest clocks per station. Arrests of cases on no event are left out.
     */
    async stationsOf(
      arrestIds: string[],
      tx: Executor = db,
    ): Promise<
      Map<string, { station: string; eventId: string; eventReference: string; county: string | null }>
    > {
      const out = new Map<
        string,
        { station: string; eventId: string; eventReference: string; county: string | null }
      >();
      if (arrestIds.length === 0) return out;
      const rows = await tx
        .select({
          arrestId: arrests.id,
          station: arrests.policeStation,
          eventId: events.id,
          eventReference: events.reference,
          county: events.county,
        })
        .from(arrests)
        .innerJoin(eventCases, eq(eventCases.caseId, arrests.caseId))
        .innerJoin(events, eq(events.id, eventCases.eventId))
        .where(inArray(arrests.id, [...new Set(arrestIds)]))
        .orderBy(asc(eventCases.attachedAt));
      for (const r of rows) if (!out.has(r.arrestId)) out.set(r.arrestId, r);
      return out;
    },
    /** The event each case is attached to (the earliest attached), for cases on one. */
    async eventsOfCases(
      caseIds: string[],
      tx: Executor = db,
    ): Promise<Map<string, { eventId: string; eventReference: string; county: string | null }>> {
      const out = new Map<string, { eventId: string; eventReference: string; county: string | null }>();
      if (caseIds.length === 0) return out;
      const rows = await tx
        .select({
          caseId: eventCases.caseId,
          eventId: events.id,
          eventReference: events.reference,
          county: events.county,
        })
        .from(eventCases)
        .innerJoin(events, eq(events.id, eventCases.eventId))
        .where(inArray(eventCases.caseId, [...new Set(caseIds)]))
        .orderBy(asc(eventCases.attachedAt));
      for (const r of rows) if (!out.has(r.caseId)) out.set(r.caseId, r);
      return out;
    },
  };
}
