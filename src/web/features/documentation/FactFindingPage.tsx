import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { MissionSummary } from '../../../shared/contracts/factfinding.js';
import { ResponseFormOf, text } from '../response/kit.js';
import {
  fetchMissionReport,
  useCreateMission,
  useLinkToMission,
  useMissions,
  useUpdateMission,
} from './factFindingApi.js';

const missionForm = z.object({
  title: text(200).min(3, 'form.required'),
  purpose: text(2000).min(3, 'form.required'),
  county: text(60).min(2, 'form.required'),
  startsOn: z.string().min(10, 'form.required'),
  endsOn: z.string().min(10, 'form.required'),
});
const findingsForm = z.object({ findings: text(100_000).min(1, 'form.required') });
const linkForm = z.object({ caseId: z.string().trim().uuid('form.required') });

/** Fact-finding missions: plan one, record its findings, link a case, download the report (issue #16). */
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
        <Mission key={m.id} m={m} done={setNote} />
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

function Mission({ m, done }: { m: MissionSummary; done: (s: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateMission(m.id);
  const link = useLinkToMission(m.id);
  const findings = useZodForm(findingsForm, { defaultValues: { findings: '' } });
  const linking = useZodForm(linkForm, { defaultValues: { caseId: '' } });
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await fetchMissionReport(m.id));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'mission-report.pdf';
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      done(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`ff-${m.id}`}>
      <h2 id={`ff-${m.id}`}>{m.title}</h2>
      <p>
        {m.county} · {m.startsOn} – {m.endsOn} · {t(`factFinding.status.${m.status}`)} ·{' '}
        {t('factFinding.teamSize', { count: m.team.length })}
      </p>
      <ResponseFormOf
        id={`ff-findings-${m.id}`}
        title={t('factFinding.findings')}
        help={t('factFinding.findingsHint')}
        form={findings}
        summaryTestId={`ff-findings-errors-${m.id}`}
        labels={{ findings: t('factFinding.findings') }}
        pending={update.isPending}
        submitLabel={t('factFinding.saveFindings')}
        onSubmit={async (v) => {
          await update.mutateAsync({ findings: v.findings });
          done(t('factFinding.findingsSaved'));
        }}
        onCancel={() => findings.reset()}
      >
        <Field id={`ff-findings-text-${m.id}`} name="findings" label={t('factFinding.findings')}>
          {(p) => <textarea {...p} rows={5} />}
        </Field>
      </ResponseFormOf>
      <ResponseFormOf
        id={`ff-link-${m.id}`}
        title={t('factFinding.linkCase')}
        form={linking}
        summaryTestId={`ff-link-errors-${m.id}`}
        labels={{ caseId: t('factFinding.caseId') }}
        pending={link.isPending}
        submitLabel={t('factFinding.linkSubmit')}
        onSubmit={async (v) => {
          await link.mutateAsync({ kind: 'case', id: v.caseId });
          linking.reset();
          done(t('factFinding.linked'));
        }}
        onCancel={() => linking.reset()}
      >
        <Field id={`ff-case-${m.id}`} name="caseId" label={t('factFinding.caseId')}>
          {(p) => <input {...p} type="text" autoComplete="off" />}
        </Field>
      </ResponseFormOf>
      <button type="button" className="button" disabled={busy} onClick={() => void download()}>
        {busy ? t('factFinding.downloading') : t('factFinding.report')}
      </button>
    </section>
  );
}
