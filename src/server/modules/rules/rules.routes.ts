import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ruleChangeInput,
  ruleHistoryView,
  ruleKindParams,
  ruleKindsView,
  ruleVersionView,
} from '../../../shared/contracts/rules.js';
import { actorOf } from '../../security/policy.js';

/** Rules as data: each kind's current version and history, and a change (a new version). */
export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;

  app.get(
    '/api/rules',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags: ['rules'],
        summary: "The organisation's rule kinds and their current versions",
        response: { 200: ruleKindsView },
      },
    },
    async () => services.rules.kinds(),
  );

  app.get(
    '/api/rules/:kind',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags: ['rules'],
        summary: 'A kind of rule: the current version and every earlier one (version 0 is the default)',
        params: ruleKindParams,
        response: { 200: ruleHistoryView },
      },
    },
    async (request) => services.rules.history(request.params.kind),
  );

  app.put(
    '/api/rules/:kind',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags: ['rules'],
        summary: 'Change a kind of rule: validated by its contract, stored as a new version, audited',
        params: ruleKindParams,
        body: ruleChangeInput,
        response: { 200: ruleVersionView },
      },
    },
    async (request) => services.rules.change(request.params.kind, request.body, actorOf(request)),
  );
};
