import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginStepResponse } from '../../../shared/contracts/auth.js';
import {
  acceptInviteBody,
  invitePreview,
  inviteToken,
  phoneBody,
  phoneCodeBody,
  phoneView,
  setupBody,
  setupStatus,
} from '../../../shared/contracts/users.js';
import type { LoginStep } from '../auth/auth.service.js';

const stepView = (s: LoginStep) => ({ ...s, expiresAt: s.expiresAt.toISOString() });

/**
 * Getting in: the first-run set-up (public, guarded by the printed code), an invitation link (public,
 * the token is the credential) and a signed-in user's own phone (verified by SMS).
 */
export const onboardingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services } = app.ctx;
  const { invites, firstRun, phone } = services.userAdmin;
  const rateLimit = { max: config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };
  const tags = ['onboarding'];

  app.get(
    '/api/setup',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Does this install still need its first-run set-up?',
        response: { 200: setupStatus },
      },
    },
    async () => ({ needed: await firstRun.needed() }),
  );

  app.post(
    '/api/setup',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags,
        summary: 'First run: the organisation’s name and the first administrator (409 once done)',
        description:
          'Needs the one-time code the server printed at start. Returns an enrolment challenge: go on with ' +
          '/api/auth/mfa/enroll/start and /api/auth/mfa/enroll/confirm.',
        body: setupBody,
        response: { 200: loginStepResponse },
      },
    },
    async (request) => stepView(await firstRun.complete(request.body)),
  );

  const tokenParams = z.object({ token: inviteToken });

  app.get(
    '/api/invitation/:token',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags,
        summary: 'An invitation, before it is accepted',
        params: tokenParams,
        response: { 200: invitePreview },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return invites.preview(request.params.token);
    },
  );

  app.post(
    '/api/invitation/:token/accept',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Accept an invitation: choose a password, then enrol an authenticator app',
        params: tokenParams,
        body: acceptInviteBody,
        response: { 200: loginStepResponse },
      },
    },
    async (request) => stepView(await invites.accept(request.params.token, request.body.password)),
  );

  app.get(
    '/api/me/phone',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'My phone for on-call SMS, and whether it is verified',
        response: { 200: phoneView },
      },
    },
    async (request) => phone.status(request.auth!.user.id),
  );

  app.put(
    '/api/me/phone',
    {
      config: { permission: 'authenticated', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Set my phone: a code is sent to it by SMS',
        body: phoneBody,
        response: { 200: phoneView },
      },
    },
    async (request) => {
      await phone.setPhone(request.auth!.user.id, request.body.phone);
      return phone.status(request.auth!.user.id);
    },
  );

  app.post(
    '/api/me/phone/verify',
    {
      config: { permission: 'authenticated', rateLimit },
      schema: {
        tags,
        summary: 'Confirm my phone with the code it received',
        body: phoneCodeBody,
        response: { 200: phoneView },
      },
    },
    async (request) => {
      await phone.verify(request.auth!.user.id, request.body.code);
      return phone.status(request.auth!.user.id);
    },
  );
};
