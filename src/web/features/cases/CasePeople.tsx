import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from './useLabel.js';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { revealPerson, type CaseDetail, type CasePerson, type RevealedPerson } from './api.js';

/** The people of the case, each revealed on request (audited) to those who may. */
export function People({ c }: { c: CaseDetail }) {
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

export function PersonItem({
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
