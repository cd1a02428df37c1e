import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime } from '../cases/format.js';
import { useWellbeing, type WellbeingRow } from './api.js';
import { wellbeingConcerns, type WellbeingConcern } from '../../../shared/contracts/network.js';

const isConcern = (c: string): c is WellbeingConcern => (wellbeingConcerns as readonly string[]).includes(c);

/**
 * Supervisors only (network:wellbeing): who may need rest or psychosocial support, and why. Plainly
 * confidential: a prompt to call someone, never a performance measure, never part of analytics.
 */
export function WellbeingTab() {
  const { t, i18n } = useTranslation();
  const wellbeing = useWellbeing(true);
  const when = (iso: string) => `${formatDateTime(iso, i18n.language, 'short')} ${t('cases.eat')}`;

  const columns = useWellbeingColumns(when);
  return (
    <section aria-labelledby="wellbeing-title" data-testid="network-wellbeing">
      <h2 id="wellbeing-title">{t('network.wellbeing.title')}</h2>
      <div
        className="alert alert--warning network-confidential"
        role="note"
        data-testid="wellbeing-confidential"
      >
        <p>
          <strong>{t('network.wellbeing.confidential')}</strong>
        </p>
        <p>{t('network.wellbeing.confidentialBody')}</p>
      </div>
      <QueryState
        query={wellbeing}
        isEmpty={(list) => list.length === 0}
        empty={<p className="card notice">{t('network.roster.empty')}</p>}
      >
        {(list) => (
          <DataTable
            caption={t('network.wellbeing.caption')}
            captionId="wellbeing-caption"
            columns={columns}
            rows={[...list].sort(
              (a, b) => b.concerns.length - a.concerns.length || a.name.localeCompare(b.name),
            )}
            rowKey={(r) => r.responderId}
            rowProps={(r) => ({
              'data-testid': 'wellbeing-row',
              'data-name': r.name,
              'data-concerns': r.concerns.join(' '),
            })}
            empty={t('network.roster.empty')}
            className="table--dense"
            testId="wellbeing-table"
          />
        )}
      </QueryState>
    </section>
  );
}

function useWellbeingColumns(when: (iso: string) => string): Column<WellbeingRow>[] {
  const { t } = useTranslation();
  return [
    {
      key: 'name',
      label: t('network.wellbeing.colName'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.name}
          {r.homeCentre ? <span className="muted small network-block">{r.homeCentre}</span> : null}
        </>
      ),
    },
    {
      key: 'concerns',
      label: t('network.wellbeing.colConcerns'),
      cell: (r) =>
        r.concerns.length === 0 ? (
          <span className="muted">{t('network.wellbeing.noConcerns')}</span>
        ) : (
          <ul className="inline-list">
            {r.concerns.map((c) => (
              <li key={c} className="tag tag--progress" data-testid="wellbeing-concern">
                {isConcern(c) ? t(`network.wellbeing.concern.${c}`) : c}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'missions',
      label: t('network.wellbeing.colMissions'),
      cell: (r) => (
        <>
          {t('network.wellbeing.active', { load: r.activeMissions, limit: r.caseloadLimit })}
          <span className="muted small network-block">
            {t('network.wellbeing.recent', { week: r.missions7d, month: r.missions30d })}
          </span>
        </>
      ),
    },
    {
      key: 'exposures',
      label: t('network.wellbeing.colExposures'),
      cell: (r) =>
        t('network.wellbeing.exposureCounts', {
          death: r.exposures90d.death,
          sv: r.exposures90d.sexual_violence,
        }),
    },
    {
      key: 'score',
      label: t('network.wellbeing.colScore'),
      cell: (r) => (
        <span data-testid="wellbeing-score">
          {r.lastScore === null ? (
            <span className="muted">{t('network.wellbeing.noScore')}</span>
          ) : (
            <>
              <strong className={r.lastScore <= 2 ? 'network-score--low' : undefined}>
                {t('network.wellbeing.score', { score: r.lastScore })}
              </strong>
              {r.lastScoreAt ? (
                <span className="muted small network-block">{when(r.lastScoreAt)}</span>
              ) : null}
            </>
          )}
          {r.averageScore30d !== null ? (
            <span className="muted small network-block">
              {t('network.wellbeing.average', { score: r.averageScore30d.toFixed(1) })}
            </span>
          ) : null}
        </span>
      ),
    },
    { key: 'debriefs', label: t('network.wellbeing.colDebriefs'), cell: (r) => r.debriefsPending },
  ];
}
