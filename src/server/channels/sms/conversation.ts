import type { Locale } from '../../../shared/locale.js';
import { openStatuses } from '../../../shared/workflow.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import { createCaseLog } from '../../modules/cases/case-log.js';
import type { CasesRepo } from '../../modules/cases/cases.repo.js';
import type { MessagesService } from '../../modules/messages/messages.service.js';
import type { Notifier } from '../notifier.js';
import { fillTemplate, gsm } from '../copy.js';

/** The template every staff reply starts with, in the reporter's language. */
export const replyPrefix: Record<Locale, string> = {
  en: 'Dharura re {ref}: ',
  sw: 'Dharura kuhusu {ref}: ',
};
export const SMS_MAX = 160;
/** Timeline event types of a conversation. */
export const REPORTER_MESSAGE = 'reporter.message';
export const STAFF_REPLY = 'staff.reply';

export interface ConversationDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  messages: MessagesService;
  notifier: () => Notifier | undefined;
  /** How long after a report a message from the same phone joins it (hours). */
  windowHours: number;
  /** Loads a case the actor may read in full, or throws NOT_FOUND (the workflow's need-to-know). */
  loadForActor(caseId: string, actor: Actor): Promise<CaseRow>;
}

/**
 * Conversations with reporters (DESIGN §2.7): a follow-up SMS from a reporter's phone joins her open
 * case (a timeline event; the case team is notified), staff answer from the case by SMS to the phone the
 * case has on record (in her language, behind a fixed prefix), and status answers carry the latest reply.
 */
export function createConversation(deps: ConversationDeps) {
  const { cases, vault, audit, clock, messages } = deps;

  const caseLog = createCaseLog({ cases, audit });
  const openStatusesList = openStatuses.filter((s) => s !== 'duplicate');

  return {
    /** The reporter's open case this message joins, if any (within the window). */
    async openCaseOf(phone: string): Promise<CaseRow | undefined> {
      const since = new Date(clock.now().getTime() - deps.windowHours * 3_600_000);
      return cases.openCaseOfReporter(vault.blindIndex('phone', phone), openStatusesList, since);
    },

    /** Add the message to the case's timeline and tell its team (the text stays in the sealed message row). */
    async join(c: CaseRow, messageId: string): Promise<void> {
      await cases.addEvent({
        caseId: c.id,
        at: clock.now(),
        actorId: null,
        actorLabel: 'sms-gateway',
        type: REPORTER_MESSAGE,
        data: { messageId, channel: 'sms' },
      });
      const notifier = deps.notifier();
      if (!notifier) return;
      for (const m of await cases.members(c.id)) {
        await notifier.notifyUser({
          userId: m.userId,
          caseId: c.id,
          idempotencyKey: `conversation:${messageId}:${m.userId}`,
          text: {
            en: `New SMS from the reporter on ${c.reference}.`,
            sw: `SMS mpya kutoka kwa mwandishi wa ripoti ${c.reference}.`,
          },
        });
      }
    },

    /** The latest staff reply on the case, decrypted, for a status answer (or null). */
    async latestReply(c: CaseRow): Promise<string | null> {
      const e = await cases.latestEvent(c.id, [STAFF_REPLY]);
      if (!e?.noteEnc) return null;
      return vault.decrypt(c.dataKeyId, e.noteEnc, aad('case_events', 'note', c.reference));
    },

    /**
     * Staff reply by SMS: only to the phone the case has on record (never a typed number), in the
     * reporter's language, prefixed, within one SMS; logged in the message log and on the timeline.
     */
    async reply(caseId: string, body: string, actor: Actor): Promise<{ messageId: string }> {
      const c = await deps.loadForActor(caseId, actor);
      const contact = c.reporterContactEnc
        ? (JSON.parse(
            await vault.decrypt(
              c.dataKeyId,
              c.reporterContactEnc,
              aad('cases', 'reporter_contact', c.reference),
            ),
          ) as { phone: string | null })
        : null;
      if (!contact?.phone || c.anonymous) throw new AppError('NO_SAFE_CONTACT');
      const locale: Locale = c.reporterLocale === 'sw' ? 'sw' : 'en';
      const text = gsm(fillTemplate(replyPrefix[locale], { ref: c.reference }) + body.trim());
      if (text.length > SMS_MAX || body.trim().length === 0) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body', message: 'too_long' }] });
      }
      const now = clock.now();
      const noteEnc = await vault.encrypt(c.dataKeyId, body.trim(), aad('case_events', 'note', c.reference));
      const sent = await messages.enqueue({
        channel: 'sms',
        to: contact.phone,
        body: text,
        caseId: c.id,
        idempotencyKey: `staff-reply:${c.id}:${now.getTime()}:${actor.id}`,
      });
      await caseLog({
        caseId: c.id,
        at: now,
        actorId: actor.id,
        type: STAFF_REPLY,
        data: { messageId: sent.id, locale },
        noteEnc,
        audit: { action: 'case.reporter_replied' },
      });
      return { messageId: sent.id };
    },
  };
}
export type Conversation = ReturnType<typeof createConversation>;
