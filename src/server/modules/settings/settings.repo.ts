import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgSettings } from '../../db/schema/index.js';

/** `org_settings`: one JSON value per key. */
export function createSettingsRepo(db: Executor) {
  return {
    /** The stored value, unchecked (the service validates it); undefined when never set. */
    async get(key: string, tx: Executor = db): Promise<unknown> {
      const [row] = await tx.select().from(orgSettings).where(eq(orgSettings.key, key));
      return row?.value;
    },
    async put(key: string, value: unknown, updatedBy: string | null, tx: Executor = db): Promise<void> {
      await tx
        .insert(orgSettings)
        .values({ key, value, updatedBy })
        .onConflictDoUpdate({
          target: orgSettings.key,
          set: { value, updatedBy, updatedAt: new Date() },
        });
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
