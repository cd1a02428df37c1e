import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  breachInput,
  breachView,
  consentInput,
  consentView,
  erasureInput,
  erasureView,
  personSearchQuery,
  personSearchView,
  personLinkDecided,
  personLinkDecision,
  personLinksView,
} from '../../../shared/contracts/dataprotection.js';
import { ruleChangeInput, ruleHistoryView, ruleVersionView } from '../../../shared/contracts/rules.js';
import { actorOf } from '../../security/policy.js';
import { exportBases } from './export-requests.js';

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

  const requestView = z.object({
    id: z.string().uuid(),
    personId: z.string().uuid(),
    basis: z.enum(exportBases),
    status: z.enum(['pending', 'approved', 'refused', 'used']),
    requestedBy: z.string().uuid(),
    requestedAt: z.string(),
    decidedBy: z.string().uuid().nullable(),
    decidedAt: z.string().nullable(),
  });

  app.post(
    '/api/persons/:id/export-requests',
    {
      config: { permission: 'dataprotection:export' },
      schema: {
        tags: ['data protection'],
        summary: 'Ask for a data-subject export (a second person must approve it)',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ basis: z.enum(exportBases) }),
        response: { 201: requestView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.exportRequests.request(request.params.id, request.body.basis, actorOf(request))),
  );

  app.get(
    '/api/export-requests',
    {
      config: { permission: 'dataprotection:approve' },
      schema: {
        tags: ['data protection'],
        summary: 'Data-subject export requests waiting for a second person',
        response: { 200: z.object({ requests: z.array(requestView) }) },
      },
    },
    async () => ({ requests: await services.exportRequests.pending() }),
  );

  app.get(
    '/api/export-requests/mine',
    {
      config: { permission: 'dataprotection:export' },
      schema: {
        tags: ['data protection'],
        summary: 'My data-subject export requests and their status',
        response: { 200: z.object({ requests: z.array(requestView) }) },
      },
    },
    async (request) => ({ requests: await services.exportRequests.mine(actorOf(request)) }),
  );

  app.get(
    '/api/retention',
    {
      config: { permission: 'dataprotection:manage' },
      schema: {
        tags: ['data protection'],
        summary:
          'Retention periods (days after a case reached each end status): the current version and the earlier ones',
        response: { 200: ruleHistoryView },
      },
    },
    async () => services.rules.history('retention'),
  );

  app.put(
    '/api/retention',
    {
      config: { permission: 'dataprotection:manage', reauth: true },
      schema: {
        tags: ['data protection'],
        summary: 'Change the retention periods: validated, stored as a new version, audited',
        body: ruleChangeInput,
        response: { 200: ruleVersionView },
      },
    },
    async (request) => services.rules.change('retention', request.body, actorOf(request)),
  );

  app.post(
    '/api/export-requests/:id/decision',
    {
      config: { permission: 'dataprotection:approve', reauth: true },
      schema: {
        tags: ['data protection'],
        summary: 'Approve or refuse someone else’s data-subject export request',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ approve: z.boolean() }),
        response: { 200: requestView },
      },
    },
    async (request) =>
      services.exportRequests.decide(request.params.id, request.body.approve, actorOf(request)),
  );

  app.get(
    '/api/persons/:id/export',
    {
      config: { permission: 'dataprotection:export', reauth: true },
      schema: {
        tags: ['data protection'],
        summary:
          'Data-subject export: everything held about a person, decrypted (audited); needs the caller’s own request, approved by a second person, once',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({ request: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      await services.exportRequests.spend(request.query.request, request.params.id, actorOf(request));
      const data = await services.dataProtection.exportPerson(request.params.id, actorOf(request));
      return reply
        .header('content-disposition', `attachment; filename="person-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.get(
    '/api/persons/search',
    {
      config: { permission: 'dataprotection:manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['data protection'],
        summary:
          'Find a person across cases by phone number, through the blind index (audited, without the number)',
        querystring: personSearchQuery,
        response: { 200: personSearchView },
      },
    },
    async (request) => services.dataProtection.searchPersons(request.query.phone, actorOf(request)),
  );

  app.post(
    '/api/persons/:id/erase',
    {
      config: { permission: 'dataprotection:manage', reauth: true },
      schema: {
        tags: ['data protection'],
        summary:
          'Erase a person on request, now: their identifying data, testimonies, consent purposes and messages (audited)',
        params: z.object({ id: z.string().uuid() }),
        body: erasureInput,
        response: { 200: erasureView },
      },
    },
    async (request) =>
      services.dataProtection.erasePerson(request.params.id, request.body.reason, actorOf(request)),
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
