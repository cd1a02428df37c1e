import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { DataTable } from '../../components/DataTable.js';
import { Field, FieldSet } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { dataCategories } from '../../../shared/contracts/dataprotection.js';
import { formatDateTime } from '../cases/format.js';
import { useBreaches, useMarkNotified, useRecordBreach, type Breach } from './api.js';
import { breachForm, countdown, eatToIso, isoToEat, type BreachFormValues } from './forms.js';

/** The current time, ticking every 30 seconds (the countdowns move without a reload). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

const blank = () => ({
  summary: '',
  dataCategories: [] as BreachFormValues['dataCategories'],
  affectedCount: '' as const,
  discoveredAt: isoToEat(new Date()),
  measures: '',
});

/**
 * The breach register (Kenya DPA s. 43): record a breach, see the 72-hour deadline to notify the ODPC
 * as a live countdown, and mark the ODPC and the people affected as notified. The server warns the
 * breach managers at 48 and 12 hours left.
 */
export function BreachesPage() {
  const { t, i18n } = useTranslation();
  const breaches = useBreaches();
  const record = useRecordBreach();
  const mark = useMarkNotified();
  const now = useNow();
  const [note, setNote] = useState('');
  const form = useZodForm(breachForm, { defaultValues: blank() });
  const lng = i18n.language;
  const categoryLabel = (k: string) =>
    i18n.exists(`dp.categories.${k}`) ? String(t(`dp.categories.${k}` as never)) : k;

  async function onSubmit(v: BreachFormValues) {
    if (record.isPending) return;
    setNote('');
    await record.mutateAsync({
      summary: v.summary,
      dataCategories: v.dataCategories,
      discoveredAt: eatToIso(v.discoveredAt),
      ...(v.affectedCount === '' ? {} : { affectedCount: v.affectedCount }),
      ...(v.measures ? { measures: v.measures } : {}),
    });
    form.reset(blank());
    setNote(t('dp.breaches.recorded'));
  }

  async function onMark(id: string, target: 'odpc' | 'subjects') {
    setNote('');
    try {
      await mark.mutateAsync({ id, target });
      setNote(t('dp.breaches.marked'));
    } catch (e) {
      setNote(errorText(e));
    }
  }

  const deadlineCell = (b: Breach) => {
    if (b.notifiedOdpcAt)
      return (
        <span data-testid="breach-notified">
          {t('dp.breaches.notifiedOdpc', { when: formatDateTime(b.notifiedOdpcAt, lng, 'short') })}
        </span>
      );
    const c = countdown(b.notifyBy, now);
    const text = c.overdue
      ? t('dp.breaches.overdue', { hours: c.hours, minutes: c.minutes })
      : t('dp.breaches.left', { hours: c.hours, minutes: c.minutes });
    return (
      <span>
        <time dateTime={b.notifyBy}>{formatDateTime(b.notifyBy, lng, 'short')}</time>
        <br />
        <strong
          className={`countdown countdown--${c.level}`}
          data-testid="breach-countdown"
          data-level={c.level}
        >
          {text}
        </strong>
      </span>
    );
  };

  return (
    <section className="page page--wide" data-testid="breaches-page">
      <PageHeading title={t('dp.breaches.title')}>{t('dp.breaches.title')}</PageHeading>
      <p>{t('dp.breaches.intro')}</p>
      <p role="status" className="small" data-testid="breaches-note">
        {note}
      </p>
      <QueryState query={breaches}>
        {(rows) => (
          <DataTable
            caption={t('dp.breaches.list')}
            captionId="breaches-caption"
            testId="breaches-table"
            rows={rows}
            rowKey={(b) => b.id}
            rowProps={(b) => ({ 'data-testid': 'breach-row', 'data-id': b.id })}
            empty={t('dp.breaches.none')}
            columns={[
              { key: 'summary', label: t('dp.breaches.summary'), rowHeader: true, cell: (b) => b.summary },
              {
                key: 'data',
                label: t('dp.breaches.data'),
                cell: (b) => b.dataCategories.map(categoryLabel).join(', '),
              },
              {
                key: 'discovered',
                label: t('dp.breaches.discoveredAt'),
                cell: (b) => formatDateTime(b.discoveredAt, lng, 'short'),
              },
              { key: 'deadline', label: t('dp.breaches.deadline'), cell: deadlineCell },
              {
                key: 'status',
                label: t('dp.breaches.status'),
                cell: (b) => (
                  <div className="button-row">
                    {b.notifiedOdpcAt ? null : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void onMark(b.id, 'odpc')}
                        data-testid="breach-mark-odpc"
                      >
                        {t('dp.breaches.markOdpc')}
                      </button>
                    )}
                    {b.notifiedSubjectsAt ? (
                      <span className="small">
                        {t('dp.breaches.notifiedSubjects', {
                          when: formatDateTime(b.notifiedSubjectsAt, lng, 'short'),
                        })}
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void onMark(b.id, 'subjects')}
                        data-testid="breach-mark-subjects"
                      >
                        {t('dp.breaches.markSubjects')}
                      </button>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <h2>{t('dp.breaches.record')}</h2>
      <Form
        form={form}
        onSubmit={onSubmit}
        summaryTestId="breach-errors"
        labels={{
          summary: t('dp.breaches.summary'),
          dataCategories: t('dp.breaches.data'),
          affectedCount: t('dp.breaches.affected'),
          discoveredAt: t('dp.breaches.discoveredAt'),
          measures: t('dp.breaches.measures'),
        }}
        data-testid="breach-form"
      >
        <Field
          id="breach-summary"
          name="summary"
          label={t('dp.breaches.summary')}
          hint={t('dp.breaches.summaryHint')}
        >
          {(p) => <textarea {...p} rows={3} maxLength={2000} data-testid="breach-summary" />}
        </Field>
        <FieldSet id="breach-data" name="dataCategories" legend={t('dp.breaches.data')}>
          <div className="choices choices--columns">
            {dataCategories.map((k) => (
              <label key={k} className="choice">
                <input
                  type="checkbox"
                  value={k}
                  {...form.register('dataCategories')}
                  data-testid={`breach-data-${k}`}
                />
                {categoryLabel(k)}
              </label>
            ))}
          </div>
        </FieldSet>
        <div className="field-row">
          <Field
            id="breach-discovered"
            name="discoveredAt"
            label={t('dp.breaches.discoveredAt')}
            hint={t('dp.breaches.discoveredHint')}
          >
            {(p) => <input {...p} type="datetime-local" data-testid="breach-discovered" />}
          </Field>
          <Field
            id="breach-affected"
            name="affectedCount"
            label={t('dp.breaches.affected')}
            optional={t('form.optional')}
          >
            {(p) => <input {...p} inputMode="numeric" data-testid="breach-affected" />}
          </Field>
        </div>
        <Field
          id="breach-measures"
          name="measures"
          label={t('dp.breaches.measures')}
          optional={t('form.optional')}
        >
          {(p) => <textarea {...p} rows={2} maxLength={2000} data-testid="breach-measures" />}
        </Field>
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={record.isPending}
          data-testid="breach-submit"
        >
          {t('dp.breaches.record')}
        </button>
      </Form>
    </section>
  );
}
