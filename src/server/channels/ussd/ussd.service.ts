import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Vault } from '../../security/vault.js';
import { statusLine, withReply } from '../copy.js';
import { survivorOf } from '../../modules/cases/status-check.js';
import type { Conversation } from '../sms/conversation.js';
import type { ChannelHooks, HookContext } from '../hooks.js';
import type { UssdMenuLists } from '../../../shared/ussd-menu.js';
import { USSD_MAX, USSD_TEXT_MAX, ussdStep, ussdText, type UssdAction, type UssdLookups } from './menu.js';
import type { UssdSessionRow } from './ussd.repo.js';
import type { UssdSessionsRepo } from './ussd.repo.js';

/** Africa's Talking's USSD callback fields. */
export interface UssdRequest {
  sessionId: string;
  serviceCode?: string | undefined;
  phoneNumber: string;
  networkCode?: string | undefined;
  /** Every input so far, joined by `*`. */
  text: string;
}

export interface UssdDeps {
  sessions: UssdSessionsRepo;
  vault: Vault;
  clock: Clock;
  log: Logger;
  hooks: ChannelHooks;
  hookContext: HookContext;
  conversation: Pick<Conversation, 'latestReply'>;
  /** The organisation's menu lists; the shipped ones when absent. */
  menu?: () => Promise<UssdMenuLists>;
}

/** Statuses in which the reporter can rate the response. */
const feedbackStatuses = new Set(['follow_up', 'closed']);

/** Screens are written to fit; this only guards against a county or reference longer than planned. */
function fit(screen: string): string {
  return screen.length <= USSD_MAX ? screen : `${screen.slice(0, USSD_MAX - 3)}...`;
}

/** A repeat of a session's final request within this long is the gateway retrying: same END screen. */
const REPLAY_MS = 120_000;

/** Start offsets of the inputs of a `*`-joined text, splitting at every `*` (no session to go by). */
function cutsOf(text: string): number[] {
  if (text === '') return [];
  const cuts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '*') cuts.push(i + 1);
  return cuts;
}
const inputsAt = (text: string, cuts: readonly number[]) =>
  cuts.map((c, i) => text.slice(c, i + 1 < cuts.length ? cuts[i + 1]! - 1 : text.length).trim());

/**
 * USSD sessions. `ussd_sessions` remembers where each step's input starts in the gateway's `*`-joined
 * text: a request that extends the last one adds ONE input (whatever `*` it contains); one that does
 * not (no row, another path) is split at every `*`. Screens come from the inputs (see menu.ts). Only the
 * final step of a report, SOS or feedback writes, once per session: a repeat of that request soon after
 * gets the same END screen; the same session id starting again afterwards is a new session.
 */
