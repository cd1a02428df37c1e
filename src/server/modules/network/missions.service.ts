import { isLocale, type Locale } from '../../../shared/locale.js';
import type { MissionType } from '../../../shared/network.js';
import type { Executor } from '../../db/client.js';
import type { MissionView, MyMissionView } from '../../../shared/contracts/network.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { NetworkDeps } from './network.deps.js';
import { sealedResponder, type NetworkKit } from './network.kit.js';
import type { MissionRow, ResponderRow } from './network.repo.js';
import { networkText } from './network.text.js';
import { missionView, type Outgoing } from './network.views.js';

export interface CheckInInput {
  location?: string | undefined;
  done: boolean;
  /** 'sms', 'ussd' or 'console'. */
  channel: string;
  /** The console user who checked in (the responder themself or a dispatcher). */
  actorId?: string;
  exposures?: string[] | undefined;
}

export interface CheckedIn {
  reference: string;
  nextDue: Date | null;
  mission: MissionRow;
}

/** Who may check in for a mission from the console besides its responder: those who dispatch. */
const dispatcherRoles = ['duty_officer', 'approver', 'leadership'];

/** Missions: check-ins by SMS, USSD or console, and the mission lists of a case and of the network. */
export function createMissionsService(
  deps: Pick<
    NetworkDeps,
    'db' | 'repo' | 'vault' | 'audit' | 'clock' | 'cases' | 'workflow' | 'clocks' | 'alerts'
  >,
  kit: NetworkKit,
) {
  const { db, repo, vault, audit, clock, cases, workflow, clocks, alerts } = deps;

  /** A check-in (or the end) of a mission, by SMS, USSD or console. Null: no such active mission. */
  async function checkIn(
    r: ResponderRow,
    which: { number: number } | { missionId: string },
    input: CheckInInput,
  ): Promise<CheckedIn | null> {
    return db.transaction(async (tx) => {
      const m =
        'number' in which
          ? await repo.lockMission(which.number, r.id, tx)
          : await repo.lockMissionById(which.missionId, tx);
      if (!m || m.responderId !== r.id) return null;
      const c = (await cases.findById(m.caseId, tx))!;
      if (m.status !== 'active')
        return input.done ? { reference: c.reference, nextDue: null, mission: m } : null;
      const now = clock.now();
      const nextDue = input.done ? null : new Date(now.getTime() + m.checkInMinutes * 60_000);
      const updated = await repo.updateMission(
        m.id,
        {
          lastCheckInAt: now,
          nextCheckInDue: nextDue,
          ...(input.done ? { status: 'done', endedAt: now } : {}),
          ...(input.exposures ? { exposures: [...new Set([...m.exposures, ...input.exposures])] } : {}),
        },
        tx,
      );
      if (nextDue) await clocks.armCheckIn(m.caseId, m.id, nextDue, tx);
      else await clocks.stopCheckIn(m.id, tx);
      if (input.location) {
        await repo.updateResponder(
          r.id,
          {
            lastLocationEnc: await vault.encrypt(
              r.dataKeyId,
              input.location,
              sealedResponder('location', r.id),
              tx,
            ),
            lastLocationAt: now,
          },
          tx,
        );
      }
      const entry = {
        caseId: m.caseId,
        at: now,
        actorId: input.actorId ?? r.userId,
        actorLabel: input.channel === 'console' ? 'user' : `${input.channel}-gateway`,
        type: input.done ? 'mission.done' : 'mission.check_in',
        data: {
          missionId: m.id,
          dispatch: m.number,
          responderId: r.id,
          channel: input.channel,
          withLocation: Boolean(input.location),
        },
        noteEnc: input.location
          ? await vault.encrypt(c.dataKeyId, input.location, aad('case_events', 'note', c.reference), tx)
          : null,
      };
      // The end of a mission is audited; a routine check-in is on the timeline only.
      if (input.done) await kit.caseLog(entry, tx);
      else await cases.addEvent(entry, tx);
      // The responder is heard from: a missed check-in alert on this case has its answer.
      await alerts.resolveFor(m.caseId, ['missed_check_in'], 'check_in', input.actorId ?? null, tx);
      return { reference: c.reference, nextDue, mission: updated };
    });
  }

  /** A console check-in: the responder themself, or a dispatcher who heard from them by phone. */
  async function consoleCheckIn(
    missionId: string,
    input: { location?: string | undefined; done: boolean; exposures?: string[] | undefined },
    actor: Actor,
  ) {
    const m = await repo.missionById(missionId);
    if (!m) throw new AppError('NOT_FOUND');
    const r = (await repo.responderById(m.responderId))!;
    const dispatcher = actor.roles.some((role) => dispatcherRoles.includes(role));
    if (r.userId !== actor.id && !dispatcher) throw new AppError('NOT_FOUND');
    if (m.status !== 'active') throw new AppError('MISSION_CLOSED');
    const res = await checkIn(r, { missionId }, { ...input, channel: 'console', actorId: actor.id });
    return missionView(res!.mission, await kit.nameOf(r), clock.now());
  }

  /** A case's dispatches with their offers, and its missions, for the case page. */
  async function caseNetwork(caseId: string, actor: Actor) {
    await workflow.loadForActor(caseId, actor);
    const dispatches = await repo.dispatchesForCase(caseId);
    const offers = await repo.offers(dispatches.map((d) => d.id));
    const missions = await repo.missionsForCase(caseId);
    const names = new Map<string, string>();
    const nameOf = async (id: string) => {
      if (!names.has(id)) {
        const r = await repo.responderById(id);
        names.set(id, r ? await kit.nameOf(r) : '?');
      }
      return names.get(id)!;
    };
    return {
      dispatches: await Promise.all(
        dispatches.map(async (d) => {
          const mine = offers.filter((o) => o.dispatchId === d.id);
          return {
            id: d.id,
            number: d.number,
            missionType: d.missionType as MissionType,
            status: d.status as 'open',
            needed: d.needed,
            accepted: mine.filter((o) => o.status === 'accepted').length,
            level: d.level,
            replyDueAt: d.replyDueAt.toISOString(),
            createdAt: d.createdAt.toISOString(),
            offers: await Promise.all(
              mine.map(async (o) => ({
                responderId: o.responderId,
                name: await nameOf(o.responderId),
                status: o.status as 'offered',
                rank: o.rank,
                offeredAt: o.offeredAt.toISOString(),
                answeredAt: o.answeredAt?.toISOString() ?? null,
              })),
            ),
          };
        }),
      ),
      missions: await Promise.all(
        missions.map(async (m) => missionView(m, await nameOf(m.responderId), clock.now())),
      ),
    };
  }

  /** Every active mission, most overdue check-in first (audited: responders' names are read). */
  async function activeMissions(actor: Actor) {
    const out: MissionView[] = [];
    for (const { mission, reference } of await repo.activeMissions()) {
      const r = await repo.responderById(mission.responderId);
      out.push(missionView(mission, r ? await kit.nameOf(r) : '?', clock.now(), reference));
    }
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'missions.listed',
      subjectType: 'mission',
      meta: { count: out.length },
    });
    return out;
  }

  /** The signed-in responder's own active missions (need-to-know: nobody else's); none if not a responder. */
  async function myMissions(actor: Actor): Promise<MyMissionView[]> {
    const r = await repo.responderByUser(actor.id);
    if (!r) return [];
    const name = await kit.nameOf(r);
    return (await repo.activeMissionsOfResponder(r.id)).map(({ mission, reference, ...place }) => ({
      ...missionView(mission, name, clock.now(), reference),
      place,
    }));
  }

  /**
   * The case ended (closed, withdrawn, set aside): its active missions end with it, their check-in clocks
   * stop, and each responder is told by SMS in their language. Runs in the workflow's transaction;
   * returns the sending, for after the commit.
   */
  async function endForCase(caseId: string, tx: Executor): Promise<() => Promise<void>> {
    const active = (await repo.missionsForCase(caseId, tx)).filter((m) => m.status === 'active');
    if (active.length === 0) return async () => undefined;
    const c = (await cases.findById(caseId, tx))!;
    const now = clock.now();
    const outgoing: Outgoing[] = [];
    for (const m of active) {
      await repo.updateMission(m.id, { status: 'done', endedAt: now, nextCheckInDue: null }, tx);
      await clocks.stopCheckIn(m.id, tx);
      await kit.caseLog(
        {
          caseId,
          at: now,
          actorId: null,
          actorLabel: 'system',
          type: 'mission.ended',
          data: { missionId: m.id, dispatch: m.number, responderId: m.responderId, via: 'case_ended' },
        },
        tx,
      );
      const r = await repo.responderById(m.responderId, tx);
      if (!r) continue;
      const locale: Locale = isLocale(r.locale) ? r.locale : 'en';
      outgoing.push({
        to: await kit.phoneOf(r, tx),
        body: networkText('caseEnded', locale, { ref: c.reference, n: m.number }),
        key: `mission-ended:${m.id}`,
        caseId,
      });
    }
    // Nobody is on the mission any more: an open missed check-in alert has its answer.
    await alerts.resolveFor(caseId, ['missed_check_in'], 'case_ended', null, tx);
    return () => kit.send(outgoing);
  }

  return { checkIn, consoleCheckIn, caseNetwork, activeMissions, myMissions, endForCase };
}
export type MissionsService = ReturnType<typeof createMissionsService>;
