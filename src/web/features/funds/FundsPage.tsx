import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../cases/format.js';
import { reauthenticate } from '../messages/api.js';
import { Link } from 'react-router-dom';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import {
  downloadLedgerCsv,
  formatKes,
  useDisburse,
  useFundsSettings,
  useLedger,
  usePayable,
  type Ledger,
  type PayableItem,
} from './api.js';
import { ReauthFields } from '../../components/ReauthFields.js';
import { FundsAdmin } from './FundsAdmin.js';

type Account = Ledger['accounts'][number];
type EntryLine = {
  key: string;
  at: string;
  kind: string;
  ref: string;
  account: string;
  debit: number;
  credit: number;
};

/** Finance and auditors: balances, the journal, and the CSV export (behind re-authentication). */
export function FundsPage() {
  const { t, i18n } = useTranslation();
  const query = useLedger();
  const lng = i18n.language;
  const money = (c: number) => (c ? formatKes(c, lng) : '');
  const accountColumns: Column<Account>[] = [
    {
      key: 'code',
      label: t('funds.account'),
      rowHeader: true,
      cell: (a) => (
        <>
          {a.name} <span className="muted small">{a.code}</span>
        </>
      ),
    },
    { key: 'kind', label: t('funds.kind'), cell: (a) => t(`funds.kinds.${a.kind}`) },
    // Funds and income are credit-normal: shown as the money they hold.
    {
      key: 'balance',
      label: t('funds.balance'),
      cell: (a) =>
        formatKes(a.kind === 'fund' || a.kind === 'income' ? -a.balanceCents : a.balanceCents, lng),
    },
  ];
  const lineColumns: Column<EntryLine>[] = [
    { key: 'at', label: t('funds.date'), cell: (l) => `${formatDateTime(l.at, lng)} ${t('cases.eat')}` },
    { key: 'ref', label: t('funds.reference'), cell: (l) => `${l.kind} · ${l.ref}` },
    { key: 'account', label: t('funds.account'), rowHeader: true, cell: (l) => l.account },
    { key: 'debit', label: t('funds.debit'), cell: (l) => money(l.debit) },
    { key: 'credit', label: t('funds.credit'), cell: (l) => money(l.credit) },
  ];
  return (
    <section className="page page--wide" data-testid="funds-page">
      <PageHeading title={t('funds.ledgerTitle')}>{t('funds.ledgerTitle')}</PageHeading>
      <p className="muted">{t('funds.ledgerIntro')}</p>
      <ToPay />
      <CsvDownload />
      <FundsAdmin />
      <QueryState query={query}>
        {(data) => (
          <>
            <DataTable
              caption={t('funds.balances')}
              captionId="funds-balances-caption"
              columns={accountColumns}
              rows={data.accounts}
              rowKey={(a) => a.id}
              empty={t('funds.none')}
              testId="funds-balances"
            />
            <DataTable
              caption={t('funds.entries')}
              captionId="funds-entries-caption"
              columns={lineColumns}
              rows={data.entries.flatMap((e) =>
                e.lines.map((l, i) => ({
                  key: `${e.id}:${i}`,
                  at: e.at,
                  kind: e.kind,
                  ref: [e.caseReference, e.reference].filter(Boolean).join(' · '),
                  account: l.accountCode,
                  debit: l.debitCents,
                  credit: l.creditCents,
                })),
              )}
              rowKey={(l) => l.key}
              empty={t('funds.none')}
              testId="funds-entries"
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Finance's queue: approved requests to pay (by M-Pesa here; by hand on the case page). */
function ToPay() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canPay = rolesAllow(user.roles, 'funds:disburse');
  const query = usePayable(canPay);
  const settings = useFundsSettings();
  const disburse = useDisburse();
  if (!canPay) return null;
  const columns: Column<PayableItem>[] = [
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
      key: 'status',
      label: t('funds.status'),
      cell: (r) => (
        <>
          {t(`funds.statuses.${r.status}`)}
          {r.failureReason ? <span className="muted small"> {r.failureReason}</span> : null}
        </>
      ),
    },
    {
      key: 'pay',
      label: t('funds.payMpesa'),
      cell: (r) =>
        r.method === 'mpesa' && r.status !== 'paying' && settings.data?.mpesaConfigured ? (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={disburse.isPending}
            onClick={() => !disburse.isPending && disburse.mutate({ id: r.id, body: { mode: 'mpesa_b2c' } })}
          >
            {t('funds.payMpesa')}
          </button>
        ) : null,
    },
  ];
  return (
    <>
      {disburse.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(disburse.error)}
        </p>
      ) : null}
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t('funds.toPay')}
            captionId="funds-to-pay-caption"
            columns={columns}
            rows={data.requests}
            rowKey={(r) => r.id}
            empty={t('funds.toPayNone')}
            testId="funds-to-pay"
          />
        )}
      </QueryState>
    </>
  );
}

function CsvDownload() {
  const { t } = useTranslation();
  const [reauth, setReauth] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (confirmFirst: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (confirmFirst) await reauthenticate({ password, code });
      await downloadLedgerCsv();
      setReauth(false);
    } catch (e) {
      if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setReauth(true);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid="ledger-csv">
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {reauth ? (
        <div role="group" aria-labelledby="funds-reauth-title">
          <h2 id="funds-reauth-title">{t('funds.reauthTitle')}</h2>
          <p className="muted">{t('funds.reauthIntro')}</p>
          <div className="field-row">
            <ReauthFields
              idPrefix="funds-reauth"
              password={password}
              code={code}
              onPassword={setPassword}
              onCode={setCode}
            />
          </div>
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy}
            onClick={() => void run(true)}
          >
            {t('funds.reauthSubmit')}
          </button>
        </div>
      ) : (
        <button type="button" className="button" aria-disabled={busy} onClick={() => void run(false)}>
          {t('funds.downloadCsv')}
        </button>
      )}
    </div>
  );
}
