import type { Locale } from '../../../shared/locale.js';
import type { Executor } from '../../db/client.js';
import type { NetworkDeps } from './network.deps.js';
import type { NetworkKit } from './network.kit.js';
import type { DispatchRow, OfferRow, ResponderRow } from './network.repo.js';
import { networkText } from './network.text.js';
import { eatClock } from './network.text.js';
import { exposuresFor, isLocale, type Outgoing } from './network.views.js';
import type { MissionsService } from './missions.service.js';
import type { Offers } from './offers.js';

/** What a responder's SMS keyword means (English and Kiswahili). */
const checkInWords = ['OK', 'SAWA', 'DONE'];
const yesWords = ['YES', 'NDIO', 'NDIYO'];

export interface ReplyInput {
  phone: string;
  /** Upper-cased: YES, NO, NDIO, HAPANA, OK, SAWA, DONE… */
  keyword: string;
  /** The dispatch or mission number from the SMS ("YES 123"). */
  number: string;
  /** Words after the number (where the responder is); may be empty. */
  detail: string;
  locale: Locale;
  localeChosen?: boolean | undefined;
}

/** One responder's answer to one offer, everything the steps below need. */
interface Answer {
  d: DispatchRow;
  offer: OfferRow;
  responder: ResponderRow;
  reference: string;
  violationTypes: string[];
  locale: Locale;
  now: Date;
}

interface Outcome {
  reply: string;
  outgoing: Outgoing[];
}

/**
 * A responder's SMS (or USSD) replies: YES/NO to a dispatch offer, OK/DONE on a mission. YES starts a
 * mission until the dispatch has the responders it needs, then the others hear they are not needed;
 * when everyone asked said NO, the search widens at once instead of waiting for the deadline.
 */
