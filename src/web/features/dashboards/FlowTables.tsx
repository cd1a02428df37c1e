import { useTranslation } from 'react-i18next';
import type { Column } from '../../components/DataTable.js';
import type { DashboardSummary } from './api.js';
import { Table } from './parts.js';

type Kv = { k: string; v: number | null };

/** Running clocks, referrals, emergency funds and (leadership) the responders' load: tables only. */
export function FlowTables({
  s,
  num,
  kvColumns,
}: {
  s: DashboardSummary;
  num: (n: number | null) => string;
  kvColumns: Column<Kv>[];
}) {
  const { t } = useTranslation();
  const kes = (cents: number) => num(Math.round(cents / 100));
  return (
    <>
      <Table
        id="clocks"
        caption={t('dashboards.openClocks')}
        rows={s.openClocks}
        rowKey={(r) => r.kind}
        columns={[
          { key: 'kind', label: t('dashboards.kind'), rowHeader: true, cell: (r) => r.kind },
          { key: 'running', label: t('dashboards.running'), cell: (r) => num(r.running) },
          { key: 'overdue', label: t('dashboards.overdue'), cell: (r) => num(r.overdue) },
        ]}
      />
      <Table
        id="referrals"
        caption={t('dashboards.referrals')}
        rows={s.referrals}
        rowKey={(r) => r.need}
        columns={[
          { key: 'need', label: t('dashboards.need'), rowHeader: true, cell: (r) => r.need },
          ...(['sent', 'accepted', 'acceptedInTime', 'declined', 'completed'] as const).map((k) => ({
            key: k,
            label: t(`dashboards.${k}`),
            cell: (r: DashboardSummary['referrals'][number]) => num(r[k]),
          })),
        ]}
      />
      <Table
        id="funds"
        caption={t('dashboards.funds')}
        rows={s.funds}
        rowKey={(r) => r.purpose}
        columns={[
          { key: 'purpose', label: t('dashboards.purpose'), rowHeader: true, cell: (r) => r.purpose },
          { key: 'requested', label: t('dashboards.requested'), cell: (r) => num(r.requested) },
          { key: 'requestedKes', label: t('dashboards.requestedKes'), cell: (r) => kes(r.requestedCents) },
          { key: 'paid', label: t('dashboards.paid'), cell: (r) => num(r.paid) },
          { key: 'paidKes', label: t('dashboards.paidKes'), cell: (r) => kes(r.paidCents) },
          { key: 'median', label: t('dashboards.minutesToPay'), cell: (r) => num(r.medianMinutesToPay) },
          { key: 'p90', label: t('dashboards.p90MinutesToPay'), cell: (r) => num(r.p90MinutesToPay) },
        ]}
      />
      {s.responderLoad ? (
        <Table
          id="load"
          caption={t('dashboards.load')}
          rows={Object.entries(s.responderLoad).map(([k, v]) => ({ k, v }))}
          rowKey={(r) => r.k}
          columns={kvColumns}
        />
      ) : null}
    </>
  );
}
