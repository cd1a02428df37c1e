import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  breaches,
  casePersons,
  cases,
  consents,
  dataKeys,
  arrests,
  caseActions,
  caseEvents,
  formTokenUses,
  messages,
  personLinks,
  persons,
  testimonies,
  ussdSessions,
  victimFeedback,
} from '../../db/schema/index.js';

/** A pair of person ids in the order it is stored: smaller first. */
export function linkPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

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
    async personsByPhoneBidx(phoneBidx: string, tx: Executor = db) {
      return tx
        .select()
        .from(persons)
        .where(eq(persons.phoneBidx, phoneBidx))
        .orderBy(asc(persons.createdAt))
        .limit(50);
    },
    /**
     * Erase one person row on request: its identifying ciphertexts and blind index, the testimonies they
     * gave, the purposes of their consents (withdrawn now if still standing), and the messages to or from
     * their phone, the case's copy of their contact when they reported it, and their USSD sessions' blind
     * index. The case itself (and other people on it) stays.
     */
    async erasePerson(personId: string, phoneBidx: string | null, at: Date, tx: Executor = db) {
      await tx
        .update(persons)
        .set({ nameEnc: null, phoneEnc: null, phoneBidx: null, detailsEnc: null })
        .where(eq(persons.id, personId));
      await tx.update(testimonies).set({ textEnc: null }).where(eq(testimonies.personId, personId));
      await tx
        .update(consents)
        .set({ withdrawnAt: at })
        .where(and(eq(consents.personId, personId), isNull(consents.withdrawnAt)));
      await tx
        .update(consents)
        .set({ purpose: null, purposeEnc: null })
        .where(eq(consents.personId, personId));
      if (phoneBidx) {
        await tx
          .update(messages)
          .set({ addressEnc: null, addressBidx: null, bodyEnc: null })
          .where(eq(messages.addressBidx, phoneBidx));
        // The case's own copy of the reporter's contact (safe contact for replies), and USSD sessions.
        await tx
          .update(cases)
          .set({ reporterContactEnc: null, reporterPhoneBidx: null })
          .where(eq(cases.reporterPhoneBidx, phoneBidx));
        await tx.update(ussdSessions).set({ phoneBidx: null }).where(eq(ussdSessions.phoneBidx, phoneBidx));
      }
    },
    async casesOfPerson(personId: string, tx: Executor = db) {
      return tx
        .select({ case: cases, role: casePersons.role })
        .from(casePersons)
        .innerJoin(cases, eq(cases.id, casePersons.caseId))
        .where(eq(casePersons.personId, personId));
    },
    /** Other person rows with the same phone blind index, with any decision already taken on the pair. */
    async samePhonePersons(personId: string, phoneBidx: string, tx: Executor = db) {
      const rows = await tx
        .select({ id: persons.id, createdAt: persons.createdAt })
        .from(persons)
        .where(and(eq(persons.phoneBidx, phoneBidx), ne(persons.id, personId)))
        .orderBy(asc(persons.createdAt));
      const decisions = await this.linksOf([personId], tx);
      return rows.map((r) => {
        const d = decisions.find((l) => l.personId === r.id || l.otherPersonId === r.id);
        return { ...r, status: d?.status ?? 'proposed', decidedAt: d?.decidedAt ?? null };
      });
    },
    async linksOf(personIds: string[], tx: Executor = db) {
      if (personIds.length === 0) return [];
      return tx
        .select()
        .from(personLinks)
        .where(or(inArray(personLinks.personId, personIds), inArray(personLinks.otherPersonId, personIds)));
    },
    async decideLink(
      a: string,
      b: string,
      status: 'confirmed' | 'rejected',
      decidedBy: string,
      at: Date,
      tx: Executor = db,
    ) {
      const [personId, otherPersonId] = linkPair(a, b);
      await tx
        .insert(personLinks)
        .values({ personId, otherPersonId, status, decidedBy, decidedAt: at })
        .onConflictDoUpdate({
          target: [personLinks.personId, personLinks.otherPersonId],
          set: { status, decidedBy, decidedAt: at },
        });
    },
    async personsOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select({ person: persons, role: casePersons.role })
        .from(casePersons)
        .innerJoin(persons, eq(persons.id, casePersons.personId))
        .where(eq(casePersons.caseId, caseId));
    },
    async eventsOfCase(caseId: string, tx: Executor = db) {
      return tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at));
    },
    async actionsOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select()
        .from(caseActions)
        .where(eq(caseActions.caseId, caseId))
        .orderBy(asc(caseActions.createdAt));
    },
    async arrestsOfPersons(personIds: string[], tx: Executor = db) {
      if (personIds.length === 0) return [];
      return tx
        .select()
        .from(arrests)
        .where(inArray(arrests.personId, personIds))
        .orderBy(asc(arrests.arrestedAt));
    },
    async feedbackOfCase(caseId: string, tx: Executor = db) {
      return tx
        .select()
        .from(victimFeedback)
        .where(eq(victimFeedback.caseId, caseId))
        .orderBy(asc(victimFeedback.at));
    },
    /** Messages sent to or received from these phone numbers (by blind index). */
    async messagesByAddress(addressBidxs: string[], tx: Executor = db) {
      if (addressBidxs.length === 0) return [];
      return tx
        .select()
        .from(messages)
        .where(inArray(messages.addressBidx, addressBidxs))
        .orderBy(asc(messages.createdAt));
    },
    /** A person's testimonies, with the data key of their case (testimonies are sealed under it). */
    async testimoniesOfPerson(personId: string, tx: Executor = db) {
      return tx
        .select({
          id: testimonies.id,
          textEnc: testimonies.textEnc,
          recordedAt: testimonies.recordedAt,
          caseDataKeyId: cases.dataKeyId,
        })
        .from(testimonies)
        .innerJoin(cases, eq(cases.id, testimonies.caseId))
        .where(eq(testimonies.personId, personId));
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
    /** Claim a deadline warning stage: true once per breach and stage (a smaller stage than any sent). */
    async claimBreachWarning(id: string, stage: number, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .update(breaches)
        .set({ warnedAtHoursLeft: stage })
        .where(
          and(
            eq(breaches.id, id),
            isNull(breaches.notifiedOdpcAt),
            or(isNull(breaches.warnedAtHoursLeft), gt(breaches.warnedAtHoursLeft, stage)),
          ),
        )
        .returning({ id: breaches.id });
      return rows.length > 0;
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
