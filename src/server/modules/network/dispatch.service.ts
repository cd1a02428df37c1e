import type { DispatchInput } from '../../../shared/contracts/network.js';
import { dispatchInput } from '../../../shared/contracts/network.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { rankResponders } from './dispatch.js';
import type { NetworkDeps } from './network.deps.js';
import type { NetworkKit } from './network.kit.js';
import type { DispatchRow, ResponderRow } from './network.repo.js';
import type { Offers } from './offers.js';
import { placeOf, skillFor, startLevel, type Outgoing } from './network.views.js';

/**
 * Dispatch from a case (DESIGN §3): ranked proposals, offers by SMS to the nearest available
 * responders, the reply deadline that widens the search, and the safety nets after a crash.
 */
export function createDispatchService(
  deps: Pick<NetworkDeps, 'db' | 'repo' | 'audit' | 'clock' | 'cases' | 'workflow' | 'scheduler'>,
  kit: NetworkKit,
  offers: Offers,
) {
  const { db, repo, audit, clock, cases, workflow, scheduler } = deps;

  /** Whom the dispatcher could ask, best first, and who was skipped and why (audited: names are read). */
  async function proposals(caseId: string, missionType: string, limit: number, actor: Actor) {
    const c = await workflow.loadForActor(caseId, actor);
    const { ranked, skipped } = rankResponders({
      responders: await repo.activeResponders(),
      loads: await repo.activeMissionCounts(),
      place: placeOf(c),
      skill: skillFor(missionType),
      minMatch: c.county ? 1 : 0,
      at: clock.now(),
    });
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'dispatch.proposed',
      subjectType: 'case',
      subjectId: caseId,
      meta: { missionType, candidates: ranked.length },
    });
    const named = async (r: ResponderRow) => ({
      responderId: r.id,
      name: await kit.nameOf(r),
      homeCentre: r.homeCentre,
    });
    return {
      candidates: await Promise.all(
        ranked.slice(0, limit).map(async (p) => ({
          ...(await named(p.responder)),
          areaMatch: p.areaMatch,
          load: p.load,
          caseloadLimit: p.responder.caseloadLimit,
          skills: p.responder.skills,
        })),
      ),
      skipped: await Promise.all(
        skipped
          .filter((s) => s.reason !== 'missing_skill')
          .map(async (s) => ({
            responderId: s.responder.id,
            name: await kit.nameOf(s.responder),
            reason: s.reason,
          })),
      ),
    };
  }

  /** The dispatcher's own choice from the proposals: still never someone off duty or at the limit. */
  async function offerChosen(d: DispatchRow, responderIds: readonly string[], now: Date, tx: Executor) {
    const loads = await repo.activeMissionCounts(tx);
    const chosen: ResponderRow[] = [];
    for (const id of responderIds) {
      const r = await repo.responderById(id, tx);
      if (r && r.active && r.available && (loads.get(r.id) ?? 0) < r.caseloadLimit) chosen.push(r);
    }
    await repo.insertOffers(
      chosen.map((r, i) => ({ dispatchId: d.id, responderId: r.id, rank: i + 1, offeredAt: now })),
      tx,
    );
    return { d, offered: chosen };
  }

  /** Ask responders to go: the chosen ones, or the nearest `batchSize` the ranking finds. */
  async function dispatch(caseId: string, raw: DispatchInput, actor: Actor) {
    const input = dispatchInput.parse(raw);
    const c = await workflow.loadForActor(caseId, actor);
    const now = clock.now();
    const { d, offered, outgoing } = await db.transaction(async (tx) => {
      const place = placeOf(c);
      const skill = skillFor(input.missionType);
      const inserted = await repo.insertDispatch(
        {
          caseId,
          missionType: input.missionType,
          skills: skill ? [skill] : [],
          needed: input.needed,
          batchSize: input.batchSize,
          checkInMinutes: input.checkInMinutes,
          replyMinutes: input.replyMinutes,
          area: place,
          status: 'open',
          level: startLevel(place),
          replyDueAt: new Date(now.getTime() + input.replyMinutes * 60_000),
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      const result = input.responderIds?.length
        ? await offerChosen(inserted, input.responderIds, now, tx)
        : await offers.offerNext(inserted, input.batchSize, Math.min(1, inserted.level), tx);
      if (result.offered.length === 0) throw new AppError('NO_RESPONDERS');
      await kit.caseLog(
        {
          caseId,
          actorId: actor.id,
          type: 'dispatch.sent',
          data: {
            dispatch: result.d.number,
            dispatchId: result.d.id,
            missionType: input.missionType,
            offered: result.offered.length,
            responderIds: result.offered.map((r) => r.id),
          },
          at: now,
        },
        tx,
      );
      const outgoing = await Promise.all(
        result.offered.map((r) => offers.offerMessage(result.d, r, c.reference, tx)),
      );
      return { ...result, outgoing };
    });
    scheduler.replyDue(d.id, d.fence, d.replyDueAt);
    await kit.send(outgoing);
    return { id: d.id, number: d.number, offered: offered.length };
  }

  /** The reply deadline passed: if still short of acceptances, ask the next ones and alert the duty line. */
  async function replyDue(dispatchId: string, fence: number): Promise<boolean> {
    const out = await db.transaction(async (tx) => {
      const d = await repo.lockDispatch(dispatchId, tx);
      if (!d || d.fence !== fence || d.status !== 'open') return null;
      const now = clock.now();
      if (d.replyDueAt.getTime() > now.getTime() + 1000) return null;
      return offers.widen(d, now, tx);
    });
    if (!out) return false;
    if (out.next) scheduler.replyDue(out.next.id, out.next.fence, out.next.replyDueAt);
    await kit.send(out.outgoing);
    return true;
  }

  /** Safety net: offers whose SMS was never queued are queued again; overdue reply deadlines fire. */
  async function sweep(): Promise<number> {
    let fired = 0;
    for (const d of await repo.openDispatchesDue(clock.now())) if (await replyDue(d.id, d.fence)) fired += 1;
    const open = await repo.openDispatches();
    const pending = (await repo.offers(open.map((d) => d.id))).filter((o) => o.status === 'offered');
    const out: Outgoing[] = [];
    for (const d of open) {
      const c = await cases.findById(d.caseId);
      if (!c) continue;
      for (const o of pending.filter((x) => x.dispatchId === d.id)) {
        const r = await repo.responderById(o.responderId);
        if (r) out.push(await offers.offerMessage(d, r, c.reference));
      }
    }
    await kit.send(out);
    return fired;
  }

  /** After a restart: every open dispatch has its reply-deadline job back (fenced, so duplicates are harmless). */
  async function reconcile(): Promise<number> {
    const open = await repo.openDispatches();
    for (const d of open) scheduler.replyDue(d.id, d.fence, d.replyDueAt);
    return open.length;
  }

  return { proposals, dispatch, replyDue, sweep, reconcile };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
