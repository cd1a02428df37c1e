import { and, count, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseClocks, cases, fundRequests, missions, referrals } from '../../db/schema/index.js';
import { openStatuses } from '../../../shared/workflow.js';
import { caseWhere, minutes, n, type CaseFilter } from './filter.repo.js';

/** A referral answered (accepted) within this many hours counts as "accepted in time". */
export const REFERRAL_ANSWER_HOURS = 24;

/**
 * The dashboards' flow figures: clocks still running on open cases, referrals, emergency funds and the
 * responders' load. Part of the dashboards repository (`createDashboardsRepo` spreads them in); aggregates
 * only, like the rest of it.
 */
export function createFlowQueries(db: Executor) {
  return {
    /**
     * Clocks still running on the filter's open cases, by kind: how many, and how many are overdue. The
     * open status is counted, not filtered on: so both sides are read from their period indexes (a clock
     * is never created before its case is received) and hashed, whatever the planner guesses of how many
     * open cases the period holds.
     */
    async openClocks(f: CaseFilter, now: Date) {
      const open = inArray(cases.status, [...openStatuses]);
      const running = sql<number>`count(*) filter (where ${open})`;
      const rows = await db
        .select({
          kind: caseClocks.kind,
          running,
          overdue: sql<number>`count(*) filter (where ${open} and (${caseClocks.breached} or ${caseClocks.dueAt} < ${now}))`,
        })
        .from(caseClocks)
        .innerJoin(cases, eq(cases.id, caseClocks.caseId))
        .where(and(caseWhere(f), gte(caseClocks.createdAt, f.from), isNull(caseClocks.metAt)))
        .groupBy(caseClocks.kind)
        .having(sql`${running} > 0`)
        .orderBy(caseClocks.kind);
      return rows.map((r) => ({ kind: r.kind, running: n(r.running), overdue: n(r.overdue) }));
    },

    /** Referrals made for the filter's cases, by need: accepted, accepted in time, declined, completed. */
    async referrals(f: CaseFilter) {
      const r = referrals;
      const accepted = sql`${r.status} in ('accepted', 'completed')`;
      const rows = await db
        .select({
          need: r.need,
          sent: count(),
          accepted: sql<number>`count(*) filter (where ${accepted})`,
          acceptedInTime: sql<number>`count(*) filter (where ${accepted} and ${r.respondedAt} <= ${r.createdAt} + make_interval(hours => ${REFERRAL_ANSWER_HOURS}))`,
          declined: sql<number>`count(*) filter (where ${r.status} = 'declined')`,
          completed: sql<number>`count(*) filter (where ${r.status} = 'completed')`,
        })
        .from(r)
        .innerJoin(cases, eq(cases.id, r.caseId))
        .where(caseWhere(f))
        .groupBy(r.need)
        .orderBy(r.need);
      return rows.map((x) => ({
        need: x.need,
        sent: n(x.sent),
        accepted: n(x.accepted),
        acceptedInTime: n(x.acceptedInTime),
        declined: n(x.declined),
        completed: n(x.completed),
      }));
    },

    /** Emergency funds for the filter's cases, by purpose: requested, paid (KES cents) and time to pay. */
    async funds(f: CaseFilter) {
      const fr = fundRequests;
      const mins = sql`extract(epoch from (${fr.paidAt} - ${fr.requestedAt})) / 60.0`;
      const paid = sql`${fr.status} = 'paid'`;
      const rows = await db
        .select({
          purpose: fr.purpose,
          requested: count(),
          requestedCents: sql<number>`coalesce(sum(${fr.amountCents}), 0)`,
          paid: sql<number>`count(*) filter (where ${paid})`,
          paidCents: sql<number>`coalesce(sum(${fr.amountCents}) filter (where ${paid}), 0)`,
          median: sql<
            number | null
          >`percentile_cont(0.5) within group (order by ${mins}) filter (where ${paid})`,
          p90: sql<
            number | null
          >`percentile_cont(0.9) within group (order by ${mins}) filter (where ${paid})`,
        })
        .from(fr)
        .innerJoin(cases, eq(cases.id, fr.caseId))
        .where(caseWhere(f))
        .groupBy(fr.purpose)
        .orderBy(fr.purpose);
      return rows.map((x) => ({
        purpose: x.purpose,
        requested: n(x.requested),
        requestedCents: n(x.requestedCents),
        paid: n(x.paid),
        paidCents: n(x.paidCents),
        medianMinutesToPay: x.median === null ? null : minutes(x.median),
        p90MinutesToPay: x.p90 === null ? null : minutes(x.p90),
      }));
    },

    /** Missions started in the period, in aggregate: no responder is named or singled out. */
    async responderLoad(from: Date, to: Date) {
      const m = missions;
      const [row] = await db
        .select({
          missions: count(),
          responders: sql<number>`count(distinct ${m.responderId})`,
          active: sql<number>`count(*) filter (where ${m.status} = 'active')`,
        })
        .from(m)
        .where(and(gte(m.startedAt, from), lt(m.startedAt, to)));
      const total = n(row?.missions);
      const responders = n(row?.responders);
      return {
        missions: total,
        responders,
        missionsPerResponder: responders ? Math.round((total / responders) * 10) / 10 : null,
        stillActive: n(row?.active),
      };
    },
  };
}
