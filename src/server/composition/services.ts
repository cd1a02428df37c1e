import path from 'node:path';
import type { Logger } from 'pino';
import { retentionStatuses } from '../../shared/contracts/dataprotection.js';
import { createInbound, type Inbound } from '../channels/index.js';
import { checkUssdMenu } from '../channels/ussd/menu.js';
import type { UssdMenuLists } from '../../shared/ussd-menu.js';
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
import { createEventsRepo } from '../modules/events/events.repo.js';
import { createEventsService } from '../modules/events/events.service.js';
import { createCaseLog } from '../modules/cases/case-log.js';
import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { rolesAllow } from '../../shared/permissions.js';
import { AppError } from '../errors.js';
import { createBlobStore } from '../modules/evidence/blob-store.js';
import { createEvidenceRepo } from '../modules/evidence/evidence.repo.js';
import { createEvidenceService } from '../modules/evidence/evidence.service.js';
import { createDaraja } from '../modules/funds/daraja.js';
import { createFundsRepo } from '../modules/funds/funds.repo.js';
import { createFundsService } from '../modules/funds/funds.service.js';
import { createFundsSettings } from '../modules/funds/funds-settings.js';
import { fundsJobs } from '../modules/funds/funds.jobs.js';
import { pushJobs } from '../modules/push/push.jobs.js';
import { createPushRepo } from '../modules/push/push.repo.js';
import { createPushService, type PushService } from '../modules/push/push.service.js';
import { createReferralsRepo } from '../modules/referrals/referrals.repo.js';
import { createReferralsService } from '../modules/referrals/referrals.service.js';
import { createReferralSettings } from '../modules/referrals/referrals-settings.js';
import { messagesJobs } from '../modules/messages/messages.jobs.js';
import { networkJobs } from '../modules/network/network.jobs.js';
import { createNetworkRepo, createNetworkService, networkHooks } from '../modules/network/index.js';
import { createDocumentationRepo } from '../modules/documentation/documentation.repo.js';
import { createDocumentationService } from '../modules/documentation/documentation.service.js';
import { createFactFindingRepo } from '../modules/documentation/fact-finding.repo.js';
import { createFactFindingService } from '../modules/documentation/fact-finding.js';
import { createResponseRepo } from '../modules/response/response.repo.js';
import { createResponseService } from '../modules/response/response.service.js';
import { createRulesRepo } from '../modules/rules/rules.repo.js';
import { createRulesService } from '../modules/rules/rules.service.js';
import { createSettingsRepo } from '../modules/settings/settings.repo.js';
import { createSettingsService } from '../modules/settings/settings.service.js';
import { appealsJobs } from '../modules/statements/appeals.jobs.js';
import { learningJobs } from '../modules/learning/learning.jobs.js';
import { createLearningRepo } from '../modules/learning/learning.repo.js';
import { createLearningService } from '../modules/learning/learning.service.js';
import { createStatementsRepo } from '../modules/statements/statements.repo.js';
import { createStatementsService } from '../modules/statements/statements.service.js';
import { dashboardsJobs } from '../modules/dashboards/dashboards.jobs.js';
import { createDashboardsRepo } from '../modules/dashboards/dashboards.repo.js';
import { createDashboardRollupRepo } from '../modules/dashboards/dashboards.rollup.repo.js';
import { createDashboardsService } from '../modules/dashboards/dashboards.service.js';
import { createTrackerRepo } from '../modules/tracker/tracker.repo.js';
import { createTrackerService } from '../modules/tracker/tracker.service.js';
import { createReportsRepo } from '../modules/reports/reports.repo.js';
import { createPeriodReportService } from '../modules/reports/period-report.service.js';
import { createUsersRepo } from '../modules/users/users.repo.js';
import { createUsersService } from '../modules/users/users.service.js';
import { createUserAdminService } from '../modules/users/user-admin.service.js';
import { createEnrolmentStep } from '../modules/auth/enrolment-step.js';
import { createAudit, type Audit } from '../security/audit.js';
import type { Keyring } from '../security/keyring.js';
import { createVault, type Vault } from '../security/vault.js';
import { createMessaging, type Messaging } from './messaging.js';

