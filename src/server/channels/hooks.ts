import type { Locale } from '../../shared/locale.js';
import type { Clock } from '../lib/clock.js';
import type { CasesRepo } from '../modules/cases/cases.repo.js';
import type { Escalations } from '../modules/cases/escalation.js';
import type { IntakeService } from '../modules/cases/intake.service.js';
import { sms } from './copy.js';

/**
 * The places where other modules plug into the SMS and USSD channels. Each has a working default here;
 * `createChannels({ hooks })` replaces any of them (the network module brings defenders' SOS context and
 * responder replies; the response module brings structured victim feedback).
 */
export interface HookContext {
  intake: IntakeService;
  cases: CasesRepo;
  escalations: Escalations;
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

export interface UssdFeedbackInput {
  caseId: string;
  /** 1 (very unhappy) … 5 (very happy). */
  satisfaction: number;
  /** The feedback came from the phone that reported the case. */
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
  /** Satisfaction given on a case through USSD. */
  handleUssdFeedback(ctx: HookContext, input: UssdFeedbackInput): Promise<void>;
}

/**
 * Default SOS: an intake with someone in danger now (the acknowledge clock runs at P1 speed) and the
 * violation left for screening, plus an `sos` escalation request so the alerting pages the on-call.
 * The network module replaces this to add the defender's identity and last known location.
 */
export async function handleSos(
  ctx: HookContext,
  input: SosInput,
): Promise<{ caseId: string; reference: string }> {
  const detail = input.detail?.trim() ?? '';
  const c = await ctx.intake.receive(
    {
      channel: input.channel,
      narrative: detail.length >= 3 ? `SOS: ${detail}` : `SOS raised by ${input.channel.toUpperCase()}`,
      inDangerNow: true,
      violationTypes: [],
      sos: true,
      reporter: { anonymous: false, phone: input.phone, locale: input.locale },
    },
    { userId: null, label: `${input.channel}-gateway` },
  );
  await ctx.escalations.request({ caseId: c.id, reason: 'sos', detail: { channel: input.channel } });
  return { caseId: c.id, reference: c.publicReference };
}

/** Default responder reply, without a network: "not recognised" (or a report, if it has words). */
export async function handleResponderReply(
  _ctx: HookContext,
  input: ResponderReplyInput,
): Promise<{ reply: string } | null> {
  return input.detail ? null : { reply: sms('notRecognised', input.locale) };
}

/** Default SOS cancel, without a network: nothing to cancel. */
export async function handleSosCancel(_ctx: HookContext, input: SosCancelInput): Promise<{ reply: string }> {
  return { reply: sms('notRecognised', input.locale) };
}

/** Default: nobody is a registered responder, so free text is a report. */
export async function handleResponderText(): Promise<{ reply: string } | null> {
  return null;
}

/** Default USSD feedback: a timeline event on the case (the response module stores it properly). */
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

export const defaultHooks: ChannelHooks = {
  handleSos,
  handleResponderReply,
  handleSosCancel,
  handleResponderText,
  handleUssdFeedback,
};
