import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../security/policy.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../lib/crypto.js';
import { normalisePhone } from '../lib/phone.js';
import {
  outboxList,
  outboxQuery,
  simulatedSmsResult,
  simulatorSmsBody,
  simulatorUssdBody,
  ussdScreen,
} from '../../shared/contracts/simulator.js';

/**
 * Africa's Talking callbacks (SMS in, delivery reports, USSD) and the console's phone simulator.
 *
 * The callbacks are public: the gateway authenticates with the secret in the URL (AT_CALLBACK_SECRET),
 * checked before the body is even read; a wrong or unconfigured secret is a plain 404. They are
 * idempotent on the gateway's ids, so Africa's Talking may repeat them as often as it likes.
 */
const str = (max: number) => z.string().max(max);
const secretParams = z.object({ secret: z.string().max(200) });

const inboundSmsBody = z.object({
  from: str(40),
  to: str(40).optional(),
  text: str(5000).default(''),
  date: str(60).optional(),
  id: str(200).min(1),
  linkId: str(200).optional(),
});
const deliveryBody = z.object({
  id: str(200).min(1),
  status: str(40),
  phoneNumber: str(40).optional(),
  networkCode: str(20).optional(),
  failureReason: str(100).optional(),
  retryCount: str(10).optional(),
});
const ussdBody = z.object({
  sessionId: str(200).min(1),
  serviceCode: str(40).optional(),
  phoneNumber: str(40),
  networkCode: str(20).optional(),
  // Longer than the service takes (USSD_TEXT_MAX): past that it answers a polite END, not a 400.
  text: str(200_000).default(''),
});

export const channelRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services, audit } = app.ctx;
  const channels = services.channels;

  const checkSecret = async (request: FastifyRequest) => {
    const secret = (request.params as { secret?: string }).secret ?? '';
    if (!config.AT_CALLBACK_SECRET || !safeEqual(secret, config.AT_CALLBACK_SECRET)) {
      throw new AppError('NOT_FOUND');
    }
  };
  const callback = { config: { permission: 'public' as const }, onRequest: checkSecret };
  const tags = ['channels'];

  app.post(
    '/api/channels/at/sms/:secret',
    {
      ...callback,
      schema: {
        tags,
        summary: "Africa's Talking inbound SMS callback",
        params: secretParams,
        body: inboundSmsBody,
      },
    },
    async (request, reply) => {
      await channels.sms.receive(request.body);
      return reply.status(200).type('text/plain').send('');
    },
  );

  app.post(
    '/api/channels/at/delivery/:secret',
    {
      ...callback,
      schema: {
        tags,
        summary: "Africa's Talking delivery report callback",
        params: secretParams,
        body: deliveryBody,
      },
    },
    async (request, reply) => {
      await channels.messages.deliveryReport({
        gatewayId: request.body.id,
        status: request.body.status,
        failureReason: request.body.failureReason,
      });
      return reply.status(200).type('text/plain').send('');
    },
  );

  /** Every USSD request gets a screen; a failure is an END screen, never an error page on a phone. */
  const ussd = async (request: FastifyRequest, reply: FastifyReply, body: z.infer<typeof ussdBody>) => {
    let screen: string;
    try {
      screen = await channels.ussd.handle(body);
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'ussd request failed');
      screen =
        'END Sorry, something went wrong. Please try again. / Samahani, hitilafu imetokea. Jaribu tena.';
    }
    return reply.status(200).type('text/plain; charset=utf-8').send(screen);
  };

  app.post(
    '/api/channels/at/ussd/:secret',
    {
      ...callback,
      schema: { tags, summary: "Africa's Talking USSD callback", params: secretParams, body: ussdBody },
    },
    async (request, reply) => ussd(request, reply, request.body),
  );

  app.post(
    '/api/cases/:id/reporter-replies',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags: ['cases'],
        summary: "Reply to the reporter by SMS, to the case's phone on record, in her language (logged)",
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ body: z.string().trim().min(1).max(160) }),
        response: { 201: z.object({ messageId: z.string().uuid() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await channels.conversation.reply(request.params.id, request.body.body, actorOf(request))),
  );

  // The phone simulator: the same handlers as the gateway, driven from the console.
  const simulator = { config: { permission: 'simulator:use' as const } };
  const requireSimulator = () => {
    if (!config.SIMULATOR_ENABLED) throw new AppError('SIMULATOR_DISABLED');
  };
  const phoneOf = (raw: string) => {
    const phone = normalisePhone(raw);
    if (!phone) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'phone', message: 'not a valid phone number' }],
      });
    }
    return phone;
  };

  app.post(
    '/api/simulator/sms',
    {
      ...simulator,
      schema: {
        tags: ['simulator'],
        summary: 'Inject an inbound SMS exactly as the gateway would',
        body: simulatorSmsBody,
        response: { 200: simulatedSmsResult },
      },
    },
    async (request) => {
      requireSimulator();
      const from = phoneOf(request.body.from);
      const id = `sim-${randomUUID()}`;
      const result = await channels.sms.receive({ from, to: 'simulator', text: request.body.text, id });
      await audit.record({
        actorId: request.auth!.user.id,
        actorLabel: 'user',
        action: 'simulator.sms',
        subjectType: 'message',
        ...(result.messageId ? { subjectId: result.messageId } : {}),
        meta: { outcome: result.outcome },
      });
      return {
        messageId: result.messageId ?? null,
        outcome: result.outcome,
        reference: result.reference ?? null,
      };
    },
  );

  app.post(
    '/api/simulator/ussd',
    {
      ...simulator,
      schema: {
        tags: ['simulator'],
        summary: 'Send a USSD request exactly as the gateway would; returns the screen',
        body: simulatorUssdBody,
        response: { 200: ussdScreen },
      },
    },
    async (request) => {
      requireSimulator();
      const phoneNumber = phoneOf(request.body.phoneNumber);
      const screen = await channels.ussd.handle({
        sessionId: `sim-${request.body.sessionId}`,
        serviceCode: '*384*0#',
        phoneNumber,
        text: request.body.text,
      });
      return { screen, end: screen.startsWith('END') };
    },
  );

  app.get(
    '/api/simulator/outbox',
    {
      ...simulator,
      schema: {
        tags: ['simulator'],
        summary: 'Messages sent to one phone, newest first (decrypted)',
        querystring: outboxQuery,
        response: { 200: outboxList },
      },
    },
    async (request) => {
      requireSimulator();
      const phone = phoneOf(request.query.phone);
      const sent = await channels.messages.sentToPhone(phone);
      await audit.record({
        actorId: request.auth!.user.id,
        actorLabel: 'user',
        action: 'simulator.outbox.read',
        meta: { count: sent.length },
      });
      return {
        messages: sent.map(({ row, body }) => ({
          id: row.id,
          channel: row.channel,
          status: row.status,
          body,
          caseId: row.caseId,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  );
};
