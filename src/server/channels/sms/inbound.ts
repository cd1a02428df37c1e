import type { Logger } from 'pino';
import type { Locale } from '../../../shared/locale.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Vault } from '../../security/vault.js';
import type { MessagesRepo } from '../../modules/messages/messages.repo.js';
import type { MessagesService } from '../../modules/messages/messages.service.js';
import { parseReference, sms, statusLine, withReply } from '../copy.js';
import type { ChannelHooks, HookContext } from '../hooks.js';
import { survivorOf } from '../../modules/cases/status-check.js';
import { SMS_MAX, type Conversation } from './conversation.js';
import { detectLocale } from './language.js';

/** Africa's Talking's inbound SMS callback fields. */
export interface InboundSms {
  from: string;
  to?: string | undefined;
  text: string;
  date?: string | undefined;
  /** The gateway's message id: repeated callbacks carry the same one. */
  id: string;
  linkId?: string | undefined;
}

export type SmsCommand =
  | { kind: 'status'; locale: Locale; reference: string | null }
  | { kind: 'sos'; locale: Locale; detail: string }
  | { kind: 'responder'; locale: Locale; keyword: string; number: string; detail: string }
  | { kind: 'referral'; locale: Locale; keyword: string; number: string; detail: string }
  | { kind: 'cancel'; locale: Locale; pin: string }
  | { kind: 'ack'; locale: Locale; number: string }
  | { kind: 'report'; locale: Locale; fresh?: boolean };

const swKeywords = new Set([
  'HALI',
  'MSAADA',
  'NDIO',
  'NDIYO',
  'HAPANA',
  'SAWA',
  'SITISHA',
  'NIMEMALIZA',
  'IMEKAMILIKA',
  'POKEA',
]);
/** Kiswahili words for DONE ("I have finished", "it is complete"): handled as DONE. */
const doneWords = new Set(['NIMEMALIZA', 'IMEKAMILIKA']);

/**
 * Keywords, case-insensitive, English and Kiswahili: `STATUS|HALI <ref>`, `SOS|MSAADA [details]`,
 * `YES|NO|NDIO|HAPANA|OK|SAWA|DONE|NIMEMALIZA|IMEKAMILIKA <n>` (a check-in or DONE may add where the
 * responder is), `ACK|POKEA <n>` (staff acknowledging alert n from their verified phone),
 * `CANCEL|SITISHA <PIN>` (a defender calling off an SOS). A message that merely starts with "hali" ("Hali ni mbaya hapa…") is
 * a report, not a status query: the rest must be a reference or nothing.
 */
export function parseSms(raw: string): SmsCommand {
  const text = raw.replace(/\s+/g, ' ').trim();
  const status = /^(status|hali)\b[\s:.,-]*(.*)$/i.exec(text);
  if (status) {
    const locale: Locale = status[1]!.toUpperCase() === 'HALI' ? 'sw' : 'en';
    const rest = status[2]!.trim();
    if (rest === '') return { kind: 'status', locale, reference: null };
    const reference = parseReference(rest);
    if (reference) return { kind: 'status', locale, reference };
  }
  const sos = /^(sos|msaada)\b[\s:.,!-]*(.*)$/i.exec(text);
  if (sos) {
    const detail = sos[2]!.trim();
    const locale: Locale = sos[1]!.toUpperCase() === 'MSAADA' ? 'sw' : detectLocale(detail);
    return { kind: 'sos', locale, detail };
  }
  // A provider's answer to a referral: `YES R12`, `NDIO R12`, `NO R12 no beds`.
  const referral = /^(yes|no|ndio|ndiyo|hapana)[\s:.,-]+#?R(\d{1,9})(?:[\s:.,;-]+(.*))?$/i.exec(text);
  if (referral) {
    const word = referral[1]!.toUpperCase();
    return {
      kind: 'referral',
      locale: swKeywords.has(word) ? 'sw' : 'en',
      keyword: word,
      number: referral[2]!,
      detail: (referral[3] ?? '').trim(),
    };
  }
  const reply =
    /^(yes|no|ndio|ndiyo|hapana|ok|sawa|done|nimemaliza|imekamilika)[\s:.,-]+#?(\d{1,9})(?:[\s:.,;-]+(.*))?$/i.exec(
      text,
    );
  // Only a check-in or DONE carries words after the number; "No 5 people were arrested" is a report.
  if (reply && (!reply[3] || /^(ok|sawa|done|nimemaliza|imekamilika)$/i.test(reply[1]!))) {
    const word = reply[1]!.toUpperCase();
    return {
      kind: 'responder',
      locale: swKeywords.has(word) ? 'sw' : 'en',
      keyword: doneWords.has(word) ? 'DONE' : word,
      number: reply[2]!,
      detail: (reply[3] ?? '').trim(),
    };
  }
  // Staff acknowledging a page: `ACK 123` / `POKEA 123` (nothing after the number).
  const ack = /^(ack|pokea)[\s:.,-]+#?(\d{1,9})[\s.!]*$/i.exec(text);
  if (ack) {
    return { kind: 'ack', locale: swKeywords.has(ack[1]!.toUpperCase()) ? 'sw' : 'en', number: ack[2]! };
  }
  const cancel = /^(cancel|sitisha)[\s:.,-]+(\d{4,8})$/i.exec(text);
  if (cancel) {
    return {
      kind: 'cancel',
      locale: swKeywords.has(cancel[1]!.toUpperCase()) ? 'sw' : 'en',
      pin: cancel[2]!,
    };
  }
  // `NEW …` / `MPYA …`: a new report even from a phone with an open case (not a follow-up).
  const fresh = /^(new|mpya)\b[\s:.,!-]*(.*)$/i.exec(text);
  if (fresh && fresh[2]!.trim()) {
    const locale: Locale = fresh[1]!.toUpperCase() === 'MPYA' ? 'sw' : detectLocale(fresh[2]!);
    return { kind: 'report', locale, fresh: true };
  }
  return { kind: 'report', locale: detectLocale(text) };
}

