import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  messageLog,
  messageLogQuery,
  notificationRulesBody,
  notificationRulesView,
  userIdParams,
} from '../../../shared/contracts/messages.js';
import type { MessageRow } from './messages.repo.js';
import type { NotificationRule } from './notification-rules.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toLogLine(m: MessageRow, caseReference: string | null = null) {
  return {
    id: m.id,
    channel: m.channel,
    direction: m.direction,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    caseId: m.caseId,
    caseReference,
    userId: m.userId,
    fallbackOf: m.fallbackOf,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    deliveredAt: iso(m.deliveredAt),
  };
}

const rulesView = (rules: NotificationRule[]) => ({ rules, isDefault: rules.length === 0 });

/** The message log and notification rules (own, and an administrator's view of anyone's). */
export const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services, audit } = app.ctx;
  const { rules, messages } = services.channels;

  app.get(
    '/api/messages',
    {
      config: { permission: 'messages:read' },
      schema: {
        tags: ['messages'],
        summary:
          'Message log, newest first: channels, statuses, attempts and case references — never addresses or content',
        querystring: messageLogQuery,
        response: { 200: messageLog },
      },
    },
    async (request) => ({
      messages: (await messages.log(request.query)).map((l) => toLogLine(l.row, l.caseReference)),
    }),
  );

  app.get(
    '/api/me/notification-rules',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['messages'],
        summary: 'My notification rules (empty: in-app at once)',
        response: { 200: notificationRulesView },
      },
    },
    async (request) => rulesView(await rules.get(request.auth!.user.id)),
  );

  app.put(
    '/api/me/notification-rules',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['messages'],
        summary: 'Replace my notification rules',
        body: notificationRulesBody,
        response: { 200: notificationRulesView },
      },
    },
    async (request) => {
      const userId = request.auth!.user.id;
      return rulesView(await rules.replace(userId, request.body, { userId }));
    },
  );

  app.get(
    '/api/users/:id/notification-rules',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'A user’s notification rules',
        params: userIdParams,
        response: { 200: notificationRulesView },
      },
    },
    async (request) => {
      const list = await rules.get(request.params.id);
      // Contacts are personal data: an administrator reading someone else's is on the record.
      await audit.record({
        actorId: request.auth!.user.id,
        actorLabel: 'user',
        action: 'notification_rules.read',
        subjectType: 'user',
        subjectId: request.params.id,
      });
      return rulesView(list);
    },
  );

  app.put(
    '/api/users/:id/notification-rules',
    {
      // Redirecting someone's alerts is sensitive: fresh password + second factor.
      config: { permission: 'users:manage', reauth: true },
      schema: {
        tags: ['users'],
        summary: 'Replace a user’s notification rules',
        params: userIdParams,
        body: notificationRulesBody,
        response: { 200: notificationRulesView },
      },
    },
    async (request) =>
      rulesView(await rules.replace(request.params.id, request.body, { userId: request.auth!.user.id })),
  );
};
