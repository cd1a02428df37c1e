import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  cases,
  dispatches,
  notificationRules,
  dispatchOffers,
  missions,
  responders,
  sosAlarms,
  wellbeingChecks,
} from '../../db/schema/index.js';

export type ResponderRow = typeof responders.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;
export type OfferRow = typeof dispatchOffers.$inferSelect;
export type MissionRow = typeof missions.$inferSelect;
export type SosAlarmRow = typeof sosAlarms.$inferSelect;
export type WellbeingRow = typeof wellbeingChecks.$inferSelect;

/** Queries of the network module: responders, dispatches and offers, missions, wellbeing, SOS alarms. */
export function createNetworkRepo(db: Executor) {
  return {
    /* ---------- responders ---------- */
    async insertResponder(row: typeof responders.$inferInsert, tx: Executor = db): Promise<ResponderRow> {
      const [r] = await tx.insert(responders).values(row).returning();
      return r!;
    },
    async updateResponder(
      id: string,
      set: Partial<typeof responders.$inferInsert>,
      tx: Executor = db,
    ): Promise<ResponderRow | undefined> {
      const [r] = await tx.update(responders).set(set).where(eq(responders.id, id)).returning();
      return r;
    },
    async responderById(id: string, tx: Executor = db): Promise<ResponderRow | undefined> {
      const [r] = await tx.select().from(responders).where(eq(responders.id, id));
      return r;
    },
    async responderByPhone(phoneBidx: string, tx: Executor = db): Promise<ResponderRow | undefined> {
      const [r] = await tx
        .select()
        .from(responders)
        .where(and(eq(responders.phoneBidx, phoneBidx), eq(responders.active, true)));
      return r;
    },
    async responderByUser(userId: string, tx: Executor = db): Promise<ResponderRow | undefined> {
      const [r] = await tx.select().from(responders).where(eq(responders.userId, userId));
      return r;
    },
    async responders(opts: { activeOnly: boolean }, tx: Executor = db): Promise<ResponderRow[]> {
      return tx
        .select()
        .from(responders)
        .where(opts.activeOnly ? eq(responders.active, true) : undefined)
        .orderBy(asc(responders.createdAt));
    },
    async activeResponders(tx: Executor = db): Promise<ResponderRow[]> {
      return tx.select().from(responders).where(eq(responders.active, true));
    },
    /** Active missions per responder: the caseload dispatch weighs and limits. */
    async activeMissionCounts(tx: Executor = db): Promise<Map<string, number>> {
      const rows = await tx
        .select({ responderId: missions.responderId, n: sql<number>`count(*)::int` })
        .from(missions)
        .where(eq(missions.status, 'active'))
        .groupBy(missions.responderId);
      return new Map(rows.map((r) => [r.responderId, Number(r.n)]));
    },

    /* ---------- dispatches and offers ---------- */
    async insertDispatch(row: typeof dispatches.$inferInsert, tx: Executor = db): Promise<DispatchRow> {
      const [r] = await tx.insert(dispatches).values(row).returning();
      return r!;
    },
    async lockDispatch(id: string, tx: Executor): Promise<DispatchRow | undefined> {
      const [r] = await tx.select().from(dispatches).where(eq(dispatches.id, id)).for('update');
      return r;
    },
    async lockDispatchByNumber(number: number, tx: Executor): Promise<DispatchRow | undefined> {
      const [r] = await tx.select().from(dispatches).where(eq(dispatches.number, number)).for('update');
      return r;
    },
    async dispatchById(id: string, tx: Executor = db): Promise<DispatchRow | undefined> {
      const [r] = await tx.select().from(dispatches).where(eq(dispatches.id, id));
      return r;
    },
    async updateDispatch(
      id: string,
      set: Partial<typeof dispatches.$inferInsert>,
      tx: Executor,
    ): Promise<DispatchRow> {
      const [r] = await tx.update(dispatches).set(set).where(eq(dispatches.id, id)).returning();
      return r!;
    },
    async dispatchesForCase(caseId: string, tx: Executor = db): Promise<DispatchRow[]> {
      return tx
        .select()
        .from(dispatches)
        .where(eq(dispatches.caseId, caseId))
        .orderBy(desc(dispatches.createdAt));
    },
    async openDispatchesDue(now: Date, tx: Executor = db): Promise<DispatchRow[]> {
      return tx
        .select()
        .from(dispatches)
        .where(and(eq(dispatches.status, 'open'), sql`${dispatches.replyDueAt} <= ${now}`));
    },
    async openDispatches(tx: Executor = db): Promise<DispatchRow[]> {
      return tx.select().from(dispatches).where(eq(dispatches.status, 'open'));
    },
    async insertOffers(rows: (typeof dispatchOffers.$inferInsert)[], tx: Executor): Promise<OfferRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(dispatchOffers).values(rows).onConflictDoNothing().returning();
    },
    async offers(dispatchIds: string[], tx: Executor = db): Promise<OfferRow[]> {
      if (dispatchIds.length === 0) return [];
      return tx
        .select()
        .from(dispatchOffers)
        .where(inArray(dispatchOffers.dispatchId, dispatchIds))
        .orderBy(asc(dispatchOffers.rank));
    },
    async offer(dispatchId: string, responderId: string, tx: Executor): Promise<OfferRow | undefined> {
      const [r] = await tx
        .select()
        .from(dispatchOffers)
        .where(and(eq(dispatchOffers.dispatchId, dispatchId), eq(dispatchOffers.responderId, responderId)));
      return r;
    },
    async updateOffer(id: string, set: Partial<typeof dispatchOffers.$inferInsert>, tx: Executor) {
      await tx.update(dispatchOffers).set(set).where(eq(dispatchOffers.id, id));
    },

    /* ---------- missions ---------- */
    async insertMission(row: typeof missions.$inferInsert, tx: Executor): Promise<MissionRow> {
      const [r] = await tx.insert(missions).values(row).returning();
      return r!;
    },
    async lockMission(number: number, responderId: string, tx: Executor): Promise<MissionRow | undefined> {
      const [r] = await tx
        .select()
        .from(missions)
        .where(and(eq(missions.number, number), eq(missions.responderId, responderId)))
        .for('update');
      return r;
    },
    async missionById(id: string, tx: Executor = db): Promise<MissionRow | undefined> {
      const [r] = await tx.select().from(missions).where(eq(missions.id, id));
      return r;
    },
    async lockMissionById(id: string, tx: Executor): Promise<MissionRow | undefined> {
      const [r] = await tx.select().from(missions).where(eq(missions.id, id)).for('update');
      return r;
    },
    async updateMission(id: string, set: Partial<typeof missions.$inferInsert>, tx: Executor) {
      const [r] = await tx.update(missions).set(set).where(eq(missions.id, id)).returning();
      return r!;
    },
    async missionsForCase(caseId: string, tx: Executor = db): Promise<MissionRow[]> {
      return tx.select().from(missions).where(eq(missions.caseId, caseId)).orderBy(asc(missions.startedAt));
    },
    async activeMissions(tx: Executor = db) {
      return tx
        .select({ mission: missions, reference: cases.reference, sensitivity: cases.sensitivity })
        .from(missions)
        .innerJoin(cases, eq(cases.id, missions.caseId))
        .where(eq(missions.status, 'active'))
        .orderBy(asc(missions.nextCheckInDue));
    },
    /** One responder's active missions, next check-in first, with the case's reference and areas. */
    async activeMissionsOfResponder(responderId: string, tx: Executor = db) {
      return tx
        .select({
          mission: missions,
          reference: cases.reference,
          county: cases.county,
          subCounty: cases.subCounty,
          ward: cases.ward,
        })
        .from(missions)
        .innerJoin(cases, eq(cases.id, missions.caseId))
        .where(and(eq(missions.status, 'active'), eq(missions.responderId, responderId)))
        .orderBy(asc(missions.nextCheckInDue));
    },
    async missionsSince(since: Date, tx: Executor = db): Promise<MissionRow[]> {
      return tx
        .select()
        .from(missions)
        .where(or(eq(missions.status, 'active'), gte(missions.startedAt, since)));
    },
    /** The mission a responder most recently finished, for a debrief arriving after `DONE`. */
    async lastDoneMission(
      responderId: string,
      since: Date,
      tx: Executor = db,
    ): Promise<MissionRow | undefined> {
      const [r] = await tx
        .select()
        .from(missions)
        .where(
          and(
            eq(missions.responderId, responderId),
            eq(missions.status, 'done'),
            gte(missions.endedAt, since),
          ),
        )
        .orderBy(desc(missions.endedAt))
        .limit(1);
      return r;
    },

    /* ---------- wellbeing ---------- */
    async insertWellbeing(
      row: typeof wellbeingChecks.$inferInsert,
      tx: Executor = db,
    ): Promise<WellbeingRow> {
      const [r] = await tx.insert(wellbeingChecks).values(row).returning();
      return r!;
    },
    async wellbeingSince(since: Date, tx: Executor = db): Promise<WellbeingRow[]> {
      return tx
        .select()
        .from(wellbeingChecks)
        .where(gte(wellbeingChecks.at, since))
        .orderBy(desc(wellbeingChecks.at));
    },
    async hasDebrief(missionId: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ id: wellbeingChecks.id })
        .from(wellbeingChecks)
        .where(eq(wellbeingChecks.missionId, missionId))
        .limit(1);
      return Boolean(r);
    },

    /* ---------- SOS ---------- */
    /** A staff account whose SMS notification rule has this phone (a defender without a responder row). */
    async staffByPhone(phoneBidx: string, tx: Executor = db): Promise<string | null> {
      const [r] = await tx
        .select({ userId: notificationRules.userId })
        .from(notificationRules)
        .where(and(eq(notificationRules.channel, 'sms'), eq(notificationRules.contactBidx, phoneBidx)))
        .limit(1);
      return r?.userId ?? null;
    },
    async lockOpenAlarm(
      who: { responderId: string | null; userId: string | null },
      tx: Executor,
    ): Promise<SosAlarmRow | undefined> {
      const person = who.responderId
        ? eq(sosAlarms.responderId, who.responderId)
        : eq(sosAlarms.userId, who.userId!);
      const [r] = await tx
        .select()
        .from(sosAlarms)
        .where(and(person, inArray(sosAlarms.status, ['active', 'duress']), isNull(sosAlarms.endedAt)))
        .orderBy(desc(sosAlarms.raisedAt))
        .limit(1)
        .for('update');
      return r;
    },
    async insertAlarm(row: typeof sosAlarms.$inferInsert, tx: Executor): Promise<SosAlarmRow> {
      const [r] = await tx.insert(sosAlarms).values(row).returning();
      return r!;
    },
    async updateAlarm(id: string, set: Partial<typeof sosAlarms.$inferInsert>, tx: Executor) {
      await tx.update(sosAlarms).set(set).where(eq(sosAlarms.id, id));
    },
    /** Serialises SOS from one person (two SMS at once must not open two alarms). */
    async lockPerson(key: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sos:${key}`}))`);
    },
  };
}
export type NetworkRepo = ReturnType<typeof createNetworkRepo>;
