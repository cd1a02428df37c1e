import {
  mechanismOf,
  type AppealCreateInput,
  type AppealResponseInput,
  type AppealSendInput,
  type AppealUpdateInput,
  type AppealView,
  type DraftTexts,
  type TemplateQuery,
} from '../../../shared/contracts/appeals.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { createDrafts } from './drafts.js';
import type { StatementsDeps } from './statements.deps.js';
import type { DispatchRow, StatementRow } from './statements.repo.js';
import { statementView, summaryView } from './statements.views.js';
import { draftTexts, type SourceSummary } from './templates.js';

/**
 * Urgent appeals (DESIGN §2.6): a statement of kind `appeal` addressed to a mechanism. Drafting, the
 * identifying-details check and the second person's approval are the statement's (drafts.ts,
 * decisions.ts); instead of publication an appeal is sent — how, when, to whom — and then tracked for a
 * response like an institutional request: a due date, a reminder when it passes, and the response
 * (recorded, refused, ignored …), also written to the case's institutional response log.
 */
export function createAppeals(deps: StatementsDeps) {
  const { db, repo, audit, clock } = deps;
  const drafts = createDrafts(deps);

  function dispatchView(d: DispatchRow | undefined): AppealView['dispatch'] {
    if (!d) return null;
    return {
      sentVia: d.sentVia as NonNullable<AppealView['dispatch']>['sentVia'],
      sentTo: d.sentTo,
      sentAt: d.sentAt.toISOString(),
      responseDueAt: d.responseDueAt.toISOString(),
      overdue: !d.response && d.responseDueAt.getTime() < clock.now().getTime(),
      remindedAt: d.remindedAt?.toISOString() ?? null,
      response: (d.response as NonNullable<AppealView['dispatch']>['response']) ?? null,
      respondedAt: d.respondedAt?.toISOString() ?? null,
      institutionalResponseId: d.institutionalResponseId,
    };
  }
  const extra = (s: StatementRow, d: DispatchRow | undefined) => ({
    mechanism: s.mechanism as AppealView['mechanism'],
    scope: mechanismOf(s.mechanism ?? '')?.scope ?? 'international',
    dispatch: dispatchView(d),
  });
  async function view(s: StatementRow, tx: Executor = db): Promise<AppealView> {
    return { ...statementView(s, await repo.hitsOf(s.id, tx)), ...extra(s, await repo.dispatchOf(s.id, tx)) };
  }
  async function loadAppeal(id: string, tx: Executor = db): Promise<StatementRow> {
    const s = await repo.findById(id, tx);
    if (!s || s.kind !== 'appeal') throw new AppError('NOT_FOUND');
    return s;
  }
  /** A national recipient reads Kiswahili as well as English: both texts are required. */
  function requireLanguages(mechanism: string, t: { titleSw: string; bodySw: string }) {
    if (mechanismOf(mechanism)?.scope === 'national' && (t.titleSw.length < 3 || t.bodySw.length < 10))
      throw new AppError('APPEAL_SWAHILI_REQUIRED');
  }

  /** What the case or event says that identifies nobody, for the template. */
  async function summaryOf(actor: Actor, q: TemplateQuery): Promise<SourceSummary> {
    if (q.caseId) {
      const c = await deps.loadCase(q.caseId, actor);
      return {
        kind: 'case',
        violationTypes: c.violationTypes,
        county: c.county,
        at: c.incidentAt ?? c.receivedAt,
      };
    }
    const e = await deps.events.findById(q.eventId!);
    if (!e) throw new AppError('NOT_FOUND');
    return {
      kind: 'event',
      title: e.title,
      violationTypes: e.violationTypes,
      county: e.county,
      at: e.startedAt,
      cases: (await deps.events.casesOf(e.id)).length,
      arrests: (await deps.events.arrestCount?.(e.id)) ?? 0,
    };
  }

  async function audited(actor: Actor, action: string, s: StatementRow, meta: object, tx: Executor) {
    await audit.append(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action,
        subjectType: 'statement',
        subjectId: s.id,
        meta: { mechanism: s.mechanism, caseId: s.caseId, eventId: s.eventId, ...meta },
      },
      tx,
    );
  }

  return {
    /** The first draft of a statement (no mechanism) or an appeal, prefilled from the case or event. */
    template: async (actor: Actor, q: TemplateQuery): Promise<DraftTexts> =>
      draftTexts(await summaryOf(actor, q), q.mechanism),

    async list() {
      const rows = await repo.list(200, 'appeal');
      const byId = new Map((await repo.dispatchesOf(rows.map((r) => r.id))).map((d) => [d.statementId, d]));
      return { appeals: rows.map((s) => ({ ...summaryView(s), ...extra(s, byId.get(s.id)) })) };
    },
    get: async (id: string) => view(await loadAppeal(id)),

    async create(actor: Actor, input: AppealCreateInput): Promise<AppealView> {
      requireLanguages(input.mechanism, input);
      const s = await drafts.create(actor, input, { kind: 'appeal', mechanism: input.mechanism });
      return view(s);
    },
    async update(id: string, actor: Actor, input: AppealUpdateInput): Promise<AppealView> {
      requireLanguages((await loadAppeal(id)).mechanism ?? '', input);
      return view(await drafts.update(id, actor, input));
    },

    /** Sent (by the author or a colleague, once approved): how, when, to whom, and when a response is due. */
    async send(id: string, actor: Actor, input: AppealSendInput): Promise<AppealView> {
      return db.transaction(async (tx) => {
        await loadAppeal(id, tx);
        const s = (await repo.lock(id, tx))!;
        if (s.status !== 'approved') throw new AppError('STATEMENT_WRONG_STATE');
        const now = clock.now();
        const sentAt = input.at ?? now;
        if (
          sentAt.getTime() > now.getTime() + 5 * 60_000 ||
          input.responseDueAt.getTime() <= sentAt.getTime()
        )
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path: 'responseDueAt', message: 'after the time it was sent (which is not ahead)' }],
          });
        await repo.insertDispatch(
          {
            statementId: id,
            sentVia: input.via,
            sentTo: input.to,
            sentAt,
            sentBy: actor.id,
            responseDueAt: input.responseDueAt,
          },
          tx,
        );
        const updated = await repo.update(id, { status: 'sent', updatedAt: now }, tx);
        const due = input.responseDueAt.toISOString();
        await audited(actor, 'appeal.send', s, { via: input.via, responseDueAt: due }, tx);
        return view(updated, tx);
      });
    },

    /** The mechanism's response (or its refusal, or silence): on the appeal and in the case's log. */
    async recordResponse(id: string, actor: Actor, input: AppealResponseInput): Promise<AppealView> {
      return db.transaction(async (tx) => {
        await loadAppeal(id, tx);
        const s = (await repo.lock(id, tx))!;
        const d = await repo.dispatchOf(id, tx);
        if (!d || d.response) throw new AppError('APPEAL_NOT_SENT');
        const now = clock.now();
        const at = input.at && input.at.getTime() <= now.getTime() ? input.at : now;
        const logged =
          s.caseId && deps.institutional
            ? await deps.institutional.log(
                {
                  caseId: s.caseId,
                  agency: mechanismOf(s.mechanism ?? '')?.agency ?? 'other',
                  request: 'urgent_appeal',
                  response: input.response,
                  at,
                  actorId: actor.id,
                },
                tx,
              )
            : null;
        await repo.updateDispatch(
          d.id,
          {
            response: input.response,
            respondedAt: at,
            responseRecordedBy: actor.id,
            institutionalResponseId: logged,
          },
          tx,
        );
        await audited(
          actor,
          'appeal.response',
          s,
          { response: input.response, institutionalResponseId: logged },
          tx,
        );
        return view(s, tx);
      });
    },

    /** Appeals past their due date with no response: one reminder each (an alert on the case, if any). */
    async remindDue(limit = 100): Promise<number> {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const due = await repo.dueDispatches(now, limit, tx);
        for (const { d, caseId } of due) {
          if (caseId && deps.escalations)
            await deps.escalations.request(
              { caseId, reason: 'appeal_response_due', detail: { appealId: d.statementId } },
              tx,
            );
          await repo.updateDispatch(d.id, { remindedAt: now }, tx);
        }
        return due.length;
      });
    },
  };
}
export type Appeals = ReturnType<typeof createAppeals>;