export function createUssdService(deps: UssdDeps) {
  const { sessions, vault, clock, log, hooks, hookContext } = deps;
  const { cases } = hookContext;

  /** The case this phone may rate: one it reported (blind index match) whose response is over. */
  async function feedbackCaseFor(reference: string, phoneBidx: string | null) {
    const c = await cases.findByReference(reference);
    return c && phoneBidx && c.reporterPhoneBidx === phoneBidx && feedbackStatuses.has(c.status)
      ? c
      : undefined;
  }
  const bidxOf = (phoneNumber: string) => {
    const phone = normalisePhone(phoneNumber);
    return phone ? vault.blindIndex('phone', phone) : null;
  };
  /** The menu's lookups for one caller: anyone else's reference looks like one that does not exist. */
  const lookupsFor = async (phoneBidx: string | null): Promise<UssdLookups> => ({
    canGiveFeedback: async (reference: string) => Boolean(await feedbackCaseFor(reference, phoneBidx)),
    ...(deps.menu ? { menu: await deps.menu() } : {}),
  });

  /** Claim the session's one write; returns the case a previous attempt already made, or null to go ahead. */
  async function claim(
    sessionId: string,
    locale: string,
  ): Promise<{ mine: true } | { mine: false; caseId: string | null }> {
    if (await sessions.claim(sessionId, locale, clock.now())) return { mine: true };
    const existing = await sessions.find(sessionId);
    return { mine: false, caseId: existing?.caseId ?? null };
  }

  /** This request's inputs, one per step, and the session row updated to match. */
  async function inputsOf(req: UssdRequest): Promise<string[]> {
    const { text, sessionId } = req;
    const phone = normalisePhone(req.phoneNumber);
    const mac = vault.blindIndex('ussd-text', `${sessionId}\u0000${text}`);
    const row: UssdSessionRow | undefined = await sessions.find(sessionId);
    const now = clock.now();
    const same = row?.textMac === mac && row.textLength === text.length;
    const ended = Boolean(row?.endedAt);
    // The same id after an END: a gateway retry of the final request, or someone starting over.
    const fresh = ended && !(same && now.getTime() - row!.endedAt!.getTime() < REPLAY_MS);
    let cuts: number[];
    if (row && !fresh && same) cuts = row.cuts;
    else if (
      row &&
      !fresh &&
      text.length > row.textLength &&
      (row.textLength === 0 ||
        (text[row.textLength] === '*' &&
          row.textMac ===
            vault.blindIndex('ussd-text', `${sessionId}\u0000${text.slice(0, row.textLength)}`)))
    ) {
      cuts = [...row.cuts, row.textLength === 0 ? 0 : row.textLength + 1];
    } else cuts = cutsOf(text);
    await sessions.save({
      sessionId,
      phoneBidx: phone ? vault.blindIndex('phone', phone) : null,
      cuts,
      textLength: text.length,
      textMac: mac,
      now,
      fresh: fresh || !row,
    });
    return inputsAt(text, cuts);
  }

  async function perform(req: UssdRequest, action: UssdAction): Promise<string> {
    const { locale } = action;
    const end = (key: Parameters<typeof ussdText>[0], vars?: Record<string, string>) =>
      `END ${ussdText(key, locale, vars)}`;
    if (action.kind === 'cancel') return end('cancelled');
    if (action.kind === 'checkIn') {
      // A check-in is idempotent enough to need no session claim: a repeat only moves the next deadline.
      const phone = normalisePhone(req.phoneNumber);
      if (!phone) return end('failed');
      const answer = await hooks.handleResponderReply(hookContext, {
        phone,
        keyword: action.done ? 'DONE' : 'OK',
        number: action.number,
        detail: '',
        locale,
        localeChosen: true,
      });
      return `END ${answer?.reply ?? ussdText('failed', locale)}`;
    }
    const phone = normalisePhone(req.phoneNumber);
    const phoneBidx = phone ? vault.blindIndex('phone', phone) : null;
    if (action.kind === 'status') {
      // Only the phone that reported learns anything: the same not-found line for any other caller.
      const found = await cases.findByReference(action.reference);
      const mine = found && phoneBidx && found.reporterPhoneBidx === phoneBidx ? found : undefined;
      // Merged as a duplicate: her reference answers with the surviving case's status and replies.
      const c = mine ? await survivorOf(cases, mine) : undefined;
      const line = `END ${statusLine(mine?.reference ?? null, c?.status ?? null, locale)}`;
      // The same conversation as SMS: the latest staff reply, as far as the screen allows.
      const last = c ? await deps.conversation.latestReply(c) : null;
      return last ? withReply(line, last, USSD_MAX) : line;
    }

    /** `shown`: the reference with its secret suffix, known only right after intake (not on a repeat). */
    const doneText = async (caseId: string, shown?: string) => {
      const c = await cases.findById(caseId);
      if (action.kind === 'feedback') return end('feedbackDone');
      return end(action.kind === 'sos' ? 'sosDone' : 'reportDone', { ref: shown ?? c?.reference ?? '' });
    };
    // Checked before the session is claimed, so nothing is left half-done.
    if (action.kind === 'sos' && !phone) return end('failed');
    const feedbackCase =
      action.kind === 'feedback' ? await feedbackCaseFor(action.reference, phoneBidx) : undefined;
    if (action.kind === 'feedback' && !feedbackCase) return end('failed');
    const claimed = await claim(req.sessionId, locale);
    if (!claimed.mine) return claimed.caseId ? doneText(claimed.caseId) : end('inProgress');

    try {
      let caseId: string;
      let shown: string | undefined;
      if (action.kind === 'sos') {
        const raised = await hooks.handleSos(hookContext, { phone: phone!, channel: 'ussd', locale });
        caseId = raised.caseId;
        shown = raised.reference;
      } else if (action.kind === 'feedback') {
        const c = feedbackCase!;
        caseId = c.id;
        await hooks.handleUssdFeedback(hookContext, {
          caseId,
          satisfaction: action.satisfaction,
          fromReporterPhone: true,
        });
      } else {
        const c = await hookContext.intake.receive(
          {
            channel: 'ussd',
            narrative: action.narrative,
            violationTypes: action.violationTypes,
            ...(action.county ? { county: action.county } : {}),
            inDangerNow: action.inDangerNow,
            reporter: phone ? { anonymous: false, phone, locale } : { anonymous: true, locale },
          },
          { userId: null, label: 'ussd-gateway' },
        );
        caseId = c.id;
        shown = c.publicReference;
      }
      await sessions.setCase(req.sessionId, caseId);
      log.info({ event: 'ussd.done', kind: action.kind, caseId }, 'ussd session completed');
      return doneText(caseId, shown);
    } catch (err) {
      // Free the session so the gateway (or the person, redialling the same path) can try again.
      await sessions.release(req.sessionId);
      throw err;
    }
  }

  return {
    /** One request, one screen (`CON …` or `END …`), never longer than 182 characters. */
    async handle(req: UssdRequest): Promise<string> {
      if (req.text.length > USSD_TEXT_MAX) {
        // A polite END in the language chosen on the first screen (never an error page on a phone).
        return fit(`END ${ussdText('tooLong', req.text.startsWith('2*') ? 'sw' : 'en')}`);
      }
      const step = await ussdStep(await inputsOf(req), await lookupsFor(bidxOf(req.phoneNumber)));
      if (step.kind === 'screen') return fit(step.text);
      return fit(await perform(req, step.action));
    },
  };
}
export type UssdService = ReturnType<typeof createUssdService>;
