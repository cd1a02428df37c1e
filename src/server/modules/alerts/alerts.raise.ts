import { randomUUID } from 'node:crypto';
import { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import type { EscalationRequest, NewCaseEscalation, PreparedEscalations } from '../cases/escalation.js';
import type { PolicySnapshot } from '../../../shared/contracts/alerts.js';
import { createGroups } from './alerts.groups.js';
import { newAlert, raisedEntry, requestedEvent, type NewAlert } from './alerts.rows.js';
import { groupKeyOf, priorityFor, publisher, type AlertDetail } from './alerts.model.js';
import type { AlertScheduler, AlertsDeps, StepJob } from './alerts.types.js';
import { leadFirst, policyNameFor } from './defaults.js';
import { areaKeyOf, GROUP_WINDOW_MINUTES, GROUPED_REASONS, type AreaGroup } from './alerts.text.js';

/** The first step job of each new alert. */
const firstSteps = (rows: (NewAlert & { id: string })[], now: Date): StepJob[] =>
  rows.map((a) => ({ alertId: a.id, fence: 1, step: 0, round: 0, dueAt: now, priority: a.priority }));

async function queueAll(scheduler: AlertScheduler, steps: StepJob[]): Promise<void> {
  if (scheduler.steps) await scheduler.steps(steps);
  else for (const j of steps) scheduler.step(j.alertId, j.fence, j.step, j.round, j.dueAt, j.priority);
}

/**
 * Raising alerts (DESIGN §2.2): a trigger raises an alert, or joins the open one with the same group key
 * (one per case and reason); a new alert snapshots its escalation policy and queues its first step.
 */
export function createRaise(
  deps: Pick<
    AlertsDeps,
    'db' | 'repo' | 'oncall' | 'cases' | 'audit' | 'clock' | 'bus' | 'scheduler' | 'log' | 'routing'
  >,
) {
  const { db, repo, oncall, cases, audit, clock, bus, scheduler, log } = deps;
  /** The policy names of these reasons: the organisation's routing rule, else the built-in one. */
  async function policyNames(tx: Executor): Promise<(reason: string) => string> {
    const routing = deps.routing ? await deps.routing(tx) : {};
    return (reason) => routing[reason] ?? policyNameFor(reason);
  }
  const publish = publisher(bus, clock);
  const groups = createGroups(deps);

  /** Raise an alert, or join the open one for the same case and reason (grouping). */
  async function request(req: EscalationRequest, tx: Executor): Promise<void> {
    const now = clock.now();
    // The timeline keeps the request whether it raises an alert or joins one.
    await cases.addEvent(requestedEvent(req, now), tx);
    const groupKey = groupKeyOf(req);
    await repo.lockGroup(groupKey, tx);
    const open = await repo.openByGroup(groupKey, tx);
    if (open) {
      await repo.retrigger(open.id, now, tx);
      await publish(open.id, 'retriggered', tx);
      return;
    }
    const c = (await repo.caseSummaries([req.caseId], tx)).get(req.caseId);
    const snapshot = leadFirst(
      await oncall.snapshotFor((await policyNames(tx))(req.reason), tx),
      req.reason,
      c?.leadUserId,
    );
    const alert = await repo.insertAlert(newAlert(req, priorityFor(req, c), snapshot, now), tx);
    await audit.record(raisedEntry({ ...alert, policySnapshot: snapshot }, alert.id), tx);
    await publish(alert.id, 'created', tx);
    scheduler.step(alert.id, alert.fence, 0, 0, now, alert.priority);
  }

  /**
   * `request` for many at once (clock firings): the same rows, events, audit entries and live events,
   * in a handful of statements for the whole batch instead of about ten per request. Requests for a
   * group with an open alert join it; several requests for one new group raise one alert.
   */
  async function requestMany(reqs: EscalationRequest[], tx: Executor): Promise<void> {
    // Even one request goes this way: an arrest clock groups per station, a case on an event with it.
    if (reqs.length === 0) return;
    const now = clock.now();
    const at = now.toISOString();
    await cases.addEvents(
      reqs.map((req) => requestedEvent(req, now)),
      tx,
    );
    const keys = [...new Set(reqs.map(groupKeyOf))];
    await repo.lockGroups(keys, tx);
    const open = await repo.openByGroups(keys, tx);
    for (const a of open.values()) {
      for (const req of reqs) if (groupKeyOf(req) === a.groupKey) await repo.retrigger(a.id, now, tx);
      await publish(a.id, 'retriggered', tx);
    }
    const fresh = reqs.filter((req) => !open.has(groupKeyOf(req)));
    if (fresh.length === 0) return;
    const summaries = await repo.caseSummaries(
      fresh.map((r) => r.caseId),
      tx,
    );
    const snapshots = new Map<string, PolicySnapshot>();
    const rows = new Map<string, NewAlert & { id: string }>();
    const pairs: [EscalationRequest, NewAlert & { id: string }][] = [];
    const nameFor = await policyNames(tx);
    for (const req of fresh) {
      const known = rows.get(groupKeyOf(req));
      if (known) {
        known.triggerCount = (known.triggerCount ?? 1) + 1;
        continue;
      }
      const policyName = nameFor(req.reason);
      if (!snapshots.has(policyName)) snapshots.set(policyName, await oncall.snapshotFor(policyName, tx));
      const c = summaries.get(req.caseId);
      const snapshot = leadFirst(snapshots.get(policyName)!, req.reason, c?.leadUserId);
      const row = newAlert(req, priorityFor(req, c), snapshot, now);
      const withId = { id: randomUUID(), ...row };
      rows.set(groupKeyOf(req), withId);
      pairs.push([req, withId]);
    }
    // Groups first: their members point at them.
    const created = [...(await groups.clockGroups(pairs, now, tx)), ...rows.values()];
    const batch = new InsertBatch();
    repo.insertAlerts(created, batch);
    audit.appendInto(
      batch,
      created.map((a) => raisedEntry(a, a.id)),
    );
    bus.publishWith(
      batch,
      created.map((a) => ({ alertId: a.id, event: 'created' as const, at })),
    );
    await batch.write(tx);
    // Not awaited, as in `request`: on the embedded database the send waits for this transaction.
    const steps = firstSteps(
      created.filter((a) => (a.detail as AlertDetail).nextDueAt),
      now,
    );
    void queueAll(scheduler, steps).catch((err: Error) =>
      log.warn({ err: { message: err.message }, alerts: steps.length }, 'alert jobs not queued'),
    );
  }

  /**
   * Raise the alerts of cases the caller is creating (intake), a batch at a time: the same rows, timeline
   * entries, audit entries and live events as `request`, written with the cases in the caller's one
   * statement. There is no open alert to join and no concurrent trigger to wait for: nobody else knows
   * these cases yet. The policy is read now, as `request` reads it. `afterCommit` queues the first steps
   * once the cases and alerts are committed, so a step's job never finds its alert not yet visible.
   */
  async function prepareNew(reqs: NewCaseEscalation[]): Promise<PreparedEscalations> {
    const snapshots = new Map<string, PolicySnapshot>();
    const nameFor = await policyNames(db);
    for (const name of new Set(reqs.map((r) => nameFor(r.reason)))) {
      snapshots.set(name, await oncall.snapshotFor(name, db));
    }
    const now = clock.now();
    const rows: (NewAlert & { id: string })[] = reqs.map((req) => ({
      id: randomUUID(),
      ...newAlert(
        req,
        priorityFor(req, { priority: req.priority, inDangerNow: req.inDangerNow }),
        snapshots.get(nameFor(req.reason))!,
        now,
      ),
    }));
    const { groups, takenIn } = await surgeGroups(reqs, rows, now);
    const all = [...groups, ...rows];
    return {
      write(batch, recordAudit) {
        if (rows.length === 0) return;
        cases.addEventsTo(
          batch,
          reqs.map((req) => requestedEvent(req, now)),
        );
        // Groups first: their members point at them.
        repo.insertAlerts(all, batch);
        // A place's first report, paging alone until now, joins the group its second report made.
        repo.takeIntoGroups(takenIn, now, batch);
        for (const a of all) recordAudit(raisedEntry(a, a.id));
        for (const t of takenIn)
          recordAudit({
            actorLabel: 'system',
            action: 'alert.grouped',
            subjectType: 'alert',
            subjectId: t.id,
            meta: { groupId: t.groupId, via: 'area' },
          });
        const at = now.toISOString();
        bus.publishWith(
          batch,
          all.map((a) => ({ alertId: a.id, event: 'created' as const, at })),
        );
      },
      async afterCommit() {
        // Members page through their group: only alerts with a step armed get a job.
        await queueAll(
          scheduler,
          firstSteps(
            all.filter((a) => (a.detail as AlertDetail).nextDueAt),
            now,
          ),
        );
      },
    };
  }

  /**
   * Surge grouping (DESIGN §2.7): a new alert of a grouped reason joins the group paging for its place
   * (ward, else sub-county; opened within the window). A place's first report pages on its own and
   * remembers its place; its second within the window makes the group, which takes the first one in
   * (its armed step becomes a no-op). Members arm no step of their own. Returns the new group rows and
   * the earlier alerts taken in; `rows` are changed in place. Intake writes one batch at a time, so a
   * group is found or made by one writer.
   */
  async function surgeGroups(
    reqs: NewCaseEscalation[],
    rows: (NewAlert & { id: string })[],
    now: Date,
  ): Promise<{ groups: (NewAlert & { id: string })[]; takenIn: { id: string; groupId: string }[] }> {
    const placeOf = (r: NewCaseEscalation) => r.ward ?? r.subCounty ?? null;
    const keyOf = (r: NewCaseEscalation) => {
      const place = placeOf(r);
      return GROUPED_REASONS.includes(r.reason) && !r.restricted && r.county && place
        ? areaKeyOf(r.reason, r.county, place)
        : null;
    };
    const keyed = reqs.map(keyOf);
    const keys = [...new Set(keyed.filter((k): k is string => k !== null))];
    if (keys.length === 0) return { groups: [], takenIn: [] };
    const since = new Date(now.getTime() - GROUP_WINDOW_MINUTES * 60_000);
    const open = await repo.openAreaGroups(keys, since, db);
    const waiting = keys.filter((k) => !open.has(k));
    const solos = await repo.openAreaSolos(waiting, since, db);
    const inBatch = new Map<string, number>();
    for (const k of keyed) if (k) inBatch.set(k, (inBatch.get(k) ?? 0) + 1);

    const fresh = new Map<string, NewAlert & { id: string }>();
    for (const [i, req] of reqs.entries()) {
      const key = keyed[i];
      if (!key) continue;
      const row = rows[i]!;
      const earlier = solos.get(key) ?? [];
      let groupId = open.get(key)?.id;
      if (!groupId && earlier.length + inBatch.get(key)! < 2) {
        // The place's first report: it pages alone, and the next one finds it by its place.
        row.detail = { ...(row.detail as AlertDetail), areaKey: key } satisfies AlertDetail;
        continue;
      }
      if (!groupId) {
        let g = fresh.get(key);
        if (!g) {
          const area: AreaGroup = {
            kind: 'area',
            county: req.county!,
            ward: placeOf(req)!,
            windowMinutes: GROUP_WINDOW_MINUTES,
          };
          g = {
            ...row,
            id: randomUUID(),
            caseId: null,
            groupKey: key,
            priority: [row.priority, ...earlier.map((a) => a.priority)].sort()[0]!,
            detail: { nextDueAt: now.toISOString(), area } satisfies AlertDetail,
          };
          fresh.set(key, g);
        }
        // The group pages at its most urgent member's priority (P1 < P2 < P3).
        if (row.priority < g.priority) g.priority = row.priority;
        groupId = g.id;
      }
      row.groupId = groupId;
      row.detail = { nextDueAt: null } satisfies AlertDetail;
    }
    const takenIn = [...fresh.entries()].flatMap(([key, g]) =>
      (solos.get(key) ?? []).map((a) => ({ id: a.id, groupId: g.id })),
    );
    return { groups: [...fresh.values()], takenIn };
  }

  return { request, requestMany, prepareNew };
}
