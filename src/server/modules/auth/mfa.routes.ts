import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { publicUser, setSessionCookie } from './auth.routes.js';
import {
  challengeBody,
  enrolConfirmBody,
  enrolConfirmResponse,
  enrolStartResponse,
  meResponse,
  mfaStatusResponse,
  recoveryCodesResponse,
  verifyBody,
  webauthnCredentialList,
  webauthnCredentialView,
  webauthnLoginVerifyBody,
  webauthnOptionsResponse,
  webauthnRegisterVerifyBody,
} from '../../../shared/contracts/auth.js';
import type { RelyingParty } from './mfa.service.js';
import type { WebauthnCredentialRow } from './mfa.repo.js';

/**
 * WebAuthn is bound to the host the console was loaded from: the RP ID is its name without the port,
 * the origin its scheme and host (https whenever cookies are Secure, i.e. behind TLS).
 */
function relyingParty(request: FastifyRequest, config: Config): RelyingParty {
  const scheme = config.COOKIE_SECURE ? 'https' : request.protocol;
  return { rpID: request.hostname.replace(/^\[|\]$/g, ''), origin: `${scheme}://${request.host}` };
}

function credentialView(c: WebauthnCredentialRow) {
  return {
    id: c.id,
    label: c.label,
    createdAt: c.createdAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Step 2 of sign-in (public: the challenge from step 1 is the credential) and the signed-in user's own
 * second-factor settings.
 */
export const mfaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services } = app.ctx;
  const rateLimit = { max: config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };
  const step2 = { permission: 'public' as const, rateLimit };

  app.post(
    '/api/auth/mfa/enroll/start',
    {
      config: step2,
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2 (first time): get a new authenticator-app secret and QR code',
        body: challengeBody,
        response: { 200: enrolStartResponse },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return services.mfa.startEnrolment(request.body.challenge);
    },
  );

  app.post(
    '/api/auth/mfa/enroll/confirm',
    {
      config: step2,
      schema: {
        tags: ['auth'],
        summary:
          'Sign in, step 2 (first time): confirm with a code; signs in and returns recovery codes once',
        body: enrolConfirmBody,
        response: { 200: enrolConfirmResponse },
      },
    },
    async (request, reply) => {
      const r = await services.mfa.confirmEnrolment(
        request.body.challenge,
        request.body.code,
        request.headers['user-agent'],
      );
      setSessionCookie(reply, config, r.token);
      void reply.header('cache-control', 'no-store');
      return { user: publicUser(r.user), csrfToken: r.csrfToken, recoveryCodes: r.recoveryCodes };
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    {
      config: step2,
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2: a code from the authenticator app, or a recovery code',
        body: verifyBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const { challenge, code, recoveryCode } = request.body;
      const r = await services.mfa.verify(
        challenge,
        code !== undefined ? { code } : { recoveryCode: recoveryCode ?? '' },
        request.headers['user-agent'],
      );
      setSessionCookie(reply, config, r.token);
      return { user: publicUser(r.user), csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/api/auth/mfa/webauthn/options',
    {
      config: step2,
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2 with a security key: options for navigator.credentials.get()',
        body: challengeBody,
        response: { 200: webauthnOptionsResponse },
      },
    },
    async (request) => ({
      ...(await services.mfa.webauthnLoginOptions(request.body.challenge, relyingParty(request, config))),
    }),
  );

  app.post(
    '/api/auth/mfa/webauthn/verify',
    {
      config: step2,
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2 with a security key: the signed assertion',
        body: webauthnLoginVerifyBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const r = await services.mfa.webauthnLoginVerify(
        request.body.challenge,
        request.body.response as unknown as AuthenticationResponseJSON,
        relyingParty(request, config),
        request.headers['user-agent'],
      );
      setSessionCookie(reply, config, r.token);
      return { user: publicUser(r.user), csrfToken: r.csrfToken };
    },
  );

  app.get(
    '/api/me/mfa',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'My second factors', response: { 200: mfaStatusResponse } },
    },
    async (request) => services.mfa.status(request.auth!.user.id),
  );

  app.post(
    '/api/me/mfa/recovery-codes',
    {
      config: { permission: 'authenticated', reauth: true },
      schema: {
        tags: ['auth'],
        summary: 'Replace my recovery codes (needs a recent re-authentication); shown once',
        response: { 200: recoveryCodesResponse },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { recoveryCodes: await services.mfa.regenerateRecoveryCodes(request.auth!.user.id) };
    },
  );

  app.get(
    '/api/me/webauthn',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'My security keys', response: { 200: webauthnCredentialList } },
    },
    async (request) => ({
      credentials: (await services.mfa.listCredentials(request.auth!.user.id)).map(credentialView),
    }),
  );

  app.post(
    '/api/me/webauthn/register/options',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Add a security key: options for navigator.credentials.create()',
        response: { 200: webauthnOptionsResponse },
      },
    },
    async (request) => ({
      ...(await services.mfa.webauthnRegistrationOptions(request.auth!, relyingParty(request, config))),
    }),
  );

  app.post(
    '/api/me/webauthn/register/verify',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Add a security key: the attestation from the browser',
        body: webauthnRegisterVerifyBody,
        response: { 201: webauthnCredentialView },
      },
    },
    async (request, reply) => {
      const stored = await services.mfa.webauthnRegistrationVerify(
        request.auth!,
        request.body.response as unknown as RegistrationResponseJSON,
        request.body.label,
        relyingParty(request, config),
      );
      return reply.status(201).send(credentialView(stored));
    },
  );

  app.delete(
    '/api/me/webauthn/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Remove one of my security keys',
        params: z.object({ id: z.string().min(1).max(1024) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await services.mfa.deleteCredential(request.auth!.user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
