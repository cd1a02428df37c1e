import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defaultSla } from '../../../shared/workflow.js';
import type { Db, Executor } from '../../db/client.js';
import { orgSettings } from '../../db/schema/index.js';
import type { Audit } from '../../security/audit.js';

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60);
const slaRow = z.object({ acknowledge: minutes, decision: minutes, firstAction: minutes });
export const slaSettings = z.object({ P1: slaRow, P2: slaRow, P3: slaRow, P4: slaRow });
export type SlaSettings = z.infer<typeof slaSettings>;

const CACHE_MS = 30_000;

/** Organisation settings stored in the database, validated on the way in and out, with defaults. */
export function createSettingsService(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;
  let cached: { sla: SlaSettings; at: number } | undefined;
  return {
    /** Pass the transaction when inside one: the embedded database has a single connection. */
    async sla(tx: Executor = db): Promise<SlaSettings> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.sla;
      const [row] = await tx.select().from(orgSettings).where(eq(orgSettings.key, 'sla'));
      const parsed = slaSettings.safeParse(row?.value);
      const sla = parsed.success ? parsed.data : defaultSla;
      cached = { sla, at: Date.now() };
      return sla;
    },
    async setSla(value: SlaSettings, actorId: string): Promise<SlaSettings> {
      await db.transaction(async (tx) => {
        await tx
          .insert(orgSettings)
          .values({ key: 'sla', value, updatedBy: actorId })
          .onConflictDoUpdate({
            target: orgSettings.key,
            set: { value, updatedBy: actorId, updatedAt: new Date() },
          });
        await audit.record(
          { actorId, actorLabel: 'user', action: 'settings.sla_changed', meta: { sla: value } },
          tx,
        );
      });
      cached = undefined;
      return value;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
