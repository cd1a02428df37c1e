import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Notifier, NotifierService } from './channels/notifier.js';
import { createChannels, createMessaging, type Channels } from './channels/index.js';
import { channelRoutes } from './channels/channels.routes.js';
import type { Config } from './config.js';
import { migrationsFolder, type Database } from './db/client.js';
import { createJobQueue, sendAll, type JobQueue } from './jobs/queue.js';
import { JOB_CLOCK_DUE, JOB_DISPATCH_REPLY_DUE, jobDefinitions } from './jobs/definitions.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger } from './logger.js';
import { authPlugin } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { refuseNul } from './plugins/no-nul.js';
import { AppError } from './errors.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import { createSessionsRepo } from './modules/auth/sessions.repo.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createMfaRepo } from './modules/auth/mfa.repo.js';
import { mfaRoutes } from './modules/auth/mfa.routes.js';
import { createMfaService, type MfaService } from './modules/auth/mfa.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createAudit, type Audit } from './security/audit.js';
import { loadKeyring, type Keyring } from './security/keyring.js';
import { createVault, type Vault } from './security/vault.js';
import { createCasesRepo } from './modules/cases/cases.repo.js';
import { createApprovalsRepo } from './modules/cases/approvals.repo.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { createCasesService, type CasesService } from './modules/cases/cases.service.js';
import { createIntakeService, type IntakeService } from './modules/cases/intake.service.js';
import { createTrackerRepo } from './modules/tracker/tracker.repo.js';
import { trackerRoutes } from './modules/tracker/tracker.routes.js';
import { createTrackerService } from './modules/tracker/tracker.service.js';
import { createWorkflowService, type WorkflowService } from './modules/cases/workflow.service.js';
import { createDataProtectionRepo } from './modules/dataprotection/dataprotection.repo.js';
import { createExportRequests, type ExportRequests } from './modules/dataprotection/export-requests.js';
import { dataProtectionRoutes } from './modules/dataprotection/dataprotection.routes.js';
import { defaultRetention } from '../shared/contracts/dataprotection.js';
import {
  createDataProtectionService,
  type DataProtectionService,
} from './modules/dataprotection/dataprotection.service.js';
import { createClocksRepo } from './modules/clocks/clocks.repo.js';
import { createClocksService, type ClocksService } from './modules/clocks/clocks.service.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { createSettingsService, type SettingsService } from './modules/settings/settings.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { createUsersService, type UsersService } from './modules/users/users.service.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { publicRoutes } from './modules/public/public.routes.js';
import { messagesRoutes } from './modules/messages/messages.routes.js';
import { createResponseRepo } from './modules/response/response.repo.js';
import { responseRoutes } from './modules/response/response.routes.js';
import { createResponseService, type ResponseService } from './modules/response/response.service.js';
import {
  createNetworkRepo,
  createNetworkService,
  networkHooks,
  networkRoutes,
  type NetworkService,
} from './modules/network/index.js';
import {
  alertsRoutes,
  createAlerting,
  type AlertsService,
  type OncallService,
} from './modules/alerts/index.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Defaults to the keyring the config points at (created on first run). */
  keyring?: Keyring;
  clock?: Clock;
  logger?: Logger;
  /** Start queue workers in this process (default: config.JOBS_ENABLED). */
  startJobs?: boolean;
  /** How alerts reach people (tests pass a recording fake); default: the channels' notifier. */
  notifier?: Notifier;
}

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  audit: Audit;
  vault: Vault;
  services: {
    auth: AuthService;
    mfa: MfaService;
    users: UsersService;
    intake: IntakeService;
    workflow: WorkflowService;
    cases: CasesService;
    dataProtection: DataProtectionService;
    exportRequests: ExportRequests;
    settings: SettingsService;
    clocks: ClocksService;
    response: ResponseService;
    alerts: AlertsService;
    oncall: OncallService;
    notifier: NotifierService;
    channels: Channels;
    network: NetworkService;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

const packageRoot = path.resolve(migrationsFolder, '../../../..');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(config.LOG_LEVEL);

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = database.db;
  const keyring =
    deps.keyring ??
    loadKeyring({
      masterKeyEnv: config.DHARURA_MASTER_KEY,
      blindIndexKeyEnv: config.DHARURA_BLIND_INDEX_KEY,
      keyStateDir: config.DHARURA_KEY_STATE_DIR,
      dataDir: config.DATA_DIR,
    });
  const audit = createAudit(db, clock);
  const vault = createVault(db, keyring);
  const usersRepo = createUsersRepo(db);
  const sessionsRepo = createSessionsRepo(db);
  const mfaRepo = createMfaRepo(db);
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
    // Built further down; only called after a failed sign-in, long after start-up.
    notifier: () => deps.notifier ?? messaging.notifier,
  });
  const services = {
    auth,
    mfa: createMfaService({
      db,
      users: usersRepo,
      sessions: sessionsRepo,
      mfa: mfaRepo,
      vault,
      audit,
      clock,
      log: logger,
      auth,
    }),
    users: createUsersService({ users: usersRepo, audit, db }),
  };
  const casesRepo = createCasesRepo(db);
  const approvals = createApprovalsRepo(db);
  const settings = createSettingsService({ db, audit });
  // The queue is built below from the services; clocks and alerts reach it lazily, only once jobs run.
  const queueRef: { current?: JobQueue } = {};
  // Outbound messages and the notifier (adapters, retries, fallback); inbound SMS/USSD come after intake.
  const messaging = createMessaging({
    db,
    config,
    vault,
    audit,
    clock,
    log: logger,
    queue: () => queueRef.current,
  });
  // Alerts decide who must know and when (escalation policies, on-call); the notifier decides how.
  const alerting = createAlerting({
    config,
    database,
    clock,
    audit,
    cases: casesRepo,
    log: logger,
    notifier: deps.notifier ?? messaging.notifier,
    queue: () => queueRef.current,
  });
  const escalations = alerting.escalations;
  const clocks = createClocksService({
    db,
    repo: createClocksRepo(db),
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
        void queueRef.current
          ?.send(
            JOB_CLOCK_DUE,
            { clockId, fence },
            { startAfter: dueAt, singletonKey: `${clockId}:${fence}` },
          )
          .catch((err: Error) =>
            logger.warn({ err: { message: err.message }, clockId }, 'clock job not queued'),
          );
      },
      // A batch of new clocks (intake), after their transaction committed: one statement.
      async scheduleMany(list) {
        await sendAll(
          queueRef.current,
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
  const caseDeps = { db, cases: casesRepo, vault, audit, clock, escalations, clocks };
  const workflow = createWorkflowService({ ...caseDeps, settings: { allowSelfApproval: false } });
  const caseServices = {
    response: createResponseService({
      db,
      repo: createResponseRepo(db),
      cases: casesRepo,
      workflow,
      clocks,
      clocksRepo: createClocksRepo(db),
      vault,
      audit,
      clock,
    }),
    settings,
    clocks,
    alerts: alerting.alerts,
    oncall: alerting.oncall,
    intake: createIntakeService(caseDeps),
    workflow,
    cases: createCasesService({ db, cases: casesRepo, vault, audit, workflow, approvals, clock }),
    dataProtection: createDataProtectionService({
      db,
      repo: createDataProtectionRepo(db),
      cases: casesRepo,
      workflow,
      vault,
      audit,
      clock,
      retention: defaultRetention,
    }),
    exportRequests: createExportRequests({
      db,
      approvals,
      repo: createDataProtectionRepo(db),
      audit,
      clock,
    }),
  };
  const network = createNetworkService({
    db,
    repo: createNetworkRepo(db),
    vault,
    audit,
    clock,
    cases: casesRepo,
    workflow,
    intake: caseServices.intake,
    clocks,
    alerts: alerting.alerts,
    escalations,
    messages: messaging.messages,
    log: logger,
    scheduler: {
      replyDue(dispatchId, fence, at) {
        void queueRef.current
          ?.send(
            JOB_DISPATCH_REPLY_DUE,
            { dispatchId, fence },
            { startAfter: at, singletonKey: `${dispatchId}:${fence}` },
          )
          .catch((err: Error) =>
            logger.warn({ err: { message: err.message }, dispatchId }, 'dispatch deadline job not queued'),
          );
      },
    },
  });
  const channels = createChannels({
    messaging,
    db,
    vault,
    clock,
    log: logger,
    intake: caseServices.intake,
    cases: casesRepo,
    escalations,
    // Defenders' SOS, responders' replies and wellbeing answers come from the network.
    hooks: networkHooks(() => network),
  });
  const queue = createJobQueue({
    database,
    databaseUrl: config.DATABASE_URL,
    log: logger,
    definitions: jobDefinitions({ ...services, ...caseServices, messages: messaging.messages, network }),
  });
  queueRef.current = queue;
  app.decorate('ctx', {
    config,
    database,
    clock,
    queue,
    audit,
    vault,
    services: { ...services, ...caseServices, notifier: messaging.notifier, channels, network },
  } satisfies AppContext);

  registerErrorHandler(app, config.DEFAULT_LOCALE);
  // The database cannot store U+0000: refused at the edge (400), not a failed query (500).
  app.addHook('preValidation', refuseNul);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.COOKIE_SECURE ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: config.COOKIE_SECURE,
  });
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { auth: services.auth, cookieSecure: config.COOKIE_SECURE });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Dharura API',
        version: '0.1.0',
        description: 'Urgent action and rapid response. Every console action goes through this API.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(mfaRoutes);
  await app.register(usersRoutes);
  await app.register(casesRoutes);
  // The public report form and status check: server-rendered pages, no account needed.
  await app.register(publicRoutes);
  // The public tracker: anonymised, suppressed counts by county and month (no account needed).
  await app.register(trackerRoutes, {
    tracker: createTrackerService({ repo: createTrackerRepo(database.db), clock }),
  });
  await app.register(dataProtectionRoutes);
  await app.register(settingsRoutes);
  await app.register(responseRoutes);
  await app.register(alertsRoutes, { alerting });
  // SMS and USSD callbacks, the phone simulator, the message log and notification rules.
  await app.register(channelRoutes);
  await app.register(messagesRoutes);
  await app.register(networkRoutes);

  const webDir = config.WEB_DIR ?? path.join(packageRoot, 'dist/web');
  const indexHtml = path.join(webDir, 'index.html');
  if (existsSync(indexHtml)) {
    // One catch-all route (`/*`, declared public in the auth plugin); a missing file falls through to
    // the not-found handler below, which serves the SPA.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
  } else {
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('Dharura API is running. Build the console with `npm run build`.'),
    );
  }
  // The console is a single-page app: unknown non-API GETs get its index; everything else a 404 body.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && existsSync(indexHtml);
    if (isPage) return reply.type('text/html').sendFile('index.html');
    // One error path: the error handler builds the localised body.
    throw new AppError('NOT_FOUND');
  });

  // First start: the default on-call rotation and escalation policies.
  app.addHook('onReady', () => alerting.ensureDefaults());
  const startJobs = deps.startJobs ?? config.JOBS_ENABLED;
  if (startJobs) {
    app.addHook('onReady', async () => {
      await queue.start();
      // Clocks armed while no worker ran (or whose job was lost) get their jobs back.
      await clocks.reconcile();
      await alerting.alerts.reconcile();
      await network.reconcile();
    });
  }
  app.addHook('onClose', async () => {
    await alerting.close();
    await queue.stop();
  });
  return app;
}
