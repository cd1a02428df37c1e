import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { termLabel, violationTypes, impactTypes } from '../../../shared/vocabularies.js';
import { countyKey, countyShapes, MAP_HEIGHT, MAP_WIDTH } from '../../../shared/geo/county-projection.js';
import { errorText } from '../../api/client.js';
import type { Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { counties } from '../cases/counties.js';
import { uiLocale } from '../cases/format.js';
import {
  downloadDashboardCsv,
  useDashboardSummary,
  type DashboardQuery,
  type DashboardSummary,
} from './api.js';
import { FlowTables } from './FlowTables.js';
import { Bar, Table } from './parts.js';
import { PeriodReport } from './PeriodReport.js';
import { formatNumber } from '../../i18n/formats.js';

const filterKeys = ['from', 'to', 'county', 'violationType'] as const;

/** Analysts, leadership and the duty officer: aggregate figures, a county map, a table behind each. */
export function DashboardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q: DashboardQuery = {};
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) (q as Record<string, string>)[k] = v;
  }
  const query = useDashboardSummary(q);
  const [csvError, setCsvError] = useState<string | null>(null);
  const setFilter = (patch: Partial<Record<(typeof filterKeys)[number], string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return (
    <section className="page" data-testid="dashboards-page">
      <PageHeading title={t('dashboards.title')}>{t('dashboards.title')}</PageHeading>
      <p className="muted">{t('dashboards.intro')}</p>
      <Filters q={q} onApply={setFilter} />
      <p>
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() => {
            setCsvError(null);
            downloadDashboardCsv(q).catch((e: unknown) => setCsvError(errorText(e)));
          }}
        >
          {t('dashboards.download')}
        </button>
      </p>
      {csvError ? <p role="alert">{csvError}</p> : null}
      <PeriodReport q={q} />
      <QueryState query={query} loading={t('dashboards.loading')}>
        {(s: DashboardSummary) => <Figures s={s} onCounty={(county) => setFilter({ county })} />}
      </QueryState>
    </section>
  );
}

