import { z } from 'zod';

/* The phone simulator: the gateway's SMS and USSD handlers, driven from the console. */

const str = (max: number) => z.string().max(max);

export const simulatorSmsBody = z.object({ from: str(40).min(1), text: str(5000).min(1) });
export const simulatorUssdBody = z.object({
  phoneNumber: str(40).min(1),
  sessionId: str(200).min(1),
  text: str(2000).default(''),
});
export const outboxQuery = z.object({ phone: str(40).min(1) });

/** What an inbound SMS became. */
export const smsOutcomes = [
  'report',
  'status',
  'sos',
  'responder',
  'referral',
  'too_short',
  'alert_ack',
  'duplicate',
  'ignored',
] as const;
export type SmsOutcome = (typeof smsOutcomes)[number];

export const simulatedSmsResult = z.object({
  messageId: z.string().nullable(),
  /** One of `smsOutcomes`. */
  outcome: z.string(),
  reference: z.string().nullable(),
});
export type SimulatedSmsResult = z.infer<typeof simulatedSmsResult>;

/** A USSD screen; `end` when it closes the session (the text starts with END). */
export const ussdScreen = z.object({ screen: z.string(), end: z.boolean() });
export type UssdScreen = z.infer<typeof ussdScreen>;

export const outboxMessage = z.object({
  id: z.string().uuid(),
  channel: z.string(),
  status: z.string(),
  body: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
export const outboxList = z.object({ messages: z.array(outboxMessage) });
