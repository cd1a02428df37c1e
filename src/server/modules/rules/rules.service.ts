import type { z } from 'zod';
import {
  ruleBodies,
  ruleDefaults,
  vocabularyLists,
  type RuleBodies,
  type RuleChangeInput,
  type RuleHistoryView,
  type RuleKind,
  type RuleVersionView,
  type VocabularyList,
} from '../../../shared/contracts/rules.js';
import type { FieldIssue } from '../../../shared/contracts/errors.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { RuleRow, RulesRepo } from './rules.repo.js';

/** Policies that exist without being stored (alerts/defaults.ts). */
const builtinPolicyNames = ['duty', 'leadership'];

/** Another instance's change is seen within this long; this instance's own changes at once. */
const CACHE_MS = 30_000;

interface Current<K extends RuleKind> {
  version: number;
  body: RuleBodies[K];
  row: RuleRow | undefined;
}

const issuesOf = (error: z.ZodError, prefix: string): FieldIssue[] =>
  error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));

/**
 * The one way the server reads and changes an organisation's rules (DESIGN §8). Reads go through a
 * small cache, dropped on every change; a change is validated by the kind's contract (and the kind's
 * own checks: a vocabulary term can be retired, never deleted), stored as a new version with who,
 * when and why, and audited. A stored body that no longer parses falls back to the default.
 */
