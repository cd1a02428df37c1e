import { rolesAllow } from '../../../shared/permissions.js';
import { sensitivityRank, sensitivityReasons, type SensitivityRules } from '../../../shared/sensitivity.js';
import { derivePriority, type PriorityRules, type TransitionAction } from '../../../shared/workflow.js';
import type { TransitionBody } from '../../../shared/contracts/cases.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type { CasesRepo } from './cases.repo.js';
import type { Escalations } from './escalation.js';

/**
 * What each workflow step does besides changing the status, one function per step. The workflow
 * service checks the rule, runs the step's effect, writes the guarded update and the timeline, then runs
 * what the effect left in `after`. An effect only fills in the change (`set`, `details`, `eventData`)
 * and writes what belongs to the same transaction; it never commits anything itself.
 */

/** The organisation's rules the workflow reads (the rules module's store, DESIGN §8). */
export interface WorkflowSettings {
  /** Segregation of duties: may the assessor also approve P2–P4 cases? */
  allowSelfApproval(tx?: Executor): Promise<boolean>;
  /** The threshold matrix from assessment to P1–P4. */
  priorityRules(tx?: Executor): Promise<PriorityRules>;
  /** New input uses current violation types only (a retired term stays on old cases). */
  assertCurrentViolationTypes(codes: readonly string[], path: string, tx?: Executor): Promise<void>;
  /** What makes a report sensitive by rule (violation types, minors, SOS, text patterns). */
  sensitivityRules?(tx?: Executor): Promise<SensitivityRules>;
}

export interface CaseDetails {
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
  decision?: {
    by: string;
    at: string;
    fastPath: boolean;
    retrospectiveReviewDue?: string;
    /** Who recorded the retrospective review of a fast-path P1, and when. */
    retrospectiveReview?: { by: string; at: string };
  };
  closure?: { outcome: string; at: string };
  duplicateOf?: string;
}

export type CaseUpdate = Parameters<CasesRepo['updateGuarded']>[2];

/** One transition in progress: the case as read, the caller's input, and the change being built. */
export interface TransitionContext {
  c: CaseRow;
  actor: Actor;
  body: TransitionBody;
  now: Date;
  tx: Executor;
  /** A copy of the case's details, written back with the update. */
  details: CaseDetails;
  /** The columns the guarded update sets (the status is already in). */
  set: CaseUpdate;
  /** Codes and numbers for the timeline event. */
  eventData: Record<string, unknown>;
  /** Run after the update and the timeline event, in the same transaction (escalations, clocks). */
  after: Array<() => Promise<void>>;
}

/** What the effects use, and nothing more: the case team, clocks, escalations and the vault. */
export interface EffectDeps {
  cases: Pick<CasesRepo, 'addMember' | 'findById' | 'addEvent'>;
  vault: Pick<Vault, 'encrypt'>;
  clocks: Pick<ClocksService, 'meet' | 'arm' | 'armAssessed'>;
  escalations: Pick<Escalations, 'request'>;
  settings: WorkflowSettings;
}

export type TransitionEffect = (ctx: TransitionContext, deps: EffectDeps) => Promise<void>;

const DAY_MS = 24 * 3_600_000;

const required = (path: string, message = 'required') =>
  new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/** The screener takes the case: they lead it unless someone already does; the acknowledge clock is met. */
export const acknowledge: TransitionEffect = async ({ c, actor, now, tx, set }, { cases, clocks }) => {
  set.acknowledgedAt = now;
  if (!c.leadUserId) set.leadUserId = actor.id;
  await cases.addMember(c.id, actor.id, 'lead', tx);
  await clocks.meet(c.id, 'acknowledge', tx);
};

/**
 * The assessment: the derived priority (or a reasoned override), sensitivity raised by rule, new flags
 * escalated, the assessor's notes sealed, and the decision and first-action clocks armed.
 */
