import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  pushAckBody,
  pushAckView,
  pushEndpointBody,
  pushStatusView,
  pushSubscriptionBody,
} from '../../../shared/contracts/push.js';

/**
 * Web Push: a signed-in user's browsers (subscribe, unsubscribe, see them) and the notification's
 * "Acknowledge" button, whose one-time token is its credential (a service worker has no CSRF token).
 */
export const pushRoutes: FastifyPluginAsyncZod = async (app) => {
  const { push } = app.ctx.services;
  const tags = ['push'];

  app.get(
    '/api/me/push',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The VAPID public key and my subscribed browsers',
        response: { 200: pushStatusView },
      },
    },
    async (request) => push.status(request.auth!.user.id),
  );

  app.put(
    '/api/me/push',
    {
      config: { permission: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Subscribe this browser to alert notifications (alongside SMS, never instead)',
        body: pushSubscriptionBody,
        response: { 200: pushStatusView },
      },
    },
    async (request) => {
      await push.subscribe(request.auth!.user.id, request.body);
      return push.status(request.auth!.user.id);
    },
  );

  app.delete(
    '/api/me/push',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Stop notifications to this browser',
        body: pushEndpointBody,
        response: { 200: z.object({ removed: z.number().int() }) },
      },
    },
    async (request) => ({ removed: await push.unsubscribe(request.auth!.user.id, request.body.endpoint) }),
  );

  app.post(
    '/api/push/ack',
    {
      config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "A notification's Acknowledge button (one-time token from the encrypted push payload)",
        body: pushAckBody,
        response: { 200: pushAckView },
      },
    },
    async (request) => push.acknowledge(request.body.token),
  );
};
