import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notificationRules } from '../../db/schema/index.js';

export type NotificationRuleRow = typeof notificationRules.$inferSelect;
export type NewNotificationRule = typeof notificationRules.$inferInsert;

/** Each user's notification rules: read in order (delay, then id), replaced as a whole. */
export function createNotificationRulesRepo(db: Executor) {
  return {
    async rulesOf(userId: string, tx: Executor = db): Promise<NotificationRuleRow[]> {
      return tx
        .select()
        .from(notificationRules)
        .where(eq(notificationRules.userId, userId))
        .orderBy(notificationRules.delayMinutes, notificationRules.id);
    },
    async replaceRules(userId: string, rows: NewNotificationRule[], tx: Executor = db): Promise<void> {
      await tx.delete(notificationRules).where(eq(notificationRules.userId, userId));
      if (rows.length > 0) await tx.insert(notificationRules).values(rows);
    },
  };
}
export type NotificationRulesRepo = ReturnType<typeof createNotificationRulesRepo>;
