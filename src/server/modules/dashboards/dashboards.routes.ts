import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuery, dashboardSummary } from '../../../shared/contracts/dashboards.js';
import { actorOf } from '../../security/policy.js';

/** Dashboards (DESIGN §2.6): aggregate figures for analysts, leadership and the duty officer. */
export const dashboardsRoutes: FastifyPluginAsyncZod = async (app) => {
  const dashboards = app.ctx.services.dashboards;
  const tags = ['dashboards'];

  app.get(
    '/api/dashboards/summary',
    {
      config: { permission: 'dashboards:read' },
      schema: {
        tags,
        summary: 'Aggregate figures for a period, county, violation type or event (no identities)',
        querystring: dashboardQuery,
        response: { 200: dashboardSummary },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return dashboards.summary(actorOf(request), request.query);
    },
  );
  app.get(
    '/api/dashboards/summary.csv',
    {
      config: { permission: 'dashboards:read' },
      schema: {
        tags,
        summary: 'The same figures as CSV (table, group, metric, value)',
        querystring: dashboardQuery,
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dharura-dashboard.csv"')
        .header('cache-control', 'no-store')
        .send(await dashboards.csv(actorOf(request), request.query)),
  );
};
