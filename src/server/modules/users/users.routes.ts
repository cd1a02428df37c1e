import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newUserBody, userView } from '../../../shared/contracts/users.js';
import { toUserView } from './users.service.js';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;

  app.get(
    '/api/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['users'],
        summary: 'List users',
        response: { 200: z.object({ users: z.array(userView) }) },
      },
    },
    async () => ({ users: (await services.users.list()).map(toUserView) }),
  );

  app.post(
    '/api/users',
    {
      // Creating users and giving roles needs a fresh password + second factor (POST /api/auth/reauth).
      config: { permission: 'users:manage', reauth: true },
      schema: { tags: ['users'], summary: 'Create a user', body: newUserBody, response: { 201: userView } },
    },
    async (request, reply) => {
      const user = await services.users.create(request.body, request.auth!.user.id);
      request.log.info(
        { event: 'users.created', userId: user.id, by: request.auth!.user.id },
        'user created',
      );
      return reply.status(201).send(toUserView(user));
    },
  );
};
