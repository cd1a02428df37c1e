import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { safeEqual, sha256Hex } from '../../lib/crypto.js';
import { normalisePhone } from '../../lib/phone.js';
import { aadOf } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import { fillTemplate } from '../../channels/copy.js';
import type { PhonesRepo } from './phones.repo.js';
import type { UsersRepo } from './users.repo.js';
import { maskPhone } from './users.views.js';

/** The consumer's port onto the message log: an SMS through the outbox path, idempotent on its key. */
export interface SmsOut {
  enqueue(input: {
    channel: 'sms';
    to: string;
    body: string;
    idempotencyKey: string;
    userId?: string | null;
  }): Promise<{ id: string }>;
}

export const PHONE_CODE_MINUTES = 10;
export const PHONE_CODE_ATTEMPTS = 5;

export const phoneCodeText = {
  en: 'Dharura: your code to confirm this phone is {code}. It expires in {minutes} minutes. If you did not ask for it, tell an administrator.',
  sw: 'Dharura: msimbo wako wa kuthibitisha simu hii ni {code}. Utaisha baada ya dakika {minutes}. Kama hukuuomba, mjulishe msimamizi.',
} as const;

/** The verified number (E.164) of a user, or null: what the SMS-first notification default sends to. */
export function createVerifiedPhoneReader(deps: { phones: Pick<PhonesRepo, 'find'>; vault: Vault }) {
  const sealed = aadOf('user_phones');
  return async function verifiedPhone(userId: string): Promise<string | null> {
    const row = await deps.phones.find(userId);
    if (!row?.verifiedAt) return null;
    return deps.vault.decrypt(row.dataKeyId, row.phoneEnc, sealed('phone', userId));
  };
}

/**
 * A staff member's own phone, trusted for on-call SMS and "ACK by SMS" only once verified: a six-digit
 * code (only its hash is kept, bound to the user) goes to the number by SMS through the message log; five
 * wrong codes or ten minutes and a new one is needed. The number is encrypted; a blind index finds a
 * sender.
 */
export function createStaffPhone(deps: {
  db: Db;
  users: Pick<UsersRepo, 'findById'>;
  phones: PhonesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  sms: SmsOut;
}) {
  const { db, users, phones, vault, audit, clock, sms } = deps;
  const sealed = aadOf('user_phones');
  const codeHash = (userId: string, code: string) => sha256Hex(`phone-code:${userId}:${code}`);
  const bidx = (e164: string) => vault.blindIndex('phone', e164);

  async function numberOf(userId: string): Promise<string | null> {
    const row = await phones.find(userId);
    return row ? vault.decrypt(row.dataKeyId, row.phoneEnc, sealed('phone', userId)) : null;
  }

  return {
    async status(userId: string) {
      const row = await phones.find(userId);
      const number = await numberOf(userId);
      return {
        masked: number ? maskPhone(number) : null,
        verified: Boolean(row?.verifiedAt),
        codeSent: Boolean(row?.codeExpiresAt && row.codeExpiresAt > clock.now()),
      };
    },

    /** Set (or change) the phone: unverified until the code sent to it comes back. */
    async setPhone(userId: string, raw: string): Promise<void> {
      const user = await users.findById(userId);
      if (!user) throw new AppError('NOT_FOUND');
      const e164 = normalisePhone(raw);
      if (!e164) throw new AppError('PHONE_INVALID');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const existing = await phones.find(userId, tx);
        const dataKeyId = existing?.dataKeyId ?? (await vault.createDataKey('user', tx));
        await phones.upsert(
          {
            userId,
            phoneEnc: await vault.encrypt(dataKeyId, e164, sealed('phone', userId), tx),
            phoneBidx: bidx(e164),
            dataKeyId,
            verifiedAt: null,
            codeHash: codeHash(userId, code),
            codeExpiresAt: new Date(now.getTime() + PHONE_CODE_MINUTES * 60_000),
            attempts: 0,
            updatedAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorId: userId,
            actorLabel: 'user',
            action: 'user.phone_set',
            subjectType: 'user',
            subjectId: userId,
          },
          tx,
        );
      });
      const template = user.locale === 'sw' ? phoneCodeText.sw : phoneCodeText.en;
      await sms.enqueue({
        channel: 'sms',
        to: e164,
        body: fillTemplate(template, { code, minutes: String(PHONE_CODE_MINUTES) }),
        idempotencyKey: `phone-code:${userId}:${now.toISOString()}`,
        userId,
      });
    },

    async verify(userId: string, code: string): Promise<void> {
      const row = await phones.find(userId);
      const now = clock.now();
      const usable =
        row?.codeHash && row.codeExpiresAt && row.codeExpiresAt > now && row.attempts < PHONE_CODE_ATTEMPTS;
      if (!usable || !safeEqual(row.codeHash!, codeHash(userId, code))) {
        if (row?.codeHash) await phones.recordWrongCode(userId);
        throw new AppError('PHONE_CODE_INVALID');
      }
      await db.transaction(async (tx) => {
        await phones.markVerified(userId, now, tx);
        await audit.record(
          {
            actorId: userId,
            actorLabel: 'user',
            action: 'user.phone_verified',
            subjectType: 'user',
            subjectId: userId,
          },
          tx,
        );
      });
    },

    /** The enabled user whose verified phone this is (E.164 or local form), or null. */
    async trustedUserFor(rawPhone: string): Promise<string | null> {
      const e164 = normalisePhone(rawPhone);
      if (!e164) return null;
      const row = await phones.findVerifiedByBidx(bidx(e164));
      if (!row) return null;
      const user = await users.findById(row.userId);
      return user && !user.disabled ? user.id : null;
    },

    /** The verified number (E.164) of a user, for on-call SMS; null when none is verified. */
    async verifiedNumberOf(userId: string): Promise<string | null> {
      const row = await phones.find(userId);
      return row?.verifiedAt ? numberOf(userId) : null;
    },
  };
}
export type StaffPhone = ReturnType<typeof createStaffPhone>;
