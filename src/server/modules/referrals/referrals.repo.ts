import { and, arrayContains, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  referralProviderMembers,
  referralProviders,
  referrals,
  type ReferralProviderRow,
  type ReferralRow,
} from '../../db/schema/index.js';

export type { ReferralProviderRow, ReferralRow };

/** Every query of the referrals module: the provider directory, partner membership and referrals. */
export function createReferralsRepo(db: Executor) {
  return {
    /* ---------- providers ---------- */
    async insertProvider(
      row: typeof referralProviders.$inferInsert,
      tx: Executor = db,
    ): Promise<ReferralProviderRow> {
      const [r] = await tx.insert(referralProviders).values(row).returning();
      return r!;
    },
    async findProvider(id: string, tx: Executor = db): Promise<ReferralProviderRow | undefined> {
      const [r] = await tx.select().from(referralProviders).where(eq(referralProviders.id, id));
      return r;
    },
    async updateProvider(
      id: string,
      set: Partial<typeof referralProviders.$inferInsert>,
      tx: Executor = db,
    ): Promise<void> {
      await tx.update(referralProviders).set(set).where(eq(referralProviders.id, id));
    },
    /** Providers offering a service in a county (both optional), best capacity first. */
    async searchProviders(
      filter: { need?: string | undefined; county?: string | undefined },
      tx: Executor = db,
    ): Promise<ReferralProviderRow[]> {
      const where: SQL[] = [];
      if (filter.need) where.push(arrayContains(referralProviders.services, [filter.need]));
      if (filter.county) where.push(arrayContains(referralProviders.counties, [filter.county]));
      return tx
        .select()
        .from(referralProviders)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(referralProviders.capacity), asc(referralProviders.name))
        .limit(200);
    },
    async providersByPhone(phoneBidx: string, tx: Executor = db): Promise<ReferralProviderRow[]> {
      return tx.select().from(referralProviders).where(eq(referralProviders.phoneBidx, phoneBidx));
    },

    /* ---------- partner membership ---------- */
    async addMember(providerId: string, userId: string, tx: Executor = db): Promise<void> {
      await tx.insert(referralProviderMembers).values({ providerId, userId }).onConflictDoNothing();
    },
    async providerIdsOfUser(userId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: referralProviderMembers.providerId })
        .from(referralProviderMembers)
        .where(eq(referralProviderMembers.userId, userId));
      return rows.map((r) => r.id);
    },
    async memberIdsOf(providerId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: referralProviderMembers.userId })
        .from(referralProviderMembers)
        .where(eq(referralProviderMembers.providerId, providerId));
      return rows.map((r) => r.id);
    },

    /* ---------- referrals ---------- */
    async insertReferral(row: typeof referrals.$inferInsert, tx: Executor = db): Promise<ReferralRow> {
      const [r] = await tx.insert(referrals).values(row).returning();
      return r!;
    },
    async findReferral(id: string, tx: Executor = db): Promise<ReferralRow | undefined> {
      const [r] = await tx.select().from(referrals).where(eq(referrals.id, id));
      return r;
    },
    async lockReferral(id: string, tx: Executor): Promise<ReferralRow | undefined> {
      const [r] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
      return r;
    },
    async referralByNumber(
      number: number,
      providerIds: string[],
      tx: Executor = db,
    ): Promise<ReferralRow | undefined> {
      if (providerIds.length === 0) return undefined;
      const [r] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.number, number), inArray(referrals.providerId, providerIds)));
      return r;
    },
    async updateReferral(
      id: string,
      set: Partial<typeof referrals.$inferInsert>,
      tx: Executor = db,
    ): Promise<ReferralRow> {
      const [r] = await tx.update(referrals).set(set).where(eq(referrals.id, id)).returning();
      return r!;
    },
    async referralsOfCase(caseId: string, tx: Executor = db): Promise<ReferralRow[]> {
      return tx
        .select()
        .from(referrals)
        .where(eq(referrals.caseId, caseId))
        .orderBy(desc(referrals.createdAt));
    },
    async referralsOfProviders(providerIds: string[], tx: Executor = db): Promise<ReferralRow[]> {
      if (providerIds.length === 0) return [];
      return tx
        .select()
        .from(referrals)
        .where(inArray(referrals.providerId, providerIds))
        .orderBy(desc(referrals.createdAt))
        .limit(200);
    },

    /**
     * The feedback counts per provider (withdrawn referrals left out): all, accepted within the clock
     * (answered by its due time; one without a clock counts when answered at all), accepted (now or
     * later completed), completed, survivors asked about satisfaction, and satisfied.
     */
    async indicatorCounts(providerIds: string[] | null, tx: Executor = db) {
      const r = referrals;
      const accepted = sql`${r.status} in ('accepted', 'completed')`;
      const n = (cond: SQL) => sql<number>`count(*) filter (where ${cond})::int`;
      return tx
        .select({
          providerId: r.providerId,
          referrals: sql<number>`count(*)::int`,
          acceptedInTime: n(
            sql`${accepted} and (${r.responseDueAt} is null or ${r.respondedAt} <= ${r.responseDueAt})`,
          ),
          accepted: n(accepted),
          completed: n(sql`${r.status} = 'completed'`),
          asked: n(sql`${r.satisfied} is not null`),
          satisfied: n(sql`${r.satisfied} = true`),
        })
        .from(r)
        .where(and(ne(r.status, 'withdrawn'), providerIds ? inArray(r.providerId, providerIds) : undefined))
        .groupBy(r.providerId);
    },
  };
}
export type ReferralsRepo = ReturnType<typeof createReferralsRepo>;
