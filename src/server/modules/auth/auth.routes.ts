import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isLocale, type Locale } from '../../../shared/locale.js';
import type { Role } from '../../../shared/permissions.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { sessionCookieName } from '../../plugins/auth.js';
import { LANG_COOKIE } from '../../plugins/request-context.js';
import { loginBody, meResponse, preferencesBody, sessionList } from './auth.schemas.js';

function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles as Role[],
    locale: (isLocale(u.locale) ? u.locale : 'en') as Locale,
  };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services } = app.ctx;
  const cookieName = sessionCookieName(config.COOKIE_SECURE);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.COOKIE_SECURE,
  };

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const r = await services.auth.login(email, password, request.headers['user-agent']);
      void reply.setCookie(cookieName, r.token, {
        ...cookieOptions,
        maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
      });
      return { user: publicUser(r.user), csrfToken: r.csrfToken };
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
};
