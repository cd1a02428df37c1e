import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Vault } from '../../security/vault.js';
import { statusLine } from '../copy.js';
import type { ChannelHooks, HookContext } from '../hooks.js';
import { USSD_MAX, ussdStep, ussdText, type UssdAction } from './menu.js';
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
}

/** Statuses in which the reporter can rate the response. */
const feedbackStatuses = new Set(['follow_up', 'closed']);

/** Screens are written to fit; this only guards against a county or reference longer than planned. */
function fit(screen: string): string {
  return screen.length <= USSD_MAX ? screen : `${screen.slice(0, USSD_MAX - 3)}...`;
}

/**
 * USSD sessions. Screens come from the path alone (see menu.ts); only the final step of a report, SOS
 * or feedback touches the database, and `ussd_sessions` makes that step happen once per session even if
 * the gateway repeats the request: the repeat gets the same END screen with the same reference.
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
  const lookupsFor = (phoneBidx: string | null) => ({
    canGiveFeedback: async (reference: string) => Boolean(await feedbackCaseFor(reference, phoneBidx)),
  });

  /** Claim the session's one write; returns the case a previous attempt already made, or null to go ahead. */
  async function claim(
    sessionId: string,
    phoneBidx: string | null,
    locale: string,
  ): Promise<{ mine: true } | { mine: false; caseId: string | null }> {
    if (await sessions.claim({ sessionId, phoneBidx, locale, createdAt: clock.now() })) return { mine: true };
    const existing = await sessions.find(sessionId);
    return { mine: false, caseId: existing?.caseId ?? null };
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
      const c = found && phoneBidx && found.reporterPhoneBidx === phoneBidx ? found : undefined;
      return `END ${statusLine(c?.reference ?? null, c?.status ?? null, locale)}`;
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
    const claimed = await claim(req.sessionId, phoneBidx, locale);
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
      const step = await ussdStep(req.text, lookupsFor(bidxOf(req.phoneNumber)));
      if (step.kind === 'screen') return fit(step.text);
      return fit(await perform(req, step.action));
    },
  };
}
export type UssdService = ReturnType<typeof createUssdService>;