export const assess: TransitionEffect = async (ctx, { vault, clocks, escalations, settings }) => {
  const { c, actor, body, now, tx, details, set, eventData, after } = ctx;
  const a = body.assessment;
  if (!a) throw required('assessment');
  if (a.violationTypes)
    await settings.assertCurrentViolationTypes(a.violationTypes, 'assessment.violationTypes', tx);
  const derived = derivePriority(a, await settings.priorityRules(tx));
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
  const ruled = sensitivityReasons(
    { violationTypes: a.violationTypes ?? c.violationTypes, vulnerable: a.vulnerable },
    await settings.sensitivityRules?.(tx),
  );
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
    aad('cases', 'details', c.reference),
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
    after.push(() => escalations.request({ caseId: c.id, reason: 'flag_raised', detail: { flag } }, tx));
  // Decision and first-action clocks run from intake at the assessed priority.
  after.push(() => clocks.armAssessed(c, priority, tx));
};

/** A decision can be asked for only once the case is assessed. */
export const requestDecision: TransitionEffect = async ({ details }) => {
  if (!details.assessment) throw new AppError('PRECONDITION_FAILED', { missing: 'assessment' });
};

/**
 * Approval. An approver decides any case (not their own assessment of a P2–P4 case unless self-approval
 * is allowed); a duty officer may fast-path a P1 alone, and a retrospective review is then due in 24 h.
 */
export const approve: TransitionEffect = async (ctx, { cases, clocks, settings }) => {
  const { c, actor, now, tx, details, set, eventData, after } = ctx;
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
    !(await settings.allowSelfApproval(tx))
  ) {
    throw new AppError('SEGREGATION_OF_DUTIES');
  }
  details.decision = {
    by: actor.id,
    at: now.toISOString(),
    fastPath,
    ...(fastPath ? { retrospectiveReviewDue: new Date(now.getTime() + DAY_MS).toISOString() } : {}),
  };
  set.decidedAt = now;
  eventData.fastPath = fastPath;
  await cases.addMember(c.id, actor.id, 'approver', tx);
  await clocks.meet(c.id, 'decision', tx);
  if (fastPath) {
    const due = new Date(now.getTime() + DAY_MS);
    after.push(async () => void (await clocks.arm(c.id, 'retrospective_review', due, tx)));
  }
};

export const decline: TransitionEffect = async ({ c, actor, now, tx, details, set }, { clocks }) => {
  set.decidedAt = now;
  details.decision = { by: actor.id, at: now.toISOString(), fastPath: false };
  await clocks.meet(c.id, 'decision', tx);
};

export const escalateDecision: TransitionEffect = async ({ c, tx, after }, { escalations }) => {
  after.push(() => escalations.request({ caseId: c.id, reason: 'decision_escalated' }, tx));
};

/** A duplicate points at its original, by id on the case and by reference on the timeline. */
export const markDuplicate: TransitionEffect = async (ctx, { cases }) => {
  const { c, body, tx, details, set, eventData } = ctx;
  if (!body.duplicateOf || body.duplicateOf === c.id) throw required('duplicateOf');
  const original = await cases.findById(body.duplicateOf, tx);
  if (!original) throw required('duplicateOf', 'not found');
  set.duplicateOf = original.id;
  details.duplicateOf = original.reference;
  eventData.duplicateOf = original.reference;
  // Merged: the surviving case's timeline links back to the duplicate (whose own timeline stays readable).
  ctx.after.push(() =>
    cases.addEvent(
      {
        caseId: original.id,
        at: ctx.now,
        actorId: ctx.actor.id,
        actorLabel: 'user',
        type: 'duplicate.merged',
        data: { duplicate: c.reference, duplicateId: c.id },
      },
      tx,
    ),
  );
};

export const close: TransitionEffect = async ({ body, now, details, set, eventData }) => {
  if (!body.closure) throw required('closure');
  set.closedAt = now;
  details.closure = { outcome: body.closure.outcome, at: now.toISOString() };
  eventData.outcome = body.closure.outcome;
};

export const reopen: TransitionEffect = async ({ set }) => {
  set.closedAt = null;
};

/** The effect of each step; a step not listed only changes the status (and is logged). */
export const transitionEffects: Partial<Record<TransitionAction, TransitionEffect>> = {
  acknowledge,
  assess,
  request_decision: requestDecision,
  approve,
  decline,
  escalate_decision: escalateDecision,
  mark_duplicate: markDuplicate,
  close,
  reopen,
};
