import type {
  LessonCreateInput,
  LessonQuery,
  LessonUpdateInput,
  LessonView,
} from '../../../shared/contracts/learning.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { findIdentifyingDetails } from '../statements/identifying-check.js';
import type { LearningDeps } from './learning.deps.js';
import type { LessonRow } from './learning.repo.js';

/** Audit actions that record a change of a rule, a setting, an on-call or escalation policy. */
const changeActions = /^(rules\.|settings\.|oncall\.|escalation|policy\.|funds\.settings)/;
const closed = new Set(['done', 'dropped']);

/**
 * The lessons register: a lesson from a case's after-action review (or from anywhere), its owner, status
 * and due date, and the change it made with that change's audit entry. Lesson text is organisational and
 * in clear, so a phone or ID number in it is refused (the review's own text stays sealed on the case).
 */
export function createLessons(deps: LearningDeps) {
  const { db, repo, audit, clock } = deps;

  function refuseIdentifying(text: string): void {
    const hits = findIdentifyingDetails({ titleEn: '', titleSw: '', bodyEn: text, bodySw: '' }, []);
    if (hits.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'lesson', message: 'must not contain a phone or ID number' }],
      });
  }

  async function checkChange(seq: number | undefined, tx: Executor): Promise<void> {
    if (seq === undefined) return;
    const action = (await repo.auditActions([seq], tx)).get(seq);
    if (!action || !changeActions.test(action)) throw new AppError('LESSON_CHANGE_NOT_FOUND');
  }

  async function view(
    rows: Awaited<ReturnType<typeof repo.listLessons>>,
    tx: Executor = db,
  ): Promise<LessonView[]> {
    const now = clock.now();
    const seqs = rows.map((r) => r.lesson.changeAuditSeq).filter((s): s is number => s !== null);
    const actions = await repo.auditActions(seqs, tx);
    return rows.map(({ lesson: l, ownerName, caseReference }) => ({
      id: l.id,
      caseId: l.caseId,
      caseReference,
      reviewId: l.reviewId,
      lesson: l.lesson,
      ownerId: l.ownerId,
      ownerName,
      status: l.status as LessonView['status'],
      dueAt: l.dueAt.toISOString(),
      overdue: !closed.has(l.status) && l.dueAt.getTime() < now.getTime(),
      changeKind: (l.changeKind as LessonView['changeKind']) ?? null,
      changeRef: l.changeRef,
      changeAuditSeq: l.changeAuditSeq,
      changeAction: l.changeAuditSeq ? (actions.get(l.changeAuditSeq) ?? null) : null,
      version: l.version,
      createdAt: l.createdAt.toISOString(),
      closedAt: l.closedAt?.toISOString() ?? null,
    }));
  }

  async function one(l: LessonRow, tx: Executor): Promise<LessonView> {
    const [v] = await view([{ lesson: l, ownerName: null, caseReference: null }], tx);
    return v!;
  }

  async function logged(actor: Actor, action: string, l: LessonRow, meta: object, tx: Executor) {
    await audit.append(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action,
        subjectType: 'lesson',
        subjectId: l.id,
        meta: { caseId: l.caseId, status: l.status, changeAuditSeq: l.changeAuditSeq, ...meta },
      },
      tx,
    );
  }

  return {
    async list(q: LessonQuery): Promise<{ lessons: LessonView[] }> {
      const rows = await repo.listLessons(
        {
          status: q.status,
          ownerId: q.ownerId,
          overdueAt: q.overdue === 'true' ? clock.now() : undefined,
        },
        500,
      );
      return { lessons: await view(rows) };
    },

    async create(actor: Actor, input: LessonCreateInput): Promise<LessonView> {
      refuseIdentifying(input.lesson);
      return db.transaction(async (tx) => {
        // From a case: only someone who may read it in full (need-to-know) links its review.
        if (input.caseId) await deps.loadCase(input.caseId, actor, tx);
        if (!(await repo.userExists(input.ownerId, tx)))
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'ownerId', message: 'unknown user' }] });
        await checkChange(input.changeAuditSeq, tx);
        const now = clock.now();
        const l = await repo.insertLesson(
          {
            caseId: input.caseId ?? null,
            reviewId: input.caseId ? ((await repo.reviewIdOf(input.caseId, tx)) ?? null) : null,
            lesson: input.lesson,
            ownerId: input.ownerId,
            dueAt: input.dueAt,
            changeKind: input.changeKind ?? null,
            changeRef: input.changeRef ?? null,
            changeAuditSeq: input.changeAuditSeq ?? null,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await logged(actor, 'lesson.create', l, { reviewId: l.reviewId }, tx);
        return one(l, tx);
      });
    },

    async update(id: string, actor: Actor, input: LessonUpdateInput): Promise<LessonView> {
      return db.transaction(async (tx) => {
        const before = await repo.findLesson(id, tx);
        if (!before) throw new AppError('NOT_FOUND');
        if (input.ownerId && !(await repo.userExists(input.ownerId, tx)))
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'ownerId', message: 'unknown user' }] });
        await checkChange(input.changeAuditSeq, tx);
        const now = clock.now();
        const status = input.status ?? before.status;
        const l = await repo.updateLesson(
          id,
          input.version,
          {
            status,
            ownerId: input.ownerId,
            dueAt: input.dueAt,
            changeKind: input.changeKind,
            changeRef: input.changeRef,
            changeAuditSeq: input.changeAuditSeq,
            updatedAt: now,
            closedAt: closed.has(status) ? (before.closedAt ?? now) : null,
          },
          tx,
        );
        if (!l) throw new AppError('CONFLICT');
        await logged(actor, 'lesson.update', l, { from: before.status, version: l.version }, tx);
        return one(l, tx);
      });
    },
  };
}
