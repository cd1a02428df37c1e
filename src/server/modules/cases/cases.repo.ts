import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { bulkInsertSql, fromRow, InsertBatch, rowsOf } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import { createQueueQueries } from './queue.repo.js';
import {
  caseClocks,
  caseEvents,
  caseMembers,
  casePersons,
  caseTags,
  cases,
  formTokenUses,
  persons,
  referenceCounters,
  type CaseRow,
} from '../../db/schema/index.js';

export type NewCase = typeof cases.$inferInsert;
export type { QueueFilter, QueueRow, QueueSearch } from './queue.repo.js';
export type NewCaseEvent = typeof caseEvents.$inferInsert;

export function createCasesRepo(db: Executor) {
  return {
    // The queue's paging, counts and "select all" (queue.repo.ts).
    ...createQueueQueries(db),
    /**
     * Reserve `count` consecutive numbers for the year, in a statement of its own (not in the caller's
     * transaction: the counter row is locked only while this statement runs, so concurrent intakes do not
     * queue behind each other's transactions). Returns the first. Numbers of a write that then fails are
     * skipped, as a sequence skips them.
     *
     * Its commit does not wait for the WAL flush (`synchronous_commit` off for this statement only): the
     * transaction that stores the cases commits synchronously later, and flushing its commit record
     * flushes this earlier one too, so a number used by a stored case is never handed out again. Only a
     * reservation no case used can be lost in a server crash.
     */
    async reserveReferenceNumbers(year: number, count: number): Promise<number> {
      const [row] = await rowsOf<{ last: number }>(
        db,
        sql`with relaxed as (select set_config('synchronous_commit', 'off', true))
            insert into ${referenceCounters} (year, last) select ${year}, ${count} from relaxed
            on conflict (year) do update set last = ${referenceCounters}.last + excluded.last
            returning last`,
        { prepared: true },
      );
      return Number(row!.last) - count + 1;
    },
    async insert(row: NewCase, tx: Executor = db): Promise<CaseRow> {
      const [r] = await tx.insert(cases).values(row).returning();
      return r!;
    },
    /**
     * A batch of new cases with their people, team and first timeline entries, in one statement (one
     * round trip whatever the batch size), together with whatever else `batch` holds. Ids are the
     * caller's, so the rows can refer to each other. Returns the cases in the order given.
     */
    async insertNew(
      rows: {
        cases: (NewCase & { id: string })[];
        persons: (typeof persons.$inferInsert & { id: string })[];
        links: (typeof casePersons.$inferInsert)[];
        members: (typeof caseMembers.$inferInsert)[];
        events: NewCaseEvent[];
      },
      tx: Executor = db,
      batch: InsertBatch = new InsertBatch(),
    ): Promise<CaseRow[]> {
      if (rows.cases.length === 0) return [];
      batch.insert(persons, rows.persons);
      batch.insert(casePersons, rows.links);
      batch.insert(caseMembers, rows.members, { onConflictDoNothing: true });
      batch.insert(caseEvents, rows.events);
      const written = await batch.write<Record<string, unknown>>(
        tx,
        bulkInsertSql(cases, rows.cases, { returning: '*' }),
      );
      const byId = new Map(
        written.map((raw) => {
          const c = fromRow(cases, raw);
          return [c.id, c] as const;
        }),
      );
      return rows.cases.map((c) => byId.get(c.id)!);
    },
    /** Record, with the cases of `batch`, which public form token made which case (single use). */
    formTokensUsedIn(batch: InsertBatch, uses: (typeof formTokenUses.$inferInsert)[]): void {
      batch.insert(formTokenUses, uses);
    },
    /** The reference of the case a form token (by its hash) already made. */
    async referenceOfFormToken(tokenHash: string, tx: Executor = db): Promise<string | undefined> {
      const [row] = await tx
        .select({ reference: cases.reference })
        .from(formTokenUses)
        .innerJoin(cases, eq(cases.id, formTokenUses.caseId))
        .where(eq(formTokenUses.tokenHash, tokenHash));
      return row?.reference;
    },
    /** Timeline entries written with the rest of `batch` (one statement). */
    addEventsTo(batch: InsertBatch, events: NewCaseEvent[]): void {
      batch.insert(caseEvents, events);
    },
    async findById(id: string, tx: Executor = db): Promise<CaseRow | undefined> {
      const [r] = await tx.select().from(cases).where(eq(cases.id, id));
      return r;
    },
    async findByReference(reference: string, tx: Executor = db): Promise<CaseRow | undefined> {
      const [r] = await tx.select().from(cases).where(eq(cases.reference, reference.toUpperCase()));
      return r;
    },
    /** Compare-and-set on status and version: a concurrent change makes this return undefined. */
    async updateGuarded(
      id: string,
      expect: { status: string; version: number },
      set: Partial<NewCase>,
      tx: Executor = db,
    ): Promise<CaseRow | undefined> {
      const [r] = await tx
        .update(cases)
        .set({ ...set, version: expect.version + 1, updatedAt: new Date() })
        .where(and(eq(cases.id, id), eq(cases.status, expect.status), eq(cases.version, expect.version)))
        .returning();
      return r;
    },
    /** The case's clocks still running, or run out and not met yet (for the case page's countdowns). */
    async runningClocks(caseId: string, tx: Executor = db) {
      return tx
        .select({ kind: caseClocks.kind, dueAt: caseClocks.dueAt, firedAt: caseClocks.firedAt })
        .from(caseClocks)
        .where(and(eq(caseClocks.caseId, caseId), isNull(caseClocks.metAt)))
        .orderBy(asc(caseClocks.dueAt));
    },
    async addEvent(e: NewCaseEvent, tx: Executor = db): Promise<void> {
      await tx.insert(caseEvents).values(e);
    },
    async addEvents(events: NewCaseEvent[], tx: Executor = db): Promise<void> {
      if (events.length > 0) await tx.insert(caseEvents).values(events);
    },
    async events(caseId: string, tx: Executor = db) {
      return tx
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(asc(caseEvents.at), asc(caseEvents.id));
    },
    /** The latest timeline event of one of these types on a case (a conversation's last staff reply). */
    async latestEvent(caseId: string, types: readonly string[], tx: Executor = db) {
      const [r] = await tx
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.type, [...types])))
        .orderBy(desc(caseEvents.at), desc(caseEvents.id))
        .limit(1);
      return r;
    },
    /** The reporter's most recent case still open and received since `since` (a conversation joins it). */
    async openCaseOfReporter(
      phoneBidx: string,
      statuses: readonly string[],
      since: Date,
      tx: Executor = db,
    ): Promise<CaseRow | undefined> {
      const [r] = await tx
        .select()
        .from(cases)
        .where(
          and(
            eq(cases.reporterPhoneBidx, phoneBidx),
            inArray(cases.status, [...statuses]),
            gte(cases.receivedAt, since),
          ),
        )
        .orderBy(desc(cases.receivedAt))
        .limit(1);
      return r;
    },
    async isMember(caseId: string, userId: string, tx: Executor = db): Promise<boolean> {
      const [r] = await tx
        .select({ u: caseMembers.userId })
        .from(caseMembers)
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
      return Boolean(r);
    },
    async addMember(caseId: string, userId: string, roleInCase: string, tx: Executor = db): Promise<void> {
      await tx.insert(caseMembers).values({ caseId, userId, roleInCase }).onConflictDoNothing();
    },
    async members(caseId: string, tx: Executor = db) {
      return tx.select().from(caseMembers).where(eq(caseMembers.caseId, caseId));
    },
    /** Set the administrative place of a case (guarded on its version, like a transition). */
    async setArea(
      id: string,
      expectVersion: number,
      area: { county: string | null; subCounty: string | null; ward: string | null },
      tx: Executor = db,
    ): Promise<CaseRow | undefined> {
      const [r] = await tx
        .update(cases)
        .set({ ...area, version: expectVersion + 1, updatedAt: new Date() })
        .where(and(eq(cases.id, id), eq(cases.version, expectVersion)))
        .returning();
      return r;
    },
    /** Make a user the lead of a case (guarded on its version). */
    async setLead(id: string, expectVersion: number, userId: string, tx: Executor = db) {
      const [r] = await tx
        .update(cases)
        .set({ leadUserId: userId, version: expectVersion + 1, updatedAt: new Date() })
        .where(and(eq(cases.id, id), eq(cases.version, expectVersion)))
        .returning();
      return r;
    },
    /** Add a tag; returns false when the case already had it. */
    async addTag(caseId: string, tag: string, userId: string, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .insert(caseTags)
        .values({ caseId, tag, addedBy: userId })
        .onConflictDoNothing()
        .returning({ tag: caseTags.tag });
      return r.length > 0;
    },
    async tagsOf(caseId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ tag: caseTags.tag })
        .from(caseTags)
        .where(eq(caseTags.caseId, caseId))
        .orderBy(asc(caseTags.tag));
      return rows.map((r) => r.tag);
    },
    /** Candidates for duplicate detection: same phone, or same ward on the same day. */
    async duplicateCandidates(c: CaseRow, tx: Executor = db): Promise<CaseRow[]> {
      const dayStart = new Date(c.receivedAt);
      dayStart.setUTCHours(0, 0, 0, 0);
      const dayEnd = new Date(dayStart.getTime() + 86_400_000);
      const conds: SQL[] = [];
      if (c.reporterPhoneBidx) conds.push(eq(cases.reporterPhoneBidx, c.reporterPhoneBidx));
      if (c.ward)
        conds.push(
          and(eq(cases.ward, c.ward), gte(cases.receivedAt, dayStart), lt(cases.receivedAt, dayEnd))!,
        );
      if (c.county) {
        conds.push(
          and(
            eq(cases.county, c.county),
            gte(cases.receivedAt, new Date(c.receivedAt.getTime() - 3 * 86_400_000)),
          )!,
        );
      }
      if (conds.length === 0) return [];
      return (
        tx
          .select()
          .from(cases)
          .where(and(ne(cases.id, c.id), or(...conds)))
          // Same phone first: in a surge, a hundred reports from the county must not crowd it out.
          .orderBy(
            ...(c.reporterPhoneBidx
              ? [sql`(${cases.reporterPhoneBidx} = ${c.reporterPhoneBidx}) is true desc`]
              : []),
            desc(cases.receivedAt),
          )
          .limit(50)
      );
    },
    async insertPerson(row: typeof persons.$inferInsert, tx: Executor = db) {
      const [r] = await tx.insert(persons).values(row).returning();
      return r!;
    },
    async linkPerson(caseId: string, personId: string, role: string, tx: Executor = db) {
      await tx.insert(casePersons).values({ caseId, personId, role }).onConflictDoNothing();
    },
    async personsOf(caseId: string, tx: Executor = db) {
      return tx
        .select({ person: persons, role: casePersons.role })
        .from(casePersons)
        .innerJoin(persons, eq(persons.id, casePersons.personId))
        .where(eq(casePersons.caseId, caseId));
    },
    /**
     * Lock the case row for the rest of the transaction: writes on one case (response records, status
     * changes) are serialised with each other, so checks such as "one review per case" and "the case
     * accepts this write" hold until commit. `no key update` still lets foreign-key checks (a clock
     * firing adds a timeline event) through, so a firing clock and a write on the case cannot deadlock
     * on the case row and the clock row.
     */
    async lockCase(caseId: string, tx: Executor): Promise<CaseRow | undefined> {
      const [r] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('no key update');
      return r;
    },
    /** Record when the case's first action started; a no-op once set. Returns whether this call set it. */
    async markFirstAction(caseId: string, at: Date, tx: Executor = db): Promise<boolean> {
      const r = await tx
        .update(cases)
        .set({ firstActionAt: at })
        .where(and(eq(cases.id, caseId), isNull(cases.firstActionAt)))
        .returning({ id: cases.id });
      return r.length > 0;
    },
  };
}
export type CasesRepo = ReturnType<typeof createCasesRepo>;
