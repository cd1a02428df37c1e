import { CaseClocks, CaseSectionNav } from './CaseClocks.js';
import { lazy, Suspense, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLabel } from './useLabel.js';
import { isApiError } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PrintCase } from './PrintCase.js';
import { QueryState } from '../../components/QueryState.js';
import { useDeferredQuery } from '../../components/useDeferredQuery.js';
import { useNear } from '../../components/useNear.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { useCase, type CaseDetail, type MissionCase } from './api.js';
import { DangerMarker, PriorityBadge, StatusTag } from './badges.js';
import { CaseActions } from './CaseActions.js';
import { RetrospectiveReview } from './RetrospectiveReview.js';
import { DraftStatementLink } from '../statements/DraftLink.js';
import { PersonItem } from './CasePeople.js';
import { formatDateTime, violationLabel } from './format.js';

// Every section below the summary and its clocks is in a chunk of its own (CaseSections.tsx, with the
// form layer its panels use): the first screen is drawn without it, and it follows in the background.
const loadSections = () => import('./CaseSections.js');
const CaseMainRest = lazy(() => loadSections().then((m) => ({ default: m.CaseMainRest })));
const CaseSide = lazy(() => loadSections().then((m) => ({ default: m.CaseSide })));

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCase(id);
  const shown = useDeferredQuery(query);

  // Missing, malformed and restricted cases all look the same: not found (also when a refresh finds it so).
  if (query.isError && isApiError(query.error) && [400, 403, 404].includes(query.error.status)) {
    return (
      <section className="page" data-testid="case-not-found">
        <PageHeading title={t('case.notFound')}>{t('case.notFound')}</PageHeading>
        <p>{t('case.notFoundBody')}</p>
        <p>
          <Link to="/queue">{t('pages.backToQueue')}</Link>
        </p>
      </section>
    );
  }
  return (
    <QueryState
      query={shown}
      loading={
        <section className="page">
          <p role="status">{t('app.loading')}</p>
        </section>
      }
    >
      {(c) => (c.access === 'mission' ? <MissionView key={c.id} c={c} /> : <CaseView key={c.id} c={c} />)}
    </QueryState>
  );
}

