import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { slaSettings } from './settings.service.js';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  app.get(
    '/api/settings/sla',
    {
      config: { permission: 'console:use' },
      schema: {
        tags: ['settings'],
        summary: 'SLA clocks per priority (minutes from intake)',
        response: { 200: slaSettings },
      },
    },
    async () => services.settings.sla(),
  );
  app.put(
    '/api/settings/sla',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags: ['settings'],
        summary: 'Change the SLA clocks',
        body: slaSettings,
        response: { 200: slaSettings },
      },
    },
    async (request) => services.settings.setSla(request.body, request.auth!.user.id),
  );
};
