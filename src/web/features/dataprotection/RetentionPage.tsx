import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { retentionStatuses } from '../../../shared/contracts/dataprotection.js';
import type { RuleHistoryView } from '../../../shared/contracts/rules.js';
import { formatDateTime } from '../cases/format.js';
import { dpCalls, dpKey, useRetention } from './api.js';
import { retentionForm } from './forms.js';
import { useReauthCall } from './useReauthCall.js';

type Days = Record<(typeof retentionStatuses)[number], number>;

/**
 * Retention periods (rules as data, kind `retention`): days after a case reached each end status before
 * the hourly job crypto-shreds its personal data. Each change is a new version with who, when and why.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const retention = useRetention();
  return (
    <section className="page page--form" data-testid="retention-page">
      <PageHeading title={t('dp.retention.title')}>{t('dp.retention.title')}</PageHeading>
      <p>{t('dp.retention.intro')}</p>
      <QueryState query={retention}>{(h) => <RetentionForm key={h.current.version} h={h} />}</QueryState>
    </section>
  );
}

function RetentionForm({ h }: { h: RuleHistoryView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const action = useReauthCall('retention');
  const current = h.current.body as Days;
  const form = useZodForm(retentionForm, { defaultValues: { days: current, reason: '' } });
  const lng = i18n.language;

  async function onSubmit(v: z.output<typeof retentionForm>) {
    await action.run(
      async () => {
        const r = await dpCalls.changeRetention({
          body: v.days,
          reason: v.reason,
          baseVersion: h.current.version,
        });
        await queryClient.invalidateQueries({ queryKey: [...dpKey, 'retention'] });
        return r;
      },
      (r) => t('dp.retention.saved', { version: (r as { version: number }).version }),
    );
  }

  const versionLine = (v: RuleHistoryView['current']) =>
    v.version === 0
      ? t('dp.retention.defaults')
      : t('dp.retention.current', {
          version: v.version,
          when: v.changedAt ? formatDateTime(v.changedAt, lng, 'short') : '',
          who: v.changedBy?.displayName ?? '',
        });

  return (
    <>
      <p className="muted" data-testid="retention-version">
        {versionLine(h.current)}
      </p>
      {action.status}
      <Form
        form={form}
        onSubmit={onSubmit}
        summaryTestId="retention-errors"
        labels={{
          ...Object.fromEntries(retentionStatuses.map((s) => [`days.${s}`, t(`dp.retention.statuses.${s}`)])),
          reason: t('dp.retention.reason'),
        }}
        data-testid="retention-form"
      >
        {retentionStatuses.map((s) => (
          <Field
            key={s}
            id={`retention-${s}`}
            name={`days.${s}`}
            label={t(`dp.retention.statuses.${s}`)}
            hint={`${t('dp.retention.daysHint')} ${current[s] >= 365 ? `(${t('dp.retention.years', { years: Math.round(current[s] / 365) })})` : ''}`}
          >
            {(p) => <input {...p} inputMode="numeric" data-testid={`retention-${s}`} />}
          </Field>
        ))}
        <Field
          id="retention-reason"
          name="reason"
          label={t('dp.retention.reason')}
          hint={t('dp.retention.reasonHint')}
        >
          {(p) => <input {...p} maxLength={500} data-testid="retention-reason" />}
        </Field>
        {action.prompt}
        <button type="submit" className="button button--primary" data-testid="retention-save">
          {t('dp.retention.save')}
        </button>
      </Form>
      {h.history.length > 1 ? (
        <>
          <h2>{t('dp.retention.history')}</h2>
          <ul data-testid="retention-history">
            {h.history.map((v) => (
              <li key={v.version}>
                {versionLine(v)}
                {v.version > 0 ? ` — ${v.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
