import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachInput,
  bulkInput,
  bulkResult,
  eventDetail,
  eventInput,
  eventListQuery,
  eventParams,
  eventSuggestion,
  eventSummary,
  registerInput,
  registerResult,
} from '../../../shared/contracts/events.js';
import { actorOf } from '../../security/policy.js';
import { requestLocale } from '../../plugins/request-context.js';

const attachResult = z.object({
  results: z.array(z.object({ caseId: z.string(), attached: z.boolean(), error: z.string().nullable() })),
});

/** Events (a crackdown grouping many cases) and the queue's bulk actions (DESIGN §2.5, §2.7). */
export const eventsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const tags = ['events'];

  app.get(
    '/api/events',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Events, newest first',
        querystring: eventListQuery,
        response: { 200: z.object({ events: z.array(eventSummary) }) },
      },
    },
    async (request) => ({ events: await services.events.list(request.query) }),
  );

  app.post(
    '/api/events',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags,
        summary: 'Create an event (what happened, where, when)',
        body: eventInput,
        response: { 201: eventSummary },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.events.create(request.body, actorOf(request))),
  );

  app.get(
    '/api/events/:id',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The event page: its cases, arrests and counts (audited read)',
        params: eventParams,
        response: { 200: eventDetail },
      },
    },
    async (request) => services.events.detail(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/events/:id/cases',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags,
        summary: 'Attach cases to the event (each logged on its case)',
        params: eventParams,
        body: attachInput,
        response: { 200: attachResult },
      },
    },
    async (request) => ({
      results: await services.events.attach(request.params.id, request.body.caseIds, actorOf(request)),
    }),
  );

  app.get(
    '/api/events/:id/suggestions',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags,
        summary:
          'Cases that may belong to the event (same place and time, shared words), for staff to confirm',
        params: eventParams,
        response: { 200: z.object({ suggestions: z.array(eventSuggestion) }) },
      },
    },
    async (request) => ({
      suggestions: await services.events.suggestions(request.params.id, actorOf(request)),
    }),
  );

  app.post(
    '/api/events/:id/detainees',
    {
      // Each arrest is then recorded as a single one would be (the case's response write checks).
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary:
          'Mass-arrest register: add detainees, each an arrest with its 24-hour clock on a case of the event',
        params: eventParams,
        body: registerInput,
        response: { 200: registerResult },
      },
    },
    async (request) => services.events.addDetainees(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/cases/:id/events',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The events a case belongs to',
        params: eventParams,
        response: { 200: z.object({ events: z.array(eventSummary) }) },
      },
    },
    async (request) => ({ events: await services.events.ofCase(request.params.id, actorOf(request)) }),
  );

  app.post(
    '/api/cases/bulk',
    {
      // Each case is then checked as a single change would be: its step's permission and need-to-know.
      config: { permission: 'cases:screen' },
      schema: {
        tags,
        summary: 'One action over many cases of the queue, applied and logged case by case',
        body: bulkInput,
        response: { 200: bulkResult },
      },
    },
    async (request) => services.events.bulk(request.body, actorOf(request), requestLocale(request)),
  );
};
