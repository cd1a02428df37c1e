import { and, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases, messages } from '../../db/schema/index.js';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/**
 * Statuses of an outbound message: `scheduled` (a later notification rule) or `queued` → `sending`
 * (claimed by one worker) → `sent` (the gateway took it) → `delivered` | `failed`; `cancelled` when a
 * scheduled one is no longer wanted. While queued or scheduled, `updated_at` is the time it is due.
 * Inbound: `received` → `processed` (or `failed`, so the gateway's retry is processed again).
 */
export const pendingStatuses = ['queued', 'scheduled'] as const;

export interface MessageFilter {
  direction?: string | undefined;
  status?: string | undefined;
  channel?: string | undefined;
  caseId?: string | undefined;
  limit: number;
}

export function createMessagesRepo(db: Executor) {
  return {
    /** The data key of the case a message is about: its thread is shredded with the case. */
    async caseDataKey(caseId: string, tx: Executor = db): Promise<string | undefined> {
      const [c] = await tx.select({ k: cases.dataKeyId }).from(cases).where(eq(cases.id, caseId));
      return c?.k;
    },
    async findById(id: string, tx: Executor = db): Promise<MessageRow | undefined> {
      const [r] = await tx.select().from(messages).where(eq(messages.id, id));
      return r;
    },
    async findByKey(key: string, tx: Executor = db): Promise<MessageRow | undefined> {
      const [r] = await tx.select().from(messages).where(eq(messages.idempotencyKey, key));
      return r;
    },
    async findOutboundByGatewayId(gatewayId: string, tx: Executor = db): Promise<MessageRow | undefined> {
      const [r] = await tx
        .select()
        .from(messages)
        .where(and(eq(messages.direction, 'out'), eq(messages.gatewayId, gatewayId)));
      return r;
    },
    /** Insert unless the idempotency key (or the inbound gateway id) exists; undefined when it did. */
    async insertOnce(row: NewMessage, tx: Executor = db): Promise<MessageRow | undefined> {
      const [r] = await tx.insert(messages).values(row).onConflictDoNothing().returning();
      return r;
    },
    /**
     * One worker takes a due message: pending and due, or stuck in `sending` (its worker died) for longer
     * than `staleBefore`. Counts the attempt. Undefined when someone else has it or it is done.
     */
    async claim(
      id: string,
      now: Date,
      staleBefore: Date,
      tx: Executor = db,
    ): Promise<MessageRow | undefined> {
      const [r] = await tx
        .update(messages)
        .set({ status: 'sending', attempts: sql`${messages.attempts} + 1`, updatedAt: now })
        .where(
          and(
            eq(messages.id, id),
            eq(messages.direction, 'out'),
            or(
              and(inArray(messages.status, [...pendingStatuses]), lte(messages.updatedAt, now)),
              and(eq(messages.status, 'sending'), lt(messages.updatedAt, staleBefore)),
            ),
          ),
        )
        .returning();
      return r;
    },
    /** Move a message on from `from`; undefined when it was not in that status (a repeat, a race). */
    async transition(
      id: string,
      from: readonly string[],
      set: Partial<NewMessage>,
      tx: Executor = db,
    ): Promise<MessageRow | undefined> {
      const [r] = await tx
        .update(messages)
        .set(set)
        .where(and(eq(messages.id, id), inArray(messages.status, [...from])))
        .returning();
      return r;
    },
    /**
     * Record an inbound message once per gateway id. Returns the row to process, or undefined when this
     * is a repeat of one that was processed (or is being processed right now). A repeat of one whose
     * processing failed, or stalled for longer than `staleBefore`, is handed out again.
     */
    async claimInbound(
      row: { channel: string; gatewayId: string; addressBidx: string | null; now: Date; staleBefore: Date },
      tx: Executor = db,
    ): Promise<MessageRow | undefined> {
      const [fresh] = await tx
        .insert(messages)
        .values({
          direction: 'in',
          channel: row.channel,
          gatewayId: row.gatewayId,
          addressBidx: row.addressBidx,
          status: 'received',
          attempts: 1,
          createdAt: row.now,
          updatedAt: row.now,
        })
        .onConflictDoNothing()
        .returning();
      if (fresh) return fresh;
      const [again] = await tx
        .update(messages)
        .set({ status: 'received', attempts: sql`${messages.attempts} + 1`, updatedAt: row.now })
        .where(
          and(
            eq(messages.direction, 'in'),
            eq(messages.gatewayId, row.gatewayId),
            or(
              eq(messages.status, 'failed'),
              and(eq(messages.status, 'received'), lt(messages.updatedAt, row.staleBefore)),
            ),
          ),
        )
        .returning();
      return again;
    },
    async update(id: string, set: Partial<NewMessage>, tx: Executor = db): Promise<void> {
      await tx.update(messages).set(set).where(eq(messages.id, id));
    },
    /** Outbound messages whose job may have been lost: pending past due + grace, or stuck sending. */
    async stale(
      pendingBefore: Date,
      sendingBefore: Date,
      limit: number,
      tx: Executor = db,
    ): Promise<string[]> {
      const rows = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.direction, 'out'),
            or(
              and(inArray(messages.status, [...pendingStatuses]), lt(messages.updatedAt, pendingBefore)),
              and(eq(messages.status, 'sending'), lt(messages.updatedAt, sendingBefore)),
            ),
          ),
        )
        .orderBy(messages.updatedAt)
        .limit(limit);
      return rows.map((r) => r.id);
    },
    async list(f: MessageFilter, tx: Executor = db): Promise<MessageRow[]> {
      const conds: SQL[] = [];
      if (f.direction) conds.push(eq(messages.direction, f.direction));
      if (f.status) conds.push(eq(messages.status, f.status));
      if (f.channel) conds.push(eq(messages.channel, f.channel));
      if (f.caseId) conds.push(eq(messages.caseId, f.caseId));
      return tx
        .select()
        .from(messages)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(f.limit);
    },
    /** The references of these cases, for the message log (a restricted case's is left out). */
    async caseReferences(caseIds: string[], tx: Executor = db): Promise<Map<string, string>> {
      const ids = [...new Set(caseIds)];
      if (ids.length === 0) return new Map();
      const rows = await tx
        .select({ id: cases.id, reference: cases.reference, sensitivity: cases.sensitivity })
        .from(cases)
        .where(inArray(cases.id, ids));
      return new Map(rows.filter((r) => r.sensitivity !== 'restricted').map((r) => [r.id, r.reference]));
    },
    async sentTo(addressBidx: string, limit: number, tx: Executor = db): Promise<MessageRow[]> {
      return tx
        .select()
        .from(messages)
        .where(and(eq(messages.direction, 'out'), eq(messages.addressBidx, addressBidx)))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit);
    },
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
