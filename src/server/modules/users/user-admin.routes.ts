import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminUserView,
  decisionBody,
  inviteBody,
  inviteCreated,
  inviteView,
  mfaResetRequestView,
  rolesBody,
  userView,
} from '../../../shared/contracts/users.js';
import { toUserView } from './users.views.js';

/** The administrators' side of people: accounts, invitations, second-factor resets (DESIGN §8). */
export const userAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const { accounts, invites, mfaReset } = services.userAdmin;
  const userParams = z.object({ id: z.string().uuid() });
  const tags = ['users'];

  app.get(
    '/api/admin/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags,
        summary: 'Users with their last sign-in, second factor and phone state (administrators)',
        response: { 200: z.object({ users: z.array(adminUserView) }) },
      },
    },
    async () => ({ users: await accounts.list() }),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags,
        summary: 'Change a user’s roles (needs re-authentication; audited)',
        params: userParams,
        body: rolesBody,
        response: { 200: userView },
      },
    },
    async (request) =>
      toUserView(await accounts.changeRoles(request.auth!.user.id, request.params.id, request.body.roles)),
  );

  app.post(
    '/api/users/:id/disable',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags,
        summary: 'Disable a user: every session ends at once (audited)',
        params: userParams,
        response: { 200: userView },
      },
    },
    async (request) => toUserView(await accounts.setDisabled(request.auth!.user.id, request.params.id, true)),
  );

  app.post(
    '/api/users/:id/enable',
    {
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags,
        summary: 'Enable a disabled user again (needs re-authentication; audited)',
        params: userParams,
        response: { 200: userView },
      },
    },
    async (request) =>
      toUserView(await accounts.setDisabled(request.auth!.user.id, request.params.id, false)),
  );

  app.delete(
    '/api/users/:id/sessions/:sessionId',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags,
        summary: 'End one of a user’s sessions (administrators; audited)',
        params: z.object({ id: z.string().uuid(), sessionId: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await accounts.revokeSession(request.auth!.user.id, request.params.id, request.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/mfa-reset-requests',
    {
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags,
        summary: 'Ask for a user’s lost second factor to be reset (another administrator approves)',
        params: userParams,
        response: { 201: mfaResetRequestView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await mfaReset.request(request.params.id, request.auth!.user.id)),
  );

  app.get(
    '/api/mfa-reset-requests',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags,
        summary: 'Second-factor resets waiting for a second administrator',
        response: { 200: z.object({ requests: z.array(mfaResetRequestView) }) },
      },
    },
    async () => ({ requests: await mfaReset.pending() }),
  );

  app.post(
    '/api/mfa-reset-requests/:id/decision',
    {
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags,
        summary: 'Approve (reset now: factors removed, sessions ended) or refuse someone else’s request',
        params: userParams,
        body: decisionBody,
        response: { 200: mfaResetRequestView },
      },
    },
    async (request) => mfaReset.decide(request.params.id, request.body.approve, request.auth!.user.id),
  );

  app.post(
    '/api/invites',
    {
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags,
        summary: 'Invite someone: a one-time link, valid 7 days (needs re-authentication; audited)',
        body: inviteBody,
        response: { 201: inviteCreated },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send(await invites.invite(request.body, request.auth!.user.id));
    },
  );

  app.get(
    '/api/invites',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags,
        summary: 'Invitations not yet accepted',
        response: { 200: z.object({ invites: z.array(inviteView) }) },
      },
    },
    async () => ({ invites: await invites.listOpen() }),
  );

  app.delete(
    '/api/invites/:id',
    {
      config: { permission: 'users:manage' },
      schema: { tags, summary: 'Withdraw an invitation', params: userParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await invites.revoke(request.params.id, request.auth!.user.id);
      return reply.status(204).send(null);
    },
  );
};
