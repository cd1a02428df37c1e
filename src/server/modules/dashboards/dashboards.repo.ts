import { and, count, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  caseClocks,
  caseImpacts,
  cases,
  institutionalResponses,
  victimFeedback,
  wellbeingChecks,
} from '../../db/schema/index.js';
import { openStatuses } from '../../../shared/workflow.js';
import { createFlowQueries } from './dashboards.flow.repo.js';
import { readRollup } from './dashboards.rollup.repo.js';
import { mergeFigures, type FeedbackTotals, type MonthFigures } from './figures.js';
import { caseWhere, n, type CaseFilter } from './filter.repo.js';
import { liveTimings, sortTimings } from './timings.repo.js';

export type { CaseFilter } from './filter.repo.js';

/**
 * Aggregates only: every query here groups and counts in SQL; no case row, no sealed column, nothing
 * that names anyone leaves this file.
 */
export function createDashboardsRepo(db: Executor) {
  return {
    // Open clocks, referrals, funds and responder load (dashboards.flow.repo.ts).
    ...createFlowQueries(db),

    async totalCases(f: CaseFilter): Promise<number> {
      const [row] = await db.select({ c: count() }).from(cases).where(caseWhere(f));
      return n(row?.c);
    },

    /**
     * The figures that add up over months (figures.ts). Without a county, violation type or event,
     * closed months come from the monthly pre-aggregate (dashboards.rollup.repo.ts) and only the rest of
     * the period is computed live; the figures are the same either way (dashboards.rollup.test.ts).
     */
    async figures(f: CaseFilter): Promise<MonthFigures> {
      if (f.county || f.violationType || f.eventId) return mergeFigures([await this.liveFigures(f)]);
      const { months, live } = await readRollup(db, f);
      const parts = await Promise.all(live.map((p) => this.liveFigures({ from: p.from, to: p.to })));
      const merged = mergeFigures([...months, ...parts]);
      return { ...merged, timings: sortTimings(merged.timings) };
    },

    /**
     * The same figures, computed live over the filter's cases (what the pre-aggregate stores per month).
     * In parallel on the pool; one after another on a transaction (`serial`), which has one connection.
     */
    async liveFigures(f: CaseFilter, opts: { serial?: boolean } = {}): Promise<MonthFigures> {
      const tasks = [
        () => this.totalCases(f),
        () => liveTimings(db, f),
        () => this.byCounty(f),
        () => this.slaBreaches(f),
        () => this.institutional(f),
        () => this.impacts(f),
        () => this.feedbackTotals(f),
        () => this.referrals(f),
      ] as const;
      const results: unknown[] = [];
      if (opts.serial) for (const task of tasks) results.push(await task());
      else results.push(...(await Promise.all(tasks.map((task) => task()))));
      const [totalCases, timings, byCounty, slaBreaches, institutional, impacts, feedback, referrals] =
        results as [
          number,
          MonthFigures['timings'],
          MonthFigures['byCounty'],
          MonthFigures['slaBreaches'],
          MonthFigures['institutional'],
          MonthFigures['impacts'],
          MonthFigures['feedback'],
          MonthFigures['referrals'],
        ];
      return { totalCases, timings, byCounty, slaBreaches, institutional, impacts, feedback, referrals };
    },

    async slaBreaches(f: CaseFilter) {
      const rows = await db
        .select({
          kind: caseClocks.kind,
          total: count(),
          breached: sql<number>`count(*) filter (where ${caseClocks.breached})`,
        })
        .from(caseClocks)
        .innerJoin(cases, eq(cases.id, caseClocks.caseId))
        // A clock is never created before its case is received: the period bounds the clocks too.
        .where(and(caseWhere(f), gte(caseClocks.createdAt, f.from)))
        .groupBy(caseClocks.kind)
        .orderBy(caseClocks.kind);
      return rows.map((r) => ({ kind: r.kind, total: n(r.total), breached: n(r.breached) }));
    },

    async openByPriority(f: CaseFilter) {
      const priority = sql<string>`coalesce(${cases.priority}, 'none')`;
      const rows = await db
        .select({ priority, count: count() })
        .from(cases)
        .where(and(caseWhere(f), inArray(cases.status, [...openStatuses])))
        .groupBy(priority)
        .orderBy(priority);
      return rows.map((r) => ({ priority: r.priority, count: n(r.count) }));
    },

    /** The failure report: how each agency and station answered, and how many OB numbers were obtained. */
    async institutional(f: CaseFilter) {
      const ir = institutionalResponses;
      const station = sql<string>`coalesce(${ir.station}, '')`;
      const when = (codes: string[]) => sql<number>`count(*) filter (where ${inArray(ir.response, codes)})`;
      const rows = await db
        .select({
          agency: ir.agency,
          station,
          total: count(),
          recorded: when(['recorded_with_ob']),
          refused: when(['refused']),
          ignored: when(['ignored']),
          hostile: when(['hostile']),
          other: when(['referred', 'complied']),
          obNumbers: sql<number>`count(*) filter (where coalesce(${ir.obNumber}, '') <> '')`,
        })
        .from(ir)
        .innerJoin(cases, eq(cases.id, ir.caseId))
        .where(caseWhere(f))
        .groupBy(ir.agency, station)
        .orderBy(ir.agency, station);
      return rows.map((r) => ({
        agency: r.agency,
        station: r.station,
        total: n(r.total),
        recorded: n(r.recorded),
        refused: n(r.refused),
        ignored: n(r.ignored),
        hostile: n(r.hostile),
        other: n(r.other),
        obNumbers: n(r.obNumbers),
      }));
    },

    async impacts(f: CaseFilter) {
      const rows = await db
        .select({ scope: caseImpacts.scope, code: caseImpacts.code, count: count() })
        .from(caseImpacts)
        .innerJoin(cases, eq(cases.id, caseImpacts.caseId))
        .where(caseWhere(f))
        .groupBy(caseImpacts.scope, caseImpacts.code)
        .orderBy(caseImpacts.scope, caseImpacts.code);
      return rows.map((r) => ({ scope: r.scope, code: r.code, count: n(r.count) }));
    },

    async feedbackTotals(f: CaseFilter): Promise<FeedbackTotals> {
      const v = victimFeedback;
      const [row] = await db
        .select({
          responses: count(),
          sum: sql<number>`coalesce(sum(${v.satisfaction}), 0)`,
          satisfied: sql<number>`count(*) filter (where ${v.satisfaction} >= 4)`,
          confidentiality: sql<number>`count(*) filter (where ${v.confidentialityRespected})`,
          decided: sql<number>`count(*) filter (where ${v.decidedNextSteps})`,
        })
        .from(v)
        .innerJoin(cases, eq(cases.id, v.caseId))
        .where(caseWhere(f));
      return {
        responses: n(row?.responses),
        satisfactionSum: n(row?.sum),
        satisfied: n(row?.satisfied),
        confidentialityRespected: n(row?.confidentiality),
        decidedNextSteps: n(row?.decided),
      };
    },

    async byCounty(f: CaseFilter) {
      const rows = await db
        .select({ county: cases.county, count: count() })
        .from(cases)
        .where(and(caseWhere(f), isNotNull(cases.county)))
        .groupBy(cases.county)
        .orderBy(cases.county);
      return rows.map((r) => ({ county: r.county!, count: n(r.count) }));
    },

    /** Responders' wellbeing answers in the period, in aggregate (no responder, no note). */
    async wellbeing(from: Date, to: Date) {
      const w = wellbeingChecks;
      const [row] = await db
        .select({
          checks: count(),
          responders: sql<number>`count(distinct ${w.responderId})`,
          average: sql<number | null>`avg(${w.score})`,
          low: sql<number>`count(*) filter (where ${w.score} <= 2)`,
        })
        .from(w)
        .where(and(gte(w.at, from), lt(w.at, to)));
      const checks = n(row?.checks);
      return {
        checks,
        responders: n(row?.responders),
        averageScore: checks ? Math.round(Number(row!.average) * 100) / 100 : null,
        lowScores: n(row?.low),
      };
    },
  };
}
export type DashboardsRepo = ReturnType<typeof createDashboardsRepo>;
