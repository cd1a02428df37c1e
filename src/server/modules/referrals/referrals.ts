import { randomUUID } from 'node:crypto';
import {
  referralFieldsByNeed,
  type ReferralInput,
  type ReferralView,
} from '../../../shared/contracts/referrals.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { ReferralsDeps } from './referrals.deps.js';
import type { ReferralRow } from './referrals.repo.js';
import { referralText } from './referrals.text.js';
import { referralNumber, referralView } from './referrals.views.js';
import type { Providers } from './providers.js';

/**
 * Referrals from a case (staff side): consent first, then only the need's fields, sealed under the
 * referral's own data key; withdrawal of consent shreds that key at once.
 */
export function createReferrals(deps: ReferralsDeps, providers: Providers) {
  const { db, repo, workflow, caseLog, vault, clock, messages, log, clocks } = deps;

  async function view(r: ReferralRow): Promise<ReferralView> {
    const p = await repo.findProvider(r.providerId);
    return referralView(r, p?.name ?? '');
  }

  /** The provider hears of it by SMS: the number and the need, nothing personal. */
  async function notifyProvider(r: ReferralRow): Promise<void> {
    const p = await repo.findProvider(r.providerId);
    if (!p?.phoneBidx) return;
    try {
      const { phone } = await providers.contactsOf(p);
      if (!phone) return;
      await messages.enqueue({
        channel: 'sms',
        to: phone,
        body: `${referralText('newReferral', 'en', { n: r.number, need: r.need })}\n${referralText('newReferral', 'sw', { n: r.number, need: r.need })}`,
        idempotencyKey: `referral-sent:${r.id}`,
      });
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, referralId: r.id }, 'referral SMS not queued');
    }
  }

  return {
    async create(caseId: string, actor: Actor, input: ReferralInput): Promise<ReferralView> {
      await workflow.loadForActor(caseId, actor);
      const provider = await repo.findProvider(input.providerId);
      if (!provider) throw new AppError('NOT_FOUND');
      if (!provider.services.includes(input.need)) {
        throw new AppError('SERVICE_NOT_OFFERED');
      }
      const allowed = referralFieldsByNeed[input.need];
      // Only the need's fields, in its order: the strict contract already refused any other.
      const shared = Object.fromEntries(
        allowed.map((k) => [k, (input.fields as Record<string, string>)[k]!]),
      );
      const now = clock.now();
      const r = await db.transaction(async (tx) => {
        const id = randomUUID();
        const minutes = (await deps.settings(tx)).responseMinutes[input.need];
        const responseDueAt = new Date(now.getTime() + minutes * 60_000);
        const dataKeyId = await vault.createDataKey('referral', tx);
        const fieldsEnc = await vault.encrypt(
          dataKeyId,
          JSON.stringify(shared),
          aad('referrals', 'fields', id),
          tx,
        );
        const row = await repo.insertReferral(
          {
            id,
            caseId,
            providerId: provider.id,
            need: input.need,
            status: 'sent',
            fieldsEnc,
            dataKeyId,
            consentPurpose: input.consent.purpose,
            consentFields: [...allowed],
            consentMethod: input.consent.method,
            consentRecordedBy: actor.id,
            consentRecordedAt: now,
            createdAt: now,
            responseDueAt,
          },
          tx,
        );
        await clocks.armReferral(caseId, id, responseDueAt, tx);
        await caseLog(
          {
            caseId,
            actorId: actor.id,
            type: 'referral.sent',
            data: {
              referralId: id,
              number: referralNumber(row.number),
              providerId: provider.id,
              need: input.need,
              consentMethod: input.consent.method,
              fields: [...allowed],
            },
            at: now,
          },
          tx,
        );
        return row;
      });
      await notifyProvider(r);
      return view(r);
    },

    async ofCase(caseId: string, actor: Actor): Promise<ReferralView[]> {
      await workflow.loadForActor(caseId, actor);
      return Promise.all((await repo.referralsOfCase(caseId)).map(view));
    },

    /**
     * Consent withdrawn: the referral's data key is shredded and the ciphertext cleared in the same
     * transaction; the partner's view shows nothing personal from then on.
     */
    async withdraw(id: string, actor: Actor): Promise<ReferralView> {
      const found = await repo.findReferral(id);
      if (!found) throw new AppError('NOT_FOUND');
      await workflow.loadForActor(found.caseId, actor);
      if (found.status === 'withdrawn') throw new AppError('REFERRAL_NOT_OPEN');
      const now = clock.now();
      let updated: ReferralRow = found;
      await vault.shred([found.dataKeyId], 'referral consent withdrawn', now, async (tx) => {
        updated = await repo.updateReferral(
          id,
          { status: 'withdrawn', fieldsEnc: null, withdrawnAt: now, withdrawnBy: actor.id },
          tx,
        );
        // Nobody waits for an answer to a referral that no longer exists.
        await clocks.stopReferral(found.caseId, id, tx, actor.id);
        await caseLog(
          {
            caseId: found.caseId,
            actorId: actor.id,
            type: 'referral.consent_withdrawn',
            data: { referralId: id, number: referralNumber(found.number), from: found.status },
            at: now,
          },
          tx,
        );
      });
      return view(updated);
    },

    /** The survivor's satisfaction, asked at completion or follow-up (the feedback indicator's third part). */
    async recordSatisfaction(id: string, actor: Actor, satisfied: boolean): Promise<ReferralView> {
      const found = await repo.findReferral(id);
      if (!found) throw new AppError('NOT_FOUND');
      await workflow.loadForActor(found.caseId, actor);
      if (found.status !== 'completed') throw new AppError('REFERRAL_NOT_OPEN');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateReferral(
          id,
          { satisfied, satisfactionAt: now, satisfactionBy: actor.id },
          tx,
        );
        await caseLog(
          {
            caseId: found.caseId,
            actorId: actor.id,
            type: 'referral.satisfaction',
            data: { referralId: id, number: referralNumber(found.number), satisfied },
            at: now,
          },
          tx,
        );
        return updated;
      });
      return view(row);
    },
  };
}
