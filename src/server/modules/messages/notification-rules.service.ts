import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import { aadOf } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { NotificationRuleRow, NotificationRulesRepo } from './notification-rules.repo.js';
import {
  notificationRulesBody,
  type NotificationRuleInput,
  type RuleChannel,
} from '../../../shared/contracts/messages.js';

export interface NotificationRule {
  channel: RuleChannel;
  delayMinutes: number;
  /** Decrypted phone (E.164) or email; null for in-app. */
  contact: string | null;
}

/** How long after the in-app alert a user without rules of their own gets the SMS (SMS-first default). */
export const DEFAULT_SMS_DELAY_MINUTES = 2;

/**
 * What a user with no rules of their own gets: in-app at once, then an SMS to their verified phone a
 * short delay later (at night a duty officer needs an SMS). Without a verified phone: in-app only.
 */
export function defaultRules(verifiedPhone: string | null): NotificationRule[] {
  return [
    { channel: 'inapp', delayMinutes: 0, contact: null },
    ...(verifiedPhone
      ? [{ channel: 'sms' as const, delayMinutes: DEFAULT_SMS_DELAY_MINUTES, contact: verifiedPhone }]
      : []),
  ];
}

/** A rule that reaches a person away from the console: an SMS or an email with a contact. */
export const reachesOffConsole = (rules: readonly NotificationRule[]) =>
  rules.some((r) => r.channel !== 'inapp' && Boolean(r.contact));

const channelRank: Record<RuleChannel, number> = { inapp: 0, sms: 1, email: 2 };
const byDelayThenChannel = (a: NotificationRule, b: NotificationRule) =>
  a.delayMinutes - b.delayMinutes || channelRank[a.channel] - channelRank[b.channel];

const email = z.string().email().max(254);

/**
 * Each user's notification rules (channel + delay). Contacts are encrypted under one data key per user,
 * shared by all of that user's rules, so erasing the user's key shreds every contact at once.
 */
export function createNotificationRulesService(deps: {
  db: Db;
  repo: NotificationRulesRepo;
  users: Pick<UsersRepo, 'findById'>;
  vault: Vault;
  audit: Audit;
  /** The user's verified phone (E.164), for the SMS-first default; none: the default is in-app only. */
  verifiedPhone?: (userId: string) => Promise<string | null>;
}) {
  const { db, repo, users, vault, audit } = deps;
  const sealed = aadOf('notification_rules');
  const aad = (ruleId: string) => sealed('contact', ruleId);

  async function decryptRules(rows: NotificationRuleRow[], tx?: Executor): Promise<NotificationRule[]> {
    const out: NotificationRule[] = [];
    for (const r of rows) {
      const contact =
        r.contactEnc && r.dataKeyId
          ? await vault.decryptOptional(r.dataKeyId, r.contactEnc, aad(r.id), tx)
          : null;
      out.push({ channel: r.channel as RuleChannel, delayMinutes: r.delayMinutes, contact });
    }
    return out.sort(byDelayThenChannel);
  }

  /** Check and normalise: sms needs a valid phone, email an address, in-app nothing. */
  function validate(rules: NotificationRuleInput[]): NotificationRule[] {
    const fields: FieldIssue[] = [];
    const out = rules.map((r, i): NotificationRule => {
      if (r.channel === 'inapp') return { channel: 'inapp', delayMinutes: r.delayMinutes, contact: null };
      if (r.channel === 'sms') {
        const phone = normalisePhone(r.contact);
        if (!phone) fields.push({ path: `rules.${i}.contact`, message: 'a valid phone number is needed' });
        return { channel: 'sms', delayMinutes: r.delayMinutes, contact: phone };
      }
      const parsed = email.safeParse(r.contact?.toLowerCase());
      if (!parsed.success)
        fields.push({ path: `rules.${i}.contact`, message: 'a valid email address is needed' });
      return { channel: 'email', delayMinutes: r.delayMinutes, contact: parsed.success ? parsed.data : null };
    });
    if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
    return out.sort(byDelayThenChannel);
  }

  async function effective(userId: string): Promise<NotificationRule[]> {
    const own = await decryptRules(await repo.rulesOf(userId));
    if (own.length) return own;
    return defaultRules(deps.verifiedPhone ? await deps.verifiedPhone(userId) : null);
  }

  async function requireUser(userId: string, tx: Executor = db) {
    const u = await users.findById(userId, tx);
    if (!u) throw new AppError('NOT_FOUND');
  }

  return {
    /** The user's own rules (empty when they use the default). */
    async get(userId: string): Promise<NotificationRule[]> {
      await requireUser(userId);
      return decryptRules(await repo.rulesOf(userId));
    },

    /** The rules a notification follows: the user's own, or the default (in-app, then SMS). */
    effective,

    /** Whether a notification can reach the user away from the console (SMS or email). */
    async reachable(userId: string): Promise<boolean> {
      return reachesOffConsole(await effective(userId));
    },

    async replace(
      userId: string,
      raw: { rules: NotificationRuleInput[] },
      actor: { userId: string },
    ): Promise<NotificationRule[]> {
      const parsed = notificationRulesBody.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const rules = validate(parsed.data.rules);
      await db.transaction(async (tx) => {
        await requireUser(userId, tx);
        const existing = await repo.rulesOf(userId, tx);
        const keyId =
          existing.find((r) => r.dataKeyId)?.dataKeyId ??
          (rules.some((r) => r.contact) ? await vault.createDataKey('user', tx) : null);
        const rows = [];
        for (const r of rules) {
          const id = randomUUID();
          rows.push({
            id,
            userId,
            channel: r.channel,
            delayMinutes: r.delayMinutes,
            contactEnc: r.contact && keyId ? await vault.encrypt(keyId, r.contact, aad(id), tx) : null,
            contactBidx: r.contact
              ? vault.blindIndex(r.channel === 'sms' ? 'phone' : 'email', r.contact)
              : null,
            dataKeyId: r.contact ? keyId : null,
          });
        }
        await repo.replaceRules(userId, rows, tx);
        await audit.record(
          {
            actorId: actor.userId,
            actorLabel: 'user',
            action: 'notification_rules.updated',
            subjectType: 'user',
            subjectId: userId,
            meta: { rules: rules.map((r) => `${r.channel}@${r.delayMinutes}`) },
          },
          tx,
        );
      });
      return rules;
    },
  };
}
export type NotificationRulesService = ReturnType<typeof createNotificationRulesService>;
