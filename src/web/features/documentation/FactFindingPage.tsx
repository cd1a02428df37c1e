import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { MissionSummary } from '../../../shared/contracts/factfinding.js';
import { Link } from 'react-router-dom';
import { ResponseFormOf, text } from '../response/kit.js';
import { useCreateMission, useMissions } from './factFindingApi.js';
import { Report } from './MissionPage.js';

const missionForm = z.object({
  title: text(200).min(3, 'form.required'),
  purpose: text(2000).min(3, 'form.required'),
  county: text(60).min(2, 'form.required'),
  startsOn: z.string().min(10, 'form.required'),
  endsOn: z.string().min(10, 'form.required'),
});

/** Fact-finding missions: plan one, open one (its page records findings and links), download a report. */
export function FactFindingPage() {
  const { t } = useTranslation();
  const missions = useMissions();
  const [note, setNote] = useState<string | null>(null);
  return (
    <PageHeading title={t('factFinding.title')}>
      <p>{t('factFinding.intro')}</p>
      {note && <p role="status">{note}</p>}
      <CreateMission done={setNote} />
      {missions.isError && <p role="alert">{errorText(missions.error)}</p>}
      {missions.data?.missions.length === 0 && <p>{t('factFinding.none')}</p>}
      {missions.data?.missions.map((m) => (
        <Mission key={m.id} m={m} />
      ))}
    </PageHeading>
  );
}

function CreateMission({ done }: { done: (s: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateMission();
  const form = useZodForm(missionForm, {
    defaultValues: { title: '', purpose: '', county: '', startsOn: '', endsOn: '' },
  });
  const fields = ['title', 'purpose', 'county', 'startsOn', 'endsOn'] as const;
  return (
    <ResponseFormOf
      id="ff-create"
      title={t('factFinding.create')}
      form={form}
      summaryTestId="ff-create-errors"
      labels={Object.fromEntries(fields.map((f) => [f, t(`factFinding.${f === 'title' ? 'title_' : f}`)]))}
      pending={create.isPending}
      submitLabel={t('factFinding.createSubmit')}
      onSubmit={async (v) => {
        await create.mutateAsync({ ...v, team: [] });
        form.reset();
        done(t('factFinding.created'));
      }}
      onCancel={() => form.reset()}
    >
      {fields.map((f) => (
        <Field key={f} id={`ff-${f}`} name={f} label={t(`factFinding.${f === 'title' ? 'title_' : f}`)}>
          {(p) =>
            f === 'purpose' ? (
              <textarea {...p} rows={3} />
            ) : (
              <input {...p} type={f.endsWith('On') ? 'date' : 'text'} autoComplete="off" />
            )
          }
        </Field>
      ))}
    </ResponseFormOf>
  );
}

/** A mission in the list: where and when, and the way to its page (findings, interviews, evidence, report). */
function Mission({ m }: { m: MissionSummary }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`ff-${m.id}`} data-testid="ff-mission">
      <h2 id={`ff-${m.id}`}>
        <Link to={`/fact-finding/${encodeURIComponent(m.id)}`}>{m.title}</Link>
      </h2>
      <p>
        {m.county} · {m.startsOn} – {m.endsOn} · {t(`factFinding.status.${m.status}`)} ·{' '}
        {t('factFinding.teamSize', { count: m.team.length })}
      </p>
      <Report id={m.id} />
    </section>
  );
}
