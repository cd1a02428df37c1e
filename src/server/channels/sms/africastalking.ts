import { ChannelError, safeErrorCode, type ChannelAdapter, type SendResult } from '../adapter.js';

/**
 * Africa's Talking bulk SMS: `POST {base}/version1/messaging`, form-encoded `username`, `to`, `message`
 * and optional `from`, authenticated with the `apiKey` header. A 201 carries
 * `{ SMSMessageData: { Message, Recipients: [{ statusCode, number, status, cost, messageId }] } }`.
 */
export interface AfricasTalkingOptions {
  username: string;
  apiKey: string;
  senderId?: string | undefined;
  baseUrl: string;
  timeoutMs: number;
}

interface Recipient {
  statusCode?: number;
  number?: string;
  status?: string;
  cost?: string;
  messageId?: string;
}

/** 100 Processed, 101 Sent, 102 Queued: accepted by the gateway (Africa's Talking's documented successes). */
const accepted = new Set([100, 101, 102]);
/**
 * Recipient-level failures that retrying cannot fix: 402 invalid sender id, 403 invalid phone number,
 * 404 unsupported number type, 406 user in blacklist, 409 do-not-disturb rejection. Everything else
 * (insufficient balance, could not route, gateway errors) may pass later and is retried.
 */
const permanent = new Set([402, 403, 404, 406, 409]);

export function createAfricasTalkingSms(opts: AfricasTalkingOptions): ChannelAdapter {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/version1/messaging`;
  return {
    channel: 'sms',
    async send(msg): Promise<SendResult> {
      const form = new URLSearchParams({ username: opts.username, to: msg.to, message: msg.body });
      if (opts.senderId) form.set('from', opts.senderId);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            apiKey: opts.apiKey,
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const name = (err as Error).name;
        throw new ChannelError(
          name === 'TimeoutError' || name === 'AbortError' ? 'at:timeout' : 'at:network',
        );
      }
      if (res.status === 401) throw new ChannelError('at:http_401');
      if (res.status !== 201 && res.status !== 200) {
        await res.body?.cancel().catch(() => undefined);
        throw new ChannelError(`at:http_${res.status}`);
      }
      let payload: { SMSMessageData?: { Recipients?: Recipient[] } };
      try {
        payload = (await res.json()) as typeof payload;
      } catch {
        throw new ChannelError('at:bad_response');
      }
      const recipient = payload.SMSMessageData?.Recipients?.[0];
      if (!recipient) throw new ChannelError('at:no_recipient');
      const code = Number(recipient.statusCode);
      if (!accepted.has(code)) {
        throw new ChannelError(
          safeErrorCode(`at:${code}:${recipient.status ?? 'failed'}`),
          permanent.has(code),
        );
      }
      return { status: 'sent', ...(recipient.messageId ? { gatewayId: recipient.messageId } : {}) };
    },
  };
}
