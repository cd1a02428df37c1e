import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../cases/format.js';
import { formatKes, useApprovals, useDecide, type ApprovalItem } from './api.js';

/** Approvers' queue: fund requests waiting for a decision (no beneficiary; case reference if visible). */
export function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const query = useApprovals();
  const decide = useDecide();
  const columns: Column<ApprovalItem>[] = [
    {
      key: 'case',
      label: t('funds.caseCol'),
      rowHeader: true,
      cell: (r) =>
        r.caseReference ? <Link to={`/cases/${r.caseId}`}>{r.caseReference}</Link> : t('funds.hiddenCase'),
    },
    { key: 'amount', label: t('funds.amount'), cell: (r) => formatKes(r.amountCents, i18n.language) },
    {
      key: 'purpose',
      label: t('funds.purpose'),
      cell: (r) => `${t(`funds.purposes.${r.purpose}`)} · ${t(`funds.methods.${r.method}`)}`,
    },
    {
      key: 'approvals',
      label: t('funds.status'),
      cell: (r) => t('funds.approvalsOf', { count: r.approvalsSoFar, of: r.requiredApprovals }),
    },
    {
      key: 'when',
      label: t('funds.requestedAt'),
      cell: (r) => `${formatDateTime(r.requestedAt, i18n.language)} ${t('cases.eat')}`,
    },
    {
      key: 'decide',
      label: t('funds.approve'),
      cell: (r) =>
        r.canApprove ? (
          <span className="button-row">
            <button
              type="button"
              className="button button--primary"
              data-testid="approve-funds"
              onClick={() => decide.mutate({ id: r.id, approve: true })}
            >
              {t('funds.approve')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => decide.mutate({ id: r.id, approve: false })}
            >
              {t('funds.refuse')}
            </button>
          </span>
        ) : (
          <span className="muted">{t('funds.notYours')}</span>
        ),
    },
  ];
  return (
    <section className="page page--wide" data-testid="fund-approvals-page">
      <PageHeading title={t('funds.approvalsTitle')}>{t('funds.approvalsTitle')}</PageHeading>
      <p className="muted">{t('funds.approvalsIntro')}</p>
      {decide.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(decide.error)}
        </p>
      ) : null}
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t('funds.approvalsTitle')}
            captionId="fund-approvals-caption"
            columns={columns}
            rows={data.requests}
            rowKey={(r) => r.id}
            empty={t('funds.approvalsNone')}
            testId="fund-approvals"
          />
        )}
      </QueryState>
    </section>
  );
}
