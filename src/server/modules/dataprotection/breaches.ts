import type { z } from 'zod';
import type { breachInput } from '../../../shared/contracts/dataprotection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';
import type { DataProtectionRepo } from './dataprotection.repo.js';

/** The regulator must hear of a breach within 72 hours of its discovery (Kenya DPA s. 43). */
export const NOTIFY_HOURS = 72;

/** Personal-data breaches: recorded, listed with the time left to notify, and marked notified. */
export function createBreaches(deps: Pick<DataProtectionDeps, 'db' | 'repo' | 'audit' | 'clock'>) {
  const { db, repo, audit, clock } = deps;

  const breachView = (b: Awaited<ReturnType<DataProtectionRepo['insertBreach']>>) => {
    const notifyBy = new Date(b.discoveredAt.getTime() + NOTIFY_HOURS * 3_600_000);
    const hoursLeft = Math.round(((notifyBy.getTime() - clock.now().getTime()) / 3_600_000) * 10) / 10;
    return {
      id: b.id,
      summary: b.summary,
      dataCategories: b.dataCategories,
      affectedCount: b.affectedCount,
      occurredAt: b.occurredAt?.toISOString() ?? null,
      discoveredAt: b.discoveredAt.toISOString(),
      notifiedOdpcAt: b.notifiedOdpcAt?.toISOString() ?? null,
      notifiedSubjectsAt: b.notifiedSubjectsAt?.toISOString() ?? null,
      measures: b.measures,
      notifyBy: notifyBy.toISOString(),
      hoursLeft,
      overdue: !b.notifiedOdpcAt && hoursLeft < 0,
    };
  };

  return {
    async recordBreach(input: z.infer<typeof breachInput>, actor: Actor) {
      return db.transaction(async (tx) => {
        const b = await repo.insertBreach({ ...input, recordedBy: actor.id }, tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'breach.recorded',
            subjectType: 'breach',
            subjectId: b.id,
            meta: { categories: input.dataCategories },
          },
          tx,
        );
        return breachView(b);
      });
    },

    async listBreaches() {
      return (await repo.listBreaches()).map(breachView);
    },

    async markBreachNotified(id: string, target: 'odpc' | 'subjects', actor: Actor) {
      return db.transaction(async (tx) => {
        const b = await repo.markBreachNotified(id, target, clock.now(), tx);
        if (!b) throw new AppError('NOT_FOUND');
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: `breach.notified_${target}`,
            subjectType: 'breach',
            subjectId: id,
          },
          tx,
        );
        return breachView(b);
      });
    },
  };
}
