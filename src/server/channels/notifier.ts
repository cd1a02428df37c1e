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
