import type { Executor } from '../../db/client.js';
import type { StepTarget } from '../../../shared/contracts/alerts.js';
import type { AlertsRepo } from './alerts.repo.js';
import { onCallAt } from './oncall.js';
import { rotationOf } from './oncall.views.js';

/**
 * On-call lookups: who a policy step pages at `now`. Named users and role holders that are still active,
 * or whoever a rotation has on call (an override first); disabled accounts are never paged.
 */
export function createTargetLookup(
  repo: Pick<AlertsRepo, 'activeUsers' | 'activeUsersWithRole' | 'rotationById'>,
) {
  return async function resolveTargets(target: StepTarget, now: Date, tx: Executor): Promise<string[]> {
    switch (target.kind) {
      case 'users':
        return (await repo.activeUsers(target.userIds, tx)).map((u) => u.id);
      case 'role':
        return (await repo.activeUsersWithRole(target.role, tx)).map((u) => u.id);
      case 'rotation': {
        const r = await repo.rotationById(target.rotationId, tx);
        const who = r ? onCallAt(rotationOf(r), now) : null;
        if (!who) return [];
        return (await repo.activeUsers([who.userId], tx)).map((u) => u.id);
      }
    }
  };
}
export type ResolveTargets = ReturnType<typeof createTargetLookup>;
