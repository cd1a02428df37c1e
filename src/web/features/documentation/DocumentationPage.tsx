import { saveFile } from '../../api/saveFile.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { actTypes, involvementDegrees, perpetratorTypes, victimStatuses } from '../../../shared/esf.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { reauthenticate } from '../messages/api.js';
import { useResponseSummary } from '../response/api.js';
import { ResponseSection, useTerm, useWhen } from '../response/kit.js';
import { fetchDossier, useDocumentation } from './api.js';
import { ActForm } from './ActForm.js';
import { InvolvementForm, PersonForm } from './forms.js';
import { InterventionsSection, SourcesSection } from './SourcesInterventions.js';
import { ReauthFields } from '../../components/ReauthFields.js';
import { ReportLanguage } from './ReportLanguage.js';

/**
 * The case's documentation (HURIDOCS ESF, DESIGN §2.5): acts with their victim and perpetrators,
 * people under pseudonyms, sources and interventions, and the dossier download. The field parts
 * (add an act, add a perpetrator) are single-column forms that fit a 360 px phone.
 */
export function DocumentationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const query = useDocumentation(id);
  const response = useResponseSummary(id);
  const term = useTerm();
  const when = useWhen();

  if (query.isPending)
    return (
      <p className="muted" role="status">
        {t('documentation.loading')}
      </p>
    );
  if (query.isError)
    return (
      <div className="alert alert--error" role="alert">
        <p>{t('documentation.loadFailed', { message: errorText(query.error) })}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  const doc = query.data;
  const canAct = rolesAllow(user.roles, 'cases:act');
  const arrests = (response.data?.arrests ?? []).map((a) => ({
    id: a.id,
    label: `${a.policeStation} · ${when(a.arrestedAt)}`,
  }));
  const actLabel = (actId: string) => {
    const a = doc.acts.find((x) => x.id === actId);
    return a ? `${term(actTypes, a.actType)} — ${a.victim}` : actId;
  };
  const role = (r: string) => t(`documentation.roles.${r}` as never);

  return (
    <article className="documentation" data-testid="documentation">
      <p>
        <Link to={`/cases/${encodeURIComponent(id)}`}>← {t('documentation.back')}</Link>
      </p>
      <PageHeading title={t('documentation.title')}>{t('documentation.title')}</PageHeading>
      <p className="muted">{t('documentation.intro')}</p>
      {doc.powerfulPerpetrator ? (
        <p className="tag tag--late" data-testid="doc-powerful">
          {t('documentation.powerful')}
        </p>
      ) : null}
      {doc.events.length === 0 ? <p className="alert alert--warning">{t('documentation.noEvent')}</p> : null}

      <ResponseSection
        id="doc-acts"
        title={t('documentation.acts')}
        intro={t('documentation.actsIntro')}
        addLabel={t('documentation.addAct')}
        canAdd={canAct && doc.events.length > 0}
        form={(close) => <ActForm caseId={id} doc={doc} arrests={arrests} close={close} />}
      >
        {doc.acts.length === 0 ? (
          <p className="muted">{t('documentation.none')}</p>
        ) : (
          <ul className="records" data-testid="doc-act-list">
            {doc.acts.map((a) => (
              <li key={a.id} className="record" data-testid="doc-act">
                <p className="record__head">
                  <strong>{term(actTypes, a.actType)}</strong>
                  <span>{a.victim}</span>
                  <span className="tag">{term(victimStatuses, a.victimStatus)}</span>
                </p>
                <p className="record__meta muted">
                  {[a.startedAt ? when(a.startedAt) : null, a.county, a.place].filter(Boolean).join(' · ')}
                </p>
                {a.involvements.length > 0 ? (
                  <ul className="records records--nested">
                    {a.involvements.map((i) => (
                      <li key={i.id}>
                        {i.perpetrator} — {term(perpetratorTypes, i.perpetratorType)},{' '}
                        {term(involvementDegrees, i.degree)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </ResponseSection>

      <ResponseSection
        id="doc-involvements"
        title={t('documentation.involvements')}
        addLabel={t('documentation.addInvolvement')}
        canAdd={canAct && doc.acts.length > 0}
        form={(close) => <InvolvementForm caseId={id} doc={doc} actLabel={actLabel} close={close} />}
      >
        {null}
      </ResponseSection>

      <ResponseSection
        id="doc-people"
        title={t('documentation.people')}
        intro={t('documentation.peopleIntro')}
        addLabel={t('documentation.addPerson')}
        canAdd={canAct}
        form={(close) => <PersonForm caseId={id} close={close} />}
      >
        <ul className="records" data-testid="doc-people">
          {doc.people.map((p) => (
            <li key={p.id} className="record">
              <strong>
                {role(p.role)} {p.ordinal}
              </strong>{' '}
              <span className="muted">{[p.kind, p.sex, p.ageGroup].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      </ResponseSection>

      <SourcesSection caseId={id} doc={doc} canAdd={canAct} />
      <InterventionsSection caseId={id} doc={doc} canAdd={canAct} />
      <Dossier caseId={id} canReveal={rolesAllow(user.roles, 'cases:reveal')} />
    </article>
  );
}

/** The dossier: pseudonymised for anyone on the case; with identities after re-authentication and a reason. */
function Dossier({ caseId, canReveal }: { caseId: string; canReveal: boolean }) {
  const { t, i18n } = useTranslation();
  // The dossier's language: the console's by default, the requester may choose the other.
  const [lang, setLang] = useState<'en' | 'sw'>(i18n.language === 'sw' ? 'sw' : 'en');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reauth, setReauth] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  async function run(reveal: boolean) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await fetchDossier(caseId, reveal ? { reason } : undefined, lang);
      saveFile(blob, reveal ? `dossier-${caseId}-identities.pdf` : `dossier-${caseId}.pdf`);
      setReauth(false);
    } catch (e) {
      if (isApiError(e) && e.code === 'REAUTH_REQUIRED') setReauth(true);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function confirm() {
    try {
      await reauthenticate({ password, code });
      setPassword('');
      setCode('');
      await run(true);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="card case-section" aria-labelledby="doc-dossier-title" data-testid="doc-dossier">
      <h2 id="doc-dossier-title">{t('documentation.dossier')}</h2>
      <p className="muted small">{t('documentation.dossierIntro')}</p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <ReportLanguage id="doc-dossier-lang" value={lang} onChange={setLang} />
      <div className="button-row">
        <button type="button" className="button" aria-disabled={busy} onClick={() => void run(false)}>
          {busy ? t('documentation.downloading') : t('documentation.download')}
        </button>
      </div>
      {canReveal ? (
        <div className="form" role="group" aria-labelledby="doc-reveal-title">
          <h3 id="doc-reveal-title">{t('documentation.reveal')}</h3>
          <Field
            id="doc-reveal-reason"
            label={t('documentation.reason')}
            hint={t('documentation.reasonHint')}
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          {reauth ? (
            <div role="group" aria-labelledby="doc-reauth-title">
              <h4 id="doc-reauth-title">{t('documentation.reauthTitle')}</h4>
              <p className="muted small">{t('documentation.reauthIntro')}</p>
              <ReauthFields
                idPrefix="doc-reauth"
                password={password}
                code={code}
                onPassword={setPassword}
                onCode={setCode}
              />
              <button
                type="button"
                className="button button--primary"
                aria-disabled={busy}
                onClick={() => void confirm()}
              >
                {t('documentation.confirm')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button"
              aria-disabled={busy || reason.trim().length < 10}
              onClick={() => void run(true)}
            >
              {t('documentation.revealSubmit')}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
