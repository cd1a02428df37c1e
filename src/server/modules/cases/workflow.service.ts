import { rolesAllow } from '../../../shared/permissions.js';
import {
  endedStatuses,
  findTransition,
  type CaseStatus,
  type TransitionAction,
} from '../../../shared/workflow.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import { canAcknowledgeRedacted, caseAccess, type Actor, type CaseAccess } from '../../security/policy.js';
import { aad } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from './cases.repo.js';
import type { TransitionBody } from '../../../shared/contracts/cases.js';
import type { Escalations } from './escalation.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import { createCaseLog } from './case-log.js';
import { createCaseNote } from './case-note.js';
import { createRetrospectiveReview } from './retrospective-review.js';
import {
  transitionEffects,
  type CaseDetails,
  type CaseUpdate,
  type EffectDeps,
  type TransitionContext,
  type WorkflowSettings,
} from './workflow.effects.js';

export type { WorkflowSettings } from './workflow.effects.js';

export interface WorkflowDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  clocks: ClocksService;
  settings: WorkflowSettings;
  /**
   * What other modules do, in the same transaction, when a case ends (the network ends its missions).
   * Each may return work to run once the transaction has committed (an SMS to send). Late-bound: those
   * modules are built after the workflow.
   */
  onCaseEnded?: () => readonly CaseEndedHook[];
  /**
   * The learning module's gate on closure (a P1 or breached case needs its review, or a scheduled
   * one): it throws to refuse, or returns what the timeline event records. Late-bound like the above.
   */
  beforeClose?: () => BeforeCloseHook | undefined;
}

export type BeforeCloseHook = (
  c: CaseRow,
  reviewDueAt: Date | undefined,
  actor: Actor,
  now: Date,
  tx: Executor,
) => Promise<Record<string, unknown>>;

export type CaseEndedHook = (caseId: string, tx: Executor) => Promise<(() => Promise<void>) | undefined>;

/**
 * Every status change of a case goes through `transition`: rule lookup, role and need-to-know check,
 * preconditions, the step's effect (workflow.effects.ts), a guarded update, a timeline event and an audit
 * entry — in one transaction.
 */
export function createWorkflowService(deps: WorkflowDeps) {
  const { db, cases, vault, audit, clock, escalations, clocks, settings } = deps;
  const caseLog = createCaseLog({ cases, audit });
  const effectDeps: EffectDeps = { cases, vault, clocks, escalations, settings };

  /**
   * The case with the caller's access to it, if that access is one of `accept`. Anything else is a 404:
   * invisible, redacted and mission-only cases look the same from outside a route that needs more.
   */
  async function loadWithAccess(
    caseId: string,
    actor: Actor,
    accept: readonly CaseAccess[],
    tx: Executor = db,
  ): Promise<{ c: CaseRow; access: CaseAccess }> {
    const c = await cases.findById(caseId, tx);
    if (!c) throw new AppError('NOT_FOUND');
    const access = caseAccess(actor, c, await cases.isMember(c.id, actor.id, tx));
    if (!accept.includes(access)) throw new AppError('NOT_FOUND');
    return { c, access };
  }

  /** The case, for callers with full access (the team, or any case-reading staff for a normal case). */
  async function loadForActor(caseId: string, actor: Actor, tx: Executor = db): Promise<CaseRow> {
    return (await loadWithAccess(caseId, actor, ['full'], tx)).c;
  }

  return {
    loadForActor,
    loadWithAccess,

    async transition(
      caseId: string,
      action: TransitionAction,
      actor: Actor,
      body: TransitionBody,
    ): Promise<CaseRow> {
      const rule = findTransition(action);
      if (!rule) throw new AppError('NOT_FOUND');
      const afterCommit: ((() => Promise<void>) | undefined)[] = [];
      const done = await db.transaction(async (tx) => {
        // A screener may acknowledge a sensitive case they cannot read yet: it makes them its lead.
        const { c, access } = await loadWithAccess(caseId, actor, ['full', 'redacted'], tx);
        if (access !== 'full' && !(action === 'acknowledge' && canAcknowledgeRedacted(actor, access))) {
          throw new AppError('NOT_FOUND');
        }
        if (!rolesAllow(actor.roles, rule.permission)) throw new AppError('FORBIDDEN');
        const from = c.status as CaseStatus;
        if (!(rule.from as readonly CaseStatus[]).includes(from)) {
          throw new AppError('TRANSITION_NOT_ALLOWED', { from, action });
        }
        if (body.expectedVersion !== undefined && body.expectedVersion !== c.version)
          throw new AppError('CONFLICT');
        const reason = body.reason?.trim();
        if (rule.reasonRequired && !reason) {
          throw new AppError('REASON_REQUIRED', { fields: [{ path: 'reason', message: 'required' }] });
        }
        const now = clock.now();
        const set: CaseUpdate = { status: rule.to };
        const ctx: TransitionContext = {
          c,
          actor,
          body,
          now,
          tx,
          details: { ...(c.details as CaseDetails) },
          set,
          eventData: {},
          after: [],
        };
        await transitionEffects[action]?.(ctx, effectDeps);
        const gate = action === 'close' ? deps.beforeClose?.() : undefined;
        if (gate) Object.assign(ctx.eventData, await gate(c, body.closure?.reviewDueAt, actor, now, tx));
        const ends = endedStatuses.includes(rule.to) && !endedStatuses.includes(from);
        if (endedStatuses.includes(rule.to)) await clocks.meetOnCaseEnd(c.id, tx);
        set.details = ctx.details;
        const updated = await cases.updateGuarded(c.id, { status: c.status, version: c.version }, set, tx);
        if (!updated) throw new AppError('CONFLICT');
        const note = [reason, body.closure?.reason].filter(Boolean).join('\n');
        await caseLog(
          {
            caseId: c.id,
            at: now,
            actorId: actor.id,
            type: `transition.${action}`,
            fromStatus: from,
            toStatus: rule.to,
            data: ctx.eventData,
            noteEnc: note
              ? await vault.encrypt(c.dataKeyId, note, aad('case_events', 'note', c.reference), tx)
              : null,
            audit: { action: `case.${action}`, meta: { from, to: rule.to } },
          },
          tx,
        );
        for (const fn of ctx.after) await fn();
        if (ends) for (const hook of deps.onCaseEnded?.() ?? []) afterCommit.push(await hook(c.id, tx));
        if (rule.to !== from) await escalations.caseProgressed?.(c.id, rule.to, actor.id, tx);
        return updated;
      });
      for (const fn of afterCommit) await fn?.();
      return done;
    },

    recordRetrospectiveReview: createRetrospectiveReview({
      db,
      cases,
      vault,
      audit,
      clock,
      clocks,
      loadForActor,
    }),

    addNote: createCaseNote({ db, cases, vault, audit, clock, loadWithAccess }),
  };
}
export type WorkflowService = ReturnType<typeof createWorkflowService>;
