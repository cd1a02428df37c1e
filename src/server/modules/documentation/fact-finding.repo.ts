import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  evidenceItems,
  factFindingLinks,
  factFindingMissions,
  factFindingTeam,
  testimonies,
  type FactFindingLinkRow,
  type FactFindingMissionRow,
} from '../../db/schema/index.js';

/** Fact-finding missions, their team and links; plus the two reads a link needs (a row's case). */
export function createFactFindingRepo(db: Executor) {
  return {
    async insertMission(row: typeof factFindingMissions.$inferInsert, team: string[], tx: Executor = db) {
      const [m] = await tx.insert(factFindingMissions).values(row).returning();
      if (team.length)
        await tx
          .insert(factFindingTeam)
          .values(team.map((userId) => ({ missionId: m!.id, userId })))
          .onConflictDoNothing();
      return m!;
    },
    async findMission(id: string, tx: Executor = db): Promise<FactFindingMissionRow | null> {
      const [m] = await tx.select().from(factFindingMissions).where(eq(factFindingMissions.id, id));
      return m ?? null;
    },
    async lockMission(id: string, tx: Executor): Promise<FactFindingMissionRow | null> {
      const [m] = await tx
        .select()
        .from(factFindingMissions)
        .where(eq(factFindingMissions.id, id))
        .for('update');
      return m ?? null;
    },
    async listMissions(limit = 200, tx: Executor = db): Promise<FactFindingMissionRow[]> {
      return tx.select().from(factFindingMissions).orderBy(desc(factFindingMissions.startsOn)).limit(limit);
    },
    async updateMission(
      id: string,
      patch: Partial<Pick<FactFindingMissionRow, 'status' | 'findingsEnc' | 'updatedAt'>>,
      tx: Executor,
    ): Promise<void> {
      await tx.update(factFindingMissions).set(patch).where(eq(factFindingMissions.id, id));
    },
    async teamOf(missionIds: string[], tx: Executor = db) {
      if (!missionIds.length) return [];
      return tx.select().from(factFindingTeam).where(inArray(factFindingTeam.missionId, missionIds));
    },
    async linksOf(missionId: string, tx: Executor = db): Promise<FactFindingLinkRow[]> {
      return tx
        .select()
        .from(factFindingLinks)
        .where(eq(factFindingLinks.missionId, missionId))
        .orderBy(asc(factFindingLinks.linkedAt));
    },
    async findLink(
      missionId: string,
      link: { kind: string; caseId: string; testimonyId: string | null; evidenceId: string | null },
      tx: Executor = db,
    ): Promise<FactFindingLinkRow | null> {
      const rows = await tx
        .select()
        .from(factFindingLinks)
        .where(
          and(
            eq(factFindingLinks.missionId, missionId),
            eq(factFindingLinks.kind, link.kind),
            eq(factFindingLinks.caseId, link.caseId),
          ),
        );
      return rows.find((r) => r.testimonyId === link.testimonyId && r.evidenceId === link.evidenceId) ?? null;
    },
    async insertLink(row: typeof factFindingLinks.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(factFindingLinks).values(row);
    },
    async testimony(id: string, tx: Executor = db) {
      const [t] = await tx.select().from(testimonies).where(eq(testimonies.id, id));
      return t ?? null;
    },
    async evidenceItem(id: string, tx: Executor = db) {
      const [e] = await tx
        .select({
          id: evidenceItems.id,
          caseId: evidenceItems.caseId,
          kind: evidenceItems.kind,
          sha256: evidenceItems.sha256,
        })
        .from(evidenceItems)
        .where(eq(evidenceItems.id, id));
      return e ?? null;
    },
  };
}
export type FactFindingRepo = ReturnType<typeof createFactFindingRepo>;
