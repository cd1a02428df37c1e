import { z } from 'zod';
import { ruleChannels } from '../../../shared/contracts/messages.js';
import type { NotificationRule } from './api.js';

/** A rule as typed in the form (the delay still text). */
const draftRule = z.object({ channel: z.enum(ruleChannels), delay: z.string(), contact: z.string() });
type RuleRow = z.input<typeof draftRule>;
export type DraftRule = RuleRow & { key: number };

/** At most this many rules per user (the contract's limit). */
export const MAX_RULES = 10;

export type RuleProblem = {
  index: number;
  field: 'delay' | 'contact';
  problem: 'delay' | 'phoneRequired' | 'emailRequired';
};

const MAX_DELAY = 1440;
const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What the console checks before sending (the server checks again, and normalises phone numbers):
 * whole minutes from 0 to 1440, a phone for SMS, an address for email; in-app needs no contact.
 */
export function checkRules(rows: readonly RuleRow[]): {
  rules: NotificationRule[];
  problems: RuleProblem[];
} {
  const problems: RuleProblem[] = [];
  const rules = rows.map((r, index): NotificationRule => {
    const text = r.delay.trim();
    const delayMinutes = Number(text);
    if (text === '' || !Number.isInteger(delayMinutes) || delayMinutes < 0 || delayMinutes > MAX_DELAY) {
      problems.push({ index, field: 'delay', problem: 'delay' });
    }
    const contact = r.contact.trim();
    if (r.channel === 'sms' && contact.replace(/\D/g, '').length < 9) {
      problems.push({ index, field: 'contact', problem: 'phoneRequired' });
    }
    if (r.channel === 'email' && !emailLike.test(contact)) {
      problems.push({ index, field: 'contact', problem: 'emailRequired' });
    }
    return { channel: r.channel, delayMinutes, contact: r.channel === 'inapp' ? null : contact };
  });
  return { rules, problems };
}

/**
 * The rules form: the rows as typed, checked by `checkRules` (the messages are i18n keys); the output
 * is the body of PUT …/notification-rules.
 */
export const rulesForm = z
  .object({ rules: z.array(draftRule).max(MAX_RULES) })
  .superRefine((v, ctx) => {
    for (const p of checkRules(v.rules).problems) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', p.index, p.field],
        message: `notificationRules.problems.${p.problem}`,
      });
    }
  })
  .transform((v) => ({ rules: checkRules(v.rules).rules }));
export type RulesFormValues = z.input<typeof rulesForm>;
