import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  appealCreateInput,
  appealListView,
  appealResponseInput,
  appealSendInput,
  appealUpdateInput,
  appealView,
  draftTextsView,
  templateQuery,
} from '../../../shared/contracts/appeals.js';
import { statementIdParams } from '../../../shared/contracts/statements.js';
import { actorOf } from '../../security/policy.js';

/**
 * Urgent appeals in the console, and the first draft of a statement or an appeal from a case or an
 * event. The check, its findings and approval are the statements routes' (`/api/statements/:id/…`).
 */
export const appealsRoutes: FastifyPluginAsyncZod = async (app) => {
  const statements = app.ctx.services.statements;
  const appeals = statements.appeals;
  const tags = ['statements'];
  const one = { params: statementIdParams, response: { 200: appealView } };

  app.get(
    '/api/statements/template',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'A first draft from a case or an event (a statement, or an appeal to a mechanism)',
        querystring: templateQuery,
        response: { 200: draftTextsView },
      },
    },
    async (request) => statements.template(actorOf(request), request.query),
  );
  app.get(
    '/api/appeals',
    {
      config: { permission: 'statements:read' },
      schema: { tags, summary: 'Urgent appeals, newest change first', response: { 200: appealListView } },
    },
    async () => appeals.list(),
  );
  app.post(
    '/api/appeals',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Draft an urgent appeal to a mechanism from a case or an event',
        body: appealCreateInput,
        response: { 201: appealView },
      },
    },
    async (request, reply) => reply.status(201).send(await appeals.create(actorOf(request), request.body)),
  );
  app.get(
    '/api/appeals/:id',
    {
      config: { permission: 'statements:read' },
      schema: { tags, summary: 'One appeal: its texts, findings, dispatch and response', ...one },
    },
    async (request) => appeals.get(request.params.id),
  );
  app.put(
    '/api/appeals/:id',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Edit an appeal (an approved one goes back to draft)',
        body: appealUpdateInput,
        ...one,
      },
    },
    async (request) => appeals.update(request.params.id, actorOf(request), request.body),
  );
  app.post(
    '/api/appeals/:id/send',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: 'Record that an approved appeal was sent: how, when, to whom, response due',
        body: appealSendInput,
        ...one,
      },
    },
    async (request) => appeals.send(request.params.id, actorOf(request), request.body),
  );
  app.post(
    '/api/appeals/:id/response',
    {
      config: { permission: 'statements:draft' },
      schema: {
        tags,
        summary: "Record the mechanism's response (also in the case's institutional log)",
        body: appealResponseInput,
        ...one,
      },
    },
    async (request) => appeals.recordResponse(request.params.id, actorOf(request), request.body),
  );
};