export function createRulesService(deps: {
  db: Db;
  repo: RulesRepo;
  audit: Audit;
  clock: Clock;
  /** The escalation policies' names (routing may name only these, or a built-in one). */
  policyNames?: () => Promise<string[]>;
  /** Checks a kind needs beyond its contract, from the module that uses it (e.g. the USSD menu's). */
  checks?: { [K in RuleKind]?: (body: RuleBodies[K]) => Promise<FieldIssue[]> };
}) {
  const { db, repo, audit, clock } = deps;
  const cache = new Map<RuleKind, { value: Current<RuleKind>; at: number }>();

  async function current<K extends RuleKind>(kind: K, tx: Executor = db): Promise<Current<K>> {
    const hit = cache.get(kind);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as unknown as Current<K>;
    const row = await repo.latest(kind, tx);
    const parsed = row ? ruleBodies[kind].safeParse(row.body) : undefined;
    const value: Current<K> =
      row && parsed?.success
        ? { version: row.version, body: parsed.data as RuleBodies[K], row }
        : { version: row?.version ?? 0, body: ruleDefaults[kind], row: undefined };
    cache.set(kind, { value: value as unknown as Current<RuleKind>, at: Date.now() });
    return value;
  }

  const get = async <K extends RuleKind>(kind: K, tx?: Executor): Promise<RuleBodies[K]> =>
    (await current(kind, tx)).body;

  const view = (kind: RuleKind, r: RuleRow | undefined, body: unknown): RuleVersionView => ({
    kind,
    version: r?.version ?? 0,
    body,
    changedBy: r?.changedById ? { id: r.changedById, displayName: r.changedByName ?? '' } : null,
    changedAt: r?.changedAt.toISOString() ?? null,
    reason: r?.reason ?? 'default',
  });

  /** Kind-specific checks beyond the contract, against the version being replaced. */
  /**
   * Routing names existing policies only. Read before the change's transaction: the policy list is read
   * outside it, and the embedded database has a single connection.
   */
  async function checkRouting(next: RuleBodies['escalation_routing']): Promise<FieldIssue[]> {
    const known = new Set([...builtinPolicyNames, ...((await deps.policyNames?.()) ?? [])]);
    return Object.entries(next)
      .filter(([, name]) => !known.has(name))
      .map(([reason]) => ({ path: `body.${reason}`, message: 'rules.unknownPolicy' }));
  }

  function checkChange<K extends RuleKind>(kind: K, next: RuleBodies[K], prev: RuleBodies[K]): FieldIssue[] {
    if (kind !== 'vocabularies') return [];
    const issues: FieldIssue[] = [];
    const before = prev as RuleBodies['vocabularies'];
    const after = next as RuleBodies['vocabularies'];
    for (const list of vocabularyLists) {
      const kept = new Set(after[list].map((t) => t.code));
      for (const t of before[list])
        if (!kept.has(t.code)) issues.push({ path: `body.${list}.${t.code}`, message: 'rules.termDeleted' });
    }
    return issues;
  }

  return {
    current,
    get,
    priority: (tx?: Executor) => get('priority', tx),
    sla: (tx?: Executor) => get('sla', tx),
    segregation: (tx?: Executor) => get('segregation', tx),
    escalationRouting: (tx?: Executor) => get('escalation_routing', tx),

    /** The terms of a list: current and retired (old cases display retired ones). */
    async terms(list: VocabularyList, tx?: Executor) {
      return (await get('vocabularies', tx))[list];
    },

    /**
     * New input may use current terms only: a retired or unknown code is refused (nothing is written),
     * with the field path the caller gives.
     */
    async assertCurrentTerms(list: VocabularyList, codes: readonly string[], path: string, tx?: Executor) {
      if (codes.length === 0) return;
      const terms = (await get('vocabularies', tx))[list];
      const issues: FieldIssue[] = [];
      codes.forEach((code, i) => {
        const term = terms.find((t) => t.code === code);
        if (!term) issues.push({ path: `${path}.${i}`, message: 'unknown' });
        else if (term.retired) issues.push({ path: `${path}.${i}`, message: 'retired' });
      });
      if (issues.length) throw new AppError('TERM_NOT_CURRENT', { fields: issues });
    },

    async kinds() {
      const out = [];
      for (const kind of Object.keys(ruleBodies) as RuleKind[]) {
        const c = await current(kind);
        out.push({ kind, version: c.version, changedAt: c.row?.changedAt.toISOString() ?? null });
      }
      return { kinds: out };
    },

    /** The current version and the stored history (newest first), with the default as version 0. */
    async history(kind: RuleKind): Promise<RuleHistoryView> {
      const c = await current(kind);
      const rows = await repo.history(kind);
      const history = rows.map((r) => view(kind, r, r.body));
      history.push(view(kind, undefined, ruleDefaults[kind]));
      return { current: view(kind, c.row, c.body), history };
    },

    /** Validate, store as the next version, audit, and drop the cache. */
    async change(kind: RuleKind, input: RuleChangeInput, actor: Actor): Promise<RuleVersionView> {
      const parsed = ruleBodies[kind].safeParse(input.body);
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', { fields: issuesOf(parsed.error, 'body') });
      const body = parsed.data as RuleBodies[typeof kind];
      if (kind === 'escalation_routing') {
        const issues = await checkRouting(body as RuleBodies['escalation_routing']);
        if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
      }
      const check = deps.checks?.[kind] as ((b: typeof body) => Promise<FieldIssue[]>) | undefined;
      if (check) {
        const issues = await check(body);
        if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
      }
      const out = await db.transaction(async (tx) => {
        cache.delete(kind);
        const prev = await current(kind, tx);
        if (input.baseVersion !== prev.version) throw new AppError('CONFLICT');
        const issues = checkChange(kind, body, prev.body);
        if (issues.length) throw new AppError('VALIDATION_FAILED', { fields: issues });
        const version = prev.version + 1;
        const now = clock.now();
        await repo.insert(
          { kind, version, body, changedBy: actor.id, reason: input.reason, changedAt: now },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'rules.changed',
            subjectType: 'rule_set',
            subjectId: kind,
            meta: { kind, version, from: prev.version },
          },
          tx,
        );
        return view(kind, await repo.latest(kind, tx), body);
      });
      cache.delete(kind);
      return out;
    },
  };
}
export type RulesService = ReturnType<typeof createRulesService>;
