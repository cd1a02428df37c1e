import { z } from 'zod';
import { defaultSla } from '../../../shared/workflow.js';
import type { Db, Executor } from '../../db/client.js';
import type { Audit } from '../../security/audit.js';
import type { SettingsRepo } from './settings.repo.js';

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
export function createSettingsService(deps: { db: Db; repo: SettingsRepo; audit: Audit }) {
  const { db, repo, audit } = deps;
  let cached: { sla: SlaSettings; at: number } | undefined;
  return {
    /** Pass the transaction when inside one: the embedded database has a single connection. */
    async sla(tx: Executor = db): Promise<SlaSettings> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.sla;
      const parsed = slaSettings.safeParse(await repo.get('sla', tx));
      const sla = parsed.success ? parsed.data : defaultSla;
      cached = { sla, at: Date.now() };
      return sla;
    },
    async setSla(value: SlaSettings, actorId: string): Promise<SlaSettings> {
      await db.transaction(async (tx) => {
        await repo.put('sla', value, actorId, tx);
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
