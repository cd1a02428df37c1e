import { defaultFundsSettings, fundsSettings, type FundsSettings } from '../../../shared/contracts/funds.js';
import type { Db, Executor } from '../../db/client.js';
import type { Audit } from '../../security/audit.js';

/** The settings port funds needs: one JSON value by key (settings.repo implements it). */
export interface SettingsStore {
  get(key: string, tx?: Executor): Promise<unknown>;
  put(key: string, value: unknown, updatedBy: string, tx?: Executor): Promise<void>;
}

/** Approval limits per role, the two-approver threshold and the reconciliation delay (with defaults). */
export function createFundsSettings(deps: { db: Db; store: SettingsStore; audit: Audit }) {
  const { db, store, audit } = deps;
  return {
    async get(tx?: Executor): Promise<FundsSettings> {
      const parsed = fundsSettings.safeParse(await store.get('funds', tx));
      return parsed.success ? parsed.data : defaultFundsSettings;
    },
    async set(value: FundsSettings, actorId: string): Promise<FundsSettings> {
      await db.transaction(async (tx) => {
        await store.put('funds', value, actorId, tx);
        await audit.record(
          { actorId, actorLabel: 'user', action: 'settings.funds_changed', meta: { ...value } },
          tx,
        );
      });
      return value;
    },
  };
}
export type FundsSettingsService = ReturnType<typeof createFundsSettings>;
