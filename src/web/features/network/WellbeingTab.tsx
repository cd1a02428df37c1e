import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
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

  const rows = [...(wellbeing.data ?? [])].sort(
    (a, b) => b.concerns.length - a.concerns.length || a.name.localeCompare(b.name),
  );
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
      {wellbeing.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : wellbeing.isError ? (
        <div className="alert alert--error" role="alert">
          <p>{errorText(wellbeing.error)}</p>
          <button type="button" className="button" onClick={() => void wellbeing.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : rows.length === 0 ? (
        <p className="card notice">{t('network.roster.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="wellbeing-caption" tabIndex={0}>
          <table className="table table--dense" data-testid="wellbeing-table">
            <caption id="wellbeing-caption">{t('network.wellbeing.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.wellbeing.colName')}</th>
                <th scope="col">{t('network.wellbeing.colConcerns')}</th>
                <th scope="col">{t('network.wellbeing.colMissions')}</th>
                <th scope="col">{t('network.wellbeing.colExposures')}</th>
                <th scope="col">{t('network.wellbeing.colScore')}</th>
                <th scope="col">{t('network.wellbeing.colDebriefs')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.responderId} r={r} when={when} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ r, when }: { r: WellbeingRow; when: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="wellbeing-row" data-name={r.name} data-concerns={r.concerns.join(' ')}>
      <th scope="row">
        {r.name}
        {r.homeCentre ? <span className="muted small network-block">{r.homeCentre}</span> : null}
      </th>
      <td>
        {r.concerns.length === 0 ? (
          <span className="muted">{t('network.wellbeing.noConcerns')}</span>
        ) : (
          <ul className="inline-list">
            {r.concerns.map((c) => (
              <li key={c} className="tag tag--progress" data-testid="wellbeing-concern">
                {isConcern(c) ? t(`network.wellbeing.concern.${c}`) : c}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {t('network.wellbeing.active', { load: r.activeMissions, limit: r.caseloadLimit })}
        <span className="muted small network-block">
          {t('network.wellbeing.recent', { week: r.missions7d, month: r.missions30d })}
        </span>
      </td>
      <td>
        {t('network.wellbeing.exposureCounts', {
          death: r.exposures90d.death,
          sv: r.exposures90d.sexual_violence,
        })}
      </td>
      <td data-testid="wellbeing-score">
        {r.lastScore === null ? (
          <span className="muted">{t('network.wellbeing.noScore')}</span>
        ) : (
          <>
            <strong className={r.lastScore <= 2 ? 'network-score--low' : undefined}>
              {t('network.wellbeing.score', { score: r.lastScore })}
            </strong>
            {r.lastScoreAt ? <span className="muted small network-block">{when(r.lastScoreAt)}</span> : null}
          </>
        )}
        {r.averageScore30d !== null ? (
          <span className="muted small network-block">
            {t('network.wellbeing.average', { score: r.averageScore30d.toFixed(1) })}
          </span>
        ) : null}
      </td>
      <td>{r.debriefsPending}</td>
    </tr>
  );
}
