import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  actArrests,
  actEvictions,
  actKillings,
  acts,
  actSexualViolence,
  actTortures,
  eventCases,
  eventInformation,
  events,
  interventions,
  involvements,
  type ActRow,
  type InformationRow,
  type InterventionRow,
  type InvolvementRow,
} from '../../db/schema/index.js';

export type ActArrestRow = typeof actArrests.$inferSelect;
export type ActKillingRow = typeof actKillings.$inferSelect;
export type ActTortureRow = typeof actTortures.$inferSelect;
export type ActSexualViolenceRow = typeof actSexualViolence.$inferSelect;
export type ActEvictionRow = typeof actEvictions.$inferSelect;

/** An act with its 1:1 detail rows (at most one is set, by the act's type). */
export interface ActWithDetail {
  act: ActRow;
  arrest: ActArrestRow | null;
  killing: ActKillingRow | null;
  torture: ActTortureRow | null;
  sexualViolence: ActSexualViolenceRow | null;
  eviction: ActEvictionRow | null;
}

/** The documentation (ESF) records of a case; events are read only (the events module owns them). */
export function createDocumentationRepo(db: Executor) {
  return {
    /** The event, only if it is attached to the case (need-to-know follows the case). */
    async eventOfCase(eventId: string, caseId: string, tx: Executor = db) {
      const [r] = await tx
        .select({ id: events.id, reference: events.reference, title: events.title })
        .from(eventCases)
        .innerJoin(events, eq(events.id, eventCases.eventId))
        .where(and(eq(eventCases.eventId, eventId), eq(eventCases.caseId, caseId)));
      return r;
    },
    async eventsOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select({ id: events.id, reference: events.reference, title: events.title })
        .from(eventCases)
        .innerJoin(events, eq(events.id, eventCases.eventId))
        .where(eq(eventCases.caseId, caseId))
        .orderBy(asc(events.reference));
    },

    async insertAct(row: typeof acts.$inferInsert, tx: Executor = db): Promise<ActRow> {
      const [r] = await tx.insert(acts).values(row).returning();
      return r!;
    },
    async insertArrestDetail(row: typeof actArrests.$inferInsert, tx: Executor = db) {
      await tx.insert(actArrests).values(row);
    },
    async insertKillingDetail(row: typeof actKillings.$inferInsert, tx: Executor = db) {
      await tx.insert(actKillings).values(row);
    },
    async insertTortureDetail(row: typeof actTortures.$inferInsert, tx: Executor = db) {
      await tx.insert(actTortures).values(row);
    },
    async insertSexualViolenceDetail(row: typeof actSexualViolence.$inferInsert, tx: Executor = db) {
      await tx.insert(actSexualViolence).values(row);
    },
    async insertEvictionDetail(row: typeof actEvictions.$inferInsert, tx: Executor = db) {
      await tx.insert(actEvictions).values(row);
    },
    async findAct(caseId: string, actId: string, tx: Executor = db): Promise<ActRow | undefined> {
      const [r] = await tx
        .select()
        .from(acts)
        .where(and(eq(acts.id, actId), eq(acts.caseId, caseId)));
      return r;
    },
    async actsOf(caseId: string, tx: Executor = db): Promise<ActWithDetail[]> {
      return tx
        .select({
          act: acts,
          arrest: actArrests,
          killing: actKillings,
          torture: actTortures,
          sexualViolence: actSexualViolence,
          eviction: actEvictions,
        })
        .from(acts)
        .leftJoin(actArrests, eq(actArrests.actId, acts.id))
        .leftJoin(actKillings, eq(actKillings.actId, acts.id))
        .leftJoin(actTortures, eq(actTortures.actId, acts.id))
        .leftJoin(actSexualViolence, eq(actSexualViolence.actId, acts.id))
        .leftJoin(actEvictions, eq(actEvictions.actId, acts.id))
        .where(eq(acts.caseId, caseId))
        .orderBy(sql`${acts.startedAt} asc nulls last`, asc(acts.createdAt), asc(acts.id));
    },
    /** Whether an arrest row is already the detail of another act (one act per arrest). */
    async arrestLinked(arrestId: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ actId: actArrests.actId })
        .from(actArrests)
        .where(eq(actArrests.arrestId, arrestId));
      return Boolean(r);
    },

    async insertInvolvement(
      row: typeof involvements.$inferInsert,
      tx: Executor = db,
    ): Promise<InvolvementRow> {
      const [r] = await tx.insert(involvements).values(row).returning();
      return r!;
    },
    async involvementsOf(caseId: string, tx: Executor = db): Promise<InvolvementRow[]> {
      return tx
        .select()
        .from(involvements)
        .where(eq(involvements.caseId, caseId))
        .orderBy(asc(involvements.createdAt), asc(involvements.id));
    },

    async insertInformation(
      row: typeof eventInformation.$inferInsert,
      tx: Executor = db,
    ): Promise<InformationRow> {
      const [r] = await tx.insert(eventInformation).values(row).returning();
      return r!;
    },
    async informationOf(caseId: string, tx: Executor = db): Promise<InformationRow[]> {
      return tx
        .select()
        .from(eventInformation)
        .where(eq(eventInformation.caseId, caseId))
        .orderBy(asc(eventInformation.createdAt), asc(eventInformation.id));
    },

    async insertIntervention(
      row: typeof interventions.$inferInsert,
      tx: Executor = db,
    ): Promise<InterventionRow> {
      const [r] = await tx.insert(interventions).values(row).returning();
      return r!;
    },
    async interventionsOf(caseId: string, tx: Executor = db): Promise<InterventionRow[]> {
      return tx
        .select()
        .from(interventions)
        .where(eq(interventions.caseId, caseId))
        .orderBy(asc(interventions.at), asc(interventions.id));
    },
  };
}
export type DocumentationRepo = ReturnType<typeof createDocumentationRepo>;
