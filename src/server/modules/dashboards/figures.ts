/**
 * The summary figures that add up across months, and how they add up: counts by group are summed, the
 * feedback's mean is taken from its sum only at the end. Timings are per month already (a month's median
 * is final). The live queries return these shapes and the monthly pre-aggregate stores them, so a period
 * is the sum of its months whichever way each month was computed.
 */
import type { TimingRow } from './timings.repo.js';

export interface FeedbackTotals {
  responses: number;
  satisfactionSum: number;
  satisfied: number;
  confidentialityRespected: number;
  decidedNextSteps: number;
}

export interface MonthFigures {
  totalCases: number;
  timings: TimingRow[];
  byCounty: { county: string; count: number }[];
  slaBreaches: { kind: string; total: number; breached: number }[];
  institutional: {
    agency: string;
    station: string;
    total: number;
    recorded: number;
    refused: number;
    ignored: number;
    hostile: number;
    other: number;
    obNumbers: number;
  }[];
  impacts: { scope: string; code: string; count: number }[];
  feedback: FeedbackTotals;
  referrals: {
    need: string;
    sent: number;
    accepted: number;
    acceptedInTime: number;
    declined: number;
    completed: number;
  }[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows summed by their key fields (the string ones), sorted by those keys in code-point order — the
 * live queries' rows go through here too, so both paths order alike whatever the database's collation.
 */
export function sumBy<T extends object>(rows: T[], keys: (keyof T)[]): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = JSON.stringify(keys.map((x) => r[x]));
    const have = out.get(k) as Record<string, unknown> | undefined;
    if (!have) {
      out.set(k, { ...r });
      continue;
    }
    for (const [f, v] of Object.entries(r))
      if (!keys.includes(f as keyof T)) have[f] = (have[f] as number) + (v as number);
  }
  return [...out.values()].sort((a, b) => {
    for (const x of keys) {
      const c = cmp(String(a[x]), String(b[x]));
      if (c) return c;
    }
    return 0;
  });
}

/** Several months' (or parts of months') figures as one period's. */
export function mergeFigures(parts: MonthFigures[]): MonthFigures {
  const all = <K extends keyof MonthFigures>(k: K) => parts.flatMap((p) => p[k] as unknown[]);
  const fb = (k: keyof FeedbackTotals) => parts.reduce((s, p) => s + p.feedback[k], 0);
  return {
    totalCases: parts.reduce((s, p) => s + p.totalCases, 0),
    timings: all('timings') as TimingRow[],
    byCounty: sumBy(all('byCounty') as MonthFigures['byCounty'], ['county']),
    slaBreaches: sumBy(all('slaBreaches') as MonthFigures['slaBreaches'], ['kind']),
    institutional: sumBy(all('institutional') as MonthFigures['institutional'], ['agency', 'station']),
    impacts: sumBy(all('impacts') as MonthFigures['impacts'], ['scope', 'code']),
    feedback: {
      responses: fb('responses'),
      satisfactionSum: fb('satisfactionSum'),
      satisfied: fb('satisfied'),
      confidentialityRespected: fb('confidentialityRespected'),
      decidedNextSteps: fb('decidedNextSteps'),
    },
    referrals: sumBy(all('referrals') as MonthFigures['referrals'], ['need']),
  };
}

/** The summary's feedback block: the mean from the sum, to two decimals. */
export function feedbackOf(t: FeedbackTotals) {
  return {
    responses: t.responses,
    averageSatisfaction: t.responses ? Math.round((t.satisfactionSum / t.responses) * 100) / 100 : null,
    satisfied: t.satisfied,
    confidentialityRespected: t.confidentialityRespected,
    decidedNextSteps: t.decidedNextSteps,
  };
}
