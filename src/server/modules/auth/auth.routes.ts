import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isLocale, type Locale } from '../../../shared/locale.js';
import type { Role } from '../../../shared/permissions.js';
import type { Config } from '../../config.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { sessionCookieName } from '../../plugins/auth.js';
import { LANG_COOKIE } from '../../plugins/request-context.js';
import {
  adminSessionList,
  loginBody,
  loginStepResponse,
  meResponse,
  offlineKeyResponse,
  preferencesBody,
  reauthBody,
  reauthResponse,
  revokedResponse,
  sessionList,
} from '../../../shared/contracts/auth.js';

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles as Role[],
    locale: (isLocale(u.locale) ? u.locale : 'en') as Locale,
  };
}

export function sessionCookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.COOKIE_SECURE };
}

/** Set the session cookie once both factors are satisfied: the only place a session cookie is made. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  void reply.setCookie(sessionCookieName(config.COOKIE_SECURE), token, {
    ...sessionCookieOptions(config),
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services } = app.ctx;
  const cookieName = sessionCookieName(config.COOKIE_SECURE);
  const cookieOptions = sessionCookieOptions(config);
  const loginRateLimit = { max: config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 1: email and password',
        description:
          'A correct password does not sign in: it returns a challenge, valid for 5 minutes, for step 2 — ' +
          '/api/auth/mfa/verify (or /api/auth/mfa/webauthn/*) when `status` is `mfa_required`, or ' +
          '/api/auth/mfa/enroll/start then /api/auth/mfa/enroll/confirm when it is `mfa_enrollment_required`.',
        body: loginBody,
        response: { 200: loginStepResponse },
      },
    },
    async (request) => {
      const { email, password } = request.body;
      const step = await services.auth.login(email, password, request.ip);
      return { ...step, expiresAt: step.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/reauth',
    {
      config: { permission: 'authenticated', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Confirm password and second factor again before a sensitive action',
        description:
          'Routes marked as sensitive answer 401 REAUTH_REQUIRED until this succeeds; it counts for 5 minutes.',
        body: reauthBody,
        response: { 200: reauthResponse },
      },
    },
    async (request) => {
      const { password, code, recoveryCode } = request.body;
      const r = await services.mfa.reauthenticate(
        request.auth!,
        password,
        code !== undefined ? { code } : { recoveryCode: recoveryCode ?? '' },
      );
      return { reauthenticatedAt: r.reauthenticatedAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await services.auth.logout(request.auth!.sessionId);
      void reply.clearCookie(cookieName, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meResponse } },
    },
    async (request) => ({ user: publicUser(request.auth!.user), csrfToken: request.auth!.csrfToken }),
  );

  // The key the console seals its offline data and outbox with in this browser (docs/adr/0011): derived
  // from this session, so it survives a reload while the session lives and is gone when it ends.
  app.get(
    '/api/me/offline-key',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'This session’s key for the console’s encrypted offline store',
        response: { 200: offlineKeyResponse },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return {
        key: app.ctx.vault.blindIndex('offline-key/v1', request.auth!.sessionId),
        idleMinutes: config.SESSION_IDLE_MINUTES,
      };
    },
  );

  app.patch(
    '/api/me/preferences',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Save the signed-in user’s preferences (language)',
        body: preferencesBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      await services.users.setLocale(request.auth!.user.id, request.body.locale);
      void reply.setCookie(LANG_COOKIE, request.body.locale, { ...cookieOptions, httpOnly: false });
      const user = { ...request.auth!.user, locale: request.body.locale };
      return { user: publicUser(user), csrfToken: request.auth!.csrfToken };
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'My active sessions', response: { 200: sessionList } },
    },
    async (request) => {
      const rows = await services.auth.listSessions(request.auth!.user.id);
      return {
        sessions: rows.map((s) => ({
          id: s.id.slice(0, 16),
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          userAgent: s.userAgent,
          current: s.id === request.auth!.sessionId,
        })),
      };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my sessions',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const revoked = await services.auth.revokeOwnSession(request.auth!.user.id, request.params.id);
      if (!revoked) throw new AppError('NOT_FOUND');
      return reply.status(204).send(null);
    },
  );

  const userParams = z.object({ id: z.string().uuid() });

  app.get(
    '/api/users/:id/sessions',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'A user’s active sessions (administrators)',
        params: userParams,
        response: { 200: adminSessionList },
      },
    },
    async (request) => {
      const rows = await services.auth.listSessionsOf(request.params.id);
      return {
        sessions: rows.map((s) => ({
          id: s.id.slice(0, 16),
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          userAgent: s.userAgent,
          mfaMethod: s.mfaMethod,
          reauthenticatedAt: s.reauthenticatedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.delete(
    '/api/users/:id/sessions',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Sign a user out everywhere (administrators; audited)',
        params: userParams,
        response: { 200: revokedResponse },
      },
    },
    async (request) => ({
      revoked: await services.auth.revokeAllSessions(request.auth!.user.id, request.params.id),
    }),
  );
};
