/**
 * Outbound channel adapters (DESIGN §4): one interface for Africa's Talking SMS, SMTP email, in-app and
 * the development outbox. The message service owns rows, retries and fallback; an adapter only hands one
 * message to its transport and says what happened.
 */
export type AdapterChannel = 'sms' | 'email' | 'inapp' | 'outbox';

export interface OutboundMessage {
  /** The message row id (never sent anywhere; handy for an adapter's own correlation). */
  id: string;
  /** E.164 phone number, email address or user id, decrypted for this one call. */
  to: string;
  body: string;
}

export interface SendResult {
  gatewayId?: string;
  /** `sent`: the transport accepted it (a delivery report may follow); `delivered`: it is there. */
  status: 'sent' | 'delivered';
}

export interface ChannelAdapter {
  channel: AdapterChannel;
  send(msg: OutboundMessage): Promise<SendResult>;
}

/**
 * A failed send. `code` is short and free of personal data (it is stored as `last_error`);
 * `permanent` failures (an invalid number, a blacklisted recipient, a disabled channel) are not retried.
 */
export class ChannelError extends Error {
  override name = 'ChannelError';
  constructor(
    readonly code: string,
    readonly permanent = false,
  ) {
    super(code);
  }
}

/** Keep an error code safe to store: letters, digits and a few separators, bounded. */
export function safeErrorCode(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 60) || 'unknown';
}
