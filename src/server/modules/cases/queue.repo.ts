import { and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, type CaseRow } from '../../db/schema/index.js';

/**
 * The queue's queries (one filter for the page, its counts and "select all", so they always agree),
 * part of the cases repository (`createCasesRepo` spreads them in).
 */
export type QueueRow = CaseRow & {
  nextDueAt: Date | null;
  clockBreached: boolean;
  duplicateSuggested: boolean;
};

export interface QueueFilter {
  statuses: readonly string[];
  priority?: string | undefined;
  county?: string | undefined;
  violationType?: string | undefined;
  assigneeId?: string | undefined;
  /** Limit to cases where this user is on the team. */
  memberId?: string | undefined;
  /** Hide restricted cases unless `viewerId` is on the team. */
  viewerId?: string | undefined;
  /** Only cases `viewerId` sees in full (normal ones, or on the team): for filters on hidden fields. */
  fullOnly?: boolean | undefined;
  ward?: string | undefined;
  tag?: string | undefined;
  eventId?: string | undefined;
  /** Free-text search, already split by the caller into what it may match (see QueueSearch). */
  search?: QueueSearch | undefined;
  limit: number;
  offset?: number | undefined;
}

/** What a search box entry may match: any one of these (OR). */
export interface QueueSearch {
  reference?: string | undefined;
  phoneBidx?: string | undefined;
  /** County, sub-county or ward (case-insensitive substring), a tag, or an event's reference or title. */
  text?: string | undefined;
}

/** `%` and `_` in a user's search are literal characters. */
function likeArg(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

const effectivePriority = sql`coalesce(${cases.priority}, case when ${cases.inDangerNow} then 'P1' else 'P3' end)`;

/** The WHERE of the queue (its lines, its counts and "select all" use the same one). */
function queueConds(f: QueueFilter): SQL[] {
  const conds: SQL[] = [inArray(cases.status, [...f.statuses])];
  if (f.priority) conds.push(sql`${effectivePriority} = ${f.priority}`);
  if (f.county) conds.push(eq(cases.county, f.county));
  if (f.ward) conds.push(eq(cases.ward, f.ward));
  if (f.violationType) conds.push(sql`${f.violationType} = any(${cases.violationTypes})`);
  if (f.assigneeId) conds.push(eq(cases.leadUserId, f.assigneeId));
  // Correlated subqueries use explicit aliases: drizzle leaves single-table column names unqualified.
  if (f.tag) {
    conds.push(
      sql`exists (select 1 from case_tags ct where ct.case_id = "cases"."id" and ct.tag = ${f.tag})`,
    );
  }
  if (f.eventId) {
    conds.push(
      sql`exists (select 1 from event_cases ec where ec.case_id = "cases"."id" and ec.event_id = ${f.eventId})`,
    );
  }
  if (f.search) {
    const any: SQL[] = [];
    const { reference, phoneBidx, text } = f.search;
    if (reference) any.push(ilike(cases.reference, likeArg(reference)));
    if (phoneBidx) any.push(eq(cases.reporterPhoneBidx, phoneBidx));
    if (text) {
      const like = likeArg(text);
      any.push(
        ilike(cases.county, like),
        ilike(cases.subCounty, like),
        ilike(cases.ward, like),
        sql`exists (select 1 from case_tags st where st.case_id = "cases"."id" and st.tag = ${text.toLowerCase()})`,
        sql`exists (select 1 from event_cases se join events ev on ev.id = se.event_id
          where se.case_id = "cases"."id" and (ev.reference ilike ${like} or ev.title ilike ${like}))`,
      );
    }
    conds.push(any.length ? or(...any)! : sql`false`);
  }
  const member = (uid: string) =>
    sql`exists (select 1 from case_members cm where cm.case_id = "cases"."id" and cm.user_id = ${uid})`;
  if (f.memberId) conds.push(member(f.memberId));
  if (f.viewerId) conds.push(or(ne(cases.sensitivity, 'restricted'), member(f.viewerId))!);
  if (f.viewerId && f.fullOnly) conds.push(or(eq(cases.sensitivity, 'normal'), member(f.viewerId))!);
  return conds;
}

export function createQueueQueries(db: Executor) {
  return {
    /**
     * Open cases by effective priority (an unassessed report of someone in danger now counts as P1),
     * breached ones first within a priority, then by the next clock to run out, then newest first. Each line carries that clock and whether
     * any clock was breached.
     */
    async queue(f: QueueFilter, tx: Executor = db): Promise<QueueRow[]> {
      const nextDueAt = sql<Date | null>`(select min(cc.due_at) from case_clocks cc
        where cc.case_id = "cases"."id" and cc.met_at is null and cc.fired_at is null)`;
      const breached = sql<boolean>`exists (select 1 from case_clocks cb
        where cb.case_id = "cases"."id" and cb.breached and cb.met_at is null)`;
      // A likely duplicate (the case page's suggestion, its strongest reason): another report from the
      // same phone within a day, neither set aside as a duplicate already.
      const dup = sql<boolean>`("cases"."status" <> 'duplicate' and "cases"."reporter_phone_bidx" is not null
        and exists (select 1 from cases od where od.id <> "cases"."id" and od.status <> 'duplicate'
          and od.reporter_phone_bidx = "cases"."reporter_phone_bidx"
          and od.received_at between "cases"."received_at" - interval '1 day' and "cases"."received_at" + interval '1 day'))`;
      const rows = await tx
        .select({ c: cases, nextDueAt, breached, dup })
        .from(cases)
        .where(and(...queueConds(f)))
        .orderBy(
          effectivePriority,
          sql`${breached} desc`,
          sql`${nextDueAt} asc nulls last`,
          desc(cases.receivedAt),
          // Same instant (a burst, a test clock): the later reference first, and the order is stable.
          desc(cases.reference),
        )
        .limit(f.limit)
        .offset(f.offset ?? 0);
      return rows.map((r) => ({
        ...r.c,
        nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null,
        clockBreached: Boolean(r.breached),
        duplicateSuggested: Boolean(r.dup),
      }));
    },
    /**
     * How many cases match the filter (nothing hidden: the queue says "50 of 1,234"), and how many per
     * status and per effective priority when that one filter is lifted (the counts beside each filter).
     */
    async queueCounts(f: QueueFilter, allStatuses: readonly string[], tx: Executor = db) {
      const [total] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(...queueConds(f)));
      const byStatus = await tx
        .select({ k: cases.status, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(...queueConds({ ...f, statuses: allStatuses })))
        .groupBy(cases.status);
      const byPriority = await tx
        .select({ k: sql<string>`${effectivePriority}`, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(...queueConds({ ...f, priority: undefined })))
        .groupBy(effectivePriority);
      const map = (rows: { k: string; n: number }[]) =>
        Object.fromEntries(rows.map((r) => [r.k, Number(r.n)])) as Record<string, number>;
      return { total: Number(total?.n ?? 0), byStatus: map(byStatus), byPriority: map(byPriority) };
    },
    /** The ids of every case matching the filter, in queue order, at most `f.limit` ("select all"). */
    async queueIds(f: QueueFilter, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(...queueConds(f)))
        .orderBy(effectivePriority, desc(cases.receivedAt), desc(cases.reference))
        .limit(f.limit);
      return rows.map((r) => r.id);
    },
  };
}
