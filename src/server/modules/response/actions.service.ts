import { randomUUID } from 'node:crypto';
import type { ActionCreateInput, ActionPatchInput, ActionView } from '../../../shared/contracts/response.js';
import { rolesAllow } from '../../../shared/permissions.js';
import type { ActionStatus } from '../../../shared/vocabularies.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { ResponseRepo } from './response.repo.js';
import { iso, type ResponseDeps, type ResponseKit } from './response.shared.js';
import type { ResponseViews } from './response.views.js';

/** Where an action may go from each status; done and cancelled are final. */
export const actionFlow: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export interface LegalDetails {
  court?: string | undefined;
  caseNumber?: string | undefined;
  hearingDates: Date[];
}

/** A legal action's court details as stored: empty fields left out, hearing dates in order. */
export const legalDetails = (d: LegalDetails) => ({
  ...(d.court ? { court: d.court } : {}),
  ...(d.caseNumber ? { caseNumber: d.caseNumber } : {}),
  hearingDates: d.hearingDates.map((x) => x.toISOString()).sort(),
});

/** The timeline event of an action change: its status move if it moved, else an assignment or an edit. */
export function actionEventType(from: ActionStatus, to: ActionStatus, changed: readonly string[]): string {
  if (to !== from)
    return { in_progress: 'action.started', done: 'action.completed', cancelled: 'action.cancelled' }[
      to as 'in_progress' | 'done' | 'cancelled'
    ];
  return changed.includes('ownerUserId') ? 'action.assigned' : 'action.updated';
}

/**
 * Actions typed by role (legal, medical, psychosocial, protection, …; DESIGN §2.3): create one,
 * assign it, move it through its statuses, close it with an outcome. The first action under way meets
 * the case's first-action clock.
 */
export function createActionUseCases(
  deps: Pick<ResponseDeps, 'repo' | 'cases' | 'workflow' | 'clocks' | 'clock'>,
  kit: ResponseKit,
  views: ResponseViews,
) {
  const { repo, cases, workflow, clocks, clock } = deps;
  const { write, caseLog, auditRead, seal } = kit;

  /** An owner must be an active user who can see cases; they join the case team to do the work. */
  async function assignOwner(c: CaseRow, ownerUserId: string, tx: Executor) {
    const owner = await repo.activeUser(ownerUserId, tx);
    if (!owner || !rolesAllow(owner.roles, 'cases:read'))
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'ownerUserId', message: 'not a user who can work on cases' }],
      });
    await cases.addMember(c.id, ownerUserId, 'action_owner', tx);
  }

  async function listActions(c: CaseRow): Promise<ActionView[]> {
    const now = clock.now();
    const out: ActionView[] = [];
    for (const r of await repo.actionsOf(c.id))
      out.push(await views.actionView(c, r.action, r.ownerName, now));
    return out;
  }

  async function actions(caseId: string, actor: Actor): Promise<ActionView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const list = await listActions(c);
    await auditRead(c, actor, 'actions');
    return list;
  }

  /** "My actions": the actions this user owns, on the cases they may still read (others are skipped). */
  async function myActions(actor: Actor): Promise<(ActionView & { caseReference: string })[]> {
    const out: (ActionView & { caseReference: string })[] = [];
    for (const caseId of await repo.casesWithActionsOf(actor.id)) {
      const c = await workflow.loadForActor(caseId, actor).catch((err: unknown) => {
        if (err instanceof AppError) return null;
        throw err;
      });
      if (!c) continue;
      for (const a of await listActions(c))
        if (a.ownerUserId === actor.id) out.push({ ...a, caseReference: c.reference });
    }
    return out.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
  }

  function createAction(caseId: string, actor: Actor, input: ActionCreateInput): Promise<ActionView> {
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
          notesEnc: await seal(c, input.notes, aad('case_actions', 'notes', id), tx),
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      const data = {
        actionId: id,
        role: input.role,
        type: input.type,
        ownerUserId: row.ownerUserId,
        deadline: iso(row.deadline),
      };
      await caseLog({ caseId: c.id, actorId: actor.id, type: 'action.created', data, at: now }, tx);
      return views.actionView(c, row, await repo.displayName(row.ownerUserId, tx), now, tx);
    });
  }

  function updateAction(
    caseId: string,
    actionId: string,
    actor: Actor,
    input: ActionPatchInput,
  ): Promise<ActionView> {
    return write(caseId, actor, 'actions', async (c, tx, now) => {
      const a = await repo.findAction(c.id, actionId, tx);
      if (!a) throw new AppError('NOT_FOUND');
      // A stale edit is refused with the action as it is now: the caller sees both and chooses.
      if (input.expectedVersion !== a.version) {
        const current = await views.actionView(c, a, await repo.displayName(a.ownerUserId, tx), now, tx);
        throw new AppError('CONFLICT', { current });
      }
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
        set.notesEnc = await seal(c, input.notes, aad('case_actions', 'notes', a.id), tx);
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
        firstAction = await cases.markFirstAction(c.id, now, tx);
        if (firstAction) await clocks.meet(c.id, 'first_action', tx);
      }
      const data = {
        actionId: a.id,
        role: a.role,
        type: a.type,
        ...(to !== from ? { from, to } : {}),
        ...(changed.includes('ownerUserId') ? { ownerUserId: updated.ownerUserId } : {}),
        changed,
        ...(firstAction ? { firstAction: true } : {}),
      };
      const type = actionEventType(from, to, changed);
      await caseLog({ caseId: c.id, actorId: actor.id, type, data, at: now }, tx);
      return views.actionView(c, updated, await repo.displayName(updated.ownerUserId, tx), now, tx);
    });
  }

  return { listActions, actions, myActions, createAction, updateAction };
}
