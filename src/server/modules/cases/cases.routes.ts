import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseStatuses } from '../../../shared/workflow.js';
import {
  caseCreated,
  caseNoteBody,
  caseNoteResult,
  intakeInput,
  queuePage,
  placeBody,
  placeResult,
  queueQuery,
  retrospectiveReviewBody,
  retrospectiveReviewResult,
  revealedPerson,
  sensitivityBody,
  sensitivityResult,
  transitionBody,
  transitionParams,
  transitionResult,
} from '../../../shared/contracts/cases.js';
import {
  assigneeList,
  assigneesQuery,
  teamMemberInput,
  teamView,
} from '../../../shared/contracts/caseTeam.js';
import { actorOf } from '../../security/policy.js';

const idParams = z.object({ id: z.string().uuid() });

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;

  app.get(
    '/api/cases',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The queue: open cases by priority and time, one page, with totals and search',
        querystring: queueQuery,
        response: { 200: queuePage },
      },
    },
    async (request) => services.cases.queue(actorOf(request), request.query),
  );

  app.post(
    '/api/cases',
    {
      config: { permission: 'cases:create' },
      schema: {
        tags: ['cases'],
        summary: 'Staff intake (hotline, walk-in)',
        body: intakeInput,
        response: { 201: caseCreated },
      },
    },
    async (request, reply) => {
      const c = await services.intake.receive(request.body, { userId: request.auth!.user.id, label: 'user' });
      return reply.status(201).send({ id: c.id, reference: c.reference, status: 'received' as const });
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { permission: 'cases:read' },
      schema: { tags: ['cases'], summary: 'The case page (audited read)', params: idParams },
    },
    async (request) => services.cases.detail(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/retrospective-review',
    {
      config: { permission: 'cases:decide' },
      schema: {
        tags: ['cases'],
        summary: 'Record the retrospective review of a P1 the duty officer approved alone',
        params: idParams,
        body: retrospectiveReviewBody,
        response: { 200: retrospectiveReviewResult },
      },
    },
    async (request) =>
      services.workflow.recordRetrospectiveReview(request.params.id, actorOf(request), request.body),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      // Anyone who may read the case (its team, or a responder on one of its missions) may add a note.
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Add a note to the case timeline (sealed; append-only)',
        params: idParams,
        body: caseNoteBody,
        response: { 201: caseNoteResult },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.workflow.addNote(request.params.id, actorOf(request), request.body)),
  );

  app.post(
    '/api/cases/:id/transitions/:action',
    {
      // The step's own permission (shared/workflow.ts) is checked by the workflow service.
      config: { permission: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Move a case through its lifecycle',
        params: transitionParams,
        body: transitionBody,
        response: {
          200: transitionResult,
        },
      },
    },
    async (request) => {
      const c = await services.workflow.transition(
        request.params.id,
        request.params.action,
        actorOf(request),
        request.body,
      );
      return {
        id: c.id,
        status: c.status as (typeof caseStatuses)[number],
        priority: c.priority,
        version: c.version,
      };
    },
  );

  app.get(
    '/api/cases/:id/people/:personId',
    {
      config: { permission: 'cases:reveal' },
      schema: {
        tags: ['cases'],
        summary: 'Reveal a person’s identifying details (audited)',
        params: z.object({ id: z.string().uuid(), personId: z.string().uuid() }),
        response: {
          200: revealedPerson,
        },
      },
    },
    async (request) =>
      services.cases.revealPerson(request.params.id, request.params.personId, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/sensitivity',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags: ['cases'],
        summary:
          'Screening: set the sensitivity. Raising applies at once; lowering needs a reason and a second person',
        params: idParams,
        body: sensitivityBody,
        response: { 200: sensitivityResult },
      },
    },
    async (request) => services.cases.setSensitivity(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/sensitivity-requests/:requestId/decision',
    {
      config: { permission: 'cases:decide' },
      schema: {
        tags: ['cases'],
        summary: 'The second person approves or refuses lowering a case’s sensitivity',
        params: z.object({ id: z.string().uuid(), requestId: z.string().uuid() }),
        body: z.object({ approve: z.boolean() }),
        response: { 200: sensitivityResult },
      },
    },
    async (request) =>
      services.cases.decideSensitivity(
        request.params.id,
        request.params.requestId,
        request.body.approve,
        actorOf(request),
      ),
  );

  app.post(
    '/api/cases/:id/place',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags: ['cases'],
        summary: 'Correct the case’s county, sub-county and ward (checked against the locations; audited)',
        params: idParams,
        body: placeBody,
        response: { 200: placeResult },
      },
    },
    async (request) => services.cases.setPlace(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/cases/:id/duplicates',
    {
      config: { permission: 'cases:screen' },
      schema: {
        tags: ['cases'],
        summary: 'Likely duplicates for the screener (same phone, same ward and day, similar text)',
        params: idParams,
        response: {
          200: z.object({
            duplicates: z.array(
              z.object({
                id: z.string(),
                reference: z.string(),
                status: z.string(),
                receivedAt: z.string(),
                reasons: z.array(z.enum(['same_phone', 'same_ward_same_day', 'similar_text'])),
                similarity: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ duplicates: await services.cases.duplicates(request.params.id, actorOf(request)) }),
  );

  app.get(
    '/api/cases/:id/members',
    {
      config: { permission: 'cases:read' },
      schema: { tags: ['cases'], summary: 'The case team', params: idParams, response: { 200: teamView } },
    },
    async (request) => services.cases.team(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/members',
    {
      config: { permission: 'cases:manage_team' },
      schema: {
        tags: ['cases'],
        summary: 'Add a user to the case team as lead or member (or change their role on it)',
        params: idParams,
        body: teamMemberInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { userId, roleInCase } = request.body;
      await services.cases.addMember(request.params.id, userId, actorOf(request), roleInCase);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/cases/:id/members/:userId',
    {
      config: { permission: 'cases:manage_team' },
      schema: {
        tags: ['cases'],
        summary: 'Remove a user from the case team (a sensitive case closes to them)',
        params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await services.cases.removeMember(request.params.id, request.params.userId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/cases/:id/assignees',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: "Who an action may be assigned to: the team, and holders of the action's role",
        params: idParams,
        querystring: assigneesQuery,
        response: { 200: assigneeList },
      },
    },
    async (request) => ({
      assignees: await services.cases.assignees(request.params.id, request.query.role, actorOf(request)),
    }),
  );

  app.get(
    '/api/vocabularies',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary: "The organisation's bilingual vocabularies (retired terms marked, kept for old cases)",
      },
    },
    async () => services.rules.get('vocabularies'),
  );
  app.get(
    '/api/priority-rules',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary: "The organisation's current priority matrix (the assessment form previews with it)",
      },
    },
    async () => services.rules.priority(),
  );
};
