import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { periodReportQuery } from '../../../shared/contracts/reports.js';
import { actorOf } from '../../security/policy.js';

/** Period reports (DESIGN §2.6): a month or a quarter as a PDF, in English or Kiswahili. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const reports = app.ctx.services.reports;

  app.get(
    '/api/reports/period.pdf',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags: ['reports'],
        summary: 'The period report (month or quarter): figures, county map, tracker table, anonymised cases',
        querystring: periodReportQuery,
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await reports.pdf(actorOf(request), request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
