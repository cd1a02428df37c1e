import { type DashboardQuery, type DashboardSummary } from '../../../shared/contracts/dashboards.js';
import { rolesAllow } from '../../../shared/permissions.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../security/policy.js';
import type { CaseFilter, DashboardsRepo } from './dashboards.repo.js';
import { feedbackOf } from './figures.js';

/** Without a period: the last 90 days up to today (East Africa Time). */
export const DEFAULT_DAYS = 90;
const DAY = 86_400_000;
const EAT_OFFSET = 3 * 3_600_000;

/** `YYYY-MM-DD` of an instant in East Africa Time (UTC+3, no daylight saving). */
function eatDay(d: Date): string {
  return new Date(d.getTime() + EAT_OFFSET).toISOString().slice(0, 10);
}
/** Midnight at the start of an EAT day, as a UTC instant. */
function eatMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - EAT_OFFSET);
}

/** The filters as the repo wants them: whole EAT days, `to` inclusive (so [from, to + 1 day)). */
export function periodOf(q: DashboardQuery, now: Date): { filter: CaseFilter; from: string; to: string } {
  const to = q.to ?? eatDay(now);
  const from = q.from ?? eatDay(new Date(eatMidnight(to).getTime() - (DEFAULT_DAYS - 1) * DAY));
  return {
    from,
    to,
    filter: {
      from: eatMidnight(from),
      to: new Date(eatMidnight(to).getTime() + DAY),
      ...(q.county ? { county: q.county } : {}),
      ...(q.violationType ? { violationType: q.violationType } : {}),
      ...(q.eventId ? { eventId: q.eventId } : {}),
    },
  };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['table', 'group', 'metric', 'value'] as const;

/**
 * The summary's figures as one long CSV (`table, group, metric, value`): every number in the JSON, one
 * per line, so a spreadsheet pivots it and a test can compare both. Groups join their keys with " / ".
 */
export function summaryCsv(s: DashboardSummary): string {
  const rows: (string | number | null)[][] = [
    ['period', '', 'from', s.period.from],
    ['period', '', 'to', s.period.to],
    ['cases', '', 'total', s.totalCases],
  ];
  for (const t of s.timings) {
    const g = `${t.month} / ${t.priority} / ${t.measure}`;
    rows.push(['timings', g, 'count', t.count]);
    rows.push(['timings', g, 'median_minutes', t.medianMinutes]);
    rows.push(['timings', g, 'p90_minutes', t.p90Minutes]);
  }
  for (const b of s.slaBreaches) {
    rows.push(['sla', b.kind, 'total', b.total]);
    rows.push(['sla', b.kind, 'breached', b.breached]);
  }
  for (const o of s.openByPriority) rows.push(['open', o.priority, 'count', o.count]);
  for (const i of s.institutional) {
    const g = `${i.agency} / ${i.station}`;
    for (const m of ['total', 'recorded', 'refused', 'ignored', 'hostile', 'other', 'obNumbers'] as const)
      rows.push(['institutional', g, m, i[m]]);
  }
  for (const i of s.impacts) rows.push(['impacts', `${i.scope} / ${i.code}`, 'count', i.count]);
  for (const [m, v] of Object.entries(s.feedback)) rows.push(['feedback', '', m, v]);
  for (const c of s.byCounty) rows.push(['counties', c.county, 'count', c.count]);
  for (const c of s.openClocks) {
    rows.push(['clocks', c.kind, 'running', c.running]);
    rows.push(['clocks', c.kind, 'overdue', c.overdue]);
  }
  for (const r of s.referrals)
    for (const m of ['sent', 'accepted', 'acceptedInTime', 'declined', 'completed'] as const)
      rows.push(['referrals', r.need, m, r[m]]);
  for (const x of s.funds)
    for (const m of [
      'requested',
      'requestedCents',
      'paid',
      'paidCents',
      'medianMinutesToPay',
      'p90MinutesToPay',
    ] as const)
      rows.push(['funds', x.purpose, m, x[m]]);
  if (s.responderLoad) for (const [m, v] of Object.entries(s.responderLoad)) rows.push(['load', '', m, v]);
  if (s.wellbeing) for (const [m, v] of Object.entries(s.wellbeing)) rows.push(['wellbeing', '', m, v]);
  return [CSV_HEADER.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}

export function createDashboardsService(deps: { repo: DashboardsRepo; clock: Clock }) {
  const { repo, clock } = deps;

  /** The figures for the filters; wellbeing only for roles that supervise responders. */
  async function summary(actor: Actor, q: DashboardQuery): Promise<DashboardSummary> {
    const { filter, from, to } = periodOf(q, clock.now());
    const [figures, openByPriority, openClocks, funds] = await Promise.all([
      repo.figures(filter),
      repo.openByPriority(filter),
      repo.openClocks(filter, clock.now()),
      repo.funds(filter),
    ]);
    const result: DashboardSummary = {
      period: { from, to },
      totalCases: figures.totalCases,
      timings: figures.timings,
      slaBreaches: figures.slaBreaches,
      openByPriority,
      institutional: figures.institutional,
      impacts: figures.impacts,
      feedback: feedbackOf(figures.feedback),
      byCounty: figures.byCounty,
      openClocks,
      referrals: figures.referrals,
      funds,
    };
    if (rolesAllow(actor.roles, 'network:wellbeing')) {
      result.wellbeing = await repo.wellbeing(filter.from, filter.to);
      result.responderLoad = await repo.responderLoad(filter.from, filter.to);
    }
    return result;
  }

  return {
    summary,
    async csv(actor: Actor, q: DashboardQuery): Promise<string> {
      return summaryCsv(await summary(actor, q));
    },
  };
}
export type DashboardsService = ReturnType<typeof createDashboardsService>;
