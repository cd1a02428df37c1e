/**
 * The seam between alerting and channels (a port: types only). Alerts decide *who* must know; the
 * notifier decides *how* (the user's notification rules: in-app at once, SMS after a minute, email after
 * five …), sends through the channel adapters with retries and fallback, and records every message.
 * Idempotent on the key, so a duplicate escalation step sends nothing twice. The messages module
 * implements it (`modules/messages/notifier.ts`); the composition root hands it to whoever notifies.
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
  /** The alert's priority: a P1/P2 push notification rings until touched. */
  priority?: string;
}

export interface Notifier {
  notifyUser(input: NotifyUserInput): Promise<{ messageIds: string[] }>;
}

/** What the notifier offers beyond the interface: cancelling rules still waiting for their delay. */
export interface NotifierService extends Notifier {
  /** Cancel scheduled (not yet sent) messages, e.g. when the alert was acknowledged. Returns how many. */
  cancelScheduled(messageIds: string[]): Promise<number>;
}
