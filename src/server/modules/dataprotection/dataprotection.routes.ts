import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  breachInput,
  breachView,
  consentInput,
  consentView,
  personLinkDecided,
  personLinkDecision,
  personLinksView,
} from './dataprotection.schemas.js';
import { actorOf } from '../../security/policy.js';

export const dataProtectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const caseParams = z.object({ id: z.string().uuid() });

  app.post(
    '/api/cases/:id/consents',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags: ['data protection'],
        summary: 'Record consent (purpose, data, sharing) for a person on a case',
        params: caseParams,
        body: consentInput,
        response: { 201: consentView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.dataProtection.recordConsent(request.params.id, request.body, actorOf(request))),
  );

  app.get(
    '/api/cases/:id/consents',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['data protection'],
        summary: 'Consents on a case',
        params: caseParams,
        response: { 200: z.object({ consents: z.array(consentView) }) },
      },
    },
    async (request) => ({
      consents: await services.dataProtection.listConsents(request.params.id, actorOf(request)),
    }),
  );

  app.post(
    '/api/cases/:id/consents/:consentId/withdraw',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags: ['data protection'],
        summary: 'Record that consent was withdrawn',
        params: z.object({ id: z.string().uuid(), consentId: z.string().uuid() }),
        response: { 200: consentView },
      },
    },
    async (request) =>
      services.dataProtection.withdrawConsent(request.params.id, request.params.consentId, actorOf(request)),
  );

  app.get(
    '/api/persons/:id/export',
    {
      config: { permission: 'dataprotection:manage', reauth: true },
      schema: {
        tags: ['data protection'],
        summary: 'Data-subject export: everything held about a person, decrypted (audited)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const data = await services.dataProtection.exportPerson(request.params.id, actorOf(request));
      return reply
        .header('content-disposition', `attachment; filename="person-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.get(
    '/api/persons/:id/links',
    {
      config: { permission: 'dataprotection:manage' },
      schema: {
        tags: ['data protection'],
        summary:
          'The same person under other reports: rows sharing the phone blind index, proposed or decided',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: personLinksView },
      },
    },
    async (request) => ({ links: await services.dataProtection.personLinks(request.params.id) }),
  );

  app.post(
    '/api/persons/:id/links',
    {
      config: { permission: 'dataprotection:manage' },
      schema: {
        tags: ['data protection'],
        summary: 'Confirm or reject a proposed link between two person rows (audited, ids only)',
        params: z.object({ id: z.string().uuid() }),
        body: personLinkDecision,
        response: { 200: personLinkDecided },
      },
    },
    async (request) =>
      services.dataProtection.decidePersonLink(
        request.params.id,
        request.body.otherPersonId,
        request.body.decision,
        actorOf(request),
      ),
  );

  app.get(
    '/api/breaches',
    {
      config: { permission: 'breaches:manage' },
      schema: {
        tags: ['data protection'],
        summary: 'Breach register with the 72-hour notification clock',
        response: { 200: z.object({ breaches: z.array(breachView) }) },
      },
    },
    async () => ({ breaches: await services.dataProtection.listBreaches() }),
  );

  app.post(
    '/api/breaches',
    {
      config: { permission: 'breaches:manage' },
      schema: {
        tags: ['data protection'],
        summary: 'Record a personal data breach',
        body: breachInput,
        response: { 201: breachView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.dataProtection.recordBreach(request.body, actorOf(request))),
  );

  app.post(
    '/api/breaches/:id/notified',
    {
      config: { permission: 'breaches:manage' },
      schema: {
        tags: ['data protection'],
        summary: 'Record that the ODPC or the data subjects were notified',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ target: z.enum(['odpc', 'subjects']) }),
        response: { 200: breachView },
      },
    },
    async (request) =>
      services.dataProtection.markBreachNotified(request.params.id, request.body.target, actorOf(request)),
  );
};
