import type { Locale } from '../../shared/locale.js';
import type { CaseStatus } from '../../shared/workflow.js';
import { copy as publicCopy, type CopyKey } from '../modules/public/i18n.js';
import { normaliseReference } from '../modules/public/public.routes.js';

/**
 * Every word Dharura sends by SMS, in English and Kiswahili. Plain GSM-7 characters only (no dashes or
 * curly quotes), so one message stays one 160-character SMS instead of a 70-character Unicode one.
 */
export const smsCopy = {
  ack: {
    en: 'Dharura: we have received your report. Reference {ref}. Reply STATUS {ref} to check its status.',
    sw: 'Dharura: tumepokea ripoti yako. Namba ya kumbukumbu {ref}. Jibu HALI {ref} kujua hali.',
  },
  sos: {
    en: 'Dharura: SOS received. Reference {ref}. We are alerting the team now. If you can, also call 999 or 112.',
    sw: 'Dharura: SOS imepokelewa. Namba ya kumbukumbu {ref}. Tunaiarifu timu sasa hivi. Ukiweza, piga pia 999 au 112.',
  },
  statusUsage: {
    en: 'Dharura: send STATUS and your reference, for example STATUS UA-2026-00123.',
    sw: 'Dharura: tuma HALI na namba yako ya kumbukumbu, kwa mfano HALI UA-2026-00123.',
  },
  statusUnknown: {
    en: 'We could not find this reference for this phone. Check it, and send it from the phone that made the report.',
    sw: 'Hatukupata namba hii ya kumbukumbu kwa simu hii. Iangalie, na uitume kutoka simu iliyotuma ripoti.',
  },
  notRecognised: {
    en: 'Dharura: we did not recognise this reply. Please answer with the words and number in our message.',
    sw: 'Dharura: hatukutambua jibu hili. Tafadhali jibu kwa maneno na namba iliyo kwenye ujumbe wetu.',
  },
  joined: {
    en: 'Dharura: your message was added to your report {ref}. To send a new report instead, start it with NEW.',
    sw: 'Dharura: ujumbe wako umeongezwa kwenye ripoti yako {ref}. Kutuma ripoti mpya, ianze na MPYA.',
  },
  tooShort: {
    en: 'Dharura: please tell us what happened, where, and whether someone is in danger now. Send SOS if you are in danger.',
    sw: 'Dharura: tafadhali tueleze kilichotokea, wapi, na kama kuna mtu yuko hatarini sasa. Tuma MSAADA kama uko hatarini.',
  },
  /** `ACK <n>` from a phone or number we cannot act on: says nothing about either. */
  ackUnknown: {
    en: 'Dharura: we could not act on this message.',
    sw: 'Dharura: hatukuweza kushughulikia ujumbe huu.',
  },
  failed: {
    en: 'Dharura: sorry, we could not take your message just now. Please send it again.',
    sw: 'Dharura: samahani, hatukuweza kupokea ujumbe wako sasa hivi. Tafadhali utume tena.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** `{name}` placeholders filled from `vars` (missing ones left empty): every channel text uses this. */
export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function sms(key: keyof typeof smsCopy, locale: Locale, vars: Record<string, string> = {}): string {
  return fillTemplate(smsCopy[key][locale], vars);
}

/** Replace the few non-GSM characters the public copy uses, so channel texts stay single-part SMS. */
export function gsm(text: string): string {
  return text
    .replace(/\s*[—–]\s*/g, ', ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...');
}

/** What a reporter may learn about a case: one coarse line, the same wording as the public status page. */
const coarseStatus: Record<CaseStatus, CopyKey> = {
  received: 'statusReceived',
  screening: 'statusReceived',
  assessed: 'statusReceived',
  awaiting_decision: 'statusReceived',
  active: 'statusActive',
  follow_up: 'statusActive',
  closed: 'statusClosed',
  not_urgent: 'statusClosed',
  duplicate: 'statusClosed',
  declined: 'statusClosed',
  withdrawn: 'statusClosed',
};

/**
 * `UA-2026-00123: Action under way.` — or "could not find this reference for this phone", the same text
 * whether the reference does not exist or was reported from another phone.
 */
/** A status line and the latest staff reply, cut to fit one screen or SMS. */
export function withReply(line: string, reply: string, max: number): string {
  const full = `${line} ${gsm(reply)}`;
  return full.length <= max ? full : `${full.slice(0, max - 3)}...`;
}

export function statusLine(reference: string | null, status: string | null, locale: Locale): string {
  if (!reference || !status) return smsCopy.statusUnknown[locale];
  const key = coarseStatus[status as CaseStatus] ?? 'statusReceived';
  return gsm(`${reference}: ${publicCopy[key][locale]}`);
}

/**
 * A reference as people type it on a keypad: `UA-2026-00123`, `ua 2026 123`, `2026-123` or just the
 * digits `202600123` (year first), with or without the secret suffix (dropped: by SMS and USSD the
 * reporting phone is the proof). Null when it cannot be one.
 */
export function parseReference(raw: string): string | null {
  const typed = raw.trim();
  const digits = /^(20\d{2})(\d{1,7})$/.exec(typed);
  if (digits) return `UA-${digits[1]}-${digits[2]!.padStart(5, '0')}`;
  return normaliseReference(typed);
}
