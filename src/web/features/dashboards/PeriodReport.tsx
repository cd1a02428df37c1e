import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesAllow } from '../../../shared/permissions.js';
import { errorText } from '../../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { uiLocale } from '../cases/format.js';
import { downloadPeriodReport, type DashboardQuery } from './api.js';

/** Last month, `YYYY-MM` (East Africa Time). */
function lastMonth(): string {
  const d = new Date(Date.now() + 3 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** The period report (PDF) for a month or quarter, with the page's county and type, in the UI's language. */
export function PeriodReport({ q }: { q: DashboardQuery }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [month, setMonth] = useState(lastMonth());
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!rolesAllow(user.roles, 'reports:read')) return null;
  const period =
    kind === 'month' ? month : `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
  return (
    <fieldset className="stack" data-testid="period-report">
      <legend>{t('dashboards.report')}</legend>
      <label>
        {t('dashboards.reportMonth')}{' '}
        <input type="month" value={month} required onChange={(e) => setMonth(e.target.value)} />
      </label>
      <label>
        {t('dashboards.reportKind')}{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as 'month' | 'quarter')}>
          <option value="month">{t('dashboards.reportKindMonth')}</option>
          <option value="quarter">{t('dashboards.reportKindQuarter')}</option>
        </select>
      </label>
      <p>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={busy || !/^\d{4}-\d{2}$/.test(month)}
          onClick={() => {
            setError(null);
            setBusy(true);
            downloadPeriodReport({ ...q, period, lang: uiLocale(i18n.language) })
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          {t('dashboards.reportDownload', { period })}
        </button>
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </fieldset>
  );
}
