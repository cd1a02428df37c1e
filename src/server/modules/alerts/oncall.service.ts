import type { Db, Executor } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type {
  PolicyInput,
  PolicySnapshot,
  PolicyStep,
  RotationInput,
} from '../../../shared/contracts/alerts.js';
import { defaultPolicies, DUTY_ROTATION, mondayMorningEat } from './defaults.js';
import { nextOnCall, onCallAt } from './oncall.js';
import type { OncallRepo } from './oncall.repo.js';
import { policyView, rotationOf, rotationView, snapshotOf, toJsonOverrides } from './oncall.views.js';

export { parseOverrides, parseSteps, rotationOf, snapshotOf } from './oncall.views.js';

function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i += 1) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Escalation policies and on-call rotations: administered by admins, read by the alerting engine. */
export function createOncallService(deps: { db: Db; repo: OncallRepo; audit: Audit; clock: Clock }) {
  const { db, repo, audit, clock } = deps;

  async function checkUsers(ids: string[], path: string, tx: Executor): Promise<FieldIssue[]> {
    const unique = [...new Set(ids)];
    const found = new Set((await repo.activeUsers(unique, tx)).map((u) => u.id));
    return unique.filter((id) => !found.has(id)).map(() => ({ path, message: 'unknown or disabled user' }));
  }

  async function checkSteps(steps: PolicyStep[], tx: Executor): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    for (const [i, s] of steps.entries()) {
      if (s.target.kind === 'rotation' && !(await repo.rotationById(s.target.rotationId, tx))) {
        issues.push({ path: `steps.${i}.target.rotationId`, message: 'unknown rotation' });
      }
      if (s.target.kind === 'users') {
        issues.push(...(await checkUsers(s.target.userIds, `steps.${i}.target.userIds`, tx)));
      }
    }
    return issues;
  }

  async function checkRotation(input: RotationInput, tx: Executor): Promise<FieldIssue[]> {
    return [
      ...(await checkUsers(input.memberIds, 'memberIds', tx)),
      ...(await checkUsers(
        input.overrides.map((o) => o.userId),
        'overrides',
        tx,
      )),
    ];
  }

  function fail(issues: FieldIssue[]): void {
    if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
  }

  async function unique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('NAME_TAKEN');
      throw err;
    }
  }

  return {
    /* ---------- policies ---------- */

    async listPolicies() {
      return (await repo.policies()).map(policyView);
    },

    async createPolicy(input: PolicyInput, actorId: string) {
      return unique(() =>
        db.transaction(async (tx) => {
          fail(await checkSteps(input.steps, tx));
          const now = clock.now();
          const row = await repo.insertPolicy(
            { name: input.name, steps: input.steps, repeat: input.repeat, createdAt: now, updatedAt: now },
            tx,
          );
          if (!row) throw new AppError('NAME_TAKEN');
          await audit.record(
            {
              actorId,
              actorLabel: 'user',
              action: 'escalation_policy.created',
              subjectType: 'escalation_policy',
              subjectId: row.id,
              meta: { name: row.name, steps: input.steps.length, repeat: input.repeat },
            },
            tx,
          );
          return policyView(row);
        }),
      );
    },

    /** Running alerts keep the snapshot they started with; only new alerts see the change. */
    async updatePolicy(id: string, input: PolicyInput, actorId: string) {
      return unique(() =>
        db.transaction(async (tx) => {
          if (!(await repo.policyById(id, tx))) throw new AppError('NOT_FOUND');
          fail(await checkSteps(input.steps, tx));
          const row = await repo.updatePolicy(
            id,
            { name: input.name, steps: input.steps, repeat: input.repeat, updatedAt: clock.now() },
            tx,
          );
          await audit.record(
            {
              actorId,
              actorLabel: 'user',
              action: 'escalation_policy.changed',
              subjectType: 'escalation_policy',
              subjectId: id,
              meta: { name: input.name, steps: input.steps.length, repeat: input.repeat },
            },
            tx,
          );
          return policyView(row!);
        }),
      );
    },

    /** The policy a new alert for this reason snapshots (the built-in default when it is missing). */
    async snapshotFor(name: string, tx: Executor): Promise<PolicySnapshot> {
      return snapshotOf(await repo.policyByName(name, tx), name);
    },

    /* ---------- rotations ---------- */

    async listRotations() {
      return (await repo.rotations()).map(rotationView);
    },

    async createRotation(input: RotationInput, actorId: string) {
      return unique(() =>
        db.transaction(async (tx) => {
          fail(await checkRotation(input, tx));
          const row = await repo.insertRotation(
            {
              name: input.name,
              period: input.period,
              startsAt: input.startsAt,
              memberIds: input.memberIds,
              overrides: toJsonOverrides(input.overrides),
              createdAt: clock.now(),
            },
            tx,
          );
          if (!row) throw new AppError('NAME_TAKEN');
          await audit.record(
            {
              actorId,
              actorLabel: 'user',
              action: 'rotation.created',
              subjectType: 'rotation',
              subjectId: row.id,
              meta: { name: row.name, period: row.period, members: input.memberIds.length },
            },
            tx,
          );
          return rotationView(row);
        }),
      );
    },

    async updateRotation(id: string, input: RotationInput, actorId: string) {
      return unique(() =>
        db.transaction(async (tx) => {
          if (!(await repo.rotationById(id, tx))) throw new AppError('NOT_FOUND');
          fail(await checkRotation(input, tx));
          const row = await repo.updateRotation(
            id,
            {
              name: input.name,
              period: input.period,
              startsAt: input.startsAt,
              memberIds: input.memberIds,
              overrides: toJsonOverrides(input.overrides),
            },
            tx,
          );
          await audit.record(
            {
              actorId,
              actorLabel: 'user',
              action: 'rotation.changed',
              subjectType: 'rotation',
              subjectId: id,
              meta: {
                name: input.name,
                period: input.period,
                members: input.memberIds.length,
                overrides: input.overrides.length,
              },
            },
            tx,
          );
          return rotationView(row!);
        }),
      );
    },

    /** Who is on call now for each rotation, and who is next. */
    async onCallNow() {
      const now = clock.now();
      const rows = await repo.rotations();
      const current = rows.map((r) => ({ row: r, now: onCallAt(rotationOf(r), now) }));
      const next = current.map((c) => nextOnCall(rotationOf(c.row), now));
      const names = await repo.userNames(
        [...current.map((c) => c.now?.userId), ...next.map((n) => n?.userId)].filter((x): x is string =>
          Boolean(x),
        ),
      );
      const person = (id: string | undefined) => (id ? { id, displayName: names.get(id) ?? '—' } : null);
      return current.map((c, i) => ({
        rotationId: c.row.id,
        rotationName: c.row.name,
        period: c.row.period === 'daily' ? ('daily' as const) : ('weekly' as const),
        onCall: person(c.now?.userId),
        source: c.now?.source ?? null,
        shiftStart: c.now?.shiftStart.toISOString() ?? null,
        shiftEnd: c.now?.shiftEnd.toISOString() ?? null,
        next: person(next[i]?.userId),
      }));
    },

    /** Add a user to a rotation's members (the demo seed's duty officer); no-op when already there. */
    async addMember(rotationName: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const r = await repo.rotationByName(rotationName, tx);
        if (!r || r.memberIds.includes(userId)) return;
        await repo.updateRotation(r.id, { memberIds: [...r.memberIds, userId] }, tx);
      });
    },

    /**
     * First start: the "duty officers" rotation and the "duty" and "leadership" policies, when no policy
     * exists yet. Safe with several instances starting at once (names are unique; conflicts are skipped).
     */
    async ensureDefaults(): Promise<boolean> {
      if ((await repo.countPolicies()) > 0) return false;
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insertRotation(
          {
            name: DUTY_ROTATION,
            period: 'weekly',
            startsAt: mondayMorningEat(now),
            memberIds: [],
            createdAt: now,
          },
          tx,
        );
        const rotation = await repo.rotationByName(DUTY_ROTATION, tx);
        for (const p of defaultPolicies(rotation?.id ?? null)) {
          await repo.insertPolicy(
            {
              name: p.name,
              steps: p.snapshot.steps,
              repeat: p.snapshot.repeat,
              createdAt: now,
              updatedAt: now,
            },
            tx,
          );
        }
      });
      return true;
    },
  };
}
export type OncallService = ReturnType<typeof createOncallService>;
