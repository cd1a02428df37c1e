import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
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
import type { Notifier } from './channels/notifier.js';
import { channelRoutes } from './channels/channels.routes.js';
import { composeServices, type Services } from './composition/services.js';
import type { Config } from './config.js';
import { migrationsFolder, type Database } from './db/client.js';
import type { JobQueue } from './jobs/queue.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger } from './logger.js';
import { authPlugin } from './plugins/auth.js';
import { idempotencyPlugin } from './plugins/idempotency.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { refuseNul } from './plugins/no-nul.js';
import { AppError } from './errors.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { mfaRoutes } from './modules/auth/mfa.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import type { Audit } from './security/audit.js';
import { loadKeyring, type Keyring } from './security/keyring.js';
import type { Vault } from './security/vault.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { learningRoutes } from './modules/learning/learning.routes.js';
import { trackerRoutes } from './modules/tracker/tracker.routes.js';
import { dataProtectionRoutes } from './modules/dataprotection/dataprotection.routes.js';
import { rulesRoutes } from './modules/rules/rules.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { userAdminRoutes } from './modules/users/user-admin.routes.js';
import { onboardingRoutes } from './modules/users/onboarding.routes.js';
import { localAdminRoutes } from './modules/users/local-admin.routes.js';
import { publicRoutes } from './modules/public/public.routes.js';
import { messagesRoutes } from './modules/messages/messages.routes.js';
import { documentationRoutes } from './modules/documentation/documentation.routes.js';
import { factFindingRoutes } from './modules/documentation/fact-finding.routes.js';
import { responseRoutes } from './modules/response/response.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { evidenceRoutes } from './modules/evidence/evidence.routes.js';
import { networkRoutes } from './modules/network/index.js';
import { alertsRoutes } from './modules/alerts/index.js';
import { fundsRoutes } from './modules/funds/funds.routes.js';
import { pushRoutes } from './modules/push/push.routes.js';
import { appealsRoutes } from './modules/statements/appeals.routes.js';
import { statementsRoutes } from './modules/statements/statements.routes.js';
import { statementsPublicRoutes } from './modules/statements/statements.public.routes.js';
import { mpesaRoutes } from './modules/funds/mpesa.routes.js';
import { referralsRoutes } from './modules/referrals/referrals.routes.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** A read replica (DATABASE_READ_URL) for dashboards, the tracker and reports; default: `database`. */
  readDatabase?: Database;
  /** Defaults to the keyring the config points at (created on first run). */
  keyring?: Keyring;
  clock?: Clock;
  logger?: Logger;
  /** Start queue workers in this process (default: config.JOBS_ENABLED). */
  startJobs?: boolean;
  /** How alerts reach people (tests pass a recording fake); default: the channels' notifier. */
  notifier?: Notifier;
  /** The token of the local admin endpoint the CLI uses while this process holds the embedded database. */
  localAdminToken?: string;
}

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  audit: Audit;
  vault: Vault;
  services: Services;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

const packageRoot = path.resolve(migrationsFolder, '../../../..');

/**
 * Hashed build assets never change under their name: cached for a year, never revalidated. The page
 * itself (index.html) is revalidated every time, so a new release is picked up on the next load.
 */
export function cacheControl(file: string): string {
  return /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/.test(file)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

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

  const keyring =
    deps.keyring ??
    loadKeyring({
      masterKeyEnv: config.DHARURA_MASTER_KEY,
      blindIndexKeyEnv: config.DHARURA_BLIND_INDEX_KEY,
      keyStateDir: config.DHARURA_KEY_STATE_DIR,
      dataDir: config.DATA_DIR,
    });
  // The queue first, then the services, then their job handlers (see composition/services.ts).
  const { queue, audit, vault, alerting, services } = composeServices({
    config,
    database,
    readDatabase: deps.readDatabase,
    keyring,
    clock,
    logger,
    notifier: deps.notifier,
  });
  app.decorate('ctx', { config, database, clock, queue, audit, vault, services } satisfies AppContext);

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
  // Large API answers (queue pages, exports, the tracker) are compressed for slow lines; small ones
  // are not worth the CPU. The live alert stream writes to the raw socket and is never buffered.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: /^(application\/(json|atom\+xml)|text\/(csv|html|plain))/,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(authPlugin, { auth: services.auth, cookieSecure: config.COOKIE_SECURE });
  await app.register(idempotencyPlugin, { db: database.db, vault, clock });

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
  await app.register(userAdminRoutes);
  await app.register(onboardingRoutes);
  await app.register(localAdminRoutes, { token: deps.localAdminToken ?? null });
  await app.register(casesRoutes);
  // The public report form and status check: server-rendered pages, no account needed.
  await app.register(publicRoutes);
  // The public tracker: anonymised, suppressed counts by county and month (no account needed).
  await app.register(trackerRoutes, { tracker: services.tracker });
  await app.register(dataProtectionRoutes);
  await app.register(settingsRoutes);
  await app.register(rulesRoutes);
  await app.register(responseRoutes);
  await app.register(eventsRoutes);
  await app.register(documentationRoutes);
  await app.register(factFindingRoutes);
  await app.register(evidenceRoutes);
  await app.register(alertsRoutes, { alerting });
  // SMS and USSD callbacks, the phone simulator, the message log and notification rules.
  await app.register(channelRoutes);
  await app.register(messagesRoutes);
  await app.register(networkRoutes);
  // Emergency funds, and Daraja's M-Pesa callbacks (public, secret path token).
  await app.register(fundsRoutes);
  await app.register(pushRoutes);
  await app.register(mpesaRoutes);
  // Public statements: drafted and checked in the console, published on /statements and its Atom feed.
  await app.register(statementsRoutes);
  await app.register(appealsRoutes);
  await app.register(statementsPublicRoutes, { statements: services.statements });
  await app.register(dashboardsRoutes);
  await app.register(reportsRoutes);
  await app.register(learningRoutes);
  // Referrals: the provider directory, referrals from cases, the partner portal.
  await app.register(referralsRoutes);

  const webDir = config.WEB_DIR ?? path.join(packageRoot, 'dist/web');
  const indexHtml = path.join(webDir, 'index.html');
  if (existsSync(indexHtml)) {
    // One catch-all route (`/*`, declared public in the auth plugin); a missing file falls through to
    // the not-found handler below, which serves the SPA.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: 'index.html',
      // The build wrote .br and .gz beside each text asset: sent as they are, no CPU per request.
      preCompressed: true,
      setHeaders: (reply, file) => reply.header('cache-control', cacheControl(file)),
    });
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
      await services.clocks.reconcile();
      await services.alerts.reconcile();
      await services.network.reconcile();
    });
  }
  app.addHook('onClose', async () => {
    await alerting.close();
    await queue.stop();
  });
  return app;
}
