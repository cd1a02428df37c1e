import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { sensitivityBody } from '../../../shared/contracts/cases.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { sensitivityRank } from '../../../shared/sensitivity.js';
import { sensitivities, type Sensitivity } from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import { useDecideSensitivity, useSetSensitivity, type CaseDetail } from './api.js';

/** The form's values: the contract's body, the reason as typed; lowering the level needs one. */
export const sensitivityForm = (current: Sensitivity) =>
  sensitivityBody.extend({ reason: z.string().trim().max(2000) }).superRefine((v, ctx) => {
    if (sensitivityRank(v.sensitivity) < sensitivityRank(current) && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'sensitivityPanel.reasonRequired' });
  });

/**
 * Screening sets who may see the case: raising applies at once; lowering needs a reason and a second
 * person, who approves or refuses here.
 */
export function SensitivityPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const set = useSetSensitivity(c.id);
  const decide = useDecideSensitivity(c.id);
  const form = useZodForm(sensitivityForm(c.sensitivity), {
    defaultValues: { sensitivity: c.sensitivity, reason: '' },
  });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const level = form.watch('sensitivity');
  const canScreen = rolesAllow(user.roles, 'cases:screen');
  const pending = c.sensitivityRequest;
  const canDecide =
    pending !== null && rolesAllow(user.roles, 'cases:decide') && pending.requestedBy !== user.id;
  if (!canScreen && !canDecide) return null;
  const lowering = sensitivityRank(level) < sensitivityRank(c.sensitivity);

  async function submit(values: { sensitivity: Sensitivity; reason: string }) {
    if (set.isPending) return;
    setError(null);
    setDone(null);
    const r = await set.mutateAsync({
      sensitivity: values.sensitivity,
      ...(values.reason ? { reason: values.reason } : {}),
    });
    form.setValue('reason', '');
    setDone(r.status === 'pending' ? t('sensitivityPanel.requested') : t('sensitivityPanel.applied'));
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
        <Form form={form} onSubmit={submit} summaryTestId="sensitivity-errors">
          <Field id="sensitivity-level" name="sensitivity" label={t('sensitivityPanel.level')}>
            {(a) => (
              <select {...a} data-testid="sensitivity-level">
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
              name="reason"
              label={t('sensitivityPanel.reason')}
              hint={t('sensitivityPanel.reasonHint')}
            >
              {(a) => <textarea {...a} rows={3} maxLength={2000} data-testid="sensitivity-reason" />}
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
        </Form>
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
