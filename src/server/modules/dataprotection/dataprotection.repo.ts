import { and, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  breaches,
  casePersons,
  cases,
  consents,
  dataKeys,
  formTokenUses,
  messages,
  persons,
  testimonies,
  ussdSessions,
} from '../../db/schema/index.js';

export function createDataProtectionRepo(db: Executor) {
  return {
    async insertConsent(row: typeof consents.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(consents).values(row).returning();
      return r!;
    },
    async consentsForCase(caseId: string, tx: Executor = db) {
      return tx.select().from(consents).where(eq(consents.caseId, caseId)).orderBy(desc(consents.givenAt));
    },
    /** With the data key of the consent's case (the purpose is encrypted under it). */
    async consentsForPerson(personId: string, tx: Executor = db) {
      return tx
        .select({ consent: consents, dataKeyId: cases.dataKeyId })
        .from(consents)
        .leftJoin(cases, eq(cases.id, consents.caseId))
        .where(eq(consents.personId, personId))
        .orderBy(desc(consents.givenAt));
    },
    async withdrawConsent(id: string, caseId: string, at: Date, tx: Executor = db) {
      const [r] = await tx
        .update(consents)
        .set({ withdrawnAt: at })
        .where(and(eq(consents.id, id), eq(consents.caseId, caseId), isNull(consents.withdrawnAt)))
        .returning();
      return r;
    },
    async person(id: string, tx: Executor = db) {
      const [r] = await tx.select().from(persons).where(eq(persons.id, id));
      return r;
    },
    async casesOfPerson(personId: string, tx: Executor = db) {
      return tx
        .select({ case: cases, role: casePersons.role })
        .from(casePersons)
        .innerJoin(cases, eq(cases.id, casePersons.caseId))
        .where(eq(casePersons.personId, personId));
    },
    async testimoniesOfPerson(personId: string, tx: Executor = db) {
      return tx.select().from(testimonies).where(eq(testimonies.personId, personId));
    },
    /** Cases whose retention period has run out and whose key still exists. */
    async expiredCases(rules: { status: string; before: Date }[], limit: number, tx: Executor = db) {
      if (rules.length === 0) return [];
      return tx
        .select({
          id: cases.id,
          dataKeyId: cases.dataKeyId,
          status: cases.status,
          reference: cases.reference,
        })
        .from(cases)
        .where(
          and(
            or(...rules.map((r) => and(eq(cases.status, r.status), lt(cases.updatedAt, r.before)))),
            // Skip cases already shredded.
            sql`exists (select 1 from ${dataKeys} where ${dataKeys.id} = ${cases.dataKeyId} and ${dataKeys.destroyedAt} is null)`,
          ),
        )
        .limit(limit);
    },
    async clearCaseCiphertexts(caseId: string, tx: Executor = db) {
      await tx
        .update(cases)
        .set({
          narrativeEnc: null,
          placeEnc: null,
          reporterContactEnc: null,
          detailsEnc: null,
          reporterPhoneBidx: null,
        })
        .where(eq(cases.id, caseId));
    },
    /**
     * After a shred, what could still pick out the people of the case: their phone blind indexes (a
     * lookup by phone number would find them, on the person, on messages to and from them, in USSD
     * sessions), and the ciphertexts that are noise now.
     */
    async clearMatchable(caseId: string, dataKeyId: string, tx: Executor = db) {
      await tx
        .update(persons)
        .set({ nameEnc: null, phoneEnc: null, phoneBidx: null, detailsEnc: null })
        .where(eq(persons.dataKeyId, dataKeyId));
      await tx.update(consents).set({ purpose: null, purposeEnc: null }).where(eq(consents.caseId, caseId));
      await tx
        .update(messages)
        .set({ addressEnc: null, addressBidx: null, bodyEnc: null })
        .where(or(eq(messages.caseId, caseId), eq(messages.dataKeyId, dataKeyId)));
      await tx.update(ussdSessions).set({ phoneBidx: null }).where(eq(ussdSessions.caseId, caseId));
    },
    async consentsWithClearPurpose(limit: number, tx: Executor = db) {
      return tx
        .select({ id: consents.id, purpose: sql<string>`${consents.purpose}`, dataKeyId: cases.dataKeyId })
        .from(consents)
        .leftJoin(cases, eq(cases.id, consents.caseId))
        .where(isNotNull(consents.purpose))
        .limit(limit);
    },
    async setConsentPurpose(id: string, purposeEnc: string | null, tx: Executor = db) {
      await tx.update(consents).set({ purpose: null, purposeEnc }).where(eq(consents.id, id));
    },
    async purgeFormTokenUses(before: Date, tx: Executor = db) {
      await tx.delete(formTokenUses).where(lt(formTokenUses.usedAt, before));
    },
    async insertBreach(row: typeof breaches.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(breaches).values(row).returning();
      return r!;
    },
    async listBreaches(tx: Executor = db) {
      return tx.select().from(breaches).orderBy(desc(breaches.discoveredAt));
    },
    async markBreachNotified(id: string, target: 'odpc' | 'subjects', at: Date, tx: Executor = db) {
      const [r] = await tx
        .update(breaches)
        .set(target === 'odpc' ? { notifiedOdpcAt: at } : { notifiedSubjectsAt: at })
        .where(eq(breaches.id, id))
        .returning();
      return r;
    },
  };
}
export type DataProtectionRepo = ReturnType<typeof createDataProtectionRepo>;
