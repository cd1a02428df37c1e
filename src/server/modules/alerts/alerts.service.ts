import type { Db, Executor } from '../../db/client.js';
import type { Escalations } from '../cases/escalation.js';
import { createCommands } from './alerts.commands.js';
import { createEngine } from './alerts.engine.js';
import { createGroups, type EventRef } from './alerts.groups.js';
import { createRaise } from './alerts.raise.js';
import { createTimers } from './alerts.timers.js';
import type { AlertsDeps } from './alerts.types.js';
import { createViews } from './alerts.views.js';

export { advance } from './alerts.model.js';
export type { AlertScheduler, AlertsDeps } from './alerts.types.js';

/**
 * Alerts (DESIGN §2.2): a trigger raises an alert (or joins the open one with the same group key), the
 * alert snapshots its escalation policy, and each step is a durable job carrying the alert's fencing
 * token. The use cases live one per file; this puts them together:
 * - `alerts.raise.ts`: request, requestMany, prepareNew (raise or join an alert, queue its first step);
 * - `alerts.engine.ts`: fire, fireMany (page a step's people, arm the next step, deliver);
 * - `alerts.timers.ts`: the step and resume job handlers, the end of a snooze, the sweep, reconcile;
 * - `alerts.commands.ts`: acknowledge, resolve, snooze, and what a case change does to its alerts;
 * - `alerts.views.ts`: the list and the detail as the console shows them.
 */
export function createAlertsService(deps: AlertsDeps) {
  const raise = createRaise(deps);
  const engine = createEngine(deps);
  const timers = createTimers(deps, engine);
  const commands = createCommands(deps);
  const views = createViews(deps);
  const groups = createGroups(deps);

  return {
    request: raise.request,
    requestMany: raise.requestMany,
    prepareNew: raise.prepareNew,
    fire: engine.fire,
    resume: timers.resume,
    /** Handlers of the `alert.step` and `alert.resume` jobs. */
    runStep: timers.runStep,
    /** A batch of step jobs: fired together; what that did not fire goes through `runStep`. */
    runSteps: timers.runSteps,
    runResume: timers.runResume,
    /** The minute sweep, behind the exact-time jobs. Returns how many steps fired. */
    sweep: timers.sweep,
    /** After a restart: every armed step and snooze gets its job back (a duplicate is fenced off). */
    reconcile: timers.reconcile,

    acknowledge: commands.acknowledge,
    resolve: commands.resolve,
    snooze: commands.snooze,

    list: views.list,
    get: views.get,

    /** For the workflow, in its transaction, when a case moves (see `alerts.commands.ts`). */
    caseProgressed: commands.caseProgressed,
    /** The cause went away without anyone pressing a button: resolve the case's alerts for those reasons. */
    resolveFor: commands.resolveFor,
    /** Cases attached to an event: their paging alerts join the event's group (alerts.groups.ts). */
    joinEvent: (e: EventRef, caseIds: string[], tx: Executor) => groups.joinEvent(e, caseIds, tx),
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;

/**
 * The `Escalations` the workflow, intake and clocks call, backed by alerts. `caseProgressed` is for the
 * workflow to call on each transition (see the service method).
 */
export function createAlertEscalations(
  alerts: Pick<
    AlertsService,
    'request' | 'requestMany' | 'prepareNew' | 'caseProgressed' | 'resolveFor' | 'joinEvent'
  >,
  db: Db,
): Escalations & {
  caseProgressed: AlertsService['caseProgressed'];
  resolveFor: AlertsService['resolveFor'];
  joinEvent: AlertsService['joinEvent'];
} {
  return {
    async request(req, tx) {
      if (tx) return alerts.request(req, tx);
      await db.transaction((t) => alerts.request(req, t));
    },
    requestMany: (reqs, tx) => alerts.requestMany(reqs, tx),
    prepareNew: (reqs) => alerts.prepareNew(reqs),
    caseProgressed: (caseId, toStatus, actorId, tx) => alerts.caseProgressed(caseId, toStatus, actorId, tx),
    resolveFor: (caseId, reasons, via, actorId, tx) => alerts.resolveFor(caseId, reasons, via, actorId, tx),
    joinEvent: (e, caseIds, tx) => alerts.joinEvent(e, caseIds, tx),
  };
}
