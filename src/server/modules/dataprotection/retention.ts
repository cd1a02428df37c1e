import { TOKEN_MAX_AGE_MS } from '../public/form-token.js';
import { createCaseLog } from '../cases/case-log.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';

/**
 * Retention: what has outlived its period is crypto-shredded (the case's data key destroyed, its
 * ciphertexts cleared), with the legacy consent purposes sealed and used form tokens purged on the way.
 */
export function createRetention(
  deps: Pick<DataProtectionDeps, 'repo' | 'cases' | 'vault' | 'audit' | 'clock' | 'retention'>,
  consents: { sealLegacyConsentPurposes(): Promise<number> },
) {
  const { repo, cases, vault, audit, clock } = deps;
  const caseLog = createCaseLog({ cases, audit });

  return {
    /**
     * Crypto-shred what has outlived its retention period: the case's data key is destroyed (so every
     * copy, including backups restored with the shred register, is unreadable) and ciphertexts cleared.
     */
    async sweepRetention(batch = 200): Promise<number> {
      await vault.finishShreds();
      await consents.sealLegacyConsentPurposes();
      const now = clock.now();
      // A used public form token is refused by its age after 2 hours anyway: its row can go.
      await repo.purgeFormTokenUses(new Date(now.getTime() - TOKEN_MAX_AGE_MS));
      const rules = (await deps.retention()).map((r) => ({
        status: r.status,
        before: new Date(now.getTime() - r.days * 86_400_000),
      }));
      const expired = await repo.expiredCases(rules, batch);
      if (expired.length === 0) return 0;
      // One shred for the whole batch: one new KEK, one re-wrap of the affected generations.
      await vault.shred(
        expired.map((c) => c.dataKeyId),
        'retention',
        now,
        async (tx) => {
          for (const c of expired) {
            await repo.clearCaseCiphertexts(c.id, tx);
            await repo.clearMatchable(c.id, c.dataKeyId, tx);
            await caseLog(
              {
                caseId: c.id,
                at: now,
                actorId: null,
                type: 'retention.shredded',
                data: { status: c.status },
                audit: { action: 'case.shredded', meta: { reason: 'retention', status: c.status } },
              },
              tx,
            );
          }
        },
      );
      return expired.length;
    },
  };
}
