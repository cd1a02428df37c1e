import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseImpacts, cases, institutionalResponses } from '../../db/schema/index.js';
import { caseWhere, eat, type CaseFilter } from '../dashboards/filter.repo.js';

/** What an anonymised case summary is made of: codes, a county and a month — no text anyone typed. */
export interface CaseSummaryRow {
  month: string;
  county: string | null;
  violationTypes: string[];
  priority: string | null;
  status: string;
  impacts: string[];
  responses: { agency: string; response: string }[];
}

/**
 * The period report's own query: a few cases to summarise. Only normal-sensitivity cases (sensitive and
 * restricted ones never appear in a report), highest priority first, then the most recent; only coded
 * fields leave this file (no reference, name, phone, place, station or narrative).
 */
export function createReportsRepo(db: Executor) {
  return {
    async caseSummaries(f: CaseFilter, limit: number): Promise<CaseSummaryRow[]> {
      const month = sql<string>`to_char(date_trunc('month', ${cases.receivedAt} + ${eat}), 'YYYY-MM')`;
      const rows = await db
        .select({
          month,
          county: cases.county,
          violationTypes: cases.violationTypes,
          priority: cases.priority,
          status: cases.status,
          impacts: sql<string[]>`array(select ${caseImpacts.code} from ${caseImpacts}
            where ${caseImpacts.caseId} = ${cases.id} order by ${caseImpacts.code})`,
          responses: sql<
            string[]
          >`array(select ${institutionalResponses.agency} || ':' || ${institutionalResponses.response}
            from ${institutionalResponses} where ${institutionalResponses.caseId} = ${cases.id}
            order by ${institutionalResponses.at})`,
        })
        .from(cases)
        .where(and(caseWhere(f), eq(cases.sensitivity, 'normal')))
        .orderBy(sql`coalesce(${cases.priority}, 'P9')`, desc(cases.receivedAt))
        .limit(limit);
      return rows.map((r) => ({
        month: r.month,
        county: r.county,
        violationTypes: r.violationTypes ?? [],
        priority: r.priority,
        status: r.status,
        impacts: r.impacts ?? [],
        responses: (r.responses ?? []).map((x) => {
          const [agency = '', response = ''] = x.split(':');
          return { agency, response };
        }),
      }));
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
