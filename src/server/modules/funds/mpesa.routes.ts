import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { safeEqual } from '../../lib/crypto.js';
import { darajaResultBody } from './daraja.js';

/**
 * Daraja's callbacks: the B2C Result, the QueueTimeOut notice and the Transaction Status result.
 * Daraja signs nothing, so they are public routes authenticated by the secret path token
 * (DARAJA_CALLBACK_SECRET, checked before the body is read; wrong or unset: a plain 404), and the
 * service accepts a callback only for one of our pending attempts. Daraja does not retry: the answer
 * is 200 whatever we make of it, except for a wrong secret or an unknown attempt.
 */
const secretParams = z.object({ secret: z.string().max(200) });
const statusParams = secretParams.extend({ paymentId: z.string().uuid() });
const ack = z.object({ ResultCode: z.number(), ResultDesc: z.string() });
const accepted = { ResultCode: 0, ResultDesc: 'Accepted' };

export const mpesaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, services } = app.ctx;
  const checkSecret = async (request: FastifyRequest) => {
    const secret = (request.params as { secret?: string }).secret ?? '';
    if (!config.DARAJA_CALLBACK_SECRET || !safeEqual(secret, config.DARAJA_CALLBACK_SECRET))
      throw new AppError('NOT_FOUND');
  };
  const callback = { config: { permission: 'public' as const }, onRequest: checkSecret };
  const tags = ['funds'];

  app.post(
    '/api/funds/mpesa/result/:secret',
    {
      ...callback,
      schema: {
        tags,
        summary: 'Daraja B2C result',
        params: secretParams,
        body: darajaResultBody,
        response: { 200: ack },
      },
    },
    async (request) => {
      await services.funds.mpesaResult(request.body);
      return accepted;
    },
  );
  app.post(
    '/api/funds/mpesa/timeout/:secret',
    {
      ...callback,
      schema: {
        tags,
        summary: 'Daraja queue timeout',
        params: secretParams,
        body: darajaResultBody,
        response: { 200: ack },
      },
    },
    async (request) => {
      await services.funds.mpesaTimeout(request.body);
      return accepted;
    },
  );
  app.post(
    '/api/funds/mpesa/status/:secret/:paymentId',
    {
      ...callback,
      schema: {
        tags,
        summary: 'Daraja transaction status result',
        params: statusParams,
        body: darajaResultBody,
        response: { 200: ack },
      },
    },
    async (request) => {
      await services.funds.mpesaStatusResult(request.params.paymentId, request.body);
      return accepted;
    },
  );
};