function Filters({ q, onApply }: { q: DashboardQuery; onApply: (p: Record<string, string>) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string>>({
    from: q.from ?? '',
    to: q.to ?? '',
    county: q.county ?? '',
    violationType: q.violationType ?? '',
  });
  const set = (k: string) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <form
      className="filter-bar"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <label>
        {t('dashboards.from')} <input type="date" value={draft.from} onChange={set('from')} />
      </label>
      <label>
        {t('dashboards.to')} <input type="date" value={draft.to} onChange={set('to')} />
      </label>
      <label>
        {t('dashboards.county')}{' '}
        <select value={draft.county} onChange={set('county')}>
          <option value="">{t('dashboards.anyCounty')}</option>
          {counties.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dashboards.violationType')}{' '}
        <select value={draft.violationType} onChange={set('violationType')}>
          <option value="">{t('dashboards.anyType')}</option>
          {violationTypes.map((v) => (
            <option key={v.code} value={v.code}>
              {termLabel(violationTypes, v.code, uiLocale(i18n.language))}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn">
        {t('dashboards.apply')}
      </button>
    </form>
  );
}

/** One table with a bar beside each count (the bar is decoration; the number is the data). */
function Figures({ s, onCounty }: { s: DashboardSummary; onCounty: (county: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = uiLocale(i18n.language);
  const num = (n: number | null) => (n === null ? '—' : formatNumber(n, lng));
  const maxCounty = Math.max(0, ...s.byCounty.map((c) => c.count));
  const countOf = new Map(s.byCounty.map((c) => [countyKey(c.county), c]));
  const prio = (p: string) => (p === 'none' ? t('dashboards.noPriority') : p);
  const kv = (o: Record<string, number | null>) => Object.entries(o).map(([k, v]) => ({ k, v }));
  const kvColumns: Column<{ k: string; v: number | null }>[] = [
    {
      key: 'k',
      label: t('dashboards.figure'),
      rowHeader: true,
      cell: (r) => t(`dashboards.${r.k}` as 'dashboards.responses'),
    },
    { key: 'v', label: t('dashboards.value'), cell: (r) => num(r.v) },
  ];
  return (
    <div className="stack">
      <p data-testid="dash-total">{t('dashboards.totalCases', { count: s.totalCases })}</p>
      <figure className="map" style={{ maxWidth: '100%' }}>
        <svg
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          style={{ width: '100%', maxWidth: MAP_WIDTH, height: 'auto' }}
          role="group"
          aria-label={t('dashboards.mapCaption')}
        >
          {countyShapes.map((c) => {
            const hit = countOf.get(countyKey(c.name));
            const n = hit?.count ?? 0;
            const label = t('dashboards.countyCount', { county: c.name, count: n });
            return (
              <path
                key={c.code}
                d={c.d}
                role="button"
                tabIndex={0}
                aria-label={label}
                data-county={c.name}
                fill={n ? `rgba(176, 40, 40, ${0.2 + 0.8 * (n / maxCounty)})` : '#eee'}
                stroke="#fff"
                strokeWidth={0.5}
                style={{ cursor: 'pointer' }}
                onClick={() => onCounty(hit?.county ?? c.name)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onCounty(hit?.county ?? c.name);
                  }
                }}
              >
                <title>{label}</title>
              </path>
            );
          })}
        </svg>
        <figcaption>
          {t('dashboards.mapCaption')}
          <br />
          <small>{t('dashboards.mapAttribution')}</small>
        </figcaption>
      </figure>
      <Table
        id="counties"
        caption={t('dashboards.county')}
        rows={s.byCounty}
        rowKey={(r) => r.county}
        columns={[
          { key: 'county', label: t('dashboards.county'), rowHeader: true, cell: (r) => r.county },
          {
            key: 'count',
            label: t('dashboards.count'),
            cell: (r) => <Bar value={r.count} max={maxCounty} />,
          },
        ]}
      />
      <Table
        id="open"
        caption={t('dashboards.open')}
        rows={s.openByPriority}
        rowKey={(r) => r.priority}
        columns={[
          {
            key: 'priority',
            label: t('dashboards.priority'),
            rowHeader: true,
            cell: (r) => prio(r.priority),
          },
          {
            key: 'count',
            label: t('dashboards.count'),
            cell: (r) => <Bar value={r.count} max={Math.max(...s.openByPriority.map((o) => o.count))} />,
          },
        ]}
      />
      <Table
        id="timings"
        caption={t('dashboards.timings')}
        rows={s.timings}
        rowKey={(r) => `${r.month}-${r.priority}-${r.measure}`}
        columns={[
          { key: 'month', label: t('dashboards.month'), rowHeader: true, cell: (r) => r.month },
          { key: 'priority', label: t('dashboards.priority'), cell: (r) => prio(r.priority) },
          {
            key: 'measure',
            label: t('dashboards.measure'),
            cell: (r) => t(`dashboards.measures.${r.measure}`),
          },
          { key: 'count', label: t('dashboards.count'), cell: (r) => num(r.count) },
          { key: 'median', label: t('dashboards.median'), cell: (r) => num(r.medianMinutes) },
          { key: 'p90', label: t('dashboards.p90'), cell: (r) => num(r.p90Minutes) },
        ]}
      />
      <Table
        id="sla"
        caption={t('dashboards.sla')}
        rows={s.slaBreaches}
        rowKey={(r) => r.kind}
        columns={[
          { key: 'kind', label: t('dashboards.kind'), rowHeader: true, cell: (r) => r.kind },
          { key: 'total', label: t('dashboards.total'), cell: (r) => num(r.total) },
          {
            key: 'breached',
            label: t('dashboards.breached'),
            cell: (r) => <Bar value={r.breached} max={r.total} />,
          },
        ]}
      />
      <Table
        id="institutional"
        caption={t('dashboards.institutional')}
        rows={s.institutional}
        rowKey={(r) => `${r.agency}-${r.station}`}
        columns={[
          { key: 'agency', label: t('dashboards.agency'), rowHeader: true, cell: (r) => r.agency },
          { key: 'station', label: t('dashboards.station'), cell: (r) => r.station || '—' },
          ...(['total', 'recorded', 'refused', 'ignored', 'hostile', 'other', 'obNumbers'] as const).map(
            (k) => ({
              key: k,
              label: t(`dashboards.${k}`),
              cell: (r: DashboardSummary['institutional'][number]) => num(r[k]),
            }),
          ),
        ]}
      />
      <Table
        id="impacts"
        caption={t('dashboards.impacts')}
        rows={s.impacts}
        rowKey={(r) => `${r.scope}-${r.code}`}
        columns={[
          {
            key: 'code',
            label: t('dashboards.impact'),
            rowHeader: true,
            cell: (r) => termLabel(impactTypes, r.code, lng),
          },
          {
            key: 'count',
            label: t('dashboards.count'),
            cell: (r) => <Bar value={r.count} max={Math.max(...s.impacts.map((i) => i.count))} />,
          },
        ]}
      />
      <Table
        id="feedback"
        caption={t('dashboards.feedback')}
        rows={kv(s.feedback)}
        rowKey={(r) => r.k}
        columns={kvColumns}
      />
      <FlowTables s={s} num={num} kvColumns={kvColumns} />
      {s.wellbeing ? (
        <Table
          id="wellbeing"
          caption={t('dashboards.wellbeing')}
          rows={kv(s.wellbeing)}
          rowKey={(r) => r.k}
          columns={kvColumns}
        />
      ) : null}
    </div>
  );
}