/** A dispatched responder's page: the place and the person they are going to, nothing more. */
function MissionView({ c }: { c: MissionCase }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canReveal = rolesAllow(user.roles, 'cases:reveal');
  const area = [c.county, c.subCounty, c.ward].filter(Boolean).join(' · ');
  const none = <span className="muted">{t('case.none')}</span>;
  return (
    <article className="page case" data-testid="mission-page" data-reference={c.reference}>
      <header className="case__header">
        <PageHeading title={`${c.reference} — ${t('mission.title')}`}>
          <span className="visually-hidden">{t('mission.title')} </span>
          <span data-testid="case-reference">{c.reference}</span>
        </PageHeading>
        <p className="case__badges">
          <StatusTag status={c.status} />
          {c.inDangerNow ? <DangerMarker /> : null}
        </p>
      </header>
      <section className="card case-section" aria-labelledby="mission-where">
        <h2 id="mission-where">{t('mission.title')}</h2>
        <p className="muted small">{t('mission.intro')}</p>
        <dl className="facts">
          <div>
            <dt>{t('mission.location')}</dt>
            <dd>{area || none}</dd>
          </div>
          <div>
            <dt>{t('mission.place')}</dt>
            <dd>{c.place || none}</dd>
          </div>
        </dl>
      </section>
      <section className="card case-section" aria-labelledby="mission-people">
        <h2 id="mission-people">{t('mission.victim')}</h2>
        {c.people.length === 0 ? (
          <p className="muted">{t('case.noPeople')}</p>
        ) : (
          <ul className="people" data-testid="case-people">
            {c.people.map((p) => (
              <PersonItem key={p.id} caseId={c.id} person={p} canReveal={canReveal} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  // What a phone shows first (heading, actions, summary, clocks) is drawn at once; every other section is
  // built when the reader comes near it (scrolls, types, follows a section link, prints), or at once
  // where the screen shows it (the side column on a wide screen).
  const mainEnd = useRef<HTMLDivElement>(null);
  const sideStart = useRef<HTMLDivElement>(null);
  const [rest, showRest] = useNear([mainEnd, sideStart]);
  const [printing, setPrinting] = useState(false);
  const prepare = async () => {
    showRest();
    setPrinting(true);
    await loadSections().then((m) => m.sectionsLoaded());
  };
  return (
    <article className="page page--wide case" data-testid="case-page" data-reference={c.reference}>
      <p className="breadcrumb">
        <Link to="/queue">{t('nav.queue')}</Link>
      </p>
      <header className="case__header">
        <PageHeading title={`${c.reference} — ${t('case.title')}`}>
          <span className="visually-hidden">{t('case.title')} </span>
          <span data-testid="case-reference">{c.reference}</span>
        </PageHeading>
        <p className="case__badges">
          <PriorityBadge priority={c.priority} />
          <StatusTag status={c.status} />
          {c.inDangerNow ? <DangerMarker /> : null}
          {c.sensitivity !== 'normal' ? (
            <span className={`tag tag--${c.sensitivity}`}>{t(`sensitivity.${c.sensitivity}`)}</span>
          ) : null}
        </p>
      </header>
      <PrintCase reference={c.reference} prepare={prepare} />
      <CaseSectionNav show={showRest} />
      <CaseActions c={c} />
      <p>
        <Link to={`/cases/${encodeURIComponent(c.id)}/documentation`} data-testid="case-documentation-link">
          {t('documentation.open')}
        </Link>{' '}
        <DraftStatementLink source={{ caseId: c.id }} />
      </p>
      <div className="case__grid">
        <div className="case__main">
          <Summary c={c} />
          <CaseClocks c={c} />
          {rest ? (
            <Suspense fallback={null}>
              <CaseMainRest c={c} all={printing} />
            </Suspense>
          ) : (
            <div ref={mainEnd} data-testid="case-more" />
          )}
        </div>
        {rest ? (
          <Suspense fallback={null}>
            <CaseSide c={c} all={printing} />
          </Suspense>
        ) : (
          <div ref={sideStart} />
        )}
      </div>
    </article>
  );
}

function Summary({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const lng = i18n.language;
  const place = [c.county, c.subCounty, c.ward].filter(Boolean).join(' · ');
  const none = <span className="muted">{t('case.none')}</span>;
  return (
    <section className="card case-section" aria-labelledby="case-summary">
      <h2 id="case-summary">{t('case.summary')}</h2>
      <dl className="facts" data-testid="case-summary">
        <div>
          <dt>{t('case.status')}</dt>
          <dd>
            <StatusTag status={c.status} />
          </dd>
        </div>
        <div>
          <dt>{t('case.priority')}</dt>
          <dd>{c.priority ? <PriorityBadge priority={c.priority} /> : t('cases.notAssessed')}</dd>
        </div>
        <div>
          <dt>{t('case.dangerNow')}</dt>
          <dd>{c.inDangerNow ? <DangerMarker /> : t('case.no')}</dd>
        </div>
        <div>
          <dt>{t('case.sensitivity')}</dt>
          <dd>{t(`sensitivity.${c.sensitivity}`)}</dd>
        </div>
        <div>
          <dt>{t('case.received')}</dt>
          <dd>
            <time dateTime={c.receivedAt}>
              {formatDateTime(c.receivedAt, lng)} {t('cases.eat')}
            </time>{' '}
            <span className="muted">({label(`channel.${c.channel}`, c.channel)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('case.incidentAt')}</dt>
          <dd>
            {c.incidentAt ? (
              <>
                <time dateTime={c.incidentAt}>
                  {formatDateTime(c.incidentAt, lng)} {t('cases.eat')}
                </time>
                {c.incidentPrecision ? (
                  <span className="muted"> ({t(`precision.${c.incidentPrecision}`)})</span>
                ) : null}
              </>
            ) : (
              none
            )}
          </dd>
        </div>
        <div>
          <dt>{t('case.location')}</dt>
          <dd>{place || none}</dd>
        </div>
        <div>
          <dt>{t('case.place')}</dt>
          <dd>{c.place || none}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('case.violationTypes')}</dt>
          <dd>
            {c.violationTypes.length ? (
              <ul className="inline-list">
                {c.violationTypes.map((v) => (
                  <li key={v} className="chip">
                    {violationLabel(v, lng)}
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
        </div>
        {c.flags.length ? (
          <div className="facts__wide">
            <dt>{t('case.flags')}</dt>
            <dd>
              <ul className="inline-list">
                {c.flags.map((f) => (
                  <li key={f} className="tag tag--flag">
                    {label(`flags.${f}`, f)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {c.details.decision ? (
          <div className="facts__wide">
            <dt>{t('case.decision')}</dt>
            <dd>
              {t('case.decidedAt', { at: `${formatDateTime(c.details.decision.at, lng)} ${t('cases.eat')}` })}
              {c.details.decision.fastPath && c.details.decision.retrospectiveReviewDue
                ? ` — ${t('case.fastPath', {
                    due: `${formatDateTime(c.details.decision.retrospectiveReviewDue, lng)} ${t('cases.eat')}`,
                  })}`
                : null}
              <RetrospectiveReview c={c} />
            </dd>
          </div>
        ) : null}
        {c.details.closure ? (
          <div className="facts__wide">
            <dt>{t('case.outcome')}</dt>
            <dd>{c.details.closure.outcome}</dd>
          </div>
        ) : null}
        {c.details.duplicateOf ? (
          <div className="facts__wide">
            <dt>{t('case.duplicateOf')}</dt>
            <dd>{c.details.duplicateOf}</dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('case.narrative')}</h3>
      <p className="narrative" data-testid="case-narrative">
        {c.narrative ?? <span className="muted">{t('case.none')}</span>}
      </p>
    </section>
  );
}
