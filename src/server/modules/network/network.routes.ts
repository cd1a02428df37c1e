import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { actorOf } from '../../security/policy.js';
import {
  caseNetworkView,
  checkInInput,
  dispatchCreated,
  dispatchInput,
  idParams,
  missionList,
  myMissionList,
  missionView,
  proposalQuery,
  proposalsView,
  responderInput,
  responderPatch,
  responderList,
  responderQuery,
  responderView,
  sosCancelInput,
  sosCancelView,
  sosInput,
  sosView,
  wellbeingInput,
  wellbeingList,
} from '../../../shared/contracts/network.js';

/** The community response network: roster, dispatch from a case, missions, SOS and wellbeing. */
export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const network = () => app.ctx.services.network;
  const tags = ['network'];

  app.get(
    '/api/network/responders',
    {
      config: { permission: 'network:read' },
      schema: {
        tags,
        summary: 'Responders, filtered by area, skill and availability (audited read)',
        querystring: responderQuery,
        response: { 200: responderList },
      },
    },
    async (request) => ({ responders: await network().responders.list(request.query, actorOf(request)) }),
  );

  app.post(
    '/api/network/responders',
    {
      config: { permission: 'network:manage' },
      schema: {
        tags,
        summary: 'Register a responder',
        body: responderInput,
        response: { 201: responderView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await network().responders.create(request.body, actorOf(request))),
  );

  app.patch(
    '/api/network/responders/:id',
    {
      config: { permission: 'network:manage' },
      schema: {
        tags,
        summary: "Change a responder's areas, skills, availability, limit or PINs",
        params: idParams,
        body: responderPatch,
        response: { 200: responderView },
      },
    },
    async (request) => network().responders.update(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/network/missions',
    {
      config: { permission: 'network:read' },
      schema: {
        tags,
        summary: 'Active missions with their next check-in',
        response: { 200: missionList },
      },
    },
    async (request) => ({ missions: await network().activeMissions(actorOf(request)) }),
  );

  app.get(
    '/api/me/missions',
    {
      config: { permission: 'missions:check_in' },
      schema: {
        tags,
        summary: 'Your own active missions, where they are and when the next check-in is due',
        response: { 200: myMissionList },
      },
    },
    async (request) => ({ missions: await network().myMissions(actorOf(request)) }),
  );

  app.get(
    '/api/network/wellbeing',
    {
      config: { permission: 'network:wellbeing' },
      schema: {
        tags,
        summary: 'Supervisors: who may need rest or psychosocial support (audited read)',
        response: { 200: wellbeingList },
      },
    },
    async (request) => ({ responders: await network().wellbeingView(actorOf(request)) }),
  );

  app.get(
    '/api/cases/:id/dispatch/proposals',
    {
      config: { permission: 'network:dispatch' },
      schema: {
        tags,
        summary: 'Available responders for a case, nearest first, and who was skipped and why',
        params: idParams,
        querystring: proposalQuery,
        response: { 200: proposalsView },
      },
    },
    async (request) =>
      network().proposals(
        request.params.id,
        request.query.missionType,
        request.query.limit,
        actorOf(request),
      ),
  );

  app.get(
    '/api/cases/:id/dispatches',
    {
      config: { permission: 'network:dispatch' },
      schema: {
        tags,
        summary: "A case's dispatches with each offer's answer, and its missions",
        params: idParams,
        response: { 200: caseNetworkView },
      },
    },
    async (request) => network().caseNetwork(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/dispatches',
    {
      config: { permission: 'network:dispatch' },
      schema: {
        tags,
        summary: 'Dispatch: SMS the best-ranked (or chosen) responders; widens if nobody accepts in time',
        params: idParams,
        body: dispatchInput,
        response: { 201: dispatchCreated },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await network().dispatch(request.params.id, request.body, actorOf(request))),
  );

  app.post(
    '/api/missions/:id/check-in',
    {
      config: { permission: 'missions:check_in' },
      schema: {
        tags,
        summary: 'Check in on a mission (or end it) from the console',
        params: idParams,
        body: checkInInput,
        response: { 200: missionView },
      },
    },
    async (request) => network().consoleCheckIn(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/me/sos',
    {
      config: { permission: 'sos:raise' },
      schema: {
        tags,
        summary: 'Raise SOS for yourself: a P1 alert to leadership',
        body: sosInput,
        response: { 201: sosView },
      },
    },
    async (request, reply) => {
      const user = request.auth!.user;
      const res = await network().raiseSos({
        userId: user.id,
        channel: 'console',
        locale: user.locale === 'sw' ? 'sw' : 'en',
        detail: request.body.detail,
        location: request.body.location,
      });
      return reply.code(201).send(res);
    },
  );

  app.post(
    '/api/me/sos/cancel',
    {
      config: { permission: 'sos:raise' },
      schema: {
        tags,
        summary: 'Call off your SOS with your PIN',
        body: sosCancelInput,
        response: { 200: sosCancelView },
      },
    },
    async (request) => {
      const outcome = await network().cancelSos(
        { userId: request.auth!.user.id },
        request.body.pin,
        'console',
      );
      if (outcome === 'none') throw new AppError('NOT_FOUND');
      // The duress PIN answers exactly like the real one.
      return { cancelled: outcome === 'cancelled' };
    },
  );

  app.post(
    '/api/me/wellbeing',
    {
      config: { permission: 'missions:check_in' },
      schema: {
        tags,
        summary: 'Tell supervisors how you are (1–5), or give a debrief after a mission',
        body: wellbeingInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const r = await network().responderByUser(request.auth!.user.id);
      if (!r) throw new AppError('NOT_FOUND');
      await network().recordWellbeing(r, request.body.score, request.body.note, 'console');
      return reply.code(204).send(null);
    },
  );
};
