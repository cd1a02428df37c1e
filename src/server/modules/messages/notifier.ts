import { isLocale } from '../../../shared/locale.js';
import type { NotifierService } from '../../channels/notifier.js';
import type { Clock } from '../../lib/clock.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { MessagesService } from './messages.service.js';
import type { NotificationRulesService } from './notification-rules.service.js';

export interface NotifierDeps {
  users: Pick<UsersRepo, 'findById'>;
  clock: Clock;
  messages: Pick<MessagesService, 'enqueue' | 'cancelScheduled'>;
  rules: Pick<NotificationRulesService, 'effective'>;
  /** Web Push to the user's browsers, alongside the rules (never instead); built later, so a getter. */
  push?: () => PushPort | undefined;
}

const isPriority = (p: string | undefined): p is 'P1' | 'P2' | 'P3' | 'P4' =>
  p === 'P1' || p === 'P2' || p === 'P3' || p === 'P4';

/** The push module's side of a page (a port: the push service implements it). */
export interface PushPort {
  notify(input: {
    userId: string;
    alertId: string | null;
    priority: 'P1' | 'P2' | 'P3' | 'P4' | null;
    body: string;
    lang: 'en' | 'sw';
    idempotencyKey: string;
  }): Promise<void>;
}

/**
 * The notifier: the user's notification rules (default: in-app at once), in the user's language. The
 * delay-0 rules are queued now, later ones are scheduled (`startAfter`) as durable jobs. Each message's
 * idempotency key is the input key plus the rule (`<key>#sms@5`), so notifying twice with one key sends
 * nothing twice. Must be called outside a database transaction (it opens its own).
 */
export function createNotifier(deps: NotifierDeps): NotifierService {
  const { users, clock, messages, rules } = deps;
  return {
    async notifyUser(input) {
      const user = await users.findById(input.userId);
      if (!user || user.disabled) return { messageIds: [] };
      const locale = isLocale(user.locale) ? user.locale : 'en';
      const body = input.text[locale] || input.text.en;
      const now = clock.now().getTime();
      const seen = new Set<string>();
      const messageIds: string[] = [];
      let fresh = false;
      for (const rule of await rules.effective(user.id)) {
        let key = `${input.idempotencyKey}#${rule.channel}@${rule.delayMinutes}`;
        for (let i = 2; seen.has(key); i++)
          key = `${input.idempotencyKey}#${rule.channel}@${rule.delayMinutes}#${i}`;
        seen.add(key);
        const to = rule.channel === 'inapp' ? user.id : rule.contact;
        if (!to) continue;
        const { id, created } = await messages.enqueue({
          channel: rule.channel,
          to,
          body,
          idempotencyKey: key,
          userId: user.id,
          caseId: input.caseId ?? null,
          ...(rule.delayMinutes > 0 ? { startAfter: new Date(now + rule.delayMinutes * 60_000) } : {}),
        });
        messageIds.push(id);
        fresh ||= created;
      }
      // Only a page seen for the first time is pushed (the same key again sends nothing anywhere).
      const push = input.alertId && fresh ? deps.push?.() : undefined;
      if (push) {
        // A push that cannot be queued changes nothing else: the rules above carry the page.
        await push
          .notify({
            userId: user.id,
            alertId: input.alertId ?? null,
            priority: isPriority(input.priority) ? input.priority : null,
            body,
            lang: locale,
            idempotencyKey: input.idempotencyKey,
          })
          .catch(() => undefined);
      }
      return { messageIds };
    },
    cancelScheduled: (ids) => messages.cancelScheduled(ids),
  };
}
