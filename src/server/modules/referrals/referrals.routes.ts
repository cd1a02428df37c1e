import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  capacityInput,
  declineInput,
  idParams,
  memberInput,
  outcomeInput,
  partnerHome,
  partnerReferralView,
  providerIndicator,
  providerInput,
  providerSearch,
  providerView,
  referralInput,
  referralSettings,
  referralView,
  satisfactionInput,
} from '../../../shared/contracts/referrals.js';
import { actorOf } from '../../security/policy.js';

/** Referrals: the provider directory, referrals from a case, and the partner portal. */
export const referralsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const { providers, referrals, partner } = services.referrals;
  const tags = ['referrals'];
  const manage = { permission: 'referrals:manage' } as const;
  const asPartner = { permission: 'referrals:partner' } as const;

  /* ---------- the directory ---------- */
  app.get(
    '/api/referral-providers',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Search providers by need and county',
        querystring: providerSearch,
        response: { 200: z.object({ providers: z.array(providerView) }) },
      },
    },
    async (request) => ({ providers: await providers.search(request.query) }),
  );
  app.post(
    '/api/referral-providers',
    {
      config: manage,
      schema: { tags, summary: 'Add a provider', body: providerInput, response: { 201: providerView } },
    },
    async (request, reply) => reply.status(201).send(await providers.create(request.body, actorOf(request))),
  );
  app.put(
    '/api/referral-providers/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Edit a provider's details",
        params: idParams,
        body: providerInput,
        response: { 200: providerView },
      },
    },
    async (request) => providers.update(request.params.id, request.body, actorOf(request)),
  );
  app.get(
    '/api/referral-providers/indicators',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The referral feedback indicator per provider (accepted in time, completed, satisfied)',
        response: { 200: z.object({ indicators: z.array(providerIndicator) }) },
      },
    },
    async () => ({ indicators: await providers.indicators() }),
  );
  app.post(
    '/api/referral-providers/:id/verify',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mark a provider verified (by me, now)',
        params: idParams,
        response: { 200: providerView },
      },
    },
    async (request) => providers.verify(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/referral-providers/:id/members',
    {
      config: manage,
      schema: { tags, summary: 'Link a partner user to a provider', params: idParams, body: memberInput },
    },
    async (request, reply) => {
      await providers.addMember(request.params.id, request.body.userId, actorOf(request));
      return reply.status(204).send();
    },
  );

  /* ---------- referrals from a case ---------- */
  app.get(
    '/api/cases/:id/referrals',
    {
      config: manage,
      schema: {
        tags,
        summary: "A case's referrals",
        params: idParams,
        response: { 200: z.object({ referrals: z.array(referralView) }) },
      },
    },
    async (request) => ({ referrals: await referrals.ofCase(request.params.id, actorOf(request)) }),
  );
  app.post(
    '/api/cases/:id/referrals',
    {
      config: manage,
      schema: {
        tags,
        summary: "Refer a case's survivor to a provider (consent recorded; only the need's fields)",
        params: idParams,
        body: referralInput,
        response: { 201: referralView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await referrals.create(request.params.id, actorOf(request), request.body)),
  );
  app.post(
    '/api/referrals/:id/withdraw',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Consent withdrawn: stop sharing and destroy the shared fields',
        params: idParams,
        response: { 200: referralView },
      },
    },
    async (request) => referrals.withdraw(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/referrals/:id/satisfaction',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record whether the survivor was satisfied (at completion or follow-up)',
        params: idParams,
        body: satisfactionInput,
        response: { 200: referralView },
      },
    },
    async (request) =>
      referrals.recordSatisfaction(request.params.id, actorOf(request), request.body.satisfied),
  );

  /* ---------- settings: how long providers have to answer ---------- */
  app.get(
    '/api/settings/referrals',
    {
      config: manage,
      schema: {
        tags,
        summary: 'How long a provider has to answer a referral, per need',
        response: { 200: referralSettings },
      },
    },
    async () => services.referralSettings.get(),
  );
  app.put(
    '/api/settings/referrals',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags,
        summary: 'Change the referral response times',
        body: referralSettings,
        response: { 200: referralSettings },
      },
    },
    async (request) => services.referralSettings.set(request.body, actorOf(request).id),
  );

  /* ---------- the partner portal ---------- */
  app.get(
    '/api/partner/referrals',
    {
      config: asPartner,
      schema: { tags, summary: "My provider's referrals", response: { 200: partnerHome } },
    },
    async (request) => partner.home(actorOf(request)),
  );
  app.get(
    '/api/partner/referrals/:id',
    {
      config: asPartner,
      schema: {
        tags,
        summary: 'One of my provider’s referrals',
        params: idParams,
        response: { 200: partnerReferralView },
      },
    },
    async (request) => partner.get(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/partner/referrals/:id/accept',
    {
      config: asPartner,
      schema: {
        tags,
        summary: 'Accept a referral',
        params: idParams,
        response: { 200: partnerReferralView },
      },
    },
    async (request) => partner.accept(request.params.id, actorOf(request)),
  );
  app.post(
    '/api/partner/referrals/:id/decline',
    {
      config: asPartner,
      schema: {
        tags,
        summary: 'Decline a referral, with a reason',
        params: idParams,
        body: declineInput,
        response: { 200: partnerReferralView },
      },
    },
    async (request) => partner.decline(request.params.id, actorOf(request), request.body.reason),
  );
  app.post(
    '/api/partner/referrals/:id/outcome',
    {
      config: asPartner,
      schema: {
        tags,
        summary: 'Record the outcome of an accepted referral',
        params: idParams,
        body: outcomeInput,
        response: { 200: partnerReferralView },
      },
    },
    async (request) => partner.complete(request.params.id, actorOf(request), request.body.outcome),
  );
  app.put(
    '/api/partner/capacity',
    {
      config: asPartner,
      schema: {
        tags,
        summary: "Update my provider's free capacity",
        body: capacityInput,
        response: { 200: partnerHome.shape.provider },
      },
    },
    async (request) => partner.setCapacity(actorOf(request), request.body.capacity),
  );
};
