import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountView,
  approvalItem,
  cancelInput,
  caseIdParams,
  decisionInput,
  disburseInput,
  fundCreateInput,
  fundIdParams,
  fundRequestInput,
  fundRequestView,
  fundsSettings,
  payableItem,
  ledgerView,
  receiptInput,
  reverseInput,
} from '../../../shared/contracts/funds.js';
import { actorOf } from '../../security/policy.js';

/** Emergency funds: requests on a case, approvals, disbursement, the ledger and its settings. */
export const fundsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const funds = services.funds;
  const tags = ['funds'];

  app.get(
    '/api/cases/:id/fund-requests',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: "A case's fund requests",
        params: caseIdParams,
        response: { 200: z.object({ requests: z.array(fundRequestView) }) },
      },
    },
    async (request) => ({ requests: await funds.requestsOfCase(request.params.id, actorOf(request)) }),
  );
  app.post(
    '/api/cases/:id/fund-requests',
    {
      config: { permission: 'funds:request' },
      schema: {
        tags,
        summary: 'Ask for emergency funds on an active case',
        params: caseIdParams,
        body: fundRequestInput,
        response: { 201: fundRequestView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await funds.createRequest(request.params.id, actorOf(request), request.body)),
  );
  app.get(
    '/api/funds/approvals',
    {
      config: { permission: 'funds:approve' },
      schema: {
        tags,
        summary: 'Fund requests waiting for a decision',
        response: { 200: z.object({ requests: z.array(approvalItem) }) },
      },
    },
    async (request) => ({ requests: await funds.approvalsQueue(actorOf(request)) }),
  );
  app.get(
    '/api/funds/payable',
    {
      config: { permission: 'funds:disburse' },
      schema: {
        tags,
        summary: 'Approved requests to pay, payments under way and failed ones',
        response: { 200: z.object({ requests: z.array(payableItem) }) },
      },
    },
    async (request) => ({ requests: await funds.payQueue(actorOf(request)) }),
  );
  app.post(
    '/api/fund-requests/:id/decision',
    {
      config: { permission: 'funds:approve' },
      schema: {
        tags,
        summary: "Approve or refuse someone else's fund request",
        params: fundIdParams,
        body: decisionInput,
        response: { 200: fundRequestView },
      },
    },
    async (request) => funds.decide(request.params.id, request.body.approve, actorOf(request)),
  );
  app.post(
    '/api/fund-requests/:id/cancel',
    {
      config: { permission: 'funds:request' },
      schema: {
        tags,
        summary: 'Cancel a fund request that is not paid',
        params: fundIdParams,
        body: cancelInput,
        response: { 200: fundRequestView },
      },
    },
    async (request) => funds.cancel(request.params.id, request.body.reason, actorOf(request)),
  );
  app.post(
    '/api/fund-requests/:id/disburse',
    {
      config: { permission: 'funds:disburse' },
      schema: {
        tags,
        summary: 'Pay an approved request by M-Pesa, or record a payment made by hand',
        params: fundIdParams,
        body: disburseInput,
        response: { 200: fundRequestView },
      },
    },
    async (request) => funds.disburse(request.params.id, actorOf(request), request.body),
  );

  /* ---------- the books ---------- */
  app.get(
    '/api/funds/ledger',
    {
      config: { permission: 'funds:ledger' },
      schema: {
        tags,
        summary: 'Balances and journal entries (audited read)',
        querystring: z.object({ caseId: z.string().uuid().optional() }),
        response: { 200: ledgerView },
      },
    },
    async (request) =>
      funds.ledger(actorOf(request), request.query.caseId ? { caseId: request.query.caseId } : {}),
  );
  app.get(
    '/api/funds/ledger.csv',
    {
      config: { permission: 'funds:ledger', reauth: true },
      schema: { tags, summary: 'The whole ledger as CSV (re-authentication; audited)' },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="dharura-ledger.csv"')
        .header('cache-control', 'no-store')
        .send(await funds.ledgerCsv(actorOf(request))),
  );
  app.post(
    '/api/funds',
    {
      config: { permission: 'funds:manage' },
      schema: {
        tags,
        summary: 'Open a fund (a grant or donor budget)',
        body: fundCreateInput,
        response: { 201: accountView.omit({ balanceCents: true }) },
      },
    },
    async (request, reply) => {
      const a = await funds.createFund(request.body, actorOf(request));
      return reply
        .status(201)
        .send({ id: a.id, code: a.code, kind: 'fund' as const, name: a.name, caseId: null });
    },
  );
  app.post(
    '/api/funds/receipts',
    {
      config: { permission: 'funds:manage' },
      schema: {
        tags,
        summary: 'Money received into a float from a fund',
        body: receiptInput,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: (await funds.receipt(request.body, actorOf(request))).id }),
  );
  app.post(
    '/api/funds/entries/:id/reverse',
    {
      config: { permission: 'funds:manage' },
      schema: {
        tags,
        summary: 'Reverse a journal entry (entries are never edited)',
        params: fundIdParams,
        body: reverseInput,
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: (await funds.reverse(request.params.id, request.body.reason, actorOf(request))).id }),
  );

  /* ---------- settings ---------- */
  app.get(
    '/api/settings/funds',
    {
      config: { permission: 'console:use' },
      schema: {
        tags,
        summary: 'Approval limits per role and the two-approver threshold',
        response: { 200: fundsSettings.extend({ mpesaConfigured: z.boolean() }) },
      },
    },
    async () => ({ ...(await services.fundsSettings.get()), mpesaConfigured: funds.mpesaConfigured }),
  );
  app.put(
    '/api/settings/funds',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags,
        summary: 'Change the funds approval settings',
        body: fundsSettings,
        response: { 200: fundsSettings },
      },
    },
    async (request) => services.fundsSettings.set(request.body, actorOf(request).id),
  );
};
