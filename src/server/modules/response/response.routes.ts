import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionRoles,
  actionStatuses,
  actionTypes,
  agencies,
  feedbackChannels,
  impactScopes,
  impactTypes,
  institutionalRequests,
  institutionalResponseTypes,
} from '../../../shared/vocabularies.js';
import {
  actionCreateInput,
  actionParams,
  actionPatchInput,
  actionView,
  arrestCreateInput,
  arrestParams,
  arrestPatchInput,
  arrestView,
  feedbackInput,
  feedbackView,
  idParams,
  impactInput,
  impactView,
  institutionalResponseInput,
  institutionalResponseView,
  responseSummary,
  reviewInput,
  reviewState,
  reviewView,
  myActionsView,
} from '../../../shared/contracts/response.js';
import { actorOf } from '../../security/policy.js';

/** The response phase of a case: actions, arrests, institutional responses, follow-up, reviews. */
export const responseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const tags = ['response'];

  app.get(
    '/api/cases/:id/response-summary',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Everything about the response to a case (audited read)',
        params: idParams,
        response: { 200: responseSummary },
      },
    },
    async (request) => services.response.summary(request.params.id, actorOf(request)),
  );

  /* ---------- actions ---------- */

  app.get(
    '/api/cases/:id/actions',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Actions on a case (audited read)',
        params: idParams,
        response: { 200: z.object({ actions: z.array(actionView) }) },
      },
    },
    async (request) => ({ actions: await services.response.actions(request.params.id, actorOf(request)) }),
  );

  app.get(
    '/api/me/actions',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'My actions: those assigned to me on the cases I may read, by due date',
        response: { 200: myActionsView },
      },
    },
    async (request) => ({ actions: await services.response.myActions(actorOf(request)) }),
  );

  app.post(
    '/api/cases/:id/actions',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Assign an action to a role (active or follow-up cases only)',
        params: idParams,
        body: actionCreateInput,
        response: { 201: actionView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.response.createAction(request.params.id, actorOf(request), request.body)),
  );

  app.patch(
    '/api/cases/:id/actions/:actionId',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Move an action on (open → in_progress → done | cancelled) or change it',
        params: actionParams,
        body: actionPatchInput,
        response: { 200: actionView },
      },
    },
    async (request) =>
      services.response.updateAction(
        request.params.id,
        request.params.actionId,
        actorOf(request),
        request.body,
      ),
  );

  /* ---------- arrests ---------- */

  app.get(
    '/api/cases/:id/arrests',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Arrests on a case with their 24-hour countdown',
        params: idParams,
        response: { 200: z.object({ now: z.string(), arrests: z.array(arrestView) }) },
      },
    },
    async (request) => ({
      now: app.ctx.clock.now().toISOString(),
      arrests: await services.response.arrests(request.params.id, actorOf(request)),
    }),
  );

  app.post(
    '/api/cases/:id/arrests',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record an arrest: starts the 24-hour clock (Art. 49(1)(f))',
        params: idParams,
        body: arrestCreateInput,
        response: { 201: arrestView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.response.recordArrest(request.params.id, actorOf(request), request.body)),
  );

  app.patch(
    '/api/cases/:id/arrests/:arrestId',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Produced in court or released: stops the arrest clock',
        params: arrestParams,
        body: arrestPatchInput,
        response: { 200: arrestView },
      },
    },
    async (request) =>
      services.response.updateArrest(
        request.params.id,
        request.params.arrestId,
        actorOf(request),
        request.body,
      ),
  );

  /* ---------- institutional response log ---------- */

  app.get(
    '/api/cases/:id/institutional-responses',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'How police and state agencies responded (audited read)',
        params: idParams,
        response: { 200: z.object({ institutionalResponses: z.array(institutionalResponseView) }) },
      },
    },
    async (request) => ({
      institutionalResponses: await services.response.institutionalResponses(
        request.params.id,
        actorOf(request),
      ),
    }),
  );

  app.post(
    '/api/cases/:id/institutional-responses',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Log an interaction with a state agency',
        params: idParams,
        body: institutionalResponseInput,
        response: { 201: institutionalResponseView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await services.response.logInstitutionalResponse(request.params.id, actorOf(request), request.body),
        ),
  );

  /* ---------- follow-up ---------- */

  app.get(
    '/api/cases/:id/feedback',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Victim feedback (audited read)',
        params: idParams,
        response: { 200: z.object({ feedback: z.array(feedbackView) }) },
      },
    },
    async (request) => ({ feedback: await services.response.feedback(request.params.id, actorOf(request)) }),
  );

  app.post(
    '/api/cases/:id/feedback',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record victim feedback',
        params: idParams,
        body: feedbackInput,
        response: { 201: feedbackView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.response.recordFeedback(request.params.id, actorOf(request), request.body)),
  );

  app.get(
    '/api/cases/:id/impacts',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'Immediate results and broader effects (audited read)',
        params: idParams,
        response: { 200: z.object({ impacts: z.array(impactView) }) },
      },
    },
    async (request) => ({ impacts: await services.response.impacts(request.params.id, actorOf(request)) }),
  );

  app.post(
    '/api/cases/:id/impacts',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record an impact',
        params: idParams,
        body: impactInput,
        response: { 201: impactView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.response.recordImpact(request.params.id, actorOf(request), request.body)),
  );

  app.get(
    '/api/cases/:id/after-action-review',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The after-action review, and whether one is still required',
        params: idParams,
        response: { 200: reviewState },
      },
    },
    async (request) => services.response.afterActionReview(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/after-action-review',
    {
      config: { permission: 'cases:close' },
      schema: {
        tags,
        summary: 'Record the after-action review (one per case; follow-up or closed cases)',
        params: idParams,
        body: reviewInput,
        response: { 201: reviewView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await services.response.recordAfterActionReview(request.params.id, actorOf(request), request.body),
        ),
  );

  app.get(
    '/api/vocabularies/response',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Bilingual vocabularies of the response phase' },
    },
    async () => ({
      actionRoles,
      actionTypes,
      actionStatuses,
      agencies,
      institutionalRequests,
      institutionalResponseTypes,
      feedbackChannels,
      impactScopes,
      impactTypes,
    }),
  );
};