export interface SmsInboundDeps {
  db: Db;
  repo: MessagesRepo;
  messages: MessagesService;
  vault: Vault;
  clock: Clock;
  log: Logger;
  hooks: ChannelHooks;
  hookContext: HookContext;
  conversation: Conversation;
}

export interface InboundResult {
  outcome:
    | 'duplicate'
    | 'ignored'
    | 'status'
    | 'sos'
    | 'responder'
    | 'referral'
    | 'report'
    | 'conversation'
    | 'too_short'
    | 'alert_ack';
  messageId?: string;
  caseId?: string;
  reference?: string;
  replyId?: string;
}

/** A callback seen but not finished for this long is presumed crashed; the gateway's retry redoes it. */
const INBOUND_STALE_MS = 60_000;

/**
 * Inbound SMS: recorded once per gateway id (a repeated callback changes nothing), understood, acted
 * on, and answered by SMS through the durable outbound path. The phone simulator calls the same thing.
 */
export function createSmsInbound(deps: SmsInboundDeps) {
  const { repo, messages, vault, clock, log, hooks, hookContext, conversation } = deps;

  async function act(
    cmd: SmsCommand,
    phone: string,
    text: string,
    row: { id: string; caseId: string | null },
  ): Promise<{ outcome: InboundResult['outcome']; reply: string; caseId?: string; reference?: string }> {
    switch (cmd.kind) {
      case 'status': {
        if (!cmd.reference) return { outcome: 'status', reply: sms('statusUsage', cmd.locale) };
        const found = await hookContext.cases.findByReference(cmd.reference);
        // Only the phone that reported learns anything; any other phone gets the not-found line.
        const phoneBidx = vault.blindIndex('phone', phone);
        const mine = found?.reporterPhoneBidx === phoneBidx ? found : undefined;
        // Merged as a duplicate: her reference answers with the surviving case's status and replies.
        const c = mine ? await survivorOf(hookContext.cases, mine) : undefined;
        const line = `Dharura${c ? ' ' : ': '}${statusLine(mine?.reference ?? null, c?.status ?? null, cmd.locale)}`;
        // The conversation's latest staff reply, as far as one SMS allows.
        const last = c ? await conversation.latestReply(c) : null;
        return { outcome: 'status', reply: last ? withReply(line, last, SMS_MAX) : line };
      }
      case 'responder': {
        const answer = await hooks.handleResponderReply(hookContext, {
          phone,
          keyword: cmd.keyword,
          number: cmd.number,
          detail: cmd.detail,
          locale: cmd.locale,
        });
        // Not from a responder: words after a number may be somebody's report ("OK 3 men came at night").
        if (!answer) return act({ kind: 'report', locale: detectLocale(text) }, phone, text, row);
        return { outcome: 'responder', reply: answer.reply };
      }
      case 'referral': {
        const { kind: _kind, ...input } = cmd;
        const answer = (await hooks.handleReferralReply?.(hookContext, { phone, ...input })) ?? null;
        // Not from a provider's phone: the words are somebody's report.
        if (!answer) return act({ kind: 'report', locale: detectLocale(text) }, phone, text, row);
        return { outcome: 'referral', reply: answer.reply };
      }
      case 'ack': {
        const { reply } = await hooks.handleAlertAck(hookContext, {
          phone,
          number: cmd.number,
          locale: cmd.locale,
        });
        return { outcome: 'alert_ack', reply };
      }
      case 'cancel': {
        const { reply } = await hooks.handleSosCancel(hookContext, {
          phone,
          pin: cmd.pin,
          locale: cmd.locale,
        });
        return { outcome: 'sos', reply };
      }
      case 'sos': {
        const raised = row.caseId
          ? undefined
          : await hooks.handleSos(hookContext, {
              phone,
              channel: 'sms',
              locale: cmd.locale,
              detail: cmd.detail,
            });
        const c = await hookContext.cases.findById(row.caseId ?? raised!.caseId);
        if (!c) throw new Error('SOS case missing');
        // Remember the case at once: if anything below fails, the gateway's retry does not open another.
        if (!row.caseId) await repo.update(row.id, { caseId: c.id });
        return {
          outcome: 'sos',
          reply: raised?.reply ?? sms('sos', cmd.locale, { ref: raised?.reference ?? c.reference }),
          caseId: c.id,
          reference: c.reference,
        };
      }
      case 'report': {
        let c: (CaseRow & { publicReference?: string }) | undefined = row.caseId
          ? await hookContext.cases.findById(row.caseId)
          : undefined;
        if (!c && !cmd.fresh) {
          // A follow-up from a phone with an open case joins its conversation (no new reference).
          const open = await conversation.openCaseOf(phone);
          if (open) {
            await repo.update(row.id, { caseId: open.id });
            await conversation.join(open, row.id);
            return {
              outcome: 'conversation',
              reply: sms('joined', cmd.locale, { ref: open.reference }),
              caseId: open.id,
              reference: open.reference,
            };
          }
        }
        if (!c) {
          // A registered responder answering "how are you, 1-5" or giving a debrief is not a report.
          const answered = await hooks.handleResponderText(hookContext, { phone, text, locale: cmd.locale });
          if (answered) return { outcome: 'responder', reply: answered.reply };
          try {
            c = await hookContext.intake.receive(
              {
                channel: 'sms',
                narrative: cmd.fresh ? text.replace(/^(new|mpya)\b[\s:.,!-]*/i, '') : text,
                inDangerNow: false,
                violationTypes: [],
                reporter: { anonymous: false, phone, locale: cmd.locale },
              },
              { userId: null, label: 'sms-gateway' },
            );
          } catch (err) {
            if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
              return { outcome: 'too_short', reply: sms('tooShort', cmd.locale) };
            }
            throw err;
          }
          await repo.update(row.id, { caseId: c.id });
        }
        return {
          outcome: 'report',
          // The secret suffix exists only right after intake; a gateway retry acknowledges the plain reference.
          reply: sms('ack', cmd.locale, { ref: c.publicReference ?? c.reference }),
          caseId: c.id,
          reference: c.reference,
        };
      }
    }
  }

  return {
    parse: parseSms,

    async receive(input: InboundSms): Promise<InboundResult> {
      const phone = normalisePhone(input.from);
      // Not a phone (an alphanumeric sender, a network notice): nobody to answer or to protect.
      if (!phone) return { outcome: 'ignored' };
      const now = clock.now();
      const row = await repo.claimInbound({
        channel: 'sms',
        gatewayId: input.id,
        addressBidx: vault.blindIndex('phone', phone),
        now,
        staleBefore: new Date(now.getTime() - INBOUND_STALE_MS),
      });
      if (!row) return { outcome: 'duplicate' };
      const text = input.text.slice(0, 5000);
      const cmd = parseSms(text);
      try {
        const done = await act(cmd, phone, text.trim(), row);
        const reply = await messages.enqueue({
          channel: 'sms',
          to: phone,
          body: done.reply,
          idempotencyKey: `sms-in:${input.id}:reply`,
          caseId: done.caseId ?? null,
        });
        // Seal the inbound row: who and what, encrypted (under the case's key when it made a case).
        await deps.db.transaction(async (tx) => {
          const keyId = await messages.sealFor.keyFor(done.caseId, tx);
          const { aad } = messages.sealFor;
          await repo.update(
            row.id,
            {
              status: 'processed',
              caseId: done.caseId ?? null,
              dataKeyId: keyId,
              addressEnc: await vault.encrypt(keyId, phone, aad('address', row.id), tx),
              bodyEnc: await vault.encrypt(keyId, text, aad('body', row.id), tx),
              updatedAt: clock.now(),
            },
            tx,
          );
        });
        log.info(
          { event: 'sms.inbound', outcome: done.outcome, messageId: row.id, caseId: done.caseId },
          'sms received',
        );
        return {
          outcome: done.outcome,
          messageId: row.id,
          replyId: reply.id,
          ...(done.caseId ? { caseId: done.caseId } : {}),
          ...(done.reference ? { reference: done.reference } : {}),
        };
      } catch (err) {
        // Let the gateway's retry process it again (keeping any case already opened for it).
        await repo.update(row.id, { status: 'failed', lastError: 'processing', updatedAt: clock.now() });
        throw err;
      }
    },
  };
}
export type SmsInbound = ReturnType<typeof createSmsInbound>;
