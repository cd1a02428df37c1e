import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { safeEqual } from '../../lib/crypto.js';
import type { AlertBus } from './alerts.bus.js';
import type { AlertMetrics } from './alerts.metrics.js';
import type { AlertsService } from './alerts.service.js';
import { createAlertStreams } from './alerts.stream.js';
import type { Coverage } from './coverage.js';
import type { OncallService } from './oncall.service.js';
import {
  alertList,
  alertListQuery,
  alertView,
  onCallList,
  oncallCoverage,
  policyInput,
  policyList,
  policyView,
  rotationInput,
  rotationList,
  rotationView,
  snoozeBody,
} from '../../../shared/contracts/alerts.js';
import { actorOf } from '../../security/policy.js';

const idParams = z.object({ id: z.string().uuid() });

/** What the alert routes use of alerting (the composition root passes `createAlerting(...)`'s result). */
export interface AlertsRoutesOptions {
  alerting: {
    alerts: Pick<AlertsService, 'list' | 'get' | 'acknowledge' | 'resolve' | 'snooze'>;
    oncall: Pick<
      OncallService,
      | 'listPolicies'
      | 'createPolicy'
      | 'updatePolicy'
      | 'listRotations'
      | 'createRotation'
      | 'updateRotation'
      | 'onCallNow'
    >;
    coverage: Pick<Coverage, 'status' | 'check'>;
    bus: Pick<AlertBus, 'subscribe'>;
    metrics: Pick<AlertMetrics, 'contentType' | 'render'>;
    sessionAlive(sessionId: string): Promise<boolean>;
  };
}

export const alertsRoutes: FastifyPluginAsyncZod<AlertsRoutesOptions> = async (app, opts) => {
  const { alerts, oncall, coverage, bus, metrics, sessionAlive } = opts.alerting;
  /** After a rotation changes: raise or resolve the administrators' coverage alert now, not at the sweep. */
  const recheck = () => {
    void coverage.check().catch((err: Error) => app.log.warn({ err: { message: err.message } }, 'coverage'));
  };
  const streams = createAlertStreams({ bus, sessionAlive });
  // Open live streams end before the server closes, so shutdown does not wait on them.
  app.addHook('preClose', async () => {
    streams.closeAll();
  });

  /* ---------- escalation policies ---------- */

  app.get(
    '/api/escalation-policies',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Escalation policies (ordered steps, repeat)',
        response: { 200: policyList },
      },
    },
    async () => ({ policies: await oncall.listPolicies() }),
  );
  app.post(
    '/api/escalation-policies',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Create an escalation policy',
        body: policyInput,
        response: { 201: policyView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await oncall.createPolicy(request.body, request.auth!.user.id)),
  );
  app.put(
    '/api/escalation-policies/:id',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Change an escalation policy (running alerts keep the version they started with)',
        params: idParams,
        body: policyInput,
        response: { 200: policyView },
      },
    },
    async (request) => oncall.updatePolicy(request.params.id, request.body, request.auth!.user.id),
  );

  /* ---------- rotations and on-call ---------- */

  app.get(
    '/api/rotations',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'On-call rotations',
        response: { 200: rotationList },
      },
    },
    async () => ({ rotations: await oncall.listRotations() }),
  );
  app.post(
    '/api/rotations',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Create an on-call rotation',
        body: rotationInput,
        response: { 201: rotationView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await oncall.createRotation(request.body, request.auth!.user.id).finally(recheck)),
  );
  app.put(
    '/api/rotations/:id',
    {
      config: { permission: 'oncall:manage' },
      schema: {
        tags: ['alerts'],
        summary: 'Change an on-call rotation (members, period, start, overrides)',
        params: idParams,
        body: rotationInput,
        response: { 200: rotationView },
      },
    },
    async (request) =>
      oncall.updateRotation(request.params.id, request.body, request.auth!.user.id).finally(recheck),
  );
  app.get(
    '/api/oncall',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags: ['alerts'],
        summary: 'Who is on call now for each rotation, and who is next',
        response: { 200: onCallList },
      },
    },
    async () => ({ oncall: await oncall.onCallNow() }),
  );
  app.get(
    '/api/oncall/coverage',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags: ['alerts'],
        summary:
          'Rotations with nobody on call now, or nobody reachable by SMS or email (the warning banner)',
        response: { 200: oncallCoverage },
      },
    },
    async () => coverage.status(),
  );

  /* ---------- alerts ---------- */

  app.get(
    '/api/alerts',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts: unacknowledged first, then by priority, then newest (open by default)',
        querystring: alertListQuery,
        response: { 200: alertList },
      },
    },
    async (request) => ({ alerts: await alerts.list(request.query, actorOf(request)) }),
  );

  // Registered before /api/alerts/:id so the static segment wins (find-my-way prefers it anyway).
  app.get(
    '/api/alerts/stream',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags: ['alerts'],
        summary:
          'Live alert events (Server-Sent Events: `event: alert`, data {alertId, event, at}); ' +
          'send Accept: text/event-stream',
      },
    },
    (request, reply) => streams.open(request, reply),
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { permission: 'alerts:read' },
      schema: { tags: ['alerts'], summary: 'One alert', params: idParams, response: { 200: alertView } },
    },
    async (request) => alerts.get(request.params.id, actorOf(request)),
  );

  const act = (action: 'acknowledge' | 'resolve', summary: string) =>
    app.post(
      `/api/alerts/:id/${action}`,
      {
        config: { permission: 'alerts:act' },
        schema: { tags: ['alerts'], summary, params: idParams, response: { 200: alertView } },
      },
      async (request) => {
        await alerts[action](request.params.id, actorOf(request));
        return alerts.get(request.params.id, actorOf(request));
      },
    );
  act('acknowledge', 'Acknowledge: stop escalating (you are on it)');
  act('resolve', 'Resolve: close the alert');
  app.post(
    '/api/alerts/:id/snooze',
    {
      config: { permission: 'alerts:act' },
      schema: {
        tags: ['alerts'],
        summary: 'Snooze: pause escalation for N minutes, then page the current step again',
        params: idParams,
        body: snoozeBody,
        response: { 200: alertView },
      },
    },
    async (request) => {
      await alerts.snooze(request.params.id, request.body.minutes, actorOf(request));
      return alerts.get(request.params.id, actorOf(request));
    },
  );

  /* ---------- metrics ---------- */

  // Prometheus scrapes with a static bearer token (it cannot sign in with a password and a second
  // factor); without METRICS_TOKEN the endpoint does not exist. No personal data is ever a metric.
  app.get(
    '/metrics',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const token = app.ctx.config.METRICS_TOKEN;
      if (!token) throw new AppError('NOT_FOUND');
      const header = request.headers.authorization ?? '';
      const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!presented || !safeEqual(presented, token)) throw new AppError('AUTH_REQUIRED');
      return reply
        .header('content-type', metrics.contentType)
        .header('cache-control', 'no-store')
        .send(await metrics.render());
    },
  );
};
