import { CaseNoteForm } from './CaseNoteForm.js';
import { CaseClocks, CaseSectionNav } from './CaseClocks.js';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { DataTable } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PrintCase } from './PrintCase.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import {
  revealPerson,
  useCase,
  type CaseDetail,
  type CasePerson,
  type MissionCase,
  type RevealedPerson,
  type TimelineEvent,
} from './api.js';
import { scoreKeys, riskKeys } from './AssessForm.js';
import { DangerMarker, PriorityBadge, StatusTag } from './badges.js';
import { CaseActions } from './CaseActions.js';
import { RetrospectiveReview } from './RetrospectiveReview.js';
import { SensitivityPanel } from './SensitivityPanel.js';
import { TriagePanel } from './TriagePanel.js';
import { TeamPanel } from './TeamPanel.js';
import { DispatchPanel } from '../network/DispatchPanel.js';
import { CaseEventsPanel } from '../events/CaseEventsPanel.js';
import { ConsentsPanel } from '../dataprotection/ConsentsPanel.js';
import { DraftStatementLink } from '../statements/DraftLink.js';
import { formatDateTime, uiLocale, violationLabel } from './format.js';
import {
  actionTypes,
  agencies,
  impactTypes,
  institutionalRequests,
  institutionalResponseTypes,
  termLabel,
  type Term,
} from '../../../shared/vocabularies.js';

// The response phase is a chunk of its own: the case itself shows while it loads.
const EvidenceSection = lazy(() =>
  import('../evidence/EvidenceSection.js').then((m) => ({ default: m.EvidenceSection })),
);
const CaseReferrals = lazy(() =>
  import('../referrals/CaseReferrals.js').then((m) => ({ default: m.CaseReferrals })),
);
const FundsSection = lazy(() =>
  import('../funds/FundsSection.js').then((m) => ({ default: m.FundsSection })),
);
const ResponsePanel = lazy(() =>
  import('../response/ResponsePanel.js').then((m) => ({ default: m.ResponsePanel })),
);

/** A translation for a key that may not exist (values the server may add later), else the raw value. */
function useLabel() {
  const { t, i18n } = useTranslation();
  return (key: string, fallback: string): string => (i18n.exists(key) ? String(t(key as never)) : fallback);
}

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCase(id);

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
      query={query}
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
      <PrintCase reference={c.reference} />
      <CaseSectionNav />
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
          <AssessmentSection c={c} />
          <DispatchPanel c={c} />
          <Suspense
            fallback={
              <p className="card case-section muted" role="status">
                {t('response.loading')}
              </p>
            }
          >
            <ResponsePanel c={c} />
            <EvidenceSection c={c} />
            <CaseReferrals c={c} />
            <FundsSection c={c} />
          </Suspense>
          <Timeline c={c} />
        </div>
        <aside className="case__side" aria-label={t('case.sideLabel')}>
          <SensitivityPanel c={c} />
          <CaseEventsPanel caseId={c.id} />
          <TriagePanel c={c} />
          <People c={c} />
          <TeamPanel c={c} />
          <ConsentsPanel c={c} />
        </aside>
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

