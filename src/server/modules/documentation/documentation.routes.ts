import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actInput,
  actParams,
  docParams,
  docPersonInput,
  docPersonView,
  documentationView,
  dossierRevealInput,
  reportQuery,
  esfExport,
  informationInput,
  interventionInput,
  involvementInput,
} from '../../../shared/contracts/documentation.js';
import * as esf from '../../../shared/esf.js';
import { interventionResponses } from '../../../shared/vocabularies.js';
import { requireRecentAuth } from '../../plugins/auth.js';
import { reportLocale } from './report.copy.js';
import { actorOf } from '../../security/policy.js';

const created = z.object({ id: z.string() });

/** ESF documentation of a case (acts, involvements, information, interventions) and its dossier. */
export const documentationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const tags = ['documentation'];
  const base = '/api/cases/:id/documentation';

  app.get(
    base,
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Events, acts, people (pseudonyms), sources and interventions of a case (audited read)',
        params: docParams,
        response: { 200: documentationView },
      },
    },
    async (request) => services.documentation.documentation(request.params.id, actorOf(request)),
  );

  app.get(
    `${base}/export.json`,
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'HURIDOCS-compatible ESF export (JSON, minimised: pseudonyms and codes only; audited)',
        params: docParams,
        response: { 200: esfExport },
      },
    },
    async (request) => services.documentation.exportEsf(request.params.id, actorOf(request)),
  );

  app.post(
    `${base}/persons`,
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Add a victim, perpetrator, source, witness or defender (individual, group or institution)',
        params: docParams,
        body: docPersonInput,
        response: { 201: docPersonView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.documentation.addPerson(request.params.id, actorOf(request), request.body)),
  );

  app.post(
    `${base}/acts`,
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record an act (one victim) with the detail of its type',
        params: docParams,
        body: actInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.documentation.recordAct(request.params.id, actorOf(request), request.body)),
  );

  app.post(
    `${base}/acts/:actId/involvements`,
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Link a perpetrator to an act (degree and type of perpetrator)',
        params: actParams,
        body: involvementInput,
        response: { 201: z.object({ id: z.string(), powerfulPerpetrator: z.boolean() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await services.documentation.addInvolvement(
            request.params.id,
            request.params.actId,
            actorOf(request),
            request.body,
          ),
        ),
  );

  app.post(
    `${base}/information`,
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record what a source told about an event, and how reliable it is',
        params: docParams,
        body: informationInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await services.documentation.recordInformation(request.params.id, actorOf(request), request.body),
        ),
  );

  app.post(
    `${base}/interventions`,
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record an intervention made outside Dharura (actions and agency responses count already)',
        params: docParams,
        body: interventionInput,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await services.documentation.recordIntervention(request.params.id, actorOf(request), request.body),
        ),
  );

  app.post(
    '/api/cases/:id/dossier',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The case dossier (PDF), people under pseudonyms, in English or Kiswahili (?lang=sw)',
        params: docParams,
        querystring: reportQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const pdf = await services.documentation.dossier(
        request.params.id,
        actorOf(request),
        undefined,
        reportLocale(request.query.lang, request.auth?.user.locale),
      );
      return reply.type('application/pdf').header('cache-control', 'no-store').send(pdf);
    },
  );

  app.post(
    '/api/cases/:id/dossier/revealed',
    {
      // Re-authentication is checked by the service after need-to-know, so a case the caller may not see
      // stays a 404 rather than a 401 that would confirm it exists.
      config: { permission: 'cases:reveal' },
      schema: {
        tags,
        summary: 'The case dossier (PDF) with identities: re-authentication and a reason; audited',
        params: docParams,
        querystring: reportQuery,
        body: dossierRevealInput,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const pdf = await services.documentation.dossier(
        request.params.id,
        actorOf(request),
        { reason: request.body.reason, requireRecentAuth: () => requireRecentAuth(request) },
        reportLocale(request.query.lang, request.auth?.user.locale),
      );
      return reply.type('application/pdf').header('cache-control', 'no-store').send(pdf);
    },
  );

  app.get(
    '/api/vocabularies/documentation',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Bilingual ESF vocabularies (stable codes)' },
    },
    async () => ({
      actTypes: esf.actTypes,
      victimStatuses: esf.victimStatuses,
      involvementDegrees: esf.involvementDegrees,
      perpetratorTypes: esf.perpetratorTypes,
      sourceReliabilities: esf.sourceReliabilities,
      sourceMaterialTypes: esf.sourceMaterialTypes,
      confidentialities: esf.confidentialities,
      istanbulConsistency: esf.istanbulConsistency,
      personKinds: esf.personKinds,
      interventionTypes: esf.interventionTypes,
      interventionResponses,
    }),
  );
};
