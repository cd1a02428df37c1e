import type { Locale } from '../../shared/locale.js';
import type { Clock } from '../lib/clock.js';
import { sms } from './copy.js';
import type { CasesRepo } from '../modules/cases/cases.repo.js';
import type { IntakeService } from '../modules/cases/intake.service.js';

/**
 * The places where other modules plug into the SMS and USSD channels (a port the channels own). The
 * network module brings SOS (defenders' and the public's), `CANCEL <PIN>` and responders' replies;
 * USSD feedback has a default here (`completeHooks`).
 */
export interface HookContext {
  intake: IntakeService;
  cases: CasesRepo;
  clock: Clock;
}

export interface SosInput {
  /** E.164. */
  phone: string;
  channel: 'sms' | 'ussd';
  locale: Locale;
  /** Whatever followed the keyword in an SMS ("SOS police at my door"). */
  detail?: string | undefined;
}

export interface ResponderReplyInput {
  phone: string;
  /** YES, NO, NDIO, HAPANA, OK, SAWA or DONE, upper-cased. */
  keyword: string;
  /** The number from the dispatch message ("Reply YES 123"). */
  number: string;
  /** Words after the number of a check-in or DONE (where the responder is); may be empty. */
  detail: string;
  locale: Locale;
  /** The person chose the language (a USSD session), rather than it being guessed from a keyword. */
  localeChosen?: boolean;
}

export interface ReferralReplyInput {
  phone: string;
  /** YES, NDIO, NDIYO, NO or HAPANA, upper-cased. */
  keyword: string;
  /** The referral number after R: `YES R12` → '12'. */
  number: string;
  /** A decline's reason (words after the number); may be empty. */
  detail: string;
  locale: Locale;
}

export interface SosCancelInput {
  phone: string;
  pin: string;
  locale: Locale;
}

export interface ResponderTextInput {
  phone: string;
  text: string;
  locale: Locale;
}

export interface AlertAckInput {
  phone: string;
  /** The alert's short number from the page SMS ("Reply ACK 123"). */
  number: string;
  /** From the keyword (ACK → en, POKEA → sw); the reply to a known user uses the user's own. */
  locale: Locale;
}

export interface UssdFeedbackInput {
  caseId: string;
  /** 1 (very unhappy) … 5 (very happy). */
  satisfaction: number;
  /** The feedback came from the phone that reported the case (the only one accepted). */
  fromReporterPhone: boolean;
}

export interface ChannelHooks {
  /**
   * SOS by SMS keyword or USSD option: open a case at once and return its reference (with the
   * reporter's status secret when a case was opened for them) and the reply.
   */
  handleSos(
    ctx: HookContext,
    input: SosInput,
  ): Promise<{ caseId: string; reference: string; reply?: string | undefined }>;
  /**
   * A responder's `YES 123` / `NO 123` / `OK 123` / `DONE 123`: the SMS reply to send back, or null when
   * the sender is not a responder (the message is then handled as a report).
   */
  handleResponderReply(ctx: HookContext, input: ResponderReplyInput): Promise<{ reply: string } | null>;
  /** `CANCEL <PIN>` / `SITISHA <PIN>`: call off an SOS (a duress PIN only seems to). */
  handleSosCancel(ctx: HookContext, input: SosCancelInput): Promise<{ reply: string }>;
  /** Free text from a registered responder (a wellbeing answer, a debrief); null = treat as a report. */
  handleResponderText(ctx: HookContext, input: ResponderTextInput): Promise<{ reply: string } | null>;
  /**
   * A provider's `YES R12` / `NDIO R12` / `NO R12 <reason>` on a referral: the reply, or null when the
   * sender is not a provider's registered phone (the message is then handled as a report).
   */
  handleReferralReply?(ctx: HookContext, input: ReferralReplyInput): Promise<{ reply: string } | null>;
  /**
   * `ACK <n>` / `POKEA <n>` from a staff member's verified phone: acknowledge alert n as them (the alerts
   * module). Unknown phone or number: a neutral reply.
   */
  handleAlertAck(ctx: HookContext, input: AlertAckInput): Promise<{ reply: string }>;
  /** Satisfaction given on a case through USSD. */
  handleUssdFeedback(ctx: HookContext, input: UssdFeedbackInput): Promise<void>;
}

/**
 * The default for an app without the response module (tests of the channels alone): the satisfaction
 * goes on the case's timeline. The app wires the response module's `recordUssdFeedback` instead, which
 * stores a victim_feedback row.
 */
export async function handleUssdFeedback(ctx: HookContext, input: UssdFeedbackInput): Promise<void> {
  await ctx.cases.addEvent({
    caseId: input.caseId,
    at: ctx.clock.now(),
    actorId: null,
    actorLabel: 'ussd-gateway',
    type: 'feedback.ussd',
    data: { satisfaction: input.satisfaction, fromReporterPhone: input.fromReporterPhone },
  });
}

/** The default for an app without alerting (tests of the channels alone): nothing is acknowledged. */
export function handleAlertAck(_ctx: HookContext, input: AlertAckInput): Promise<{ reply: string }> {
  return Promise.resolve({ reply: sms('ackUnknown', input.locale) });
}

/** The hooks the network module must bring: SOS, cancel, and responders' replies and free text. */
const required = ['handleSos', 'handleResponderReply', 'handleSosCancel', 'handleResponderText'] as const;

/**
 * The channels' hooks: the given ones over the USSD feedback default. The SOS and responder hooks have
 * no default (every app has a network that answers them), so a missing one stops start-up here.
 */
export function completeHooks(hooks: Partial<ChannelHooks>): ChannelHooks {
  const missing = required.filter((name) => !hooks[name]);
  if (missing.length) throw new Error(`channels: no ${missing.join(', ')} hook`);
  return { handleUssdFeedback, handleAlertAck, ...hooks } as ChannelHooks;
}