export interface CompositionDeps {
  config: Config;
  database: Database;
  /** A read replica for the read-heavy aggregates (DATABASE_READ_URL); default: the primary. */
  readDatabase?: Database | undefined;
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
  // Dashboards, the tracker and reports only read aggregates that may be a moment stale: the replica.
  const readDb = (deps.readDatabase ?? database).db;
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
  const settingsRepo = createSettingsRepo(db);
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
    push: () => push,
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
  const userAdmin = createUserAdminService({
    db,
    users: usersRepo,
    sessions: sessionsRepo,
    mfa: mfaRepo,
    approvals,
    settings: settingsRepo,
    vault,
    audit,
    clock,
    enrolmentStep: createEnrolmentStep({ mfa: mfaRepo, clock }),
    sms: messaging.messages,
  });
  const clocksRepo = createClocksRepo(db);
  const rules = createRulesService({
    db,
    repo: createRulesRepo(db),
    audit,
    clock,
    // Read when a routing rule changes, long after the alerting below is built.
    policyNames: async () => (await alerting.oncall.listPolicies()).map((p) => p.name),
    // Codes are the vocabulary's (the contract checks them), so the lists are the menu's type.
    checks: { ussd_menu: (body) => checkUssdMenu(body as UssdMenuLists) },
  });
  const settings = createSettingsService({ db, repo: settingsRepo, rules });
  /** The workflow's and intake's view of the rules (priority matrix, segregation, vocabularies). */
  const workflowSettings = {
    allowSelfApproval: async (tx?: Executor) => (await rules.segregation(tx)).allowSelfApproval,
    priorityRules: (tx?: Executor) => rules.priority(tx),
    assertCurrentViolationTypes: (codes: readonly string[], path: string, tx?: Executor) =>
      rules.assertCurrentTerms('violationTypes', codes, path, tx),
    sensitivityRules: (tx?: Executor) => rules.get('sensitivity', tx),
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
    reachable: (userId) => messaging.rules.reachable(userId),
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
  const workflow = createWorkflowService({
    ...caseDeps,
    // A case's end ends its responders' missions (the network is built below).
    onCaseEnded: () => [(caseId, tx) => network.endMissionsForCase(caseId, tx)],
    // Closing a P1 or breached case needs its review or a scheduled one (the learning module, below).
    beforeClose: () => learning.beforeClose,
  });
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
  // Learning: the lessons register, the review gate on closure and its reminders, the quarterly report.
  const learning = createLearningService({
    db,
    repo: createLearningRepo(db),
    loadCase: (caseId, actor, tx) => workflow.loadForActor(caseId, actor, tx),
    anyBreached: (caseId, tx) => clocksRepo.anyBreached(caseId, tx),
    escalations,
    audit,
    clock,
  });
  const responseRepo = createResponseRepo(db);
  const response = createResponseService({
    db,
    repo: responseRepo,
    cases: casesRepo,
    workflow,
    clocks,
    clocksRepo,
    vault,
    audit,
    clock,
  });
  // Events (one crackdown, many cases) and the queue's bulk actions.
  const eventsRepo = createEventsRepo(db);
  const events = createEventsService({
    db,
    repo: eventsRepo,
    cases: casesRepo,
    workflow,
    caseLog: createCaseLog({ cases: casesRepo, audit }),
    vault,
    audit,
    clock,
    queueIds: cases.queueIds,
    escalations,
    intake,
    recordArrest: (caseId, actor, input) => response.recordArrest(caseId, actor, input),
    async userCanLead(userId) {
      const u = await usersRepo.findById(userId);
      return Boolean(u && !u.disabled && rolesAllow(u.roles, 'cases:read'));
    },
  });
  // The evidence vault: sealed blobs under DATA_DIR/evidence, integrity failures raised as alerts.
  const evidence = createEvidenceService({
    db,
    repo: createEvidenceRepo(db),
    cases: casesRepo,
    workflow,
    vault,
    audit,
    clock,
    escalations,
    store: createBlobStore(path.join(config.DATA_DIR, 'evidence'), vault),
    limits: {
      maxFileBytes: config.EVIDENCE_MAX_FILE_MB * 1024 * 1024,
      maxCaseBytes: config.EVIDENCE_MAX_CASE_MB * 1024 * 1024,
    },
  });
  // ESF documentation (acts, involvements, information, interventions) and the case dossier, which
  // lists the case's evidence with hashes and custody (file names stay out: they may identify someone).
  const documentation = createDocumentationService({
    db,
    repo: createDocumentationRepo(db),
    cases: casesRepo,
    workflow,
    response: responseRepo,
    vault,
    audit,
    clock,
    evidence: {
      async evidenceOf(caseId) {
        const c = await casesRepo.findById(caseId);
        if (!c) return [];
        return (await evidence.listWithCustody(c)).map((e) => ({
          id: e.id,
          kind: e.kind,
          // A short id, not the file name (it may identify someone); the kind is printed beside it.
          label: e.id.slice(0, 8),
          sha256: e.sha256,
          recordedAt: new Date(e.uploadedAt),
          custodyEntries: e.custody.entries,
        }));
      },
    },
  });
  // Fact-finding missions (research site visits): links checked against need-to-know, sealed findings.
  const factFinding = createFactFindingService({
    db,
    repo: createFactFindingRepo(db),
    workflow,
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
    retention: async (tx?: Executor) => {
      const body = await rules.get('retention', tx);
      return retentionStatuses.map((status) => ({ status, days: body[status] }));
    },
    notifier: () => notifier,
    staff: () => usersRepo.list(),
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
  // Referrals to service providers; their partners answer in the portal or by SMS (`YES R12`).
  const referralSettings = createReferralSettings({ db, store: settingsRepo, audit });
  const referrals = createReferralsService({
    db,
    repo: createReferralsRepo(db),
    workflow,
    caseLog: createCaseLog({ cases: casesRepo, audit }),
    vault,
    audit,
    clock,
    messages: messaging.messages,
    log: logger,
    clocks,
    settings: (tx) => referralSettings.get(tx),
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
    hooks: {
      ...networkHooks(() => network),
      handleReferralReply: (_ctx, input) => referrals.partner.smsReply(input),
      // Staff acknowledging a page by SMS from their verified phone (`ACK 123` / `POKEA 123`).
      ...alerting.smsHooks({
        trustedUserFor: (phone) => userAdmin.phone.trustedUserFor(phone),
        findUser: (id) => usersRepo.findById(id),
      }),
      // USSD feedback is a victim_feedback row (the response module's), not only a timeline event.
      handleUssdFeedback: (_ctx, input) => response.recordUssdFeedback(input.caseId, input.satisfaction),
    },
    ussdMenu: async () => (await rules.get('ussd_menu')) as UssdMenuLists,
    conversation: {
      audit,
      notifier: () => notifier,
      windowHours: config.CONVERSATION_WINDOW_HOURS,
      loadForActor: (caseId, actor) => workflow.loadForActor(caseId, actor),
    },
  });

  // Emergency funds: M-Pesa B2C through Daraja when it is configured, payments by hand otherwise.
  const fundsSettings = createFundsSettings({ db, store: settingsRepo, audit });
  const funds = createFundsService({
    db,
    repo: createFundsRepo(db),
    cases: casesRepo,
    workflow,
    vault,
    audit,
    clock,
    settings: (tx) => fundsSettings.get(tx),
    mpesa: darajaFrom(config),
    messages: messaging.messages,
    log: logger,
  });

  // Web Push to staff browsers, alongside their notification rules; its Acknowledge button acks as them.
  const push: PushService = createPushService({
    db,
    repo: createPushRepo(db),
    settings: settingsRepo,
    vault,
    clock,
    queue,
    subject: config.PUSH_CONTACT,
    ...(config.PUSH_CA_FILE ? { agent: pushAgent(config.PUSH_CA_FILE) } : {}),
    async acknowledge(alertId, userId) {
      const user = await usersRepo.findById(userId);
      if (!user || user.disabled || !rolesAllow(user.roles, 'alerts:act'))
        throw new AppError('PUSH_TOKEN_INVALID');
      return alerting.acknowledgeByPush(alertId, { id: user.id, roles: user.roles });
    },
  });

  // Public statements: drafted from a case or an event, checked for identifying details, published.
  const statements = createStatementsService({
    db,
    repo: createStatementsRepo(db),
    cases: casesRepo,
    loadCase: (caseId, actor, tx) => workflow.loadForActor(caseId, actor, tx),
    events: {
      findById: (id, tx) => eventsRepo.findById(id, tx),
      casesOf: (id, tx) => eventsRepo.casesOf(id, tx),
      arrestCount: async (id, tx) => (await eventsRepo.arrestsOf(id, tx)).length,
    },
    // An appeal's response from a case goes into the case's institutional response log too.
    institutional: {
      async log(row, tx) {
        const r = await responseRepo.insertInstitutionalResponse(
          {
            caseId: row.caseId,
            agency: row.agency,
            request: row.request,
            response: row.response,
            at: row.at,
            createdBy: row.actorId,
          },
          tx,
        );
        await createCaseLog({ cases: casesRepo, audit })(
          {
            caseId: row.caseId,
            actorId: row.actorId,
            type: 'institutional_response.logged',
            data: {
              institutionalResponseId: r.id,
              agency: r.agency,
              request: r.request,
              response: r.response,
            },
            at: row.at,
          },
          tx,
        );
        return r.id;
      },
    },
    escalations,
    vault,
    audit,
    clock,
  });
  // Every module's job handlers, now that the services they call exist.
  queue.register([
    ...networkJobs(network),
    ...clocksJobs(clocks),
    ...authJobs(auth),
    ...dataProtectionJobs(dataProtection),
    ...alertsJobs(alerting.alerts, alerting.coverage),
    ...messagesJobs(messaging.messages),
    ...fundsJobs(funds),
    ...learningJobs(learning),
    ...appealsJobs(statements),
    ...pushJobs(push),
    // The dashboards' monthly pre-aggregate is written on the primary (the summary may read a replica).
    ...dashboardsJobs({ rollup: createDashboardRollupRepo(db, createDashboardsRepo), clock }),
  ]);

  const { repo: _messagesRepo, ...outbound } = messaging;
  // The public tracker: anonymised, suppressed counts by county and month.
  const tracker = createTrackerService({ repo: createTrackerRepo(readDb), clock });
  // Dashboards: aggregates only (SQL counts and percentiles; nothing decrypted).
  const dashboards = createDashboardsService({ repo: createDashboardsRepo(readDb), clock });
  // Period reports (PDF): the dashboards' figures, the tracker's table, anonymised case summaries.
  const reports = createPeriodReportService({
    dashboards,
    tracker,
    repo: createReportsRepo(readDb),
    audit,
    clock,
  });

  return {
    queue,
    audit,
    vault,
    alerting,
    services: {
      auth,
      mfa,
      users,
      userAdmin,
      intake,
      workflow,
      cases,
      dataProtection,
      exportRequests,
      settings,
      rules,
      clocks,
      response,
      events,
      documentation,
      factFinding,
      evidence,
      alerts: alerting.alerts,
      oncall: alerting.oncall,
      coverage: alerting.coverage,
      notifier: messaging.notifier,
      notificationRules: messaging.rules,
      channels: { ...outbound, ...inbound },
      network,
      tracker,
      dashboards,
      reports,
      funds,
      fundsSettings,
      statements,
      referrals,
      push,
      referralSettings,
      learning,
    },
  };
}
export type Composition = ReturnType<typeof composeServices>;

/** An HTTPS agent that trusts the system's roots and one more CA (a private push relay; tests). */
function pushAgent(caFile: string) {
  return new HttpsAgent({ ca: [...rootCertificates, readFileSync(caFile, 'utf8')], keepAlive: true });
}

/** The Daraja adapter and its callback URLs, or null unless every Daraja setting is present. */
function darajaFrom(config: Config) {
  const c = config;
  if (
    !c.DARAJA_CONSUMER_KEY ||
    !c.DARAJA_CONSUMER_SECRET ||
    !c.DARAJA_INITIATOR_NAME ||
    !c.DARAJA_SECURITY_CREDENTIAL ||
    !c.DARAJA_SHORTCODE ||
    !c.DARAJA_CALLBACK_BASE_URL ||
    !c.DARAJA_CALLBACK_SECRET
  )
    return null;
  const base = `${c.DARAJA_CALLBACK_BASE_URL.replace(/\/+$/, '')}/api/funds/mpesa`;
  const secret = encodeURIComponent(c.DARAJA_CALLBACK_SECRET);
  return {
    gateway: createDaraja({
      baseUrl: c.DARAJA_BASE_URL,
      consumerKey: c.DARAJA_CONSUMER_KEY,
      consumerSecret: c.DARAJA_CONSUMER_SECRET,
      initiatorName: c.DARAJA_INITIATOR_NAME,
      securityCredential: c.DARAJA_SECURITY_CREDENTIAL,
      shortcode: c.DARAJA_SHORTCODE,
      timeoutMs: c.DARAJA_TIMEOUT_MS,
    }),
    urls: {
      result: `${base}/result/${secret}`,
      timeout: `${base}/timeout/${secret}`,
      status: (paymentId: string) => `${base}/status/${secret}/${paymentId}`,
    },
  };
}
export type Services = Composition['services'];
