import {
  BULK_MAX,
  bulkInput,
  type BulkAction,
  type BulkInput,
  type BulkResult,
} from '../../../shared/contracts/events.js';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError, errorMessage } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import type { Locale } from '../../../shared/locale.js';
import type { CaseLog } from '../cases/case-log.js';
import type { QueueQueryInput } from '../cases/case-views.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { EventsManage } from './events.manage.js';

export interface BulkDeps {
  db: Db;
  cases: CasesRepo;
  workflow: Pick<WorkflowService, 'loadForActor' | 'transition'>;
  queueIds(actor: Actor, q: QueueQueryInput, max: number): Promise<string[]>;
  /** Whether a user may lead cases (an active staff account). */
  userCanLead(userId: string): Promise<boolean>;
  events: Pick<EventsManage, 'load' | 'attachOne'>;
  caseLog: CaseLog;
  audit: Audit;
  clock: Clock;
}

type Outcome = 'changed' | 'unchanged';

const missing = (field: string) =>
  new AppError('VALIDATION_FAILED', { fields: [{ path: field, message: 'required' }] });

/**
 * Bulk work from the queue (DESIGN §2.7): one action over many cases, applied case by case through the
 * same workflow and case log as a single change — so each case gets its own timeline event and audit
 * entry, and a case is changed wholly or not at all (one transaction per case). A refusal on one case
 * (not visible, wrong state, changed meanwhile) is reported for that case and the others go on.
 */
export function createBulk(deps: BulkDeps) {
  const { db, cases, workflow, events, caseLog, audit, clock } = deps;

  /** In one transaction: the case as the caller reads it in full, then `fn`. */
  function onCase(caseId: string, actor: Actor, fn: (c: CaseRow, tx: Executor) => Promise<Outcome>) {
    return db.transaction(async (tx) => fn(await workflow.loadForActor(caseId, actor, tx), tx));
  }

  return async function bulk(raw: BulkInput, actor: Actor, locale: Locale): Promise<BulkResult> {
    const input = bulkInput.parse(raw);
    const { action } = input;
    // Everything the action needs is checked before any case is touched.
    if (action === 'attach_event' && !input.eventId) throw missing('eventId');
    if (action === 'assign_lead' && !input.userId) throw missing('userId');
    if (action === 'mark_duplicate' && !input.originalId) throw missing('originalId');
    if (action === 'mark_duplicate' && !input.reason) throw missing('reason');
    if (action === 'set_place' && !input.county) throw missing('county');
    if (action === 'add_tag' && !input.tag) throw missing('tag');
    if (action === 'assign_lead' && !(await deps.userCanLead(input.userId!))) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'userId', message: 'not a staff member' }],
      });
    }
    const event = action === 'attach_event' ? await events.load(input.eventId!) : null;
    if (action === 'mark_duplicate') await workflow.loadForActor(input.originalId!, actor);

    let ids = input.caseIds ?? [];
    if (input.filter) {
      ids = await deps.queueIds(actor, { ...input.filter, limit: BULK_MAX + 1 }, BULK_MAX + 1);
      if (ids.length > BULK_MAX) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'filter', message: `more than ${BULK_MAX} cases match: narrow the filter` }],
        });
      }
    }
    ids = [...new Set(ids)].filter((id) => !(action === 'mark_duplicate' && id === input.originalId));

    const apply: Record<BulkAction, (caseId: string) => Promise<Outcome>> = {
      async acknowledge(caseId) {
        const c = await workflow.loadForActor(caseId, actor).catch(() => null);
        // Already past "received" (someone took it meanwhile): nothing to do, not a failure.
        if (c && c.status !== 'received') return 'unchanged';
        await workflow.transition(caseId, 'acknowledge', actor, {});
        return 'changed';
      },
      async attach_event(caseId) {
        return db.transaction(async (tx) =>
          (await events.attachOne(event!, caseId, actor, tx)) ? 'changed' : 'unchanged',
        );
      },
      assign_lead: (caseId) =>
        onCase(caseId, actor, async (c, tx) => {
          if (c.leadUserId === input.userId) return 'unchanged';
          const updated = await cases.setLead(c.id, c.version, input.userId!, tx);
          if (!updated) throw new AppError('CONFLICT');
          await cases.addMember(c.id, input.userId!, 'lead', tx);
          await caseLog(
            {
              caseId: c.id,
              actorId: actor.id,
              type: 'case.lead_assigned',
              data: { userId: input.userId, previous: c.leadUserId },
              at: clock.now(),
            },
            tx,
          );
          return 'changed';
        }),
      async mark_duplicate(caseId) {
        const c = await workflow.loadForActor(caseId, actor);
        if (c.status === 'duplicate' && c.duplicateOf === input.originalId) return 'unchanged';
        // A report not yet acknowledged is acknowledged first (its own step on the timeline).
        if (c.status === 'received') await workflow.transition(caseId, 'acknowledge', actor, {});
        await workflow.transition(caseId, 'mark_duplicate', actor, {
          duplicateOf: input.originalId!,
          reason: input.reason!,
        });
        return 'changed';
      },
      set_place: (caseId) =>
        onCase(caseId, actor, async (c, tx) => {
          const area = {
            county: input.county!,
            subCounty: input.subCounty || null,
            ward: input.ward || null,
          };
          if (c.county === area.county && c.subCounty === area.subCounty && c.ward === area.ward)
            return 'unchanged';
          const updated = await cases.setArea(c.id, c.version, area, tx);
          if (!updated) throw new AppError('CONFLICT');
          await caseLog(
            {
              caseId: c.id,
              actorId: actor.id,
              type: 'case.place_set',
              data: {
                county: area.county,
                subCounty: area.subCounty,
                ward: area.ward,
                previous: { county: c.county, ward: c.ward },
              },
              at: clock.now(),
            },
            tx,
          );
          return 'changed';
        }),
      add_tag: (caseId) =>
        onCase(caseId, actor, async (c, tx) => {
          if (!(await cases.addTag(c.id, input.tag!, actor.id, tx))) return 'unchanged';
          await caseLog(
            {
              caseId: c.id,
              actorId: actor.id,
              type: 'case.tagged',
              data: { tag: input.tag },
              at: clock.now(),
            },
            tx,
          );
          return 'changed';
        }),
    };

    const results: BulkResult['results'] = [];
    for (const caseId of ids) {
      try {
        const outcome = await apply[action](caseId);
        results.push({
          caseId,
          reference: null,
          ok: true,
          unchanged: outcome === 'unchanged',
          error: null,
          message: null,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({
          caseId,
          reference: null,
          ok: false,
          unchanged: true,
          error: err.code,
          message: errorMessage(err.code, locale),
        });
      }
    }
    // References only of the cases the caller reads (a refused id stays a bare id).
    const readable = new Map<string, string>();
    for (const r of results) {
      if (r.error === 'NOT_FOUND') continue;
      const c = await cases.findById(r.caseId);
      if (c) readable.set(c.id, c.reference);
    }
    for (const r of results) r.reference = readable.get(r.caseId) ?? null;
    const succeeded = results.filter((r) => r.ok).length;
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'cases.bulk',
      subjectType: event ? 'event' : 'case',
      ...(event ? { subjectId: event.id } : {}),
      meta: {
        action,
        total: results.length,
        succeeded,
        failed: results.length - succeeded,
        ...(event ? { eventId: event.id } : {}),
      },
    });
    return { action, total: results.length, succeeded, failed: results.length - succeeded, results };
  };
}
