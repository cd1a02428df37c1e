import {
  defaultReferralSettings,
  referralSettings,
  type ReferralSettings,
} from '../../../shared/contracts/referrals.js';
import type { Db, Executor } from '../../db/client.js';
import type { Audit } from '../../security/audit.js';

/** The settings port referrals needs: one JSON value by key (settings.repo implements it). */
export interface ReferralSettingsStore {
  get(key: string, tx?: Executor): Promise<unknown>;
  put(key: string, value: unknown, updatedBy: string, tx?: Executor): Promise<void>;
}

/** How long a provider has to answer a referral, per need (with defaults: 1 h safe house, 4 h others). */
export function createReferralSettings(deps: { db: Db; store: ReferralSettingsStore; audit: Audit }) {
  const { db, store, audit } = deps;
  return {
    async get(tx?: Executor): Promise<ReferralSettings> {
      const parsed = referralSettings.safeParse(await store.get('referrals', tx));
      return parsed.success ? parsed.data : defaultReferralSettings;
    },
    async set(value: ReferralSettings, actorId: string): Promise<ReferralSettings> {
      await db.transaction(async (tx) => {
        await store.put('referrals', value, actorId, tx);
        await audit.record(
          {
            actorId,
            actorLabel: 'user',
            action: 'settings.referrals_changed',
            meta: { ...value.responseMinutes },
          },
          tx,
        );
      });
      return value;
    },
  };
}
export type ReferralSettingsService = ReturnType<typeof createReferralSettings>;
