import type { Logger } from 'pino';
import type { Notifier } from '../../channels/notifier.js';
import type { Db, Executor } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { AlertBus } from './alerts.bus.js';
import type { AlertMetrics } from './alerts.metrics.js';
import type { AlertsRepo } from './alerts.repo.js';
import type { OncallService } from './oncall.service.js';

/** One step job to queue: the alert, its fence, where it is in its policy, and when it is due. */
export interface StepJob {
  alertId: string;
  fence: number;
  step: number;
  round: number;
  dueAt: Date;
  priority?: string;
}

/** Puts alert timers on the durable queue. Fire-and-forget: the alert row is the truth and the sweep the net. */
export interface AlertScheduler {
  /** `priority` (P1…P4) orders a backlog of due steps: in a surge a P1's page goes out first. */
  step(alertId: string, fence: number, step: number, round: number, dueAt: Date, priority?: string): void;
  resume(alertId: string, fence: number, at: Date): void;
  /** Many first steps at once (one statement); without it, `step` is called for each. */
  steps?(list: StepJob[]): Promise<void>;
}

/** What the alert use cases are built from (the composition root passes them to `createAlertsService`). */
export interface AlertsDeps {
  db: Db;
  repo: AlertsRepo;
  oncall: OncallService;
  cases: Pick<CasesRepo, 'addEvent' | 'addEvents' | 'addEventsTo'>;
  audit: Audit;
  clock: Clock;
  notifier: Notifier;
  bus: AlertBus;
  metrics: AlertMetrics;
  scheduler: AlertScheduler;
  log: Logger;
  /**
   * Which policy (by name) an alert reason uses: the organisation's rule (rules module,
   * `escalation_routing`); without it, the built-in routing of defaults.ts.
   */
  routing?: (tx?: Executor) => Promise<Partial<Record<string, string>>>;
}

/** A job that names an alert and the fence it was scheduled under. */
export interface AlertJob {
  alertId: string;
  fence: number;
}