function AssessmentSection({ c }: { c: CaseDetail }) {
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

function Timeline({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const label = useLabel();
  const lng = i18n.language;
  const term = (list: readonly Term[], code: string) => termLabel(list, code, uiLocale(lng));

  const actor = (e: TimelineEvent): string => {
    if (e.actorId && e.actorId === user.id) return t('case.you');
    if (!e.actorId) return label(`actorLabel.${e.actorLabel}`, e.actorLabel);
    const roles = c.members.filter((m) => m.userId === e.actorId);
    return roles.length
      ? roles.map((m) => label(`caseRole.${m.roleInCase}`, m.roleInCase)).join(', ')
      : t('case.staffMember');
  };
  const what = (e: TimelineEvent): string => {
    if (e.type.startsWith('transition.')) {
      const action = e.type.slice('transition.'.length);
      return label(`actionDone.${action}`, action);
    }
    if (e.type === 'escalation.requested' && typeof e.data.reason === 'string') {
      return t('case.escalation', { reason: label(`escalationReason.${e.data.reason}`, e.data.reason) });
    }
    return label(`eventType.${e.type}`, label(`network.eventType.${e.type}`, e.type));
  };
  const extra = (e: TimelineEvent): string | null => {
    const parts: string[] = [];
    if (typeof e.data.priority === 'string') parts.push(`${t('case.priority')} ${e.data.priority}`);
    if (e.data.fastPath === true) parts.push(t('case.fastPathShort'));
    if (typeof e.data.outcome === 'string') parts.push(`${t('case.outcome')}: ${e.data.outcome}`);
    if (typeof e.data.duplicateOf === 'string') parts.push(`${t('case.duplicateOf')}: ${e.data.duplicateOf}`);
    if (typeof e.data.flag === 'string') parts.push(label(`flags.${e.data.flag}`, e.data.flag));
    // The response phase: codes only on the timeline, shown with their labels.
    const code = (key: string) => (typeof e.data[key] === 'string' ? (e.data[key] as string) : null);
    if (e.type.startsWith('action.') && code('type')) parts.push(term(actionTypes, code('type')!));
    if (code('agency') && code('request') && code('response'))
      parts.push(
        `${term(agencies, code('agency')!)}: ${term(institutionalRequests, code('request')!)} → ${term(
          institutionalResponseTypes,
          code('response')!,
        )}`,
      );
    if (e.type === 'impact.recorded' && code('code')) parts.push(term(impactTypes, code('code')!));
    if (e.type === 'feedback.recorded' && typeof e.data.satisfaction === 'number')
      parts.push(t('response.satisfactionValue', { n: e.data.satisfaction }));
    if (e.type.startsWith('clock.') && code('clock'))
      parts.push(label(`clockKind.${code('clock')}`, code('clock')!));
    return parts.length ? parts.join(' · ') : null;
  };

  // A closing step's note is its reason and the closure's reason, which are usually the same text.
  const noteText = (e: TimelineEvent): string =>
    e.type === 'transition.close' && e.note ? [...new Set(e.note.split('\n'))].join('\n') : (e.note ?? '');

  // Newest first: the latest step is what a duty officer looks for.
  const events = [...c.timeline].reverse();
  return (
    <section className="card case-section" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('case.timeline')}</h2>
      <ol className="timeline" data-testid="case-timeline">
        {events.map((e) => (
          <li key={e.id} className="timeline__item" data-testid="timeline-item" data-type={e.type}>
            <p className="timeline__head">
              <strong className="timeline__what">{what(e)}</strong>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <span className="timeline__move">
                  {t(`status.${e.fromStatus}`)} <span aria-hidden="true">→</span>
                  <span className="visually-hidden"> {t('case.to')} </span> {t(`status.${e.toStatus}`)}
                </span>
              ) : null}
            </p>
            <p className="timeline__meta muted">
              <time dateTime={e.at}>
                {formatDateTime(e.at, lng)} {t('cases.eat')}
              </time>{' '}
              · {actor(e)}
              {extra(e) ? ` · ${extra(e)}` : null}
            </p>
            {e.note ? <p className="timeline__note prewrap">{noteText(e)}</p> : null}
          </li>
        ))}
      </ol>
      <CaseNoteForm caseId={c.id} />
    </section>
  );
}

function People({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canReveal = rolesAllow(user.roles, 'cases:reveal');
  return (
    <section className="card case-section" aria-labelledby="case-people">
      <h2 id="case-people">{t('case.people')}</h2>
      {c.people.length === 0 ? (
        <p className="muted">{c.anonymous ? t('case.anonymousReporter') : t('case.noPeople')}</p>
      ) : (
        <>
          {canReveal ? <p className="muted small">{t('case.revealAudited')}</p> : null}
          <ul className="people" data-testid="case-people">
            {c.people.map((p) => (
              <PersonItem key={p.id} caseId={c.id} person={p} canReveal={canReveal} />
            ))}
          </ul>
          {c.anonymous ? <p className="muted small">{t('case.anonymousReporter')}</p> : null}
        </>
      )}
    </section>
  );
}

function PersonItem({
  caseId,
  person: p,
  canReveal,
}: {
  caseId: string;
  person: CasePerson;
  canReveal: boolean;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [revealed, setRevealed] = useState<RevealedPerson | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const hasHidden = p.name !== null || p.phone !== null;

  async function reveal() {
    if (state === 'loading') return;
    setState('loading');
    setError(null);
    try {
      setRevealed(await revealPerson(caseId, p.id));
      setState('idle');
    } catch (e) {
      setError(errorText(e));
      setState('error');
    }
  }

  const details = [
    p.sex ? label(`sex.${p.sex}`, p.sex) : null,
    p.ageGroup ? label(`ageGroup.${p.ageGroup}`, p.ageGroup) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const nameText = revealed ? (revealed.name ?? '—') : p.name;
  const phoneText = revealed ? (revealed.phone ?? '—') : p.phone;

  return (
    <li className="person" data-testid="person">
      <p className="person__role">
        <strong>{label(`personRole.${p.role}`, p.role)}</strong>
        {details ? <span className="muted"> · {details}</span> : null}
      </p>
      <dl className="person__fields">
        <div>
          <dt>{t('case.name')}</dt>
          <dd className={!revealed && p.name ? 'masked' : undefined} data-testid="person-name">
            {nameText ?? <span className="muted">{t('case.notGiven')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('case.phone')}</dt>
          <dd className={!revealed && p.phone ? 'masked' : undefined} data-testid="person-phone">
            {phoneText ?? <span className="muted">{t('case.notGiven')}</span>}
          </dd>
        </div>
      </dl>
      {canReveal && hasHidden ? (
        revealed ? (
          <button type="button" className="button button--small" onClick={() => setRevealed(null)}>
            {t('case.hide')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            aria-disabled={state === 'loading'}
            onClick={() => void reveal()}
            data-testid="person-reveal"
          >
            {state === 'loading' ? t('app.loading') : t('case.reveal')}
            <span className="visually-hidden"> ({label(`personRole.${p.role}`, p.role)})</span>
          </button>
        )
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
