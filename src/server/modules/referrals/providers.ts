import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  ProviderIndicator,
  ProviderInput,
  ProviderView,
  providerSearch,
} from '../../../shared/contracts/referrals.js';
import { AppError } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { ReferralsDeps } from './referrals.deps.js';
import type { ReferralProviderRow } from './referrals.repo.js';
import { providerIndicatorView, providerView } from './referrals.views.js';

/**
 * The provider directory: register a provider (contacts sealed), mark it verified, search it by need
 * and county, link partner users to it, and let its partners update their free capacity.
 */
export function createProviders(deps: Pick<ReferralsDeps, 'db' | 'repo' | 'vault' | 'audit' | 'clock'>) {
  const { db, repo, vault, audit, clock } = deps;

  async function contactsOf(p: ReferralProviderRow): Promise<ProviderView['contacts']> {
    const raw = await vault.decryptOptional(
      p.dataKeyId,
      p.contactsEnc,
      aad('referral_providers', 'contacts', p.id),
    );
    return raw ? (JSON.parse(raw) as ProviderView['contacts']) : {};
  }

  async function view(p: ReferralProviderRow) {
    return providerView(p, await contactsOf(p));
  }

  /** The SMS phone in its one form, and its blind index (`YES R12` from it answers its referrals). */
  function phoneOf(contacts: ProviderInput['contacts']): string | null {
    if (!contacts.phone) return null;
    const phone = normalisePhone(contacts.phone);
    if (!phone) throw new AppError('PHONE_INVALID');
    contacts.phone = phone;
    return vault.blindIndex('phone', phone);
  }

  return {
    contactsOf,

    async create(input: ProviderInput, actor: Actor): Promise<ProviderView> {
      const phoneBidx = phoneOf(input.contacts);
      const row = await db.transaction(async (tx) => {
        const id = randomUUID();
        const dataKeyId = await vault.createDataKey('referral_provider', tx);
        const contactsEnc = await vault.encrypt(
          dataKeyId,
          JSON.stringify(input.contacts),
          aad('referral_providers', 'contacts', id),
          tx,
        );
        const p = await repo.insertProvider(
          {
            id,
            name: input.name,
            type: input.type,
            services: input.services,
            counties: input.counties,
            languages: input.languages,
            capacity: input.capacity,
            hours: input.hours ?? null,
            contactsEnc,
            phoneBidx,
            dataKeyId,
            createdAt: clock.now(),
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'referral_provider.created',
            subjectType: 'referral_provider',
            subjectId: id,
          },
          tx,
        );
        return p;
      });
      return view(row);
    },

    /** Edit a provider: its details replaced, contacts sealed again under its own key. */
    async update(id: string, input: ProviderInput, actor: Actor): Promise<ProviderView> {
      const p = await repo.findProvider(id);
      if (!p) throw new AppError('NOT_FOUND');
      const phoneBidx = phoneOf(input.contacts);
      const set = {
        name: input.name,
        type: input.type,
        services: input.services,
        counties: input.counties,
        languages: input.languages,
        capacity: input.capacity,
        hours: input.hours ?? null,
        phoneBidx,
        contactsEnc: await vault.encrypt(
          p.dataKeyId,
          JSON.stringify(input.contacts),
          aad('referral_providers', 'contacts', id),
        ),
      };
      await db.transaction(async (tx) => {
        await repo.updateProvider(id, set, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'referral_provider.updated',
            subjectType: 'referral_provider',
            subjectId: id,
          },
          tx,
        );
      });
      return view({ ...p, ...set });
    },

    /** The feedback indicator of each provider (all of them, or these). */
    async indicators(providerIds?: string[]): Promise<ProviderIndicator[]> {
      const rows = await repo.indicatorCounts(providerIds ?? null);
      return rows.map(providerIndicatorView);
    },

    async search(filter: z.infer<typeof providerSearch>): Promise<ProviderView[]> {
      const rows = await repo.searchProviders(filter);
      return Promise.all(rows.map(view));
    },

    /** Verified by this user, now (the directory shows by whom and when). */
    async verify(id: string, actor: Actor): Promise<ProviderView> {
      const p = await repo.findProvider(id);
      if (!p) throw new AppError('NOT_FOUND');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.updateProvider(id, { verifiedBy: actor.id, verifiedAt: now }, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'referral_provider.verified',
            subjectType: 'referral_provider',
            subjectId: id,
          },
          tx,
        );
      });
      return view({ ...p, verifiedBy: actor.id, verifiedAt: now });
    },

    /** A partner user acts for this provider from now on. */
    async addMember(id: string, userId: string, actor: Actor): Promise<void> {
      if (!(await repo.findProvider(id))) throw new AppError('NOT_FOUND');
      await db.transaction(async (tx) => {
        await repo.addMember(id, userId, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'referral_provider.member_added',
            subjectType: 'referral_provider',
            subjectId: id,
            meta: { userId },
          },
          tx,
        );
      });
    },

    /** The partner's own provider (the first it belongs to); none: not found. */
    async providerOf(actor: Actor): Promise<ReferralProviderRow> {
      const [id] = await repo.providerIdsOfUser(actor.id);
      const p = id ? await repo.findProvider(id) : undefined;
      if (!p) throw new AppError('NOT_FOUND');
      return p;
    },
  };
}
export type Providers = ReturnType<typeof createProviders>;
