import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Locale } from '../../../shared/locale.js';
import { missionTypes, wellbeingRules, type MissionType } from '../../../shared/network.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { Escalations } from '../cases/escalation.js';
import type { IntakeService } from '../cases/intake.service.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type { MessagesService } from '../messages/messages.service.js';
import { rankResponders, type SkipReason } from './dispatch.js';
import type { DispatchRow, MissionRow, NetworkRepo, ResponderRow } from './network.repo.js';
import type {
  Area,
  DispatchInput,
  MissionView,
  ResponderInput,
  ResponderView,
  WellbeingRowView,
} from '../../../shared/contracts/network.js';
import { dispatchInput, responderInput, responderPatch } from '../../../shared/contracts/network.js';
import { eatClock, networkText } from './network.text.js';
import type { z } from 'zod';

export interface DispatchScheduler {
  /** The reply deadline of a dispatch: a job that widens the search if it is still open (fenced). */
  replyDue(dispatchId: string, fence: number, at: Date): void;
}

export interface NetworkDeps {
  db: Db;
  repo: NetworkRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  cases: CasesRepo;
  workflow: WorkflowService;
  intake: IntakeService;
  clocks: ClocksService;
  alerts: Pick<AlertsService, 'resolveFor'>;
  escalations: Escalations;
  messages: Pick<MessagesService, 'enqueue'>;
  scheduler: DispatchScheduler;
  log: Logger;
}

const DAY = 86_400_000;
const aad = (field: string, id: string) => `responders.${field}:${id}`;
const isLocale = (v: string): v is Locale => v === 'en' || v === 'sw';
/** Deaths and sexual violence are what a mission type or a case's violations imply a responder saw. */
const deathViolations = ['extrajudicial_killing', 'femicide'];
const sexualViolations = ['sexual_assault', 'sexual_violence', 'rape'];

/** Sent after the transaction that decided them committed (the ids make a re-send a no-op). */
interface Outgoing {
  to: string;
  body: string;
  key: string;
  caseId: string;
}

/**
 * The community rapid response network (DESIGN §3): responders, dispatch with ranked offers by SMS,
 * missions with check-in clocks, defenders' SOS with cancel and duress PINs, and wellbeing.
 */
