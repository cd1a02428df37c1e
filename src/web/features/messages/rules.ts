import type { NotificationRule, RuleChannel } from './api.js';

/** A rule as typed in the form (the delay still text). */
export interface DraftRule {
  key: number;
  channel: RuleChannel;
  delay: string;
  contact: string;
}

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
export function checkRules(rows: readonly DraftRule[]): {
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
