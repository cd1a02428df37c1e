import { randomUUID } from 'node:crypto';
import { rolesAllow } from '../../../shared/permissions.js';
import {
  type ActionRole,
  type ActionStatus,
  type ActionType,
  type Agency,
  type FeedbackChannel,
  type ImpactScope,
  type ImpactType,
  type InstitutionalRequest,
  type InstitutionalResponseType,
} from '../../../shared/vocabularies.js';
import { ARREST_LIMIT_HOURS, ARREST_WARNING_HOURS, type CaseStatus } from '../../../shared/workflow.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import { requireNotShredded, type Vault } from '../../security/vault.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { ClocksRepo } from '../clocks/clocks.repo.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import type {
  ActionRow,
  AfterActionReviewRow,
  ArrestRow,
  FeedbackRow,
  ImpactRow,
  InstitutionalResponseRow,
  ResponseRepo,
} from './response.repo.js';
import type {
  ActionCreateInput,
  ActionPatchInput,
  ActionView,
  ArrestCreateInput,
  ArrestPatchInput,
  ArrestView,
  FeedbackInput,
  FeedbackView,
  ImpactInput,
  ImpactView,
  InstitutionalResponseInput,
  InstitutionalResponseView,
  ReviewInput,
  ReviewView,
} from '../../../shared/contracts/response.js';

const HOUR = 3_600_000;
/** Client clocks drift: a time "now" from a phone may be a little ahead of the server. */
const SKEW_MS = 5 * 60_000;

/** Which case statuses accept each kind of write (CASE_NOT_ACTIVE otherwise). */
export const acceptsWrites = {
  /** New actions and changes to them: the case has been approved and is being worked. */
  actions: ['active', 'follow_up'],
  /** The arrest clock is constitutional: it runs from intake, and a release may be logged after closure. */
  arrests: ['received', 'screening', 'assessed', 'awaiting_decision', 'active', 'follow_up', 'closed'],
  institutionalResponses: [
    'received',
    'screening',
    'assessed',
    'awaiting_decision',
    'active',
    'follow_up',
    'closed',
  ],
  feedback: ['active', 'follow_up', 'closed'],
  impacts: ['active', 'follow_up', 'closed'],
  afterActionReview: ['follow_up', 'closed'],
} as const satisfies Record<string, readonly CaseStatus[]>;

const actionFlow: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

