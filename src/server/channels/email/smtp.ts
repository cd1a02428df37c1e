import nodemailer from 'nodemailer';
import { ChannelError, type ChannelAdapter, type SendResult } from '../adapter.js';

/** What the adapter needs from a nodemailer transport (tests pass a stream or JSON transport). */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
  }): Promise<{ messageId?: string }>;
}

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…; ignored when `transport` is given. */
  url?: string | undefined;
  from: string;
  transport?: MailTransport;
}

/** The first line of the body, short enough for a subject line. */
export function subjectOf(body: string): string {
  const first = body.split('\n', 1)[0]!.trim();
  return first.length <= 78 ? first : `${first.slice(0, 77)}…`;
}

/** SMTP email through nodemailer. Returns null when no SMTP server is configured (the channel is off). */
export function createSmtpEmail(opts: SmtpOptions): ChannelAdapter | null {
  if (!opts.transport && !opts.url) return null;
  const transport: MailTransport =
    opts.transport ??
    nodemailer.createTransport({
      url: opts.url!,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  return {
    channel: 'email',
    async send(msg): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: msg.to,
          subject: subjectOf(msg.body),
          text: msg.body,
        });
        return { status: 'sent', ...(info.messageId ? { gatewayId: info.messageId } : {}) };
      } catch (err) {
        // 5xx replies (no such mailbox, refused) will not pass on retry; connection trouble and 4xx may.
        const e = err as { responseCode?: number; code?: string };
        const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        if (code !== undefined) throw new ChannelError(`smtp:${code}`, code >= 500);
        throw new ChannelError(`smtp:${(e.code ?? 'error').replace(/[^A-Z0-9_]/gi, '').slice(0, 30)}`);
      }
    },
  };
}
