import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { actionStatuses, actionTypes } from '../../../shared/vocabularies.js';
import { formatDateTime } from '../cases/format.js';
import { useMyActions, type MyActions } from './api.js';
import { useTerm } from './kit.js';

type Row = MyActions['actions'][number];

/**
 * "My actions": what the signed-in officer (legal, communications, finance …) was given to do, across
 * every case they may read, soonest deadline first; each line links to its case.
 */
export function MyActionsPage() {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const query = useMyActions();
  const columns: Column<Row>[] = [
    {
      key: 'case',
      label: t('myActions.case'),
      rowHeader: true,
      cell: (r) => <Link to={`/cases/${r.caseId}`}>{r.caseReference}</Link>,
    },
    { key: 'type', label: t('myActions.type'), cell: (r) => term(actionTypes, r.type) },
    { key: 'status', label: t('myActions.status'), cell: (r) => term(actionStatuses, r.status) },
    {
      key: 'deadline',
      label: t('myActions.deadline'),
      cell: (r) =>
        r.deadline ? (
          <span className={r.overdue ? 'alert--error' : undefined}>
            {formatDateTime(r.deadline, i18n.language)} {t('cases.eat')}
            {r.overdue ? ` · ${t('myActions.overdue')}` : ''}
          </span>
        ) : (
          <span className="muted">{t('myActions.noDeadline')}</span>
        ),
    },
  ];
  return (
    <section className="page page--wide" data-testid="my-actions-page">
      <PageHeading title={t('myActions.title')}>{t('myActions.title')}</PageHeading>
      <p className="muted">{t('myActions.intro')}</p>
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t('myActions.title')}
            captionId="my-actions-caption"
            columns={columns}
            rows={data.actions}
            rowKey={(r) => r.id}
            empty={t('myActions.none')}
            testId="my-actions"
          />
        )}
      </QueryState>
    </section>
  );
}
