import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  hitAcceptInput,
  hitParams,
  statementCreateInput,
  statementIdParams,
  statementListView,
  statementUpdateInput,
  statementView,
} from '../../../shared/contracts/statements.js';
import { actorOf } from '../../security/policy.js';

/** Public statements in the console: drafts, the identifying-details check, approval, publication. */
export const statementsRoutes: FastifyPluginAsyncZod = async (app) => {
  const statements = app.ctx.services.statements;
  const tags = ['statements'];
  const one = { params: statementIdParams, response: { 200: statementView } };

  app.get(
    '/api/statements',
    {
      config: { permission: 'statements:read' },
      schema: { tags, summary: 'Statements, newest change first', response: { 200: statementListView } },
    },
    async () => statements.list(),
  );
  app.post(
    '/api/statements',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Draft a statement from a case or an event',
        body: statementCreateInput,
        response: { 201: statementView },
      },
    },
    async (request, reply) => reply.status(201).send(await statements.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/statements/:id',
    {
      config: { permission: 'statements:read' },
      schema: { tags, summary: 'One statement and its findings', ...one },
    },
    async (request) => statements.get(request.params.id),
  );
  app.put(
    '/api/statements/:id',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Edit a draft (an approved one goes back to draft)',
        body: statementUpdateInput,
        ...one,
      },
    },
    async (request) => statements.update(request.params.id, actorOf(request), request.body),
  );
  app.post(
    '/api/statements/:id/check',
    {
      config: { permission: 'statements:draft' },
      schema: { tags, summary: 'Run the identifying-details check on the current text', ...one },
    },
    async (request) => statements.check(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/statements/:id/hits/:hitId/accept',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Keep one finding on purpose, with a reason (sealed, audited)',
        params: hitParams,
        body: hitAcceptInput,
        response: { 200: statementView },
      },
    },
    async (request) =>
      statements.acceptHit(request.params.id, request.params.hitId, actorOf(request), request.body.reason),
  );
  app.post(
    '/api/statements/:id/approve',
    {
      config: { permission: 'statements:approve' },
      schema: { tags, summary: "Approve someone else's checked statement", ...one },
    },
    async (request) => statements.approve(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/statements/:id/publish',
    {
      config: { permission: 'statements:draft' },
      schema: { tags, summary: 'Publish an approved statement', ...one },
    },
    async (request) => statements.publish(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/statements/:id/withdraw',
    {
      config: { permission: 'statements:approve' },
      schema: { tags, summary: 'Withdraw a published statement (a tombstone stays)', ...one },
    },
    async (request) => statements.withdraw(request.params.id, actorOf(request)),
  );
};
