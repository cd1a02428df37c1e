import { slaBody, type SlaBody } from '../../../shared/contracts/rules.js';
import type { Db, Executor } from '../../db/client.js';
import type { RulesService } from '../rules/rules.service.js';
import type { SettingsRepo } from './settings.repo.js';

export const slaSettings = slaBody;
export type SlaSettings = SlaBody;

/**
 * Organisation settings. The SLA clocks are a kind of rule now (the rules module: versioned, audited);
 * a value saved here before that (org_settings 'sla') still counts until the first versioned change.
 */
export function createSettingsService(deps: {
  db: Db;
  repo: SettingsRepo;
  rules: Pick<RulesService, 'current' | 'change'>;
}) {
  const { db, repo, rules } = deps;
  let legacy: { sla: SlaSettings | undefined } | undefined;
  return {
    /** Pass the transaction when inside one: the embedded database has a single connection. */
    async sla(tx: Executor = db): Promise<SlaSettings> {
      const current = await rules.current('sla', tx);
      if (current.row) return current.body;
      if (!legacy) {
        const parsed = slaSettings.safeParse(await repo.get('sla', tx));
        legacy = { sla: parsed.success ? parsed.data : undefined };
      }
      return legacy.sla ?? current.body;
    },
    async setSla(value: SlaSettings, actorId: string, roles: string[] = ['admin']): Promise<SlaSettings> {
      const current = await rules.current('sla');
      await rules.change(
        'sla',
        { body: value, reason: 'SLA settings', baseVersion: current.version },
        { id: actorId, roles },
      );
      return value;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
