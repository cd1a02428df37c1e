import type { ChannelHooks } from '../../channels/hooks.js';
import { fillTemplate, sms } from '../../channels/copy.js';
import { AppError } from '../../errors.js';
import { isLocale } from '../../../shared/locale.js';
import { rolesAllow } from '../../../shared/permissions.js';
import type { AlertsRepo } from './alerts.repo.js';
import { ackReplies } from './alerts.text.js';

/** What acknowledging by SMS needs: the verified staff phones and the users (the users module's). */
export interface SmsAckDeps {
  repo: Pick<AlertsRepo, 'findByNumber'>;
  acknowledge(id: string, actor: { id: string; roles: readonly string[] }, via: 'sms'): Promise<void>;
  /** The user whose VERIFIED phone this is (not disabled), or null. */
  trustedUserFor(phone: string): Promise<string | null>;
  findUser(id: string): Promise<{ id: string; roles: string[]; locale: string } | undefined>;
}

/**
 * `ACK 123` / `POKEA 123` by SMS: the staff member whose verified phone sent it acknowledges alert 123 as
 * themselves (audited with `via: 'sms'`), answered in their own language. An unknown phone, an unknown
 * number, or a person who may not act on alerts all get the same neutral reply, which reveals nothing.
 */
export function alertsSmsHooks(d: SmsAckDeps): Pick<ChannelHooks, 'handleAlertAck'> {
  return {
    async handleAlertAck(_ctx, input) {
      const neutral = { reply: sms('ackUnknown', input.locale) };
      const userId = await d.trustedUserFor(input.phone);
      const user = userId ? await d.findUser(userId) : undefined;
      if (!user || !rolesAllow(user.roles, 'alerts:act')) return neutral;
      const n = Number(input.number);
      const alert = Number.isSafeInteger(n) ? await d.repo.findByNumber(n) : undefined;
      if (!alert) return neutral;
      const locale = isLocale(user.locale) ? user.locale : input.locale;
      try {
        await d.acknowledge(alert.id, { id: user.id, roles: user.roles }, 'sms');
      } catch (err) {
        if (err instanceof AppError && err.code === 'ALERT_CLOSED') {
          return { reply: fillTemplate(ackReplies.closed[locale], { n: alert.number }) };
        }
        throw err;
      }
      return { reply: fillTemplate(ackReplies.acknowledged[locale], { n: alert.number }) };
    },
  };
}