interface LegalDetails {
  court?: string | undefined;
  caseNumber?: string | undefined;
  hearingDates: Date[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The response phase of a case (DESIGN §2.3, §2.6): actions typed by role, arrests and their 24-hour
 * clock, the institutional response log, victim feedback, impacts and the after-action review.
 * Every write loads the case through the need-to-know policy, runs in one transaction, and leaves a
 * timeline event and an audit entry carrying ids and codes only; identifying free text is encrypted
 * under the case's data key.
 */
export function createResponseService(deps: {
  db: Db;
  repo: ResponseRepo;
  cases: CasesRepo;
  workflow: WorkflowService;
  clocks: ClocksService;
  clocksRepo: ClocksRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
}) {
  const { db, repo, cases, workflow, clocks, clocksRepo, vault, audit, clock } = deps;

  /** Load (need-to-know), lock, check the case's status, then run `fn` in the same transaction. */
  function write<T>(
    caseId: string,
    actor: Actor,
    kind: keyof typeof acceptsWrites,
    fn: (c: CaseRow, tx: Executor, now: Date) => Promise<T>,
  ): Promise<T> {
    return db
      .transaction(async (tx) => {
        await workflow.loadForActor(caseId, actor, tx);
        const c = await repo.lockCase(caseId, tx);
        if (!c) throw new AppError('NOT_FOUND');
        if (!(acceptsWrites[kind] as readonly string[]).includes(c.status))
          throw new AppError('CASE_NOT_ACTIVE', { status: c.status, kind });
        return fn(c, tx, clock.now());
      })
      .catch(requireNotShredded); // a crypto-shredded case takes no new personal data
  }

  /** The timeline event and the audit entry of a write: the same ids-and-codes payload for both. */
  async function record(
    c: CaseRow,
    actor: Actor,
    type: string,
    data: Record<string, unknown>,
    tx: Executor,
    now: Date,
  ) {
    await cases.addEvent({ caseId: c.id, at: now, actorId: actor.id, actorLabel: 'user', type, data }, tx);
    await audit.record(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action: type,
        subjectType: 'case',
        subjectId: c.id,
        meta: data,
      },
      tx,
    );
  }

  /** Reading decrypted response data is a read of sensitive fields: audited like the case page. */
  async function auditRead(c: CaseRow, actor: Actor, section: string) {
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'response.read',
      subjectType: 'case',
      subjectId: c.id,
      meta: { section },
    });
  }

  const seal = (c: CaseRow, value: string | null | undefined, aad: string, tx: Executor) =>
    vault.encryptOptional(c.dataKeyId, value?.trim() || null, aad, tx);
  const unseal = (c: CaseRow, sealed: string | null, aad: string, tx?: Executor) =>
    vault.decryptOptional(c.dataKeyId, sealed, aad, tx);

  /* ---------- views ---------- */

  async function actionView(
    c: CaseRow,
    a: ActionRow,
    ownerName: string | null,
    now: Date,
    tx?: Executor,
  ): Promise<ActionView> {
    const d = a.details as { court?: string; caseNumber?: string; hearingDates?: string[] };
    const status = a.status as ActionStatus;
    return {
      id: a.id,
      caseId: a.caseId,
      role: a.role as ActionRole,
      type: a.type as ActionType,
      status,
      ownerUserId: a.ownerUserId,
      ownerName,
      deadline: iso(a.deadline),
      overdue:
        Boolean(a.deadline) &&
        (status === 'open' || status === 'in_progress') &&
        a.deadline!.getTime() < now.getTime(),
      outcome: a.outcome,
      notes: await unseal(c, a.notesEnc, `case_actions.notes:${a.id}`, tx),
      details:
        a.role === 'legal'
          ? { court: d.court ?? null, caseNumber: d.caseNumber ?? null, hearingDates: d.hearingDates ?? [] }
          : null,
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
      completedAt: iso(a.completedAt),
      version: a.version,
    };
  }

  function arrestView(a: ArrestRow, now: Date): ArrestView {
    const deadline = a.arrestedAt.getTime() + ARREST_LIMIT_HOURS * HOUR;
    const warningAt = a.arrestedAt.getTime() + ARREST_WARNING_HOURS * HOUR;
    const stops = [a.producedInCourtAt, a.releasedAt].filter((d): d is Date => Boolean(d));
    const stoppedAt = stops.length ? Math.min(...stops.map((d) => d.getTime())) : null;
    const running = stoppedAt === null;
    const msLeft = running ? deadline - now.getTime() : null;
    return {
      id: a.id,
      caseId: a.caseId,
      personId: a.personId,
      arrestedAt: a.arrestedAt.toISOString(),
      policeStation: a.policeStation,
      obNumber: a.obNumber,
      producedInCourtAt: iso(a.producedInCourtAt),
      releasedAt: iso(a.releasedAt),
      createdBy: a.createdBy,
      createdAt: a.createdAt.toISOString(),
      deadline: new Date(deadline).toISOString(),
      warningAt: new Date(warningAt).toISOString(),
      running,
      msLeft,
      warning: running && now.getTime() >= warningAt,
      breached: running ? msLeft! <= 0 : stoppedAt >= deadline,
    };
  }

  async function institutionalView(
    c: CaseRow,
    r: InstitutionalResponseRow,
    tx?: Executor,
  ): Promise<InstitutionalResponseView> {
    return {
      id: r.id,
      caseId: r.caseId,
      agency: r.agency as Agency,
      station: r.station,
      officer: await unseal(c, r.officerEnc, `institutional_responses.officer:${r.id}`, tx),
      request: r.request as InstitutionalRequest,
      response: r.response as InstitutionalResponseType,
      obNumber: r.obNumber,
      at: r.at.toISOString(),
      notes: await unseal(c, r.notesEnc, `institutional_responses.notes:${r.id}`, tx),
      createdBy: r.createdBy,
    };
  }

  async function feedbackView(c: CaseRow, f: FeedbackRow, tx?: Executor): Promise<FeedbackView> {
    return {
      id: f.id,
      caseId: f.caseId,
      channel: f.channel as FeedbackChannel,
      satisfaction: f.satisfaction,
      confidentialityRespected: f.confidentialityRespected,
      decidedNextSteps: f.decidedNextSteps,
      unmetNeeds: await unseal(c, f.unmetNeedsEnc, `victim_feedback.unmet_needs:${f.id}`, tx),
      at: f.at.toISOString(),
      recordedBy: f.recordedBy,
    };
  }

  async function impactView(c: CaseRow, i: ImpactRow, tx?: Executor): Promise<ImpactView> {
    return {
      id: i.id,
      caseId: i.caseId,
      scope: i.scope as ImpactScope,
      code: i.code as ImpactType,
      note: await unseal(c, i.noteEnc, `case_impacts.note:${i.id}`, tx),
      at: i.at.toISOString(),
      recordedBy: i.recordedBy,
    };
  }

  async function reviewView(c: CaseRow, r: AfterActionReviewRow, tx?: Executor): Promise<ReviewView> {
    const aad = (col: string) => `after_action_reviews.${col}:${r.id}`;
    return {
      id: r.id,
      caseId: r.caseId,
      whatWorked: (await unseal(c, r.whatWorkedEnc, aad('what_worked'), tx)) ?? '',
      challenges: (await unseal(c, r.challengesEnc, aad('challenges'), tx)) ?? '',
      lessons: (await unseal(c, r.lessonsEnc, aad('lessons'), tx)) ?? '',
      reviewedBy: r.reviewedBy,
      at: r.at.toISOString(),
    };
  }

  /* ---------- helpers ---------- */

  /** An owner must be an active user who can see cases; they join the case team to do the work. */
  async function assignOwner(c: CaseRow, ownerUserId: string, tx: Executor) {
    const owner = await repo.activeUser(ownerUserId, tx);
    if (!owner || !rolesAllow(owner.roles, 'cases:read'))
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'ownerUserId', message: 'not a user who can work on cases' }],
      });
    await cases.addMember(c.id, ownerUserId, 'action_owner', tx);
  }

  function notFuture(value: Date | undefined, path: string, now: Date) {
    if (value && value.getTime() > now.getTime() + SKEW_MS)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: 'cannot be in the future' }] });
  }

  const legalDetails = (d: LegalDetails) => ({
    ...(d.court ? { court: d.court } : {}),
    ...(d.caseNumber ? { caseNumber: d.caseNumber } : {}),
    hearingDates: d.hearingDates.map((x) => x.toISOString()).sort(),
  });

  /**
   * The case's arrest clocks (one 18 h warning and one 24 h limit per case) follow the running arrest
   * whose deadline comes first and is still ahead, or failing that the earliest running one.
   */
  function clockTarget(rows: ArrestRow[], now: Date): ArrestRow | undefined {
    const running = rows.filter((a) => !a.producedInCourtAt && !a.releasedAt);
    const ahead = running.filter((a) => a.arrestedAt.getTime() + ARREST_LIMIT_HOURS * HOUR > now.getTime());
    return ahead[0] ?? running[0];
  }

  async function syncArrestClocks(
    caseId: string,
    before: ArrestRow | undefined,
    now: Date,
    tx: Executor,
  ): Promise<void> {
    const after = clockTarget(await repo.arrestsOf(caseId, tx), now);
    if (after?.id === before?.id) return;
    if (after) await clocks.armArrest(caseId, after.id, after.arrestedAt, tx);
    else {
      await clocks.meet(caseId, 'arrest_18h', tx);
      await clocks.meet(caseId, 'arrest_24h', tx);
    }
  }

  async function aarRequired(c: CaseRow, hasReview: boolean): Promise<boolean> {
    if (hasReview) return false;
    return c.priority === 'P1' || (await clocksRepo.anyBreached(c.id));
  }

  /* ---------- reads ---------- */

  async function listActions(c: CaseRow) {
    const now = clock.now();
    const out: ActionView[] = [];
    for (const r of await repo.actionsOf(c.id)) out.push(await actionView(c, r.action, r.ownerName, now));
    return out;
  }
  const listArrests = async (c: CaseRow) => {
    const now = clock.now();
    return (await repo.arrestsOf(c.id)).map((a) => arrestView(a, now));
  };
  const listInstitutional = async (c: CaseRow) =>
    Promise.all((await repo.institutionalResponsesOf(c.id)).map((r) => institutionalView(c, r)));
  const listFeedback = async (c: CaseRow) =>
    Promise.all((await repo.feedbackOf(c.id)).map((f) => feedbackView(c, f)));
  const listImpacts = async (c: CaseRow) =>
    Promise.all((await repo.impactsOf(c.id)).map((i) => impactView(c, i)));

  return {
    acceptsWrites,

    async actions(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const actions = await listActions(c);
      await auditRead(c, actor, 'actions');
      return actions;
    },

    async createAction(caseId: string, actor: Actor, input: ActionCreateInput): Promise<ActionView> {
      return write(caseId, actor, 'actions', async (c, tx, now) => {
        const id = randomUUID();
        if (input.ownerUserId) await assignOwner(c, input.ownerUserId, tx);
        const row = await repo.insertAction(
          {
            id,
            caseId: c.id,
            role: input.role,
            type: input.type,
            ownerUserId: input.ownerUserId ?? null,
            deadline: input.deadline ?? null,
            status: 'open',
            details: input.role === 'legal' ? legalDetails(input.details ?? { hearingDates: [] }) : {},
            notesEnc: await seal(c, input.notes, `case_actions.notes:${id}`, tx),
            createdBy: actor.id,
            createdAt: now,
          },
          tx,
        );
        await record(
          c,
          actor,
          'action.created',
          {
            actionId: id,
            role: input.role,
            type: input.type,
            ownerUserId: row.ownerUserId,
            deadline: iso(row.deadline),
          },
          tx,
          now,
        );
        return actionView(c, row, await repo.displayName(row.ownerUserId, tx), now, tx);
      });
    },

    async updateAction(
      caseId: string,
      actionId: string,
      actor: Actor,
      input: ActionPatchInput,
    ): Promise<ActionView> {
      return write(caseId, actor, 'actions', async (c, tx, now) => {
        const a = await repo.findAction(c.id, actionId, tx);
        if (!a) throw new AppError('NOT_FOUND');
        if (input.expectedVersion !== a.version) throw new AppError('CONFLICT');
        const from = a.status as ActionStatus;
        const to = input.status ?? from;
        if (to !== from && !actionFlow[from].includes(to))
          throw new AppError('ACTION_STATUS_NOT_ALLOWED', { from, to });
        const outcome = input.outcome ?? a.outcome;
        if (to === 'done' && !outcome?.trim()) {
          throw new AppError('OUTCOME_REQUIRED', { fields: [{ path: 'outcome', message: 'required' }] });
        }
        if (input.details && a.role !== 'legal') {
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: 'details', message: 'only legal actions have court details' }],
          });
        }
        const set: Parameters<ResponseRepo['updateAction']>[2] = {};
        const changed: string[] = [];
        if (to !== from) {
          set.status = to;
          changed.push('status');
          if (to === 'done' || to === 'cancelled') set.completedAt = now;
        }
        if (input.outcome !== undefined && input.outcome !== a.outcome) {
          set.outcome = input.outcome;
          changed.push('outcome');
        }
        if (input.ownerUserId !== undefined && input.ownerUserId !== a.ownerUserId) {
          if (input.ownerUserId) await assignOwner(c, input.ownerUserId, tx);
          set.ownerUserId = input.ownerUserId;
          changed.push('ownerUserId');
        }
        if (input.deadline !== undefined && iso(input.deadline) !== iso(a.deadline)) {
          set.deadline = input.deadline;
          changed.push('deadline');
        }
        if (input.notes !== undefined) {
          set.notesEnc = await seal(c, input.notes, `case_actions.notes:${a.id}`, tx);
          changed.push('notes');
        }
        if (input.details) {
          set.details = legalDetails(input.details);
          changed.push('details');
        }
        const updated = await repo.updateAction(a.id, a.version, set, tx);
        if (!updated) throw new AppError('CONFLICT');

        // The first action under way meets the case's first-action clock.
        let firstAction = false;
        if ((to === 'in_progress' || to === 'done') && to !== from) {
          firstAction = await repo.markFirstAction(c.id, now, tx);
          if (firstAction) await clocks.meet(c.id, 'first_action', tx);
        }
        const type =
          to !== from
            ? { in_progress: 'action.started', done: 'action.completed', cancelled: 'action.cancelled' }[
                to as 'in_progress' | 'done' | 'cancelled'
              ]
            : changed.includes('ownerUserId')
              ? 'action.assigned'
              : 'action.updated';
        await record(
          c,
          actor,
          type,
          {
            actionId: a.id,
            role: a.role,
            type: a.type,
            ...(to !== from ? { from, to } : {}),
            ...(changed.includes('ownerUserId') ? { ownerUserId: updated.ownerUserId } : {}),
            changed,
            ...(firstAction ? { firstAction: true } : {}),
          },
          tx,
          now,
        );
        return actionView(c, updated, await repo.displayName(updated.ownerUserId, tx), now, tx);
      });
    },

    async arrests(caseId: string, actor: Actor): Promise<ArrestView[]> {
      const c = await workflow.loadForActor(caseId, actor);
      return listArrests(c);
    },

    async recordArrest(caseId: string, actor: Actor, input: ArrestCreateInput): Promise<ArrestView> {
      return write(caseId, actor, 'arrests', async (c, tx, now) => {
        notFuture(input.arrestedAt, 'arrestedAt', now);
        if (
          input.personId &&
          !(await cases.personsOf(c.id, tx)).some((p) => p.person.id === input.personId)
        ) {
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: 'personId', message: 'not a person on this case' }],
          });
        }
        const before = clockTarget(await repo.arrestsOf(c.id, tx), now);
        const row = await repo.insertArrest(
          {
            id: randomUUID(),
            caseId: c.id,
            personId: input.personId ?? null,
            arrestedAt: input.arrestedAt,
            policeStation: input.policeStation,
            obNumber: input.obNumber ?? null,
            createdBy: actor.id,
            createdAt: now,
          },
          tx,
        );
        await syncArrestClocks(c.id, before, now, tx);
        await record(
          c,
          actor,
          'arrest.recorded',
          {
            arrestId: row.id,
            arrestedAt: row.arrestedAt.toISOString(),
            hasObNumber: Boolean(row.obNumber),
            ...(row.personId ? { personId: row.personId } : {}),
          },
          tx,
          now,
        );
        return arrestView(row, now);
      });
    },

    async updateArrest(
      caseId: string,
      arrestId: string,
      actor: Actor,
      input: ArrestPatchInput,
    ): Promise<ArrestView> {
      return write(caseId, actor, 'arrests', async (c, tx, now) => {
        const a = await repo.findArrest(c.id, arrestId, tx);
        if (!a) throw new AppError('NOT_FOUND');
        for (const [path, value] of [
          ['producedInCourtAt', input.producedInCourtAt],
          ['releasedAt', input.releasedAt],
        ] as const) {
          notFuture(value, path, now);
          if (value && value.getTime() < a.arrestedAt.getTime())
            throw new AppError('VALIDATION_FAILED', {
              fields: [{ path, message: 'cannot be before the arrest' }],
            });
        }
        const before = clockTarget(await repo.arrestsOf(c.id, tx), now);
        const updated = await repo.updateArrest(
          a.id,
          {
            ...(input.producedInCourtAt ? { producedInCourtAt: input.producedInCourtAt } : {}),
            ...(input.releasedAt ? { releasedAt: input.releasedAt } : {}),
            ...(input.obNumber ? { obNumber: input.obNumber } : {}),
          },
          tx,
        );
        await syncArrestClocks(c.id, before, now, tx);
        const view = arrestView(updated, now);
        await record(
          c,
          actor,
          input.producedInCourtAt
            ? 'arrest.produced_in_court'
            : input.releasedAt
              ? 'arrest.released'
              : 'arrest.updated',
          {
            arrestId: a.id,
            changed: Object.keys(input).filter((k) => input[k as keyof ArrestPatchInput] !== undefined),
            breached: view.breached,
          },
          tx,
          now,
        );
        return view;
      });
    },

    async institutionalResponses(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const list = await listInstitutional(c);
      await auditRead(c, actor, 'institutional_responses');
      return list;
    },

    async logInstitutionalResponse(
      caseId: string,
      actor: Actor,
      input: InstitutionalResponseInput,
    ): Promise<InstitutionalResponseView> {
      return write(caseId, actor, 'institutionalResponses', async (c, tx, now) => {
        notFuture(input.at, 'at', now);
        const id = randomUUID();
        const row = await repo.insertInstitutionalResponse(
          {
            id,
            caseId: c.id,
            agency: input.agency,
            station: input.station ?? null,
            officerEnc: await seal(c, input.officer, `institutional_responses.officer:${id}`, tx),
            request: input.request,
            response: input.response,
            obNumber: input.obNumber ?? null,
            at: input.at ?? now,
            notesEnc: await seal(c, input.notes, `institutional_responses.notes:${id}`, tx),
            createdBy: actor.id,
          },
          tx,
        );
        await record(
          c,
          actor,
          'institutional_response.logged',
          { institutionalResponseId: id, agency: row.agency, request: row.request, response: row.response },
          tx,
          now,
        );
        return institutionalView(c, row, tx);
      });
    },

    async feedback(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const list = await listFeedback(c);
      await auditRead(c, actor, 'feedback');
      return list;
    },

    async recordFeedback(caseId: string, actor: Actor, input: FeedbackInput): Promise<FeedbackView> {
      return write(caseId, actor, 'feedback', async (c, tx, now) => {
        notFuture(input.at, 'at', now);
        const id = randomUUID();
        const row = await repo.insertFeedback(
          {
            id,
            caseId: c.id,
            channel: input.channel,
            satisfaction: input.satisfaction,
            confidentialityRespected: input.confidentialityRespected,
            decidedNextSteps: input.decidedNextSteps,
            unmetNeedsEnc: await seal(c, input.unmetNeeds, `victim_feedback.unmet_needs:${id}`, tx),
            at: input.at ?? now,
            recordedBy: actor.id,
          },
          tx,
        );
        await record(
          c,
          actor,
          'feedback.recorded',
          {
            feedbackId: id,
            channel: row.channel,
            satisfaction: row.satisfaction,
            confidentialityRespected: row.confidentialityRespected,
            decidedNextSteps: row.decidedNextSteps,
            hasUnmetNeeds: Boolean(row.unmetNeedsEnc),
          },
          tx,
          now,
        );
        return feedbackView(c, row, tx);
      });
    },

    async impacts(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const list = await listImpacts(c);
      await auditRead(c, actor, 'impacts');
      return list;
    },

    async recordImpact(caseId: string, actor: Actor, input: ImpactInput): Promise<ImpactView> {
      return write(caseId, actor, 'impacts', async (c, tx, now) => {
        notFuture(input.at, 'at', now);
        const id = randomUUID();
        const row = await repo.insertImpact(
          {
            id,
            caseId: c.id,
            scope: input.scope,
            code: input.code,
            noteEnc: await seal(c, input.note, `case_impacts.note:${id}`, tx),
            at: input.at ?? now,
            recordedBy: actor.id,
          },
          tx,
        );
        await record(
          c,
          actor,
          'impact.recorded',
          { impactId: id, scope: row.scope, code: row.code },
          tx,
          now,
        );
        return impactView(c, row, tx);
      });
    },

    async afterActionReview(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const row = await repo.reviewOf(c.id);
      const review = row ? await reviewView(c, row) : null;
      if (row) await auditRead(c, actor, 'after_action_review');
      return { review, required: await aarRequired(c, Boolean(row)) };
    },

    async recordAfterActionReview(caseId: string, actor: Actor, input: ReviewInput): Promise<ReviewView> {
      return write(caseId, actor, 'afterActionReview', async (c, tx, now) => {
        // The case row is locked by `write`, so two reviews cannot race past this check.
        if (await repo.reviewOf(c.id, tx)) throw new AppError('CONFLICT', { reason: 'review_exists' });
        const id = randomUUID();
        const aad = (col: string) => `after_action_reviews.${col}:${id}`;
        const row = await repo.insertReview(
          {
            id,
            caseId: c.id,
            whatWorkedEnc: await vault.encrypt(c.dataKeyId, input.whatWorked, aad('what_worked'), tx),
            challengesEnc: await vault.encrypt(c.dataKeyId, input.challenges, aad('challenges'), tx),
            lessonsEnc: await vault.encrypt(c.dataKeyId, input.lessons, aad('lessons'), tx),
            reviewedBy: actor.id,
            at: now,
          },
          tx,
        );
        const required = c.priority === 'P1' || (await clocksRepo.anyBreached(c.id, tx));
        await record(c, actor, 'after_action_review.recorded', { reviewId: id, required }, tx, now);
        return reviewView(c, row, tx);
      });
    },

    /** Everything the response tab of the console shows, in one audited read. */
    async summary(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const reviewRow = await repo.reviewOf(c.id);
      const result = {
        actions: await listActions(c),
        arrests: await listArrests(c),
        institutionalResponses: await listInstitutional(c),
        feedback: await listFeedback(c),
        impacts: await listImpacts(c),
        afterActionReview: reviewRow ? await reviewView(c, reviewRow) : null,
        aarRequired: await aarRequired(c, Boolean(reviewRow)),
      };
      await auditRead(c, actor, 'summary');
      return result;
    },
  };
}
export type ResponseService = ReturnType<typeof createResponseService>;
