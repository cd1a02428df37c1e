import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { InsertBatch } from '../../db/bulk.js';
import type { Executor } from '../../db/client.js';
import { alertNotifications, alerts, caseMembers, cases, sessions } from '../../db/schema/index.js';
import { createGroupsRepo } from './groups.repo.js';
import { createOncallRepo } from './oncall.repo.js';

export type { PolicyRow, RotationRow } from './oncall.repo.js';
export type AlertRow = typeof alerts.$inferSelect;
export type AlertNotificationRow = typeof alertNotifications.$inferSelect;
export type AlertUpdate = Partial<typeof alerts.$inferInsert>;

/** Stored when the notifier accepted a notification but returned no message id. */
export const NO_MESSAGE_ID = '00000000-0000-0000-0000-000000000000';

export function createAlertsRepo(db: Executor) {
  const lookups = createOncallRepo(db);
  return {
    /* ---------- groups by event and station (groups.repo.ts) ---------- */
    ...createGroupsRepo(db),

    /* ---------- the lookups of who a step pages, and the names an alert shows ---------- */

    activeUsers: lookups.activeUsers,
    activeUsersWithRole: lookups.activeUsersWithRole,
    rotationById: lookups.rotationById,
    userNames: lookups.userNames,

    /* ---------- cases (the few fields an alert may show) ---------- */

    async caseSummaries(ids: string[], tx: Executor = db) {
      if (ids.length === 0) return new Map<string, CaseSummary>();
      const rows = await tx
        .select({
          id: cases.id,
          reference: cases.reference,
          priority: cases.priority,
          county: cases.county,
          sensitivity: cases.sensitivity,
          inDangerNow: cases.inDangerNow,
          leadUserId: cases.leadUserId,
        })
        .from(cases)
        .where(inArray(cases.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, r]));
    },
    async membershipOf(userId: string, caseIds: string[], tx: Executor = db): Promise<Set<string>> {
      if (caseIds.length === 0) return new Set();
      const rows = await tx
        .select({ caseId: caseMembers.caseId })
        .from(caseMembers)
        .where(and(eq(caseMembers.userId, userId), inArray(caseMembers.caseId, [...new Set(caseIds)])));
      return new Set(rows.map((r) => r.caseId));
    },

    /* ---------- the live stream's session check ---------- */

    /** When a session expires and when it was last used (read only: the stream never extends it). */
    async sessionTimes(
      id: string,
      tx: Executor = db,
    ): Promise<{ expiresAt: Date; lastSeenAt: Date } | undefined> {
      const [s] = await tx
        .select({ expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .where(eq(sessions.id, id));
      return s;
    },

    /* ---------- alerts ---------- */

    /** Serialises triggers for one group key until the caller's transaction ends. */
    async lockGroup(groupKey: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${groupKey}))`);
    },
    /** Many group locks at once, in key order (two callers sharing keys cannot deadlock). */
    async lockGroups(groupKeys: string[], tx: Executor): Promise<void> {
      if (groupKeys.length === 0) return;
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(k))
            from unnest(${`{${[...groupKeys]
              .sort()
              .map((k) => JSON.stringify(k))
              .join(',')}}`}::text[]) k
            order by k`,
      );
    },
    /** The open alert of each group that has one (the newest, as `openByGroup`). */
    async openByGroups(groupKeys: string[], tx: Executor = db): Promise<Map<string, AlertRow>> {
      const out = new Map<string, AlertRow>();
      if (groupKeys.length === 0) return out;
      const rows = await tx
        .select()
        .from(alerts)
        .where(
          and(inArray(alerts.groupKey, groupKeys), inArray(alerts.status, ['triggered', 'acknowledged'])),
        )
        .orderBy(desc(alerts.createdAt));
      for (const r of rows) if (r.groupKey && !out.has(r.groupKey)) out.set(r.groupKey, r);
      return out;
    },
    async openByGroup(groupKey: string, tx: Executor = db): Promise<AlertRow | undefined> {
      const [r] = await tx
        .select()
        .from(alerts)
        .where(and(eq(alerts.groupKey, groupKey), inArray(alerts.status, ['triggered', 'acknowledged'])))
        .orderBy(desc(alerts.createdAt))
        .limit(1);
      return r;
    },
    async retrigger(id: string, at: Date, tx: Executor): Promise<AlertRow> {
      const [r] = await tx
        .update(alerts)
        .set({ triggerCount: sql`${alerts.triggerCount} + 1`, updatedAt: at })
        .where(eq(alerts.id, id))
        .returning();
      return r!;
    },
    async insertAlert(row: typeof alerts.$inferInsert, tx: Executor): Promise<AlertRow> {
      const [r] = await tx.insert(alerts).values(row).returning();
      return r!;
    },
    /** Many new alerts, written with the rest of `batch` (one statement). */
    insertAlerts(rows: (typeof alerts.$inferInsert)[], batch: InsertBatch): void {
      batch.insert(alerts, rows);
    },
    /* ---------- surge groups (DESIGN §2.7) ---------- */

    /** The still-paging group alert of each area key opened at or after `since` (the newest). */
    async openAreaGroups(keys: string[], since: Date, tx: Executor = db): Promise<Map<string, AlertRow>> {
      const out = new Map<string, AlertRow>();
      if (keys.length === 0) return out;
      const rows = await tx
        .select()
        .from(alerts)
        .where(
          and(
            inArray(alerts.groupKey, keys),
            isNull(alerts.caseId),
            eq(alerts.status, 'triggered'),
            sql`${alerts.createdAt} >= ${since.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(desc(alerts.createdAt));
      for (const r of rows) if (!out.has(r.groupKey)) out.set(r.groupKey, r);
      return out;
    },
    /** A place's first reports still paging alone, opened at or after `since`, by area key. */
    async openAreaSolos(keys: string[], since: Date, tx: Executor = db): Promise<Map<string, AlertRow[]>> {
      const out = new Map<string, AlertRow[]>();
      if (keys.length === 0) return out;
      const rows = await tx
        .select()
        .from(alerts)
        .where(
          and(
            eq(alerts.status, 'triggered'),
            sql`${alerts.createdAt} >= ${since.toISOString()}::timestamptz`,
            isNull(alerts.groupId),
            sql`${alerts.detail}->>'areaKey' in ${keys}`,
          ),
        )
        .orderBy(asc(alerts.createdAt));
      for (const r of rows) {
        const key = (r.detail as { areaKey: string }).areaKey;
        out.set(key, [...(out.get(key) ?? []), r]);
      }
      return out;
    },
    /** Earlier alerts join their new group, in the intake's statement; the fence moves (a step becomes a no-op). */
    takeIntoGroups(taken: { id: string; groupId: string }[], now: Date, batch: InsertBatch): void {
      for (const t of taken)
        batch.statement(sql`update ${alerts} set group_id = ${t.groupId}::uuid, fence = fence + 1,
          detail = detail || '{"nextDueAt": null}'::jsonb, updated_at = ${now.toISOString()}::timestamptz
          where id = ${t.id}::uuid`);
    },
    /** The member alerts of these groups (id, group, status), oldest first. */
    async groupMembers(groupIds: string[], tx: Executor = db) {
      if (groupIds.length === 0) return [];
      return tx
        .select({ id: alerts.id, groupId: alerts.groupId, status: alerts.status, caseId: alerts.caseId })
        .from(alerts)
        .where(inArray(alerts.groupId, groupIds))
        .orderBy(asc(alerts.createdAt), asc(alerts.id));
    },
    /** How many members each group has. */
    async memberCounts(groupIds: string[], tx: Executor = db): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (groupIds.length === 0) return out;
      const rows = await tx
        .select({ groupId: alerts.groupId, n: sql<number>`count(*)::int` })
        .from(alerts)
        .where(inArray(alerts.groupId, groupIds))
        .groupBy(alerts.groupId);
      for (const r of rows) if (r.groupId) out.set(r.groupId, Number(r.n));
      return out;
    },
    /** A group's only member's case (reference, county, sensitivity), or null when it has 0 or 2+. */
    async soleMemberCase(groupId: string, tx: Executor = db) {
      const rows = await tx
        .select({ reference: cases.reference, county: cases.county, sensitivity: cases.sensitivity })
        .from(alerts)
        .innerJoin(cases, eq(cases.id, alerts.caseId))
        .where(eq(alerts.groupId, groupId))
        .limit(2);
      return rows.length === 1 ? rows[0]! : null;
    },
    /** Lock a group's members that are not yet in `done` statuses, in id order. */
    async lockMembers(groupId: string, notIn: string[], tx: Executor): Promise<AlertRow[]> {
      return tx
        .select()
        .from(alerts)
        .where(and(eq(alerts.groupId, groupId), notInArray(alerts.status, notIn)))
        .orderBy(asc(alerts.id))
        .for('update');
    },
    /** Lock many alerts at once, in id order (batches that share alerts cannot deadlock). */
    async lockMany(ids: string[], tx: Executor): Promise<AlertRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(alerts).where(inArray(alerts.id, ids)).orderBy(asc(alerts.id)).for('update');
    },
    async lock(id: string, tx: Executor): Promise<AlertRow | undefined> {
      const [r] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update');
      return r;
    },
    /** The alert with this short number (from the page SMS). */
    async findByNumber(n: number, tx: Executor = db): Promise<AlertRow | undefined> {
      const [r] = await tx.select().from(alerts).where(eq(alerts.number, n));
      return r;
    },
    async findById(id: string, tx: Executor = db): Promise<AlertRow | undefined> {
      const [r] = await tx.select().from(alerts).where(eq(alerts.id, id));
      return r;
    },
    /** Every state change bumps the fence, so any step scheduled before it becomes a no-op. */
    async update(id: string, set: AlertUpdate, tx: Executor): Promise<AlertRow> {
      const [r] = await tx
        .update(alerts)
        .set({ ...set, fence: sql`${alerts.fence} + 1` })
        .where(eq(alerts.id, id))
        .returning();
      return r!;
    },
    async openForCase(caseId: string, reasons: string[], tx: Executor = db): Promise<AlertRow[]> {
      if (reasons.length === 0) return [];
      return tx
        .select()
        .from(alerts)
        .where(and(eq(alerts.caseId, caseId), inArray(alerts.reason, reasons), ne(alerts.status, 'resolved')))
        .for('update');
    },
    /**
     * The list the console shows: unacknowledged first (triggered, then snoozed, then acknowledged, then
     * resolved), then by the case's current priority (the alert's own when the case has none), newest
     * first within that.
     */
    async list(f: { open: boolean; limit: number }, tx: Executor = db): Promise<AlertRow[]> {
      const rows = await tx
        .select({ alert: alerts })
        .from(alerts)
        .leftJoin(cases, eq(cases.id, alerts.caseId))
        .where(f.open ? ne(alerts.status, 'resolved') : undefined)
        .orderBy(
          sql`case ${alerts.status} when 'triggered' then 0 when 'snoozed' then 1 when 'acknowledged' then 2 else 3 end`,
          sql`coalesce(${cases.priority}, ${alerts.priority})`,
          desc(alerts.createdAt),
        )
        .limit(f.limit);
      return rows.map((r) => r.alert);
    },
    /** Triggered alerts whose next step is due (the sweep's work). */
    async dueSteps(now: Date, limit: number, tx: Executor = db): Promise<AlertRow[]> {
      return tx
        .select()
        .from(alerts)
        .where(
          and(
            eq(alerts.status, 'triggered'),
            sql`(${alerts.detail}->>'nextDueAt')::timestamptz <= ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(alerts.createdAt))
        .limit(limit);
    },
    async dueResumes(now: Date, limit: number, tx: Executor = db): Promise<AlertRow[]> {
      return tx
        .select()
        .from(alerts)
        .where(
          and(eq(alerts.status, 'snoozed'), sql`${alerts.snoozedUntil} <= ${now.toISOString()}::timestamptz`),
        )
        .orderBy(asc(alerts.snoozedUntil))
        .limit(limit);
    },
    /** Alerts with a timer to keep: a pending step, or a snooze to end. */
    async armed(tx: Executor = db): Promise<AlertRow[]> {
      return tx
        .select()
        .from(alerts)
        .where(
          sql`(${alerts.status} = 'triggered' and ${alerts.detail}->>'nextDueAt' is not null)
            or (${alerts.status} = 'snoozed' and ${alerts.snoozedUntil} is not null)`,
        );
    },

    /* ---------- who was notified ---------- */

    /** Insert one row per user; a row that exists (same alert, user, step, round) is skipped. */
    async insertNotifications(
      alertId: string,
      userIds: string[],
      step: number,
      round: number,
      at: Date,
      tx: Executor,
    ): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await tx
        .insert(alertNotifications)
        .values(userIds.map((userId) => ({ alertId, userId, step, round, at })))
        .onConflictDoNothing()
        .returning({ userId: alertNotifications.userId });
      return rows.map((r) => r.userId!);
    },
    async markDelivered(
      alertId: string,
      userId: string,
      step: number,
      round: number,
      messageId: string,
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .update(alertNotifications)
        .set({ messageId })
        .where(
          and(
            eq(alertNotifications.alertId, alertId),
            eq(alertNotifications.userId, userId),
            eq(alertNotifications.step, step),
            eq(alertNotifications.round, round),
          ),
        );
    },
    async notificationsFor(alertIds: string[], tx: Executor = db): Promise<AlertNotificationRow[]> {
      if (alertIds.length === 0) return [];
      return tx
        .select()
        .from(alertNotifications)
        .where(inArray(alertNotifications.alertId, alertIds))
        .orderBy(asc(alertNotifications.at), asc(alertNotifications.step));
    },
    /** Notifications the notifier never accepted (a crash or a failure), for a still-triggered alert. */
    async undelivered(olderThan: Date, since: Date, limit: number, tx: Executor = db) {
      return tx
        .select({ n: alertNotifications, a: alerts })
        .from(alertNotifications)
        .innerJoin(alerts, eq(alerts.id, alertNotifications.alertId))
        .where(
          and(
            isNull(alertNotifications.messageId),
            lt(alertNotifications.at, olderThan),
            gt(alertNotifications.at, since),
            eq(alerts.status, 'triggered'),
          ),
        )
        .orderBy(asc(alertNotifications.at))
        .limit(limit);
    },
  };
}
export type AlertsRepo = ReturnType<typeof createAlertsRepo>;

export interface CaseSummary {
  id: string;
  reference: string;
  priority: string | null;
  county: string | null;
  sensitivity: string;
  inDangerNow: boolean;
  /** The case lead: some reasons page the lead first (see `leadFirst`). */
  leadUserId?: string | null;
}
