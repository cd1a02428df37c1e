import { and, desc, eq, gte, ilike, inArray, lte, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  arrests,
  casePersons,
  cases,
  eventCases,
  events,
  type CaseRow,
  type EventRow,
} from '../../db/schema/index.js';

export type NewEvent = typeof events.$inferInsert;

/** `%` and `_` in a user's search are literal characters. */
function likeArg(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

const caseCount = sql<number>`(select count(*)::int from event_cases ecc where ecc.event_id = "events"."id")`;

/** Every query of the events module (each takes an optional transaction). */
export function createEventsRepo(db: Executor) {
  return {
    async insert(row: NewEvent, tx: Executor = db): Promise<EventRow> {
      const [r] = await tx.insert(events).values(row).returning();
      return r!;
    },
    async findById(id: string, tx: Executor = db): Promise<EventRow | undefined> {
      const [r] = await tx.select().from(events).where(eq(events.id, id));
      return r;
    },
    async list(f: { status?: string | undefined; q?: string | undefined; limit: number }, tx: Executor = db) {
      const conds: SQL[] = [];
      if (f.status) conds.push(eq(events.status, f.status));
      if (f.q) {
        const like = likeArg(f.q);
        conds.push(
          or(
            ilike(events.reference, like),
            ilike(events.title, like),
            ilike(events.county, like),
            ilike(events.ward, like),
          )!,
        );
      }
      const rows = await tx
        .select({ e: events, caseCount })
        .from(events)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(events.createdAt))
        .limit(f.limit);
      return rows.map((r) => ({ ...r.e, caseCount: Number(r.caseCount) }));
    },
    async caseCount(eventId: string, tx: Executor = db): Promise<number> {
      const [r] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(eventCases)
        .where(eq(eventCases.eventId, eventId));
      return Number(r?.n ?? 0);
    },
    /** Attach one case; false when it already was. */
    async attach(eventId: string, caseId: string, userId: string, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .insert(eventCases)
        .values({ eventId, caseId, attachedBy: userId })
        .onConflictDoNothing()
        .returning({ caseId: eventCases.caseId });
      return r.length > 0;
    },
    /** The event's cases, newest first, with when each was attached. */
    async casesOf(eventId: string, tx: Executor = db) {
      return tx
        .select({ c: cases, attachedAt: eventCases.attachedAt })
        .from(eventCases)
        .innerJoin(cases, eq(cases.id, eventCases.caseId))
        .where(eq(eventCases.eventId, eventId))
        .orderBy(desc(cases.receivedAt), desc(cases.reference));
    },
    /** The events a case belongs to. */
    async eventsOfCase(caseId: string, tx: Executor = db): Promise<EventRow[]> {
      const rows = await tx
        .select({ e: events })
        .from(eventCases)
        .innerJoin(events, eq(events.id, eventCases.eventId))
        .where(eq(eventCases.caseId, caseId))
        .orderBy(desc(events.createdAt));
      return rows.map((r) => r.e);
    },
    /** Distinct victims over the event's cases. */
    async victimCount(eventId: string, tx: Executor = db): Promise<number> {
      const [r] = await tx
        .select({ n: sql<number>`count(distinct ${casePersons.personId})::int` })
        .from(casePersons)
        .innerJoin(eventCases, eq(eventCases.caseId, casePersons.caseId))
        .where(and(eq(eventCases.eventId, eventId), eq(casePersons.role, 'victim')));
      return Number(r?.n ?? 0);
    },
    /** Arrests recorded on the event's cases. */
    async arrestsOf(eventId: string, tx: Executor = db) {
      return tx
        .select({ a: arrests, caseReference: cases.reference })
        .from(arrests)
        .innerJoin(eventCases, eq(eventCases.caseId, arrests.caseId))
        .innerJoin(cases, eq(cases.id, arrests.caseId))
        .where(eq(eventCases.eventId, eventId))
        .orderBy(arrests.policeStation, arrests.arrestedAt);
    },
    /**
     * Cases that may belong to the event and are not attached yet: in its county (or ward), received in
     * the window. The caller scores them (words are compared after decryption, on this bounded set).
     */
    async suggestionCandidates(
      e: EventRow,
      window: { from: Date; to: Date },
      limit: number,
      tx: Executor = db,
    ): Promise<CaseRow[]> {
      const place: SQL[] = [];
      if (e.ward) place.push(eq(cases.ward, e.ward));
      if (e.county) place.push(eq(cases.county, e.county));
      if (place.length === 0) return [];
      return tx
        .select()
        .from(cases)
        .where(
          and(
            or(...place),
            gte(cases.receivedAt, window.from),
            lte(cases.receivedAt, window.to),
            notExists(
              tx
                .select({ x: sql`1` })
                .from(eventCases)
                .where(and(eq(eventCases.eventId, e.id), eq(eventCases.caseId, cases.id))),
            ),
          ),
        )
        .orderBy(desc(cases.receivedAt))
        .limit(limit);
    },
    async casesByIds(ids: readonly string[], tx: Executor = db): Promise<CaseRow[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(cases)
        .where(inArray(cases.id, [...ids]));
    },
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
