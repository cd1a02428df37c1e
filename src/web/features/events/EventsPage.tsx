import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DataTable } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { eventInput } from '../../../shared/contracts/events.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { counties } from '../cases/counties.js';
import { formatDateTime } from '../cases/format.js';
import { useCreateEvent, useEvents, type EventSummary } from './api.js';
import { formatNumber } from '../../i18n/formats.js';

/** The console's form: the contract's fields, the start as the browser's local date-time. */
const eventForm = eventInput
  .omit({ startedAt: true, violationTypes: true, startedPrecision: true })
  .extend({ startedAt: z.string().optional() });

/** Events (one crackdown, many cases): the list, a search, and a new event. */
export function EventsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [q, setQ] = useState('');
  const events = useEvents(q || undefined);
  const canCreate = rolesAllow(user.roles, 'cases:screen');
  return (
    <section className="page page--wide">
      <PageHeading title={t('nav.events')}>{t('nav.events')}</PageHeading>
      <p>{t('events.intro')}</p>
      <p role="search">
        <label htmlFor="events-q">{t('events.search')}</label>{' '}
        <input id="events-q" type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </p>
      <QueryState query={events}>
        {(list) => (
          <DataTable<EventSummary>
            caption={t('events.caption', { count: list.length })}
            captionId="events-caption"
            testId="events-table"
            columns={[
              {
                key: 'ref',
                label: t('events.reference'),
                rowHeader: true,
                cell: (e) => <Link to={`/events/${e.id}`}>{e.reference}</Link>,
              },
              { key: 'title', label: t('events.title'), cell: (e) => e.title },
              {
                key: 'place',
                label: t('events.place'),
                cell: (e) => [e.county, e.ward].filter(Boolean).join(' · '),
              },
              {
                key: 'started',
                label: t('events.startedAt'),
                cell: (e) => (e.startedAt ? formatDateTime(e.startedAt, i18n.language) : '—'),
              },
              {
                key: 'cases',
                label: t('events.cases'),
                cell: (e) => formatNumber(e.caseCount, i18n.language),
              },
            ]}
            rows={list}
            rowKey={(e) => e.id}
            empty={t('events.empty')}
          />
        )}
      </QueryState>
      {canCreate ? <NewEvent /> : null}
    </section>
  );
}

function NewEvent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const form = useZodForm(eventForm, {
    defaultValues: {
      title: '',
      description: '',
      place: '',
      county: '',
      subCounty: '',
      ward: '',
      startedAt: '',
    },
  });
  async function submit(v: z.output<typeof eventForm>) {
    const made = await create.mutateAsync({
      ...v,
      county: v.county || undefined,
      subCounty: v.subCounty || undefined,
      ward: v.ward || undefined,
      startedAt: v.startedAt ? new Date(v.startedAt).toISOString() : undefined,
    });
    void navigate(`/events/${made.id}`);
  }
  return (
    <section className="card" aria-labelledby="new-event-title">
      <h2 id="new-event-title">{t('events.new')}</h2>
      <Form form={form} onSubmit={submit} summaryTestId="event-errors">
        <Field id="event-title" name="title" label={t('events.title')} hint={t('events.titleHint')}>
          {(a) => <input {...a} maxLength={200} data-testid="event-title" />}
        </Field>
        <Field id="event-description" name="description" label={t('events.description')}>
          {(a) => <textarea {...a} rows={3} maxLength={5000} />}
        </Field>
        <Field id="event-place" name="place" label={t('events.exactPlace')} hint={t('events.exactPlaceHint')}>
          {(a) => <input {...a} maxLength={500} />}
        </Field>
        <Field id="event-county" name="county" label={t('events.county')}>
          {(a) => (
            <select {...a}>
              <option value="">{t('events.chooseCounty')}</option>
              {counties.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="event-subcounty" name="subCounty" label={t('events.subCounty')}>
          {(a) => <input {...a} maxLength={80} />}
        </Field>
        <Field id="event-ward" name="ward" label={t('events.ward')}>
          {(a) => <input {...a} maxLength={80} />}
        </Field>
        <Field id="event-started" name="startedAt" label={t('events.startedAt')}>
          {(a) => <input {...a} type="datetime-local" />}
        </Field>
        <button type="submit" className="button button--primary" data-testid="event-create">
          {t('events.create')}
        </button>
      </Form>
    </section>
  );
}
