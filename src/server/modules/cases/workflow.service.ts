import { rolesAllow } from '../../../shared/permissions.js';
import {
  derivePriority,
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
import type { Vault } from '../../security/vault.js';
import { sensitivityRank, sensitivityReasons } from '../../../shared/sensitivity.js';
import type { CasesRepo } from './cases.repo.js';
import type { TransitionBody } from '../../../shared/contracts/cases.js';
import type { Escalations } from './escalation.js';
import type { ClocksService } from '../clocks/clocks.service.js';

export interface WorkflowSettings {
  /** Segregation of duties: may the assessor also approve P2–P4 cases? */
  allowSelfApproval: boolean;
}

export interface WorkflowDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  clocks: ClocksService;
  settings: WorkflowSettings;
}

interface CaseDetails {
  assessment?: {
    severity: number;
    immediacy: number;
    feasibility: number;
    derivedPriority: string;
    priority: string;
    activate: boolean;
    assessorId: string;
    at: string;
    risks?: unknown;
    vulnerable?: string[];
    overridden?: boolean;
  };
  decision?: { by: string; at: string; fastPath: boolean; retrospectiveReviewDue?: string };
  closure?: { outcome: string; at: string };
  duplicateOf?: string;
}

/**
 * Every status change of a case goes through `transition`: rule lookup, role and need-to-know check,
 * preconditions, a guarded update, a timeline event and an audit entry — in one transaction.
 */
