import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonChangeKinds, lessonStatuses } from '../../../shared/contracts/learning.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { errorText } from '../../api/client.js';
import { uiLocale } from '../cases/format.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { useCurrentUser } from '../auth/session.js';
import {
  downloadLearningReport,
  useLearningReport,
  useLessons,
  useLessonWrite,
  useScheduledReviews,
  type LearningReport,
  type Lesson,
  type ScheduledReview,
} from './api.js';

const quarterNow = () => {
  const d = new Date();
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

function AddLesson() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const write = useLessonWrite();
  const [f, setF] = useState({
    lesson: '',
    caseId: '',
    ownerId: user.id,
    dueAt: '',
    changeKind: '',
    changeRef: '',
    changeAuditSeq: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  return (
    <form
      className="form"
      data-testid="lesson-form"
      onSubmit={(e) => {
        e.preventDefault();
        write.mutate({
          create: {
            lesson: f.lesson,
            ownerId: f.ownerId,
            dueAt: new Date(f.dueAt).toISOString(),
            ...(f.caseId ? { caseId: f.caseId } : {}),
            ...(f.changeKind ? { changeKind: f.changeKind } : {}),
            ...(f.changeRef ? { changeRef: f.changeRef } : {}),
            ...(f.changeAuditSeq ? { changeAuditSeq: Number(f.changeAuditSeq) } : {}),
          },
        });
      }}
    >
      <h2>{t('learning.add')}</h2>
      <label>
        {t('learning.lesson')}
        <textarea
          rows={3}
          required
          minLength={10}
          value={f.lesson}
          onChange={set('lesson')}
          data-testid="lesson-text"
        />
      </label>
      <label>
        {t('learning.caseId')}
        <input value={f.caseId} onChange={set('caseId')} />
      </label>
      <label>
        {t('learning.ownerId')}
        <input value={f.ownerId} required onChange={set('ownerId')} />
      </label>
      <label>
        {t('learning.due')}
        <input type="date" required value={f.dueAt} onChange={set('dueAt')} data-testid="lesson-due" />
      </label>
      <label>
        {t('learning.changeKind')}
        <select value={f.changeKind} onChange={set('changeKind')}>
          <option value="">{t('learning.noChange')}</option>
          {lessonChangeKinds.map((k) => (
            <option key={k} value={k}>
              {t(`learning.changeKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('learning.changeRef')}
        <input value={f.changeRef} onChange={set('changeRef')} />
      </label>
      <label>
        {t('learning.changeAuditSeq')}
        <input
          inputMode="numeric"
          pattern="[0-9]*"
          value={f.changeAuditSeq}
          onChange={set('changeAuditSeq')}
        />
      </label>
      {write.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(write.error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" data-testid="lesson-save">
        {t('learning.save')}
      </button>
    </form>
  );
}

function Report({ r }: { r: LearningReport }) {
  const { t } = useTranslation();
  const rows: [string, number][] = [
    [t('learning.reviewsRequired'), r.reviews.required],
    [t('learning.reviewsRecorded'), r.reviews.recorded],
    [t('learning.scheduledPending'), r.reviews.scheduledPending],
    [t('learning.scheduledOverdue'), r.reviews.scheduledOverdue],
    [t('learning.lessonsCreated'), r.lessons.created],
    [t('learning.lessonsClosed'), r.lessons.closed],
    [t('learning.lessonsOverdue'), r.lessons.overdue],
    [t('learning.withChange'), r.lessons.withChange],
  ];
  return (
    <table data-testid="learning-report">
      <caption>{`${t('learning.report')} ${r.quarter}`}</caption>
      <thead>
        <tr>
          <th scope="col">{t('learning.figure')}</th>
          <th scope="col">{t('learning.value')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The lessons register (filter by status, owner, overdue), reviews promised at closure, the quarter's report. */
export function LessonsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [status, setStatus] = useState('');
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [quarter, setQuarter] = useState(quarterNow);
  const lessons = useLessons({ status: status || undefined, ownerId: mine ? user.id : undefined, overdue });
  const scheduled = useScheduledReviews();
  const report = useLearningReport(quarter);
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const write = useLessonWrite();
  const manage = rolesAllow(user.roles, 'lessons:manage');
  const columns: Column<Lesson>[] = [
    { key: 'lesson', label: t('learning.lesson'), rowHeader: true, cell: (l) => l.lesson },
    { key: 'owner', label: t('learning.owner'), cell: (l) => l.ownerName ?? l.ownerId },
    {
      key: 'due',
      label: t('learning.due'),
      cell: (l) => (
        <span className={l.overdue ? 'alert--error' : undefined}>
          {l.dueAt.slice(0, 10)}
          {l.overdue ? ` · ${t('learning.overdue')}` : ''}
        </span>
      ),
    },
    {
      key: 'status',
      label: t('learning.status'),
      cell: (l) =>
        manage ? (
          <select
            aria-label={t('learning.setStatus')}
            value={l.status}
            onChange={(e) =>
              write.mutate({ id: l.id, patch: { version: l.version, status: e.target.value } })
            }
          >
            {lessonStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`learning.statuses.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`learning.statuses.${l.status}`)
        ),
    },
    {
      key: 'change',
      label: t('learning.change'),
      cell: (l) =>
        l.changeKind
          ? `${t(`learning.changeKinds.${l.changeKind}`)}${l.changeRef ? `: ${l.changeRef}` : ''}${l.changeAuditSeq ? ` (#${l.changeAuditSeq})` : ''}`
          : '—',
    },
    { key: 'case', label: t('learning.caseRef'), cell: (l) => l.caseReference ?? '—' },
  ];
  const scheduledColumns: Column<ScheduledReview>[] = [
    { key: 'case', label: t('learning.caseRef'), rowHeader: true, cell: (r) => r.caseReference },
    {
      key: 'due',
      label: t('learning.due'),
      cell: (r) => (
        <span className={r.overdue ? 'alert--error' : undefined}>
          {r.dueAt.slice(0, 10)}
          {r.overdue ? ` · ${t('learning.overdue')}` : ''}
        </span>
      ),
    },
  ];
  return (
    <section className="page page--wide" data-testid="lessons-page">
      <PageHeading title={t('learning.title')}>{t('learning.title')}</PageHeading>
      <p className="muted">{t('learning.intro')}</p>
      <fieldset className="button-row">
        <legend>{t('learning.filters')}</legend>
        <label>
          {t('learning.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="lessons-status">
            <option value="">{t('learning.anyStatus')}</option>
            {lessonStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`learning.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />{' '}
          {t('learning.mine')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setOverdue(e.target.checked)}
            data-testid="lessons-overdue"
          />{' '}
          {t('learning.overdueOnly')}
        </label>
      </fieldset>
      {write.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(write.error)}
        </p>
      ) : null}
      <QueryState query={lessons}>
        {(d) => (
          <DataTable
            caption={t('learning.title')}
            captionId="lessons-caption"
            columns={columns}
            rows={d.lessons}
            rowKey={(l) => l.id}
            empty={t('learning.none')}
            testId="lessons"
          />
        )}
      </QueryState>
      <QueryState query={scheduled}>
        {(d) => (
          <DataTable
            caption={t('learning.scheduled')}
            captionId="scheduled-caption"
            columns={scheduledColumns}
            rows={d.reviews}
            rowKey={(r) => r.caseId}
            empty={t('learning.noScheduled')}
            testId="scheduled-reviews"
          />
        )}
      </QueryState>
      {manage ? <AddLesson /> : null}
      <h2>{t('learning.report')}</h2>
      <label>
        {t('learning.quarter')}
        <input
          value={quarter}
          onChange={(e) => setQuarter(e.target.value)}
          pattern="\d{4}-Q[1-4]"
          data-testid="report-quarter"
        />
      </label>
      <p>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={pdfBusy || !/^\d{4}-Q[1-4]$/.test(quarter)}
          data-testid="report-pdf"
          onClick={() => {
            setPdfError(null);
            setPdfBusy(true);
            downloadLearningReport(quarter, uiLocale(i18n.language))
              .catch((e: unknown) => setPdfError(errorText(e)))
              .finally(() => setPdfBusy(false));
          }}
        >
          {t('learning.reportPdf', { quarter })}
        </button>
      </p>
      {pdfError ? <p role="alert">{pdfError}</p> : null}
      <QueryState query={report}>{(r) => <Report r={r} />}</QueryState>
    </section>
  );
}
