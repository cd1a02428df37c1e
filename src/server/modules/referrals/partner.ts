import type { Locale } from '../../../shared/locale.js';
import type { PartnerReferralView, ReferralStatus } from '../../../shared/contracts/referrals.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { ReferralsDeps } from './referrals.deps.js';
import type { ReferralRow } from './referrals.repo.js';
import { referralText } from './referrals.text.js';
import { partnerReferralView, referralNumber } from './referrals.views.js';
import type { Providers } from './providers.js';

/** Where a referral may go from each status when its partner answers (withdrawal is the staff's). */
const partnerFlow: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'declined'],
  accepted: ['completed'],
  declined: [],
  completed: [],
  withdrawn: [],
};
/** The partner sees the shared fields only while the referral is theirs to act on or done. */
const showsShared: readonly ReferralStatus[] = ['sent', 'accepted', 'completed'];

export interface ReferralSmsReply {
  phone: string;
  /** YES, NDIO, NDIYO, NO, HAPANA (upper-cased). */
  keyword: string;
  /** The number after R: `YES R12` → 12. */
  number: string;
  /** A decline's reason, if given. */
  detail: string;
  locale: Locale;
}

/**
 * The partner portal: a partner user sees only their provider's referrals (the shared fields, no
 * case), accepts, declines with a reason, records the outcome, updates capacity; SMS-only partners
 * answer `YES R12` / `NDIO R12` / `NO R12 <reason>` from the provider's registered phone.
 */
export function createPartner(deps: ReferralsDeps, providers: Providers) {
  const { db, repo, caseLog, vault, audit, clock, clocks } = deps;

  async function shared(r: ReferralRow): Promise<Record<string, string> | null> {
    if (!showsShared.includes(r.status as ReferralStatus) || !r.fieldsEnc) return null;
    const raw = await vault.decryptOptional(r.dataKeyId, r.fieldsEnc, aad('referrals', 'fields', r.id));
    return raw ? (JSON.parse(raw) as Record<string, string>) : null;
  }

  async function view(r: ReferralRow): Promise<PartnerReferralView> {
    return partnerReferralView(r, await shared(r));
  }

  /** One referral of one of the actor's providers; any other is not found (never forbidden). */
  async function mine(id: string, actor: Actor): Promise<ReferralRow> {
    const r = await repo.findReferral(id);
    const ids = await repo.providerIdsOfUser(actor.id);
    if (!r || !ids.includes(r.providerId)) throw new AppError('NOT_FOUND');
    return r;
  }

  /** Move one referral, logged on the case (ids and codes only) by the partner or the SMS gateway. */
  async function move(
    r: ReferralRow,
    to: ReferralStatus,
    set: { declineReason?: string; outcome?: string },
    by: { actorId: string | null; label: string },
  ): Promise<ReferralRow> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const locked = await repo.lockReferral(r.id, tx);
      if (!locked || !partnerFlow[locked.status as ReferralStatus].includes(to)) {
        throw new AppError('REFERRAL_NOT_OPEN');
      }
      const row = await repo.updateReferral(
        r.id,
        {
          status: to,
          ...set,
          ...(to === 'completed' ? { completedAt: now } : { respondedAt: now }),
        },
        tx,
      );
      // An answer (either way) stops the response clock and resolves its alert, if it had fired.
      if (to !== 'completed') await clocks.stopReferral(r.caseId, r.id, tx, by.actorId);
      await caseLog(
        {
          caseId: r.caseId,
          actorId: by.actorId,
          actorLabel: by.label,
          type: `referral.${to}`,
          data: { referralId: r.id, number: referralNumber(r.number), providerId: r.providerId },
          at: now,
        },
        tx,
      );
      return row;
    });
  }

  const asUser = (actor: Actor) => ({ actorId: actor.id, label: 'partner' });

  return {
    async home(actor: Actor) {
      const p = await providers.providerOf(actor);
      const rows = await repo.referralsOfProviders([p.id]);
      // Opening shared personal data is audited (ids only).
      await audit.record({
        actorId: actor.id,
        actorLabel: 'partner',
        action: 'referral.partner_viewed',
        subjectType: 'referral_provider',
        subjectId: p.id,
        meta: { referrals: rows.length },
      });
      return {
        provider: { id: p.id, name: p.name, capacity: p.capacity },
        referrals: await Promise.all(rows.map(view)),
      };
    },

    async get(id: string, actor: Actor) {
      return view(await mine(id, actor));
    },

    async accept(id: string, actor: Actor) {
      return view(await move(await mine(id, actor), 'accepted', {}, asUser(actor)));
    },

    async decline(id: string, actor: Actor, reason: string) {
      return view(await move(await mine(id, actor), 'declined', { declineReason: reason }, asUser(actor)));
    },

    async complete(id: string, actor: Actor, outcome: string) {
      return view(await move(await mine(id, actor), 'completed', { outcome }, asUser(actor)));
    },

    async setCapacity(actor: Actor, capacity: number) {
      const p = await providers.providerOf(actor);
      await db.transaction(async (tx) => {
        await repo.updateProvider(p.id, { capacity }, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'partner',
            action: 'referral_provider.capacity',
            subjectType: 'referral_provider',
            subjectId: p.id,
            meta: { capacity },
          },
          tx,
        );
      });
      return { id: p.id, name: p.name, capacity };
    },

    /** Null: the phone is no provider's (the channel handles the SMS as it otherwise would). */
    async smsReply(input: ReferralSmsReply): Promise<{ reply: string } | null> {
      const found = await repo.providersByPhone(vault.blindIndex('phone', input.phone));
      if (found.length === 0) return null;
      const n = Number(input.number);
      const r = await repo.referralByNumber(
        n,
        found.map((p) => p.id),
      );
      if (!r) return { reply: referralText('notFound', input.locale, { n }) };
      if (r.status === 'withdrawn') return { reply: referralText('withdrawn', input.locale, { n }) };
      const yes = ['YES', 'NDIO', 'NDIYO'].includes(input.keyword);
      const gateway = { actorId: null, label: 'sms-gateway' };
      try {
        if (yes) await move(r, 'accepted', {}, gateway);
        else {
          const reason = input.detail || referralText('noReason', input.locale);
          await move(r, 'declined', { declineReason: reason }, gateway);
        }
      } catch (err) {
        if (err instanceof AppError && err.code === 'REFERRAL_NOT_OPEN') {
          return { reply: referralText('notFound', input.locale, { n }) };
        }
        throw err;
      }
      return { reply: referralText(yes ? 'accepted' : 'declined', input.locale, { n }) };
    },
  };
}