export function createNetworkService(deps: NetworkDeps) {
  const { db, repo, vault, audit, clock, cases, clocks, alerts, escalations, messages, scheduler, log } =
    deps;

  /* ---------- helpers ---------- */

  const decrypt = (r: ResponderRow, field: 'name' | 'phone', tx?: Executor) =>
    vault.decrypt(r.dataKeyId, field === 'name' ? r.nameEnc : r.phoneEnc, aad(field, r.id), tx);

  async function view(r: ResponderRow, loads: ReadonlyMap<string, number>): Promise<ResponderView> {
    const phone = await decrypt(r, 'phone');
    return {
      id: r.id,
      name: await decrypt(r, 'name'),
      phoneMasked: `••• ${phone.slice(-3)}`,
      locale: isLocale(r.locale) ? r.locale : 'sw',
      hasAccount: Boolean(r.userId),
      areas: r.areas as Area[],
      skills: r.skills,
      languages: r.languages,
      available: r.available,
      availableFrom: r.availableFrom,
      availableTo: r.availableTo,
      homeCentre: r.homeCentre,
      caseloadLimit: r.caseloadLimit,
      activeMissions: loads.get(r.id) ?? 0,
      hasCancelPin: Boolean(r.cancelPinHash),
      active: r.active,
    };
  }

  async function send(out: Outgoing[]): Promise<void> {
    for (const m of out) {
      try {
        await messages.enqueue({
          channel: 'sms',
          to: m.to,
          body: m.body,
          idempotencyKey: m.key,
          caseId: m.caseId,
        });
      } catch (err) {
        // The sweep enqueues it again (same key): an offer is never silently lost.
        log.warn({ err: { message: (err as Error).message }, key: m.key }, 'network SMS not queued yet');
      }
    }
  }

  /** A case's administrative area, as dispatch ranks by it (never the exact place). */
  const placeOf = (c: {
    county: string | null;
    subCounty: string | null;
    ward: string | null;
  }): Partial<Area> => ({
    ...(c.county ? { county: c.county } : {}),
    ...(c.subCounty ? { subCounty: c.subCounty } : {}),
    ...(c.ward ? { ward: c.ward } : {}),
  });
  const placeName = (d: Pick<DispatchRow, 'area'>) => {
    const a = d.area as Partial<Area>;
    return a.ward ?? a.subCounty ?? a.county ?? '';
  };
  const missionSms = (type: string, locale: Locale) =>
    missionTypes.find((m) => m.code === type)?.sms[locale] ?? type;
  const skillFor = (type: string) => missionTypes.find((m) => m.code === type)?.skill ?? null;

  async function offerMessage(
    d: DispatchRow,
    r: ResponderRow,
    reference: string,
    tx?: Executor,
  ): Promise<Outgoing> {
    const locale: Locale = isLocale(r.locale) ? r.locale : 'sw';
    return {
      to: await decrypt(r, 'phone', tx),
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

  async function notNeededMessage(d: DispatchRow, r: ResponderRow, reference: string, tx?: Executor) {
    const locale: Locale = isLocale(r.locale) ? r.locale : 'sw';
    return {
      to: await decrypt(r, 'phone', tx),
      body: networkText('notNeeded', locale, { ref: reference, n: d.number }),
      key: `dispatch:${d.id}:not-needed:${r.id}`,
      caseId: d.caseId,
    } satisfies Outgoing;
  }

  function exposuresFor(type: string, violationTypes: readonly string[]): string[] {
    const out = new Set<string>();
    if (type === 'body_retrieval' || violationTypes.some((v) => deathViolations.includes(v)))
      out.add('death');
    if (violationTypes.some((v) => sexualViolations.includes(v))) out.add('sexual_violence');
    return [...out];
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

  function missionView(m: MissionRow, responderName: string, reference?: string): MissionView {
    const now = clock.now();
    return {
      id: m.id,
      caseId: m.caseId,
      ...(reference ? { reference } : {}),
      number: m.number,
      responderId: m.responderId,
      responderName,
      type: m.type as MissionType,
      status: m.status as MissionView['status'],
      checkInMinutes: m.checkInMinutes,
      startedAt: m.startedAt.toISOString(),
      lastCheckInAt: m.lastCheckInAt?.toISOString() ?? null,
      nextCheckInDue: m.nextCheckInDue?.toISOString() ?? null,
      overdue: m.status === 'active' && Boolean(m.nextCheckInDue && m.nextCheckInDue < now),
      endedAt: m.endedAt?.toISOString() ?? null,
      exposures: m.exposures,
    };
  }

  /* ---------- responders ---------- */

  async function createResponder(raw: ResponderInput, actor: Actor): Promise<ResponderView> {
    const input = responderInput.parse(raw);
    const phone = normalisePhone(input.phone);
    if (!phone) throw new AppError('PHONE_INVALID', { fields: [{ path: 'phone', message: 'invalid' }] });
    const phoneBidx = vault.blindIndex('phone', phone);
    const [cancelPinHash, duressPinHash] = await Promise.all([
      input.cancelPin ? hashPassword(input.cancelPin) : null,
      input.duressPin ? hashPassword(input.duressPin) : null,
    ]);
    const row = await db.transaction(async (tx) => {
      if (await repo.responderByPhone(phoneBidx, tx)) throw new AppError('PHONE_TAKEN');
      const id = randomUUID();
      const dataKeyId = await vault.createDataKey('responder', tx);
      const now = clock.now();
      const r = await repo.insertResponder(
        {
          id,
          userId: input.userId ?? null,
          dataKeyId,
          nameEnc: await vault.encrypt(dataKeyId, input.name, aad('name', id), tx),
          phoneEnc: await vault.encrypt(dataKeyId, phone, aad('phone', id), tx),
          phoneBidx,
          locale: input.locale,
          areas: input.areas,
          skills: input.skills,
          languages: input.languages,
          available: input.available,
          availableFrom: input.availableFrom ?? null,
          availableTo: input.availableTo ?? null,
          homeCentre: input.homeCentre ?? null,
          caseloadLimit: input.caseloadLimit,
          emergencyContactsEnc: await vault.encryptOptional(
            dataKeyId,
            input.emergencyContacts,
            aad('contacts', id),
            tx,
          ),
          cancelPinHash,
          duressPinHash,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: 'responder.created',
          subjectType: 'responder',
          subjectId: id,
        },
        tx,
      );
      return r;
    });
    return view(row, new Map());
  }

  async function updateResponder(id: string, raw: z.input<typeof responderPatch>, actor: Actor) {
    const input = responderPatch.parse(raw);
    const [cancelPinHash, duressPinHash] = await Promise.all([
      input.cancelPin ? hashPassword(input.cancelPin) : undefined,
      input.duressPin ? hashPassword(input.duressPin) : undefined,
    ]);
    const row = await db.transaction(async (tx) => {
      const r = await repo.responderById(id, tx);
      if (!r) throw new AppError('NOT_FOUND');
      const { cancelPin: _c, duressPin: _d, emergencyContacts, ...plain } = input;
      const updated = await repo.updateResponder(
        id,
        {
          ...plain,
          ...(cancelPinHash ? { cancelPinHash } : {}),
          ...(duressPinHash ? { duressPinHash } : {}),
          ...(emergencyContacts !== undefined
            ? {
                emergencyContactsEnc: await vault.encryptOptional(
                  r.dataKeyId,
                  emergencyContacts,
                  aad('contacts', id),
                  tx,
                ),
              }
            : {}),
          updatedAt: clock.now(),
        },
        tx,
      );
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: 'responder.updated',
          subjectType: 'responder',
          subjectId: id,
          meta: { fields: Object.keys(input) },
        },
        tx,
      );
      return updated!;
    });
    return view(row, await repo.activeMissionCounts());
  }

  async function listResponders(
    q: {
      county?: string | undefined;
      ward?: string | undefined;
      skill?: string | undefined;
      available?: string | undefined;
    },
    actor: Actor,
  ): Promise<ResponderView[]> {
    const loads = await repo.activeMissionCounts();
    const eq = (a: string | undefined, b: string | undefined) =>
      !a || (b ?? '').toLowerCase() === a.toLowerCase();
    const rows = (await repo.responders({ activeOnly: false })).filter(
      (r) =>
        (r.areas as Area[]).some((a) => eq(q.county, a.county) && eq(q.ward, a.ward)) &&
        (!q.skill || r.skills.includes(q.skill)) &&
        (!q.available || String(r.available && r.active) === q.available),
    );
    // Reading the roster decrypts names: audited like any read of identities.
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'responders.listed',
      subjectType: 'responder',
      meta: { count: rows.length },
    });
    return Promise.all(rows.map((r) => view(r, loads)));
  }

  /* ---------- dispatch ---------- */

  async function proposals(caseId: string, missionType: string, limit: number, actor: Actor) {
    const c = await deps.workflow.loadForActor(caseId, actor);
    const all = await repo.activeResponders();
    const loads = await repo.activeMissionCounts();
    const { ranked, skipped } = rankResponders({
      responders: all,
      loads,
      place: placeOf(c),
      skill: skillFor(missionType),
      minMatch: c.county ? 1 : 0,
      at: clock.now(),
    });
    const named = async (r: ResponderRow) => ({
      responderId: r.id,
      name: await decrypt(r, 'name'),
      homeCentre: r.homeCentre,
    });
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'dispatch.proposed',
      subjectType: 'case',
      subjectId: caseId,
      meta: { missionType, candidates: ranked.length },
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
            name: await decrypt(s.responder, 'name'),
            reason: s.reason as SkipReason,
          })),
      ),
    };
  }

  async function dispatch(caseId: string, raw: DispatchInput, actor: Actor) {
    const input = dispatchInput.parse(raw);
    const c = await deps.workflow.loadForActor(caseId, actor);
    const now = clock.now();
    const { d, offered, outgoing } = await db.transaction(async (tx) => {
      const place = placeOf(c);
      const inserted = await repo.insertDispatch(
        {
          caseId,
          missionType: input.missionType,
          skills: skillFor(input.missionType) ? [skillFor(input.missionType)!] : [],
          needed: input.needed,
          batchSize: input.batchSize,
          checkInMinutes: input.checkInMinutes,
          replyMinutes: input.replyMinutes,
          area: place,
          status: 'open',
          level: place.ward ? 3 : place.subCounty ? 2 : place.county ? 1 : 0,
          replyDueAt: new Date(now.getTime() + input.replyMinutes * 60_000),
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      let result: { d: DispatchRow; offered: ResponderRow[] };
      if (input.responderIds?.length) {
        // The dispatcher's own choice from the proposals: still never someone off duty or at the limit.
        const loads = await repo.activeMissionCounts(tx);
        const chosen: ResponderRow[] = [];
        for (const id of input.responderIds) {
          const r = await repo.responderById(id, tx);
          if (r && r.active && r.available && (loads.get(r.id) ?? 0) < r.caseloadLimit) chosen.push(r);
        }
        await repo.insertOffers(
          chosen.map((r, i) => ({ dispatchId: inserted.id, responderId: r.id, rank: i + 1, offeredAt: now })),
          tx,
        );
        result = { d: inserted, offered: chosen };
      } else {
        result = await offerNext(inserted, input.batchSize, Math.min(1, inserted.level), tx);
      }
      if (result.offered.length === 0) throw new AppError('NO_RESPONDERS');
      await cases.addEvent(
        {
          caseId,
          at: now,
          actorId: actor.id,
          actorLabel: 'user',
          type: 'dispatch.sent',
          data: { dispatch: result.d.number, missionType: input.missionType, offered: result.offered.length },
        },
        tx,
      );
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: 'dispatch.sent',
          subjectType: 'case',
          subjectId: caseId,
          meta: { dispatchId: result.d.id, offered: result.offered.map((r) => r.id) },
        },
        tx,
      );
      const outgoing = await Promise.all(
        result.offered.map((r) => offerMessage(result.d, r, c.reference, tx)),
      );
      return { ...result, outgoing };
    });
    scheduler.replyDue(d.id, d.fence, d.replyDueAt);
    await send(outgoing);
    return { id: d.id, number: d.number, offered: offered.length };
  }

  /** The reply deadline passed: if still short of acceptances, ask the next ones and alert the duty line. */
  async function replyDue(dispatchId: string, fence: number): Promise<boolean> {
    const out = await db.transaction(async (tx) => {
      const d = await repo.lockDispatch(dispatchId, tx);
      if (!d || d.fence !== fence || d.status !== 'open') return null;
      const now = clock.now();
      if (d.replyDueAt.getTime() > now.getTime() + 1000) return null;
      return widen(d, now, tx);
    });
    if (!out) return false;
    if (out.next) scheduler.replyDue(out.next.id, out.next.fence, out.next.replyDueAt);
    await send(out.outgoing);
    return true;
  }

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

  /** A responder's YES/NO to a dispatch, or OK/DONE on a mission, by SMS. Null: not a responder. */
  async function reply(input: {
    phone: string;
    keyword: string;
    number: string;
    detail: string;
    locale: Locale;
    localeChosen?: boolean | undefined;
  }) {
    const r = await repo.responderByPhone(vault.blindIndex('phone', input.phone));
    if (!r) return null;
    // The responder's own language, unless they just chose one (USSD).
    const locale: Locale = input.localeChosen || !isLocale(r.locale) ? input.locale : r.locale;
    const n = Number(input.number);
    const k = input.keyword;
    if (k === 'OK' || k === 'SAWA' || k === 'DONE') {
      const done = k === 'DONE';
      const res = await checkIn(
        r,
        { number: n },
        { location: input.detail || undefined, done, channel: 'sms' },
      );
      if (!res) return { reply: networkText('noMission', locale, { n }) };
      return {
        reply: done
          ? networkText('done', locale, { ref: res.reference })
          : networkText('checkIn', locale, { time: eatClock(res.nextDue!) }),
      };
    }
    const accept = k === 'YES' || k === 'NDIO' || k === 'NDIYO';
    const out = await db.transaction(async (tx) => {
      const d = await repo.lockDispatchByNumber(n, tx);
      const offer = d ? await repo.offer(d.id, r.id, tx) : undefined;
      if (!d || !offer) return { reply: networkText('noMission', locale, { n }), outgoing: [] as Outgoing[] };
      const c = (await cases.findById(d.caseId, tx))!;
      const now = clock.now();
      if (offer.status === 'accepted') {
        return {
          reply: networkText('assigned', locale, { ref: c.reference, m: d.checkInMinutes, n: d.number }),
          outgoing: [],
        };
      }
      if (!accept) {
        if (offer.status === 'offered') {
          await repo.updateOffer(offer.id, { status: 'declined', answeredAt: now }, tx);
          await cases.addEvent(
            {
              caseId: d.caseId,
              at: now,
              actorId: null,
              actorLabel: 'sms-gateway',
              type: 'dispatch.declined',
              data: { dispatch: d.number, responderId: r.id },
            },
            tx,
          );
        }
        // Everyone asked said no: do not wait for the deadline to widen.
        const offers = await repo.offers([d.id], tx);
        const outgoing: Outgoing[] = [];
        if (
          d.status === 'open' &&
          offers.every((o) => o.status !== 'offered') &&
          !offers.some((o) => o.status === 'accepted')
        ) {
          const w = await widen(d, now, tx);
          outgoing.push(...w.outgoing);
          if (w.next) scheduler.replyDue(w.next.id, w.next.fence, w.next.replyDueAt);
        }
        return { reply: networkText('declined', locale), outgoing };
      }
      const accepted = (await repo.offers([d.id], tx)).filter((o) => o.status === 'accepted').length;
      if (d.status === 'filled' || d.status === 'cancelled' || accepted >= d.needed) {
        await repo.updateOffer(offer.id, { status: 'not_needed', answeredAt: now }, tx);
        return { reply: networkText('notNeeded', locale, { ref: c.reference, n: d.number }), outgoing: [] };
      }
      await repo.updateOffer(offer.id, { status: 'accepted', answeredAt: now }, tx);
      const nextDue = new Date(now.getTime() + d.checkInMinutes * 60_000);
      const m = await repo.insertMission(
        {
          caseId: d.caseId,
          dispatchId: d.id,
          number: d.number,
          responderId: r.id,
          type: d.missionType,
          status: 'active',
          checkInMinutes: d.checkInMinutes,
          startedAt: now,
          nextCheckInDue: nextDue,
          exposures: exposuresFor(d.missionType, c.violationTypes),
        },
        tx,
      );
      await clocks.armCheckIn(d.caseId, m.id, nextDue, tx);
      if (r.userId) await cases.addMember(d.caseId, r.userId, 'responder', tx);
      await cases.addEvent(
        {
          caseId: d.caseId,
          at: now,
          actorId: r.userId,
          actorLabel: 'sms-gateway',
          type: 'mission.started',
          data: {
            dispatch: d.number,
            missionId: m.id,
            responderId: r.id,
            missionType: d.missionType,
            checkInMinutes: d.checkInMinutes,
          },
        },
        tx,
      );
      await audit.record(
        {
          actorId: r.userId,
          actorLabel: 'sms-gateway',
          action: 'mission.started',
          subjectType: 'mission',
          subjectId: m.id,
          meta: { caseId: d.caseId, dispatchId: d.id },
        },
        tx,
      );
      const outgoing: Outgoing[] = [];
      if (accepted + 1 >= d.needed) {
        await repo.updateDispatch(d.id, { status: 'filled', filledAt: now, fence: d.fence + 1 }, tx);
        for (const o of await repo.offers([d.id], tx)) {
          if (o.status !== 'offered') continue;
          await repo.updateOffer(o.id, { status: 'not_needed', answeredAt: now }, tx);
          const other = (await repo.responderById(o.responderId, tx))!;
          outgoing.push(await notNeededMessage(d, other, c.reference, tx));
        }
        // Somebody is on the way: the "nobody accepted" alert, if any, has done its job.
        await alerts.resolveFor(d.caseId, ['dispatch_unanswered'], 'dispatch_filled', null, tx);
      }
      return {
        reply: networkText('assigned', locale, { ref: c.reference, m: d.checkInMinutes, n: d.number }),
        outgoing,
      };
    });
    await send(out.outgoing);
    return { reply: out.reply };
  }

  /** A check-in (or the end) of a mission, by SMS, USSD or console. Null: no such active mission. */
  async function checkIn(
    r: ResponderRow,
    which: { number: number } | { missionId: string },
    input: {
      location?: string | undefined;
      done: boolean;
      channel: string;
      actorId?: string;
      exposures?: string[] | undefined;
    },
  ): Promise<{ reference: string; nextDue: Date | null; mission: MissionRow } | null> {
    return db.transaction(async (tx) => {
      const m =
        'number' in which
          ? await repo.lockMission(which.number, r.id, tx)
          : await repo.lockMissionById(which.missionId, tx);
      if (!m || m.responderId !== r.id) return null;
      const c = (await cases.findById(m.caseId, tx))!;
      if (m.status !== 'active') {
        if (input.done) return { reference: c.reference, nextDue: null, mission: m };
        return null;
      }
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
            lastLocationEnc: await vault.encrypt(r.dataKeyId, input.location, aad('location', r.id), tx),
            lastLocationAt: now,
          },
          tx,
        );
      }
      await cases.addEvent(
        {
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
            ? await vault.encrypt(c.dataKeyId, input.location, `case_events.note:${c.reference}`, tx)
            : null,
        },
        tx,
      );
      if (input.done) {
        await audit.record(
          {
            actorId: input.actorId ?? r.userId,
            actorLabel: input.channel,
            action: 'mission.done',
            subjectType: 'mission',
            subjectId: m.id,
            meta: { caseId: m.caseId },
          },
          tx,
        );
      }
      // The responder is heard from: a missed check-in alert on this case has its answer.
      await alerts.resolveFor(m.caseId, ['missed_check_in'], 'check_in', input.actorId ?? null, tx);
      return { reference: c.reference, nextDue, mission: updated };
    });
  }

  async function caseNetwork(caseId: string, actor: Actor) {
    await deps.workflow.loadForActor(caseId, actor);
    const ds = await repo.dispatchesForCase(caseId);
    const offers = await repo.offers(ds.map((d) => d.id));
    const ms = await repo.missionsForCase(caseId);
    const names = new Map<string, string>();
    const nameOf = async (id: string) => {
      if (!names.has(id)) {
        const r = await repo.responderById(id);
        names.set(id, r ? await decrypt(r, 'name') : '?');
      }
      return names.get(id)!;
    };
    return {
      dispatches: await Promise.all(
        ds.map(async (d) => {
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
      missions: await Promise.all(ms.map(async (m) => missionView(m, await nameOf(m.responderId)))),
    };
  }

  async function activeMissions(actor: Actor) {
    const rows = await repo.activeMissions();
    const out: MissionView[] = [];
    for (const { mission, reference } of rows) {
      const r = await repo.responderById(mission.responderId);
      out.push(missionView(mission, r ? await decrypt(r, 'name') : '?', reference));
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

  /** A console check-in: the responder themself, or a dispatcher who heard from them by phone. */
  async function consoleCheckIn(
    missionId: string,
    input: { location?: string | undefined; done: boolean; exposures?: string[] | undefined },
    actor: Actor,
  ) {
    const m = await repo.missionById(missionId);
    if (!m) throw new AppError('NOT_FOUND');
    const r = (await repo.responderById(m.responderId))!;
    const dispatcher = actor.roles.some((x) => ['duty_officer', 'approver', 'leadership'].includes(x));
    if (r.userId !== actor.id && !dispatcher) throw new AppError('NOT_FOUND');
    if (m.status !== 'active') throw new AppError('MISSION_CLOSED');
    const res = await checkIn(r, { missionId }, { ...input, channel: 'console', actorId: actor.id });
    return missionView(res!.mission, await decrypt(r, 'name'));
  }

  /* ---------- SOS ---------- */

  /**
   * A defender's SOS. A registered defender (a responder, or staff by their SMS number or the console)
   * gets a P1 alert through the leadership policy with who they are, where they were last and whom to
   * call; another SOS while it is open joins the same alarm and alert. Anyone else: null.
   */
  async function raiseSos(input: {
    responder?: ResponderRow | undefined;
    userId?: string | null | undefined;
    channel: 'sms' | 'ussd' | 'console';
    locale: Locale;
    detail?: string | undefined;
    location?: string | undefined;
  }): Promise<{ caseId: string; reference: string; joined: boolean }> {
    const r = input.responder ?? (input.userId ? await repo.responderByUser(input.userId) : undefined);
    const who = { responderId: r?.id ?? null, userId: r ? null : (input.userId ?? null) };
    const key = who.responderId ?? who.userId!;
    const now = clock.now();
    const joinOpen = async () =>
      db.transaction(async (tx) => {
        await repo.lockPerson(key, tx);
        const open = await repo.lockOpenAlarm(who, tx);
        if (!open) return null;
        await repo.updateAlarm(open.id, { triggerCount: open.triggerCount + 1 }, tx);
        await cases.addEvent(
          {
            caseId: open.caseId,
            at: now,
            actorId: input.userId ?? null,
            actorLabel: `${input.channel}-gateway`,
            type: 'sos.repeated',
            data: { channel: input.channel },
          },
          tx,
        );
        await escalations.request(
          { caseId: open.caseId, reason: 'sos', detail: { channel: input.channel, repeat: true } },
          tx,
        );
        return open.caseId;
      });
    const joined = await joinOpen();
    if (joined) {
      const c = (await cases.findById(joined))!;
      return { caseId: c.id, reference: c.reference, joined: true };
    }
    // Who, where last known and whom to call: in the case's encrypted narrative, for the team only.
    const name = r ? await decrypt(r, 'name') : null;
    const phone = r ? await decrypt(r, 'phone') : null;
    const contacts = r?.emergencyContactsEnc
      ? await vault.decrypt(r.dataKeyId, r.emergencyContactsEnc, aad('contacts', r.id))
      : null;
    const lastLocation =
      input.location ??
      (r?.lastLocationEnc
        ? await vault.decrypt(r.dataKeyId, r.lastLocationEnc, aad('location', r.id))
        : null);
    const area = (r?.areas as Area[] | undefined)?.[0];
    const lines = [
      `SOS from a registered defender${r?.homeCentre ? ` (${r.homeCentre})` : ''} by ${input.channel.toUpperCase()}.`,
      input.detail ? `Message: ${input.detail}` : null,
      lastLocation
        ? `Last known location: ${lastLocation}${!input.location && r?.lastLocationAt ? ` (${r.lastLocationAt.toISOString()})` : ''}`
        : 'Last known location: not given.',
      contacts ? `Emergency contacts: ${contacts}` : 'Emergency contacts: none on record.',
    ].filter(Boolean);
    const c = await deps.intake.receive(
      {
        channel: input.channel === 'console' ? 'staff' : input.channel,
        narrative: lines.join('\n'),
        inDangerNow: true,
        violationTypes: ['attack_on_defender'],
        sos: true,
        ...(area
          ? {
              county: area.county,
              ...(area.subCounty ? { subCounty: area.subCounty } : {}),
              ...(area.ward ? { ward: area.ward } : {}),
            }
          : {}),
        ...(lastLocation ? { place: lastLocation.slice(0, 300) } : {}),
        reporter: { anonymous: true, locale: input.locale },
        victim: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
      },
      {
        userId: input.channel === 'console' ? (input.userId ?? null) : null,
        label: `${input.channel}-gateway`,
      },
    );
    const raced = await db.transaction(async (tx) => {
      await repo.lockPerson(key, tx);
      const open = await repo.lockOpenAlarm(who, tx);
      if (open) return open.caseId;
      await repo.insertAlarm(
        { ...who, caseId: c.id, status: 'active', channel: input.channel, raisedAt: now },
        tx,
      );
      await cases.addEvent(
        {
          caseId: c.id,
          at: now,
          actorId: input.userId ?? r?.userId ?? null,
          actorLabel: `${input.channel}-gateway`,
          type: 'sos.raised',
          data: { channel: input.channel, responderId: r?.id ?? null },
        },
        tx,
      );
      await audit.record(
        {
          actorId: input.userId ?? r?.userId ?? null,
          actorLabel: `${input.channel}-gateway`,
          action: 'sos.raised',
          subjectType: 'case',
          subjectId: c.id,
          meta: { responderId: r?.id ?? null },
        },
        tx,
      );
      await escalations.request(
        { caseId: c.id, reason: 'sos', detail: { channel: input.channel, defender: true } },
        tx,
      );
      return null;
    });
    if (raced) {
      // Two SOS at the same instant: the other made the alarm; this case is its duplicate.
      const other = (await cases.findById(raced))!;
      return { caseId: other.id, reference: other.reference, joined: true };
    }
    return { caseId: c.id, reference: c.reference, joined: false };
  }

  /**
   * `CANCEL <PIN>`: the right PIN ends the alarm and resolves its alerts; the duress PIN answers exactly
   * the same but keeps the alarm running, marked as duress for the team; a wrong PIN changes nothing.
   */
  async function cancelSos(
    who: { responder?: ResponderRow | undefined; userId?: string | undefined },
    pin: string,
    channel: string,
  ) {
    const r = who.responder ?? (who.userId ? await repo.responderByUser(who.userId) : undefined);
    const person = { responderId: r?.id ?? null, userId: r ? null : (who.userId ?? null) };
    if (!person.responderId && !person.userId) return 'none' as const;
    const [isCancel, isDuress] = await Promise.all([
      r?.cancelPinHash ? verifyPassword(r.cancelPinHash, pin) : false,
      r?.duressPinHash ? verifyPassword(r.duressPinHash, pin) : false,
    ]);
    return db.transaction(async (tx) => {
      await repo.lockPerson(person.responderId ?? person.userId!, tx);
      const open = await repo.lockOpenAlarm(person, tx);
      if (!open) return 'none' as const;
      const now = clock.now();
      const actorLabel = `${channel}-gateway`;
      if (open.status === 'duress' || isDuress) {
        if (open.status !== 'duress') {
          await repo.updateAlarm(open.id, { status: 'duress' }, tx);
          await cases.addEvent(
            {
              caseId: open.caseId,
              at: now,
              actorId: null,
              actorLabel,
              type: 'sos.duress',
              data: { channel },
            },
            tx,
          );
          await audit.record(
            { actorLabel, action: 'sos.duress', subjectType: 'case', subjectId: open.caseId },
            tx,
          );
          await escalations.request({ caseId: open.caseId, reason: 'sos', detail: { duress: true } }, tx);
        }
        return 'cancelled' as const;
      }
      if (!isCancel) {
        await repo.updateAlarm(open.id, { wrongPins: open.wrongPins + 1 }, tx);
        await cases.addEvent(
          {
            caseId: open.caseId,
            at: now,
            actorId: null,
            actorLabel,
            type: 'sos.cancel_refused',
            data: { channel },
          },
          tx,
        );
        return 'wrong_pin' as const;
      }
      await repo.updateAlarm(open.id, { status: 'cancelled', endedAt: now }, tx);
      await cases.addEvent(
        { caseId: open.caseId, at: now, actorId: null, actorLabel, type: 'sos.cancelled', data: { channel } },
        tx,
      );
      await audit.record(
        { actorLabel, action: 'sos.cancelled', subjectType: 'case', subjectId: open.caseId },
        tx,
      );
      await alerts.resolveFor(open.caseId, ['sos', 'new_urgent_report'], 'sos_cancelled', null, tx);
      return 'cancelled' as const;
    });
  }

  /* ---------- wellbeing ---------- */

  async function recordWellbeing(
    r: ResponderRow,
    score: number,
    note: string | undefined,
    source: 'sms' | 'console',
  ) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const last = await repo.lastDoneMission(r.id, new Date(now.getTime() - DAY), tx);
      const debriefOf = last && !(await repo.hasDebrief(last.id, tx)) ? last.id : null;
      const id = randomUUID();
      await repo.insertWellbeing(
        {
          id,
          responderId: r.id,
          missionId: debriefOf,
          score,
          noteEnc: note ? await vault.encrypt(r.dataKeyId, note, `wellbeing.note:${id}`, tx) : null,
          source,
          at: now,
        },
        tx,
      );
    });
    return score <= wellbeingRules.lowScore ? 'low' : 'ok';
  }

  /** Text from a registered responder that starts with 1–5: a wellbeing answer or a debrief. */
  async function responderText(input: { phone: string; text: string; locale: Locale }) {
    const m = /^([1-5])(?![\d])[\s,.:;-]*(.*)$/s.exec(input.text.trim());
    if (!m) return null;
    const r = await repo.responderByPhone(vault.blindIndex('phone', input.phone));
    if (!r) return null;
    const locale: Locale = isLocale(r.locale) ? r.locale : input.locale;
    const level = await recordWellbeing(r, Number(m[1]), m[2]?.trim() || undefined, 'sms');
    return { reply: networkText(level === 'low' ? 'wellbeingLow' : 'wellbeingThanks', locale) };
  }

  /** The periodic "how are you, 1–5" SMS, at most once a week per responder. */
  async function promptWellbeing(): Promise<number> {
    const now = clock.now();
    let sent = 0;
    for (const r of await repo.activeResponders()) {
      if (r.wellbeingPromptedAt && now.getTime() - r.wellbeingPromptedAt.getTime() < 6 * DAY) continue;
      const locale: Locale = isLocale(r.locale) ? r.locale : 'sw';
      await messages.enqueue({
        channel: 'sms',
        to: await decrypt(r, 'phone'),
        body: networkText('wellbeingPrompt', locale),
        idempotencyKey: `wellbeing:${r.id}:${now.toISOString().slice(0, 10)}`,
      });
      await repo.updateResponder(r.id, { wellbeingPromptedAt: now });
      sent += 1;
    }
    return sent;
  }

  /** The supervisor view: who may need rest or psychosocial support. Never part of any analytics. */
  async function wellbeingView(actor: Actor): Promise<WellbeingRowView[]> {
    const now = clock.now();
    const all = await repo.responders({ activeOnly: true });
    const loads = await repo.activeMissionCounts();
    const ms = await repo.missionsSince(new Date(now.getTime() - 90 * DAY));
    const checks = await repo.wellbeingSince(new Date(now.getTime() - 30 * DAY));
    const out: WellbeingRowView[] = [];
    for (const r of all) {
      const mine = ms.filter((m) => m.responderId === r.id);
      const within = (days: number) =>
        mine.filter((m) => now.getTime() - m.startedAt.getTime() <= days * DAY);
      const exposures = { death: 0, sexual_violence: 0 };
      for (const m of mine)
        for (const e of m.exposures) if (e === 'death' || e === 'sexual_violence') exposures[e] += 1;
      const scores = checks.filter((c) => c.responderId === r.id);
      const last = scores[0];
      const avg = scores.length ? scores.reduce((s, c) => s + c.score, 0) / scores.length : null;
      const debriefed = new Set(scores.map((c) => c.missionId).filter(Boolean));
      const debriefsPending = mine.filter(
        (m) =>
          m.status === 'done' &&
          !debriefed.has(m.id) &&
          now.getTime() - (m.endedAt?.getTime() ?? 0) <= 30 * DAY,
      ).length;
      const recentExposures = within(30).reduce((s, m) => s + m.exposures.length, 0);
      const concerns: string[] = [];
      if (last && last.score <= wellbeingRules.lowScore) concerns.push('low_score');
      if (recentExposures >= wellbeingRules.exposuresIn30Days) concerns.push('exposures');
      if (within(7).length >= wellbeingRules.missionsIn7Days) concerns.push('busy');
      if ((loads.get(r.id) ?? 0) >= r.caseloadLimit) concerns.push('at_limit');
      if (debriefsPending > 0) concerns.push('no_debrief');
      out.push({
        responderId: r.id,
        name: await decrypt(r, 'name'),
        homeCentre: r.homeCentre,
        activeMissions: loads.get(r.id) ?? 0,
        caseloadLimit: r.caseloadLimit,
        missions30d: within(30).length,
        missions7d: within(7).length,
        exposures90d: exposures,
        lastScore: last?.score ?? null,
        lastScoreAt: last?.at.toISOString() ?? null,
        averageScore30d: avg === null ? null : Math.round(avg * 10) / 10,
        debriefsPending,
        concerns,
      });
    }
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'wellbeing.viewed',
      subjectType: 'responder',
      meta: { count: out.length },
    });
    return out.sort((a, b) => b.concerns.length - a.concerns.length || a.name.localeCompare(b.name));
  }

  /** Safety net: offers whose SMS was never queued are queued again; overdue reply deadlines fire. */
  async function sweep(): Promise<number> {
    let n = 0;
    for (const d of await repo.openDispatchesDue(clock.now())) if (await replyDue(d.id, d.fence)) n += 1;
    const open = await repo.openDispatches();
    const offers = await repo.offers(open.map((d) => d.id));
    const out: Outgoing[] = [];
    for (const d of open) {
      const c = await cases.findById(d.caseId);
      if (!c) continue;
      for (const o of offers.filter((x) => x.dispatchId === d.id && x.status === 'offered')) {
        const r = await repo.responderById(o.responderId);
        if (r) out.push(await offerMessage(d, r, c.reference));
      }
    }
    await send(out);
    return n;
  }

  /** After a restart: every open dispatch has its reply-deadline job back (fenced, so duplicates are harmless). */
  async function reconcile(): Promise<number> {
    const open = await repo.openDispatches();
    for (const d of open) scheduler.replyDue(d.id, d.fence, d.replyDueAt);
    return open.length;
  }

  return {
    responders: { create: createResponder, update: updateResponder, list: listResponders },
    proposals,
    dispatch,
    replyDue,
    reply,
    caseNetwork,
    activeMissions,
    consoleCheckIn,
    raiseSos,
    cancelSos,
    responderText,
    recordWellbeing,
    promptWellbeing,
    wellbeingView,
    sweep,
    reconcile,
    responderByPhone: (phone: string) => repo.responderByPhone(vault.blindIndex('phone', phone)),
    responderByUser: (userId: string) => repo.responderByUser(userId),
    /** A staff account reachable by SMS at this phone: a defender even without a responder row. */
    staffByPhone: (phone: string) => repo.staffByPhone(vault.blindIndex('phone', phone)),
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;
