import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  learningReportView,
  lessonCreateInput,
  lessonIdParams,
  lessonListView,
  lessonQuery,
  lessonUpdateInput,
  lessonView,
  learningReportPdfQuery,
  quarterParams,
  scheduledReviewListView,
} from '../../../shared/contracts/learning.js';
import { actorOf } from '../../security/policy.js';

/** The lessons register, scheduled reviews and the quarterly learning report. */
export const learningRoutes: FastifyPluginAsyncZod = async (app) => {
  const learning = app.ctx.services.learning;
  const tags = ['learning'];

  app.get(
    '/api/lessons',
    {
      config: { permission: 'lessons:read' },
      schema: {
        tags,
        summary: 'The lessons register (filter by status, owner, overdue)',
        querystring: lessonQuery,
        response: { 200: lessonListView },
      },
    },
    async (request) => learning.lessons(request.query),
  );
  app.post(
    '/api/lessons',
    {
      config: { permission: 'lessons:manage' },
      schema: {
        tags,
        summary: "Add a lesson (from a case's after-action review, or on its own)",
        body: lessonCreateInput,
        response: { 201: lessonView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await learning.createLesson(actorOf(request), request.body)),
  );
  app.patch(
    '/api/lessons/:id',
    {
      config: { permission: 'lessons:manage' },
      schema: {
        tags,
        summary: "Change a lesson's status, owner, due date or linked change",
        params: lessonIdParams,
        body: lessonUpdateInput,
        response: { 200: lessonView },
      },
    },
    async (request) => learning.updateLesson(request.params.id, actorOf(request), request.body),
  );
  app.get(
    '/api/reviews/scheduled',
    {
      config: { permission: 'lessons:read' },
      schema: {
        tags,
        summary: 'Reviews scheduled at closure and still missing',
        response: { 200: scheduledReviewListView },
      },
    },
    async () => learning.scheduledReviews(),
  );
  app.get(
    '/api/learning/reports/:quarter',
    {
      config: { permission: 'lessons:read' },
      schema: {
        tags,
        summary: 'The quarterly learning report (e.g. 2026-Q4)',
        params: quarterParams,
        response: { 200: learningReportView },
      },
    },
    async (request) => learning.report(request.params.quarter),
  );
  app.get(
    '/api/learning/report.pdf',
    {
      config: { permission: 'lessons:read' },
      schema: {
        tags,
        summary: 'The quarterly learning report as a PDF (English or Kiswahili)',
        querystring: learningReportPdfQuery,
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await learning.reportPdf(request.query.quarter, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
