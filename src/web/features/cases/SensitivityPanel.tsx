import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { sensitivityRank } from '../../../shared/sensitivity.js';
import { sensitivities, type Sensitivity } from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import { useDecideSensitivity, useSetSensitivity, type CaseDetail } from './api.js';

/**
 * Screening sets who may see the case: raising applies at once; lowering needs a reason and a second
 * person, who approves or refuses here.
 */
export function SensitivityPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const set = useSetSensitivity(c.id);
  const decide = useDecideSensitivity(c.id);
  const [level, setLevel] = useState<Sensitivity>(c.sensitivity);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const canScreen = rolesAllow(user.roles, 'cases:screen');
  const pending = c.sensitivityRequest;
  const canDecide =
    pending !== null && rolesAllow(user.roles, 'cases:decide') && pending.requestedBy !== user.id;
  if (!canScreen && !canDecide) return null;
  const lowering = sensitivityRank(level) < sensitivityRank(c.sensitivity);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (set.isPending) return;
    setError(null);
    setDone(null);
    if (lowering && !reason.trim()) {
      setReasonError(t('sensitivityPanel.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    try {
      const r = await set.mutateAsync({
        sensitivity: level,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setReason('');
      setDone(r.status === 'pending' ? t('sensitivityPanel.requested') : t('sensitivityPanel.applied'));
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function answer(approve: boolean) {
    if (!pending || decide.isPending) return;
    setError(null);
    try {
      await decide.mutateAsync({ requestId: pending.id, approve });
      setDone(approve ? t('sensitivityPanel.applied') : t('sensitivityPanel.refused'));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="card case-section" aria-labelledby="case-sensitivity" data-testid="sensitivity-panel">
      <h2 id="case-sensitivity">{t('sensitivityPanel.title')}</h2>
      <p className="muted small">{t('sensitivityPanel.intro')}</p>
      {pending ? (
        <div className="alert" role="status" data-testid="sensitivity-request">
          <p>{t('sensitivityPanel.pending', { level: t(`sensitivity.${pending.to}`) })}</p>
          {canDecide ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                aria-disabled={decide.isPending}
                onClick={() => void answer(true)}
                data-testid="sensitivity-approve"
              >
                {t('sensitivityPanel.approve')}
              </button>
              <button
                type="button"
                className="button"
                aria-disabled={decide.isPending}
                onClick={() => void answer(false)}
                data-testid="sensitivity-refuse"
              >
                {t('sensitivityPanel.refuse')}
              </button>
            </div>
          ) : (
            <p className="muted small">{t('sensitivityPanel.secondPerson')}</p>
          )}
        </div>
      ) : null}
      {canScreen && !pending ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="sensitivity-level" label={t('sensitivityPanel.level')}>
            {(a) => (
              <select
                {...a}
                value={level}
                onChange={(e) => setLevel(e.target.value as Sensitivity)}
                data-testid="sensitivity-level"
              >
                {sensitivities.map((s) => (
                  <option key={s} value={s}>
                    {t(`sensitivity.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {lowering ? (
            <Field
              id="sensitivity-reason"
              label={t('sensitivityPanel.reason')}
              hint={t('sensitivityPanel.reasonHint')}
              error={reasonError}
            >
              {(a) => (
                <textarea
                  {...a}
                  rows={3}
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="sensitivity-reason"
                />
              )}
            </Field>
          ) : null}
          <div className="button-row">
            <button
              type="submit"
              className="button"
              aria-disabled={set.isPending || level === c.sensitivity}
              disabled={level === c.sensitivity}
              data-testid="sensitivity-submit"
            >
              {lowering ? t('sensitivityPanel.askLower') : t('sensitivityPanel.raise')}
            </button>
          </div>
        </form>
      ) : null}
      {done ? (
        <p role="status" className="small">
          {done}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
