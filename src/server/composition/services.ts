import type { Logger } from 'pino';
import { defaultRetention } from '../../shared/contracts/dataprotection.js';
import { createInbound, type Inbound } from '../channels/index.js';
import type { Notifier } from '../channels/notifier.js';
import type { Config } from '../config.js';
import type { Database, Executor } from '../db/client.js';
import { JOB_CLOCK_DUE, JOB_DISPATCH_REPLY_DUE, jobCatalogue, send, sendMany } from '../jobs/catalogue.js';
import { createJobQueue, type JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import { alertsJobs } from '../modules/alerts/alerts.jobs.js';
import { createAlerting, type Alerting } from '../modules/alerts/index.js';
import { authJobs } from '../modules/auth/auth.jobs.js';
import { createAuthService } from '../modules/auth/auth.service.js';
import { createMfaRepo } from '../modules/auth/mfa.repo.js';
import { createMfaService } from '../modules/auth/mfa.service.js';
import { createSessionsRepo } from '../modules/auth/sessions.repo.js';
import { createApprovalsRepo } from '../modules/cases/approvals.repo.js';
import { createCasesRepo } from '../modules/cases/cases.repo.js';
import { createCaseTeamRepo } from '../modules/cases/case-team.repo.js';
import { createCasesService } from '../modules/cases/cases.service.js';
import { createIntakeService } from '../modules/cases/intake.service.js';
import { createWorkflowService } from '../modules/cases/workflow.service.js';
import { clocksJobs } from '../modules/clocks/clocks.jobs.js';
import { createClocksRepo } from '../modules/clocks/clocks.repo.js';
import { createClocksService } from '../modules/clocks/clocks.service.js';
import { dataProtectionJobs } from '../modules/dataprotection/dataprotection.jobs.js';
import { createDataProtectionRepo } from '../modules/dataprotection/dataprotection.repo.js';
import { createDataProtectionService } from '../modules/dataprotection/dataprotection.service.js';
import { createExportRequests } from '../modules/dataprotection/export-requests.js';
import { messagesJobs } from '../modules/messages/messages.jobs.js';
import { networkJobs } from '../modules/network/network.jobs.js';
import { createNetworkRepo, createNetworkService, networkHooks } from '../modules/network/index.js';
import { createResponseRepo } from '../modules/response/response.repo.js';
import { createResponseService } from '../modules/response/response.service.js';
import { createRulesRepo } from '../modules/rules/rules.repo.js';
import { createRulesService } from '../modules/rules/rules.service.js';
import { createSettingsRepo } from '../modules/settings/settings.repo.js';
import { createSettingsService } from '../modules/settings/settings.service.js';
import { createTrackerRepo } from '../modules/tracker/tracker.repo.js';
import { createTrackerService } from '../modules/tracker/tracker.service.js';
import { createUsersRepo } from '../modules/users/users.repo.js';
import { createUsersService } from '../modules/users/users.service.js';
import { createAudit, type Audit } from '../security/audit.js';
import type { Keyring } from '../security/keyring.js';
import { createVault, type Vault } from '../security/vault.js';
import { createMessaging, type Messaging } from './messaging.js';

export interface CompositionDeps {
  config: Config;
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  /** How alerts and sign-in warnings reach people (tests pass a recording fake); default: messaging's. */
  notifier?: Notifier | undefined;
}

/**
 * The composition root: the one place that knows every module. In order — the job queue (it only needs
 * the database and the catalogue), the repositories and services (each given the ports it uses), then
 * each module's job handlers. Nothing is reached lazily: whatever a service gets already exists.
 */
export function composeServices(deps: CompositionDeps) {
  const { config, database, keyring, clock, logger } = deps;
  const db = database.db;
  const queue: JobQueue = createJobQueue({
    database,
    databaseUrl: config.DATABASE_URL,
    log: logger,
    catalogue: jobCatalogue,
  });
  const audit: Audit = createAudit(db, clock);
  const vault: Vault = createVault(db, keyring);

  // People and sign-in. Messaging comes first: a burst of failed sign-ins is told to the user.
  const usersRepo = createUsersRepo(db);
  const sessionsRepo = createSessionsRepo(db);
  const mfaRepo = createMfaRepo(db);
  const messaging: Messaging = createMessaging({
    db,
    config,
    vault,
    audit,
    clock,
    log: logger,
    users: usersRepo,
    queue,
  });
  const notifier = deps.notifier ?? messaging.notifier;
  const auth = createAuthService({
    db,
    users: usersRepo,
    sessions: sessionsRepo,
    mfa: mfaRepo,
    config,
    clock,
    log: logger,
    audit,
    vault,
    notifier: () => notifier,
  });
  const mfa = createMfaService({
    db,
    users: usersRepo,
    sessions: sessionsRepo,
    mfa: mfaRepo,
    vault,
    audit,
    clock,
    log: logger,
    auth,
  });
  const users = createUsersService({ users: usersRepo, audit, db });

  // Cases, their clocks and who must know (alerts decide who and when; the notifier decides how).
  const casesRepo = createCasesRepo(db);
  const approvals = createApprovalsRepo(db);
  const clocksRepo = createClocksRepo(db);
  const rules = createRulesService({
    db,
    repo: createRulesRepo(db),
    audit,
    clock,
    // Read when a routing rule changes, long after the alerting below is built.
    policyNames: async () => (await alerting.oncall.listPolicies()).map((p) => p.name),
  });
  const settings = createSettingsService({ db, repo: createSettingsRepo(db), rules });
  /** The workflow's and intake's view of the rules (priority matrix, segregation, vocabularies). */
  const workflowSettings = {
    allowSelfApproval: async (tx?: Executor) => (await rules.segregation(tx)).allowSelfApproval,
    priorityRules: (tx?: Executor) => rules.priority(tx),
    assertCurrentViolationTypes: (codes: readonly string[], path: string, tx?: Executor) =>
      rules.assertCurrentTerms('violationTypes', codes, path, tx),
  };
  const alerting: Alerting = createAlerting({
    config,
    database,
    clock,
    audit,
    cases: casesRepo,
    log: logger,
    notifier,
    queue: () => queue,
    routing: (tx) => rules.escalationRouting(tx),
  });
  const { escalations } = alerting;
  const clocks = createClocksService({
    db,
    repo: clocksRepo,
    cases: casesRepo,
    audit,
    clock,
    escalations,
    sla: (tx) => settings.sla(tx),
    scheduler: {
      // Not awaited: inside a transaction on the single-connection embedded database the send would
      // wait for the transaction that is waiting for it. The clock row is the durable truth — if this
      // send is lost, the minute sweep and the start-up reconcile still fire the clock.
      async schedule(clockId, fence, dueAt) {
        void send(
          queue,
          JOB_CLOCK_DUE,
          { clockId, fence },
          { startAfter: dueAt, singletonKey: `${clockId}:${fence}` },
        ).catch((err: Error) =>
          logger.warn({ err: { message: err.message }, clockId }, 'clock job not queued'),
        );
      },
      // A batch of new clocks (intake), after their transaction committed: one statement.
      async scheduleMany(list) {
        await sendMany(
          queue,
          JOB_CLOCK_DUE,
          list.map(({ clockId, fence, dueAt }) => ({
            data: { clockId, fence },
            opts: { startAfter: dueAt, singletonKey: `${clockId}:${fence}` },
          })),
        ).catch((err: Error) =>
          logger.warn({ err: { message: err.message }, clocks: list.length }, 'clock jobs not queued'),
        );
      },
    },
  });
  const caseDeps = {
    db,
    cases: casesRepo,
    vault,
    audit,
    clock,
    escalations,
    clocks,
    settings: workflowSettings,
  };
  const workflow = createWorkflowService(caseDeps);
  const intake = createIntakeService(caseDeps);
  const cases = createCasesService({
    db,
    cases: casesRepo,
    vault,
    audit,
    workflow,
    approvals,
    team: createCaseTeamRepo(db),
    clock,
  });
  const response = createResponseService({
    db,
    repo: createResponseRepo(db),
    cases: casesRepo,
    workflow,
    clocks,
    clocksRepo,
    vault,
    audit,
    clock,
  });
  const dataProtectionRepo = createDataProtectionRepo(db);
  const dataProtection = createDataProtectionService({
    db,
    repo: dataProtectionRepo,
    cases: casesRepo,
    workflow,
    vault,
    audit,
    clock,
    retention: defaultRetention,
  });
  const exportRequests = createExportRequests({
    db,
    approvals,
    repo: dataProtectionRepo,
    audit,
    clock,
  });

  // The responder network, and the SMS and USSD channels it answers on.
  const network = createNetworkService({
    db,
    repo: createNetworkRepo(db),
    vault,
    audit,
    clock,
    cases: casesRepo,
    workflow,
    intake,
    clocks,
    alerts: alerting.alerts,
    escalations,
    messages: messaging.messages,
    log: logger,
    scheduler: {
      replyDue(dispatchId, fence, at) {
        void send(
          queue,
          JOB_DISPATCH_REPLY_DUE,
          { dispatchId, fence },
          { startAfter: at, singletonKey: `${dispatchId}:${fence}` },
        ).catch((err: Error) =>
          logger.warn({ err: { message: err.message }, dispatchId }, 'dispatch deadline job not queued'),
        );
      },
    },
  });
  const inbound: Inbound = createInbound({
    db,
    vault,
    clock,
    log: logger,
    messages: messaging.messages,
    messagesRepo: messaging.repo,
    intake,
    cases: casesRepo,
    // Defenders' SOS, responders' replies and wellbeing answers come from the network.
    hooks: networkHooks(() => network),
  });

  // Every module's job handlers, now that the services they call exist.
  queue.register([
    ...networkJobs(network),
    ...clocksJobs(clocks),
    ...authJobs(auth),
    ...dataProtectionJobs(dataProtection),
    ...alertsJobs(alerting.alerts),
    ...messagesJobs(messaging.messages),
  ]);

  const { repo: _messagesRepo, ...outbound } = messaging;
  // The public tracker: anonymised, suppressed counts by county and month.
  const tracker = createTrackerService({ repo: createTrackerRepo(db), clock });

  return {
    queue,
    audit,
    vault,
    alerting,
    services: {
      auth,
      mfa,
      users,
      intake,
      workflow,
      cases,
      dataProtection,
      exportRequests,
      settings,
      rules,
      clocks,
      response,
      alerts: alerting.alerts,
      oncall: alerting.oncall,
      notifier: messaging.notifier,
      channels: { ...outbound, ...inbound },
      network,
      tracker,
    },
  };
}
export type Composition = ReturnType<typeof composeServices>;
export type Services = Composition['services'];
