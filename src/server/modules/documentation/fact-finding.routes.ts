import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  missionInput,
  missionLinkInput,
  missionParams,
  missionSummary,
  missionUpdate,
  missionView,
} from '../../../shared/contracts/factfinding.js';
import { reportQuery } from '../../../shared/contracts/documentation.js';
import { actorOf } from '../../security/policy.js';
import { reportLocale } from './report.copy.js';

const permission = 'research:write' as const;

/** Fact-finding missions (research site visits) and their report (issue #16). Team-only: others get 404. */
export const factFindingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const tags = ['documentation'];

  app.get(
    '/api/fact-finding',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'The missions the caller is on',
        response: { 200: z.object({ missions: z.array(missionSummary) }) },
      },
    },
    async (request) => ({ missions: await services.factFinding.list(actorOf(request)) }),
  );

  app.post(
    '/api/fact-finding',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Plan a fact-finding mission (the creator is on its team)',
        body: missionInput,
        response: { 201: missionSummary },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.factFinding.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/fact-finding/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'A mission with its findings and the links the caller may read (audited)',
        params: missionParams,
        response: { 200: missionView },
      },
    },
    async (request) => services.factFinding.get(request.params.id, actorOf(request)),
  );

  app.patch(
    '/api/fact-finding/:id',
    {
      config: { permission },
      schema: {
        tags,
        summary: "Record findings (sealed under the mission's key) or move the status",
        params: missionParams,
        body: missionUpdate,
        response: { 200: missionSummary },
      },
    },
    async (request) => services.factFinding.update(request.params.id, actorOf(request), request.body),
  );

  app.post(
    '/api/fact-finding/:id/links',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'Link a case, testimony or evidence item (need-to-know on its case)',
        params: missionParams,
        body: missionLinkInput,
      },
    },
    async (request, reply) => {
      await services.factFinding.link(request.params.id, actorOf(request), request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/fact-finding/:id/report.pdf',
    {
      config: { permission },
      schema: {
        tags,
        summary: 'The mission report (PDF): references, counts, consents, hashes; no names (?lang=sw)',
        params: missionParams,
        querystring: reportQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const pdf = await services.factFinding.report(
        request.params.id,
        actorOf(request),
        reportLocale(request.query.lang, request.auth?.user.locale),
      );
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="mission-report.pdf"')
        .send(pdf);
    },
  );
};
