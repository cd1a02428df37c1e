import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { safeEqual } from '../../lib/crypto.js';
import { newUserBody, userView } from '../../../shared/contracts/users.js';
import { toUserView } from './users.views.js';

/** The header that carries the token the server wrote to its data directory (0600) at start. */
export const LOCAL_ADMIN_HEADER = 'x-dharura-admin-token';

/**
 * The CLI's way in while this process holds the embedded (single-process) database: `dharura user add`
 * posts here with the token from the file only the server's owner can read. Without the exact token
 * (or when this process wrote none, e.g. on PostgreSQL, where the CLI goes to the database itself) the
 * route does not exist (404), so it is no door for anyone else.
 */
export const localAdminRoutes: FastifyPluginAsyncZod<{ token: string | null }> = async (app, opts) => {
  const { services } = app.ctx;

  app.post(
    '/api/local/users',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['users'],
        summary: 'Create a user from the CLI on this machine (local admin token; audited as system)',
        hide: true,
        body: newUserBody,
        response: { 201: userView },
      },
      // The token is checked before the body is even parsed: a wrong one learns nothing.
      onRequest: async (request) => {
        const given = request.headers[LOCAL_ADMIN_HEADER];
        if (!opts.token || typeof given !== 'string' || !safeEqual(given, opts.token)) {
          throw new AppError('NOT_FOUND');
        }
      },
    },
    async (request, reply) => {
      const user = await services.users.create(request.body);
      request.log.info({ event: 'users.created', userId: user.id, by: 'cli' }, 'user created');
      return reply.status(201).send(toUserView(user));
    },
  );
};
