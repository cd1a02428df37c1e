import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { useCurrentUser } from '../auth/session.js';
import { type CaseDetail } from './api.js';
import { scoreKeys, riskKeys } from './AssessForm.js';
import { PriorityBadge } from './badges.js';
import { formatDateTime } from './format.js';

/** The case's assessment: scores, risks, the derived priority and the assessors' notes. */
export function AssessmentSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const a = c.details.assessment;
  const notes = c.assessmentNotes;
  return (
    <section className="card case-section" aria-labelledby="case-assessment" data-testid="case-assessment">
      <h2 id="case-assessment">{t('case.assessment')}</h2>
      {!a ? (
        <p className="muted">{t('case.notAssessedYet')}</p>
      ) : (
        <>
          <p className="derived">
            <span>{t('case.priority')}:</span> <PriorityBadge priority={a.priority} />{' '}
            {a.overridden ? (
              <span className="muted">
                {t('case.overridden', { derived: a.derivedPriority })}
                {notes?.overrideReason ? ` — ${notes.overrideReason}` : ''}
              </span>
            ) : null}{' '}
            <span className={a.activate ? 'derived__activate' : 'muted'}>
              {a.activate ? t('assess.activate') : t('assess.noActivate')}
            </span>
          </p>
          <DataTable
            caption={<span className="visually-hidden">{t('case.scores')}</span>}
            captionId="case-scores"
            className="table--dense scores"
            columns={[
              { key: 'score', label: t('case.score'), rowHeader: true, cell: (k) => t(`assess.${k}`) },
              {
                key: 'value',
                label: t('case.value'),
                cell: (k) => (
                  <>
                    <span className="score-value">{a[k]}</span>{' '}
                    <span className="muted">{t(`assess.levels.${k}.${a[k] as 0 | 1 | 2 | 3}`)}</span>
                  </>
                ),
              },
              {
                key: 'justification',
                label: t('case.justification'),
                className: 'prewrap',
                cell: (k) => notes?.justifications?.[k] ?? '',
              },
            ]}
            rows={scoreKeys}
            rowKey={(k) => k}
            empty={null}
          />
          <dl className="facts">
            {a.risks ? (
              <div>
                <dt>{t('assess.risks')}</dt>
                <dd>{riskKeys.map((k) => `${t(`assess.risk.${k}`)}: ${a.risks?.[k] ?? '—'}`).join(' · ')}</dd>
              </div>
            ) : null}
            {a.vulnerable?.length ? (
              <div>
                <dt>{t('assess.vulnerable')}</dt>
                <dd>
                  {a.vulnerable
                    .map((v) => (i18n.exists(`vulnerable.${v}`) ? String(t(`vulnerable.${v}` as never)) : v))
                    .join(', ')}
                </dd>
              </div>
            ) : null}
            {notes?.resourcesNeeded ? (
              <div className="facts__wide">
                <dt>{t('assess.resourcesNeeded')}</dt>
                <dd className="prewrap">{notes.resourcesNeeded}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('case.assessedAt')}</dt>
              <dd>
                {formatDateTime(a.at, i18n.language)} {t('cases.eat')}
                {a.assessorId === user.id ? ` (${t('case.byYou')})` : null}
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
