import { eq } from 'drizzle-orm';
import { isLocale } from '../../shared/locale.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema/index.js';
import type { Clock } from '../lib/clock.js';
import type { MessagesService } from '../modules/messages/messages.service.js';
import type { NotificationRulesService } from '../modules/messages/notification-rules.service.js';

/**
 * The seam between alerting and channels. Alerts decide *who* must know; the notifier decides *how*
 * (the user's notification rules: in-app at once, SMS after a minute, email after five …), sends through
 * the channel adapters with retries and fallback, and records every message. Idempotent on the key, so
 * a duplicate escalation step sends nothing twice.
 */
export interface LocalisedText {
  en: string;
  sw: string;
}

export interface NotifyUserInput {
  userId: string;
  text: LocalisedText;
  idempotencyKey: string;
  caseId?: string;
  alertId?: string;
}

export interface Notifier {
  notifyUser(input: NotifyUserInput): Promise<{ messageIds: string[] }>;
}

/** What the notifier offers beyond the interface: cancelling rules still waiting for their delay. */
export interface NotifierService extends Notifier {
  /** Cancel scheduled (not yet sent) messages, e.g. when the alert was acknowledged. Returns how many. */
  cancelScheduled(messageIds: string[]): Promise<number>;
}

export interface NotifierDeps {
  db: Db;
  clock: Clock;
  messages: MessagesService;
  rules: NotificationRulesService;
}

/**
 * The notifier: the user's notification rules (default: in-app at once), in the user's language. The
 * delay-0 rules are queued now, later ones are scheduled (`startAfter`) as durable jobs. Each message's
 * idempotency key is the input key plus the rule (`<key>#sms@5`), so notifying twice with one key sends
 * nothing twice. Must be called outside a database transaction (it opens its own).
 */
export function createNotifier(deps: NotifierDeps): NotifierService {
  const { db, clock, messages, rules } = deps;
  return {
    async notifyUser(input) {
      const [user] = await db
        .select({ id: users.id, locale: users.locale, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, input.userId));
      if (!user || user.disabled) return { messageIds: [] };
      const locale = isLocale(user.locale) ? user.locale : 'en';
      const body = input.text[locale] || input.text.en;
      const now = clock.now().getTime();
      const seen = new Set<string>();
      const messageIds: string[] = [];
      for (const rule of await rules.effective(user.id)) {
        let key = `${input.idempotencyKey}#${rule.channel}@${rule.delayMinutes}`;
        for (let i = 2; seen.has(key); i++)
          key = `${input.idempotencyKey}#${rule.channel}@${rule.delayMinutes}#${i}`;
        seen.add(key);
        const to = rule.channel === 'inapp' ? user.id : rule.contact;
        if (!to) continue;
        const { id } = await messages.enqueue({
          channel: rule.channel,
          to,
          body,
          idempotencyKey: key,
          userId: user.id,
          caseId: input.caseId ?? null,
          ...(rule.delayMinutes > 0 ? { startAfter: new Date(now + rule.delayMinutes * 60_000) } : {}),
        });
        messageIds.push(id);
      }
      return { messageIds };
    },
    cancelScheduled: (ids) => messages.cancelScheduled(ids),
  };
}