export function createWorkflowService(deps: WorkflowDeps) {
  const { db, cases, vault, audit, clock, escalations, clocks, settings } = deps;

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
      return db.transaction(async (tx) => {
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
        const details = { ...(c.details as CaseDetails) };
        const set: Parameters<CasesRepo['updateGuarded']>[2] = { status: rule.to };
        const eventData: Record<string, unknown> = {};
        const after: Array<() => Promise<void>> = [];

        switch (action) {
          case 'acknowledge':
            set.acknowledgedAt = now;
            if (!c.leadUserId) set.leadUserId = actor.id;
            await cases.addMember(c.id, actor.id, 'lead', tx);
            await clocks.meet(c.id, 'acknowledge', tx);
            break;
          case 'assess': {
            const a = body.assessment;
            if (!a)
              throw new AppError('VALIDATION_FAILED', {
                fields: [{ path: 'assessment', message: 'required' }],
              });
            const derived = derivePriority(a);
            if (a.overridePriority && a.overridePriority !== derived.priority && !a.overrideReason) {
              throw new AppError('REASON_REQUIRED', {
                fields: [{ path: 'assessment.overrideReason', message: 'required' }],
              });
            }
            const priority = a.overridePriority ?? derived.priority;
            details.assessment = {
              severity: a.severity,
              immediacy: a.immediacy,
              feasibility: a.feasibility,
              derivedPriority: derived.priority,
              priority,
              activate: derived.activate,
              assessorId: actor.id,
              at: now.toISOString(),
              risks: a.risks,
              vulnerable: a.vulnerable,
              overridden: priority !== derived.priority,
            };
            set.priority = priority;
            if (a.violationTypes) set.violationTypes = a.violationTypes;
            // What the assessment learnt (sexual violence, a minor) raises the sensitivity by rule.
            const ruled = sensitivityReasons({
              violationTypes: a.violationTypes ?? c.violationTypes,
              vulnerable: a.vulnerable,
            });
            if (ruled.length && sensitivityRank(c.sensitivity) < sensitivityRank('sensitive')) {
              set.sensitivity = 'sensitive';
              eventData.sensitivity = 'sensitive';
              eventData.sensitivityRule = ruled;
            }
            const newFlags = (a.flags ?? []).filter((f) => !c.flags.includes(f));
            if (a.flags) set.flags = [...new Set([...c.flags, ...a.flags])];
            set.detailsEnc = await vault.encrypt(
              c.dataKeyId,
              JSON.stringify({
                justifications: a.justifications,
                resourcesNeeded: a.resourcesNeeded,
                overrideReason: a.overrideReason,
              }),
              `cases.details:${c.reference}`,
              tx,
            );
            Object.assign(eventData, {
              severity: a.severity,
              immediacy: a.immediacy,
              feasibility: a.feasibility,
              priority,
              activate: derived.activate,
            });
            for (const flag of newFlags)
              after.push(() =>
                escalations.request({ caseId: c.id, reason: 'flag_raised', detail: { flag } }, tx),
              );
            // Decision and first-action clocks run from intake at the assessed priority.
            after.push(() => clocks.armAssessed(c, priority, tx));
            break;
          }
          case 'request_decision':
            if (!details.assessment) throw new AppError('PRECONDITION_FAILED', { missing: 'assessment' });
            break;
          case 'approve': {
            const a = details.assessment;
            if (!a) throw new AppError('PRECONDITION_FAILED', { missing: 'assessment' });
            const isApprover = rolesAllow(
              actor.roles.filter((r) => r !== 'duty_officer'),
              'cases:decide',
            );
            const fastPath = !isApprover;
            if (fastPath && a.priority !== 'P1') throw new AppError('SEGREGATION_OF_DUTIES');
            if (
              !fastPath &&
              a.priority !== 'P1' &&
              a.assessorId === actor.id &&
              !settings.allowSelfApproval
            ) {
              throw new AppError('SEGREGATION_OF_DUTIES');
            }
            details.decision = {
              by: actor.id,
              at: now.toISOString(),
              fastPath,
              ...(fastPath
                ? { retrospectiveReviewDue: new Date(now.getTime() + 24 * 3_600_000).toISOString() }
                : {}),
            };
            set.decidedAt = now;
            eventData.fastPath = fastPath;
            await cases.addMember(c.id, actor.id, 'approver', tx);
            await clocks.meet(c.id, 'decision', tx);
            if (fastPath) {
              const due = new Date(now.getTime() + 24 * 3_600_000);
              after.push(async () => void (await clocks.arm(c.id, 'retrospective_review', due, tx)));
            }
            break;
          }
          case 'decline':
            set.decidedAt = now;
            details.decision = { by: actor.id, at: now.toISOString(), fastPath: false };
            await clocks.meet(c.id, 'decision', tx);
            break;
          case 'escalate_decision':
            after.push(() => escalations.request({ caseId: c.id, reason: 'decision_escalated' }, tx));
            break;
          case 'mark_duplicate': {
            if (!body.duplicateOf || body.duplicateOf === c.id) {
              throw new AppError('VALIDATION_FAILED', {
                fields: [{ path: 'duplicateOf', message: 'required' }],
              });
            }
            const original = await cases.findById(body.duplicateOf, tx);
            if (!original)
              throw new AppError('VALIDATION_FAILED', {
                fields: [{ path: 'duplicateOf', message: 'not found' }],
              });
            set.duplicateOf = original.id;
            details.duplicateOf = original.reference;
            eventData.duplicateOf = original.reference;
            break;
          }
          case 'close':
            if (!body.closure)
              throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'closure', message: 'required' }] });
            set.closedAt = now;
            details.closure = { outcome: body.closure.outcome, at: now.toISOString() };
            eventData.outcome = body.closure.outcome;
            break;
          case 'reopen':
            set.closedAt = null;
            break;
          default:
            break;
        }
        if (['closed', 'withdrawn', 'not_urgent', 'duplicate', 'declined'].includes(rule.to)) {
          for (const kind of ['acknowledge', 'decision', 'first_action'] as const)
            await clocks.meet(c.id, kind, tx);
        }
        set.details = details;
        const updated = await cases.updateGuarded(c.id, { status: c.status, version: c.version }, set, tx);
        if (!updated) throw new AppError('CONFLICT');
        const note = [reason, body.closure?.reason].filter(Boolean).join('\n');
        await cases.addEvent(
          {
            caseId: c.id,
            at: now,
            actorId: actor.id,
            actorLabel: 'user',
            type: `transition.${action}`,
            fromStatus: from,
            toStatus: rule.to,
            data: eventData,
            noteEnc: note
              ? await vault.encrypt(c.dataKeyId, note, `case_events.note:${c.reference}`, tx)
              : null,
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: `case.${action}`,
            subjectType: 'case',
            subjectId: c.id,
            meta: { from, to: rule.to },
          },
          tx,
        );
        for (const fn of after) await fn();
        if (rule.to !== from) await escalations.caseProgressed?.(c.id, rule.to, actor.id, tx);
        return updated;
      });
    },
  };
}
export type WorkflowService = ReturnType<typeof createWorkflowService>;
