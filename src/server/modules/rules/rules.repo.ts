import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ruleSets, users } from '../../db/schema/index.js';

/** `rule_sets`: versions of each kind of rule, newest first. */
export function createRulesRepo(db: Executor) {
  const columns = {
    kind: ruleSets.kind,
    version: ruleSets.version,
    body: ruleSets.body,
    changedAt: ruleSets.changedAt,
    reason: ruleSets.reason,
    changedById: ruleSets.changedBy,
    changedByName: users.displayName,
  };
  return {
    async latest(kind: string, tx: Executor = db) {
      const [r] = await tx
        .select(columns)
        .from(ruleSets)
        .leftJoin(users, eq(users.id, ruleSets.changedBy))
        .where(eq(ruleSets.kind, kind))
        .orderBy(desc(ruleSets.version))
        .limit(1);
      return r;
    },
    async history(kind: string, limit = 50, tx: Executor = db) {
      return tx
        .select(columns)
        .from(ruleSets)
        .leftJoin(users, eq(users.id, ruleSets.changedBy))
        .where(eq(ruleSets.kind, kind))
        .orderBy(desc(ruleSets.version))
        .limit(limit);
    },
    async version(kind: string, version: number, tx: Executor = db) {
      const [r] = await tx
        .select({ body: ruleSets.body })
        .from(ruleSets)
        .where(and(eq(ruleSets.kind, kind), eq(ruleSets.version, version)));
      return r;
    },
    /** A new version; the unique (kind, version) index turns a concurrent change into a conflict. */
    async insert(
      row: {
        kind: string;
        version: number;
        body: unknown;
        changedBy: string;
        reason: string;
        changedAt: Date;
      },
      tx: Executor = db,
    ): Promise<void> {
      await tx.insert(ruleSets).values(row);
    },
  };
}
export type RulesRepo = ReturnType<typeof createRulesRepo>;
export type RuleRow = NonNullable<Awaited<ReturnType<RulesRepo['latest']>>>;
