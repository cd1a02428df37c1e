import type { Area } from '../../../shared/contracts/network.js';
import type { Executor } from '../../db/client.js';
import { rankResponders } from './dispatch.js';
import type { NetworkDeps } from './network.deps.js';
import type { NetworkKit } from './network.kit.js';
import type { DispatchRow, ResponderRow } from './network.repo.js';
import { networkText } from './network.text.js';
import { localeOf, missionSms, placeName, skillFor, type Outgoing } from './network.views.js';

/**
 * The offers of a dispatch, shared by the dispatch and reply use cases: who is asked next, how the
 * search widens when nobody answers, and the SMS each responder gets. Every function runs inside the
 * caller's transaction; the caller sends the returned SMS after it commits.
 */
export function createOffers(
  deps: Pick<NetworkDeps, 'repo' | 'clock' | 'cases' | 'escalations'>,
  kit: NetworkKit,
) {
  const { repo, clock, cases, escalations } = deps;

  async function offerMessage(
    d: DispatchRow,
    r: ResponderRow,
    reference: string,
    tx?: Executor,
  ): Promise<Outgoing> {
    const locale = localeOf(r);
    return {
      to: await kit.phoneOf(r, tx),
      body: networkText('offer', locale, {
        ref: reference,
        what: missionSms(d.missionType, locale),
        place: placeName(d),
        n: d.number,
      }),
      key: `dispatch:${d.id}:offer:${r.id}`,
      caseId: d.caseId,
    };
  }

  async function notNeededMessage(
    d: DispatchRow,
    r: ResponderRow,
    reference: string,
    tx?: Executor,
  ): Promise<Outgoing> {
    return {
      to: await kit.phoneOf(r, tx),
      body: networkText('notNeeded', localeOf(r), { ref: reference, n: d.number }),
      key: `dispatch:${d.id}:not-needed:${r.id}`,
      caseId: d.caseId,
    };
  }

  /**
   * Ask the next `count` responders, nearest first: from the dispatch's level, widening one level at a
   * time until there are enough or `floor` is reached (a first call stops at the county; only a
   * deadline passing without answers looks further).
   */
  async function offerNext(
    d: DispatchRow,
    count: number,
    floor: number,
    tx: Executor,
  ): Promise<{ d: DispatchRow; offered: ResponderRow[] }> {
    const asked = new Set((await repo.offers([d.id], tx)).map((o) => o.responderId));
    const all = await repo.activeResponders(tx);
    const loads = await repo.activeMissionCounts(tx);
    let level = d.level;
    for (;;) {
      const { ranked } = rankResponders({
        responders: all,
        loads,
        place: d.area as Partial<Area>,
        skill: skillFor(d.missionType),
        minMatch: level,
        at: clock.now(),
        alreadyAsked: asked,
      });
      if (ranked.length >= count || level <= floor) {
        const pick = ranked.slice(0, count);
        const now = clock.now();
        await repo.insertOffers(
          pick.map((p, i) => ({
            dispatchId: d.id,
            responderId: p.responder.id,
            rank: asked.size + i + 1,
            offeredAt: now,
          })),
          tx,
        );
        const updated = level === d.level ? d : await repo.updateDispatch(d.id, { level }, tx);
        return { d: updated, offered: pick.map((p) => p.responder) };
      }
      level -= 1;
    }
  }

  /**
   * Nobody (enough) said yes in time: ask the next batch one level wider, move the deadline on (the
   * fence makes the old deadline job a no-op) and ask the duty line to help. `next` is the dispatch
   * whose new deadline must be scheduled, or null when nobody was left to ask.
   */
  async function widen(d: DispatchRow, now: Date, tx: Executor) {
    const c = (await cases.findById(d.caseId, tx))!;
    const wider = d.level > 0 ? { ...d, level: d.level - 1 } : d;
    const { d: after, offered } = await offerNext(wider, d.batchSize, 0, tx);
    const next = await repo.updateDispatch(
      d.id,
      {
        level: after.level,
        fence: d.fence + 1,
        replyDueAt: new Date(now.getTime() + d.replyMinutes * 60_000),
        status: offered.length === 0 ? 'unanswered' : 'open',
      },
      tx,
    );
    await cases.addEvent(
      {
        caseId: d.caseId,
        at: now,
        actorId: null,
        actorLabel: 'system',
        type: 'dispatch.widened',
        data: { dispatch: d.number, level: after.level, offered: offered.length },
      },
      tx,
    );
    await escalations.request(
      { caseId: d.caseId, reason: 'dispatch_unanswered', detail: { dispatch: d.number, level: after.level } },
      tx,
    );
    const outgoing = await Promise.all(offered.map((r) => offerMessage(next, r, c.reference, tx)));
    return { next: next.status === 'open' ? next : null, outgoing };
  }

  return { offerMessage, notNeededMessage, offerNext, widen };
}
export type Offers = ReturnType<typeof createOffers>;