export function createRepliesService(
  deps: Pick<NetworkDeps, 'db' | 'repo' | 'vault' | 'clock' | 'cases' | 'clocks' | 'alerts' | 'scheduler'>,
  kit: NetworkKit,
  offers: Offers,
  missions: Pick<MissionsService, 'checkIn'>,
) {
  const { db, repo, vault, clock, cases, clocks, alerts, scheduler } = deps;

  /** Null: the sender is not a registered responder (the channel treats the SMS as a report). */
  async function reply(input: ReplyInput): Promise<{ reply: string } | null> {
    const responder = await repo.responderByPhone(vault.blindIndex('phone', input.phone));
    if (!responder) return null;
    // The responder's own language, unless they just chose one (USSD).
    const locale: Locale =
      input.localeChosen || !isLocale(responder.locale) ? input.locale : responder.locale;
    const number = Number(input.number);
    if (checkInWords.includes(input.keyword)) return checkInReply(responder, number, input, locale);
    const yes = yesWords.includes(input.keyword);
    const out = await db.transaction((tx) => answerOffer(responder, number, yes, locale, tx));
    await kit.send(out.outgoing);
    return { reply: out.reply };
  }

  /** `OK 123` (with where they are, if they said) or `DONE 123`. */
  async function checkInReply(responder: ResponderRow, number: number, input: ReplyInput, locale: Locale) {
    const done = input.keyword === 'DONE';
    const res = await missions.checkIn(
      responder,
      { number },
      { location: input.detail || undefined, done, channel: 'sms' },
    );
    if (!res) return { reply: networkText('noMission', locale, { n: number }) };
    return {
      reply: done
        ? networkText('done', locale, { ref: res.reference })
        : networkText('checkIn', locale, { time: eatClock(res.nextDue!) }),
    };
  }

  async function answerOffer(
    responder: ResponderRow,
    number: number,
    yes: boolean,
    locale: Locale,
    tx: Executor,
  ): Promise<Outcome> {
    const d = await repo.lockDispatchByNumber(number, tx);
    const offer = d ? await repo.offer(d.id, responder.id, tx) : undefined;
    if (!d || !offer) return { reply: networkText('noMission', locale, { n: number }), outgoing: [] };
    const c = (await cases.findById(d.caseId, tx))!;
    const answer: Answer = {
      d,
      offer,
      responder,
      reference: c.reference,
      violationTypes: c.violationTypes,
      locale,
      now: clock.now(),
    };
    if (offer.status === 'accepted') return { reply: assignedText(answer), outgoing: [] };
    return yes ? accept(answer, tx) : decline(answer, tx);
  }

  const assignedText = ({ d, reference, locale }: Answer) =>
    networkText('assigned', locale, { ref: reference, m: d.checkInMinutes, n: d.number });

  /** NO: noted; if nobody asked is left to answer and nobody accepted, widen now. */
  async function decline({ d, offer, responder, locale, now }: Answer, tx: Executor): Promise<Outcome> {
    if (offer.status === 'offered') {
      await repo.updateOffer(offer.id, { status: 'declined', answeredAt: now }, tx);
      await cases.addEvent(
        {
          caseId: d.caseId,
          at: now,
          actorId: null,
          actorLabel: 'sms-gateway',
          type: 'dispatch.declined',
          data: { dispatch: d.number, responderId: responder.id },
        },
        tx,
      );
    }
    const all = await repo.offers([d.id], tx);
    const everyoneSaidNo =
      all.every((o) => o.status !== 'offered') && !all.some((o) => o.status === 'accepted');
    const outgoing: Outgoing[] = [];
    if (d.status === 'open' && everyoneSaidNo) {
      const widened = await offers.widen(d, now, tx);
      outgoing.push(...widened.outgoing);
      if (widened.next) scheduler.replyDue(widened.next.id, widened.next.fence, widened.next.replyDueAt);
    }
    return { reply: networkText('declined', locale), outgoing };
  }

  /** YES: a mission starts, unless the dispatch already has the responders it needs. */
  async function accept(answer: Answer, tx: Executor): Promise<Outcome> {
    const { d, offer, now, locale, reference } = answer;
    const accepted = (await repo.offers([d.id], tx)).filter((o) => o.status === 'accepted').length;
    if (d.status === 'filled' || d.status === 'cancelled' || accepted >= d.needed) {
      await repo.updateOffer(offer.id, { status: 'not_needed', answeredAt: now }, tx);
      return { reply: networkText('notNeeded', locale, { ref: reference, n: d.number }), outgoing: [] };
    }
    await repo.updateOffer(offer.id, { status: 'accepted', answeredAt: now }, tx);
    await startMission(answer, tx);
    const outgoing = accepted + 1 >= d.needed ? await fill(answer, tx) : [];
    return { reply: assignedText(answer), outgoing };
  }

  /** The mission, its check-in clock, the responder on the case team, and the case log. */
  async function startMission({ d, responder, violationTypes, now }: Answer, tx: Executor) {
    const nextDue = new Date(now.getTime() + d.checkInMinutes * 60_000);
    const m = await repo.insertMission(
      {
        caseId: d.caseId,
        dispatchId: d.id,
        number: d.number,
        responderId: responder.id,
        type: d.missionType,
        status: 'active',
        checkInMinutes: d.checkInMinutes,
        startedAt: now,
        nextCheckInDue: nextDue,
        exposures: exposuresFor(d.missionType, violationTypes),
      },
      tx,
    );
    await clocks.armCheckIn(d.caseId, m.id, nextDue, tx);
    if (responder.userId) await cases.addMember(d.caseId, responder.userId, 'responder', tx);
    await kit.caseLog(
      {
        caseId: d.caseId,
        at: now,
        actorId: responder.userId,
        actorLabel: 'sms-gateway',
        type: 'mission.started',
        data: {
          dispatch: d.number,
          dispatchId: d.id,
          missionId: m.id,
          responderId: responder.id,
          missionType: d.missionType,
          checkInMinutes: d.checkInMinutes,
        },
      },
      tx,
    );
  }

  /** Enough said yes: the dispatch is filled, the others still asked hear they are not needed. */
  async function fill({ d, reference, now }: Answer, tx: Executor): Promise<Outgoing[]> {
    await repo.updateDispatch(d.id, { status: 'filled', filledAt: now, fence: d.fence + 1 }, tx);
    const outgoing: Outgoing[] = [];
    for (const o of await repo.offers([d.id], tx)) {
      if (o.status !== 'offered') continue;
      await repo.updateOffer(o.id, { status: 'not_needed', answeredAt: now }, tx);
      const other = (await repo.responderById(o.responderId, tx))!;
      outgoing.push(await offers.notNeededMessage(d, other, reference, tx));
    }
    // Somebody is on the way: the "nobody accepted" alert, if any, has done its job.
    await alerts.resolveFor(d.caseId, ['dispatch_unanswered'], 'dispatch_filled', null, tx);
    return outgoing;
  }

  return { reply };
}
export type RepliesService = ReturnType<typeof createRepliesService>;
