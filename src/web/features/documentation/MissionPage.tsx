import { saveFile } from '../../api/saveFile.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { MissionView } from '../../../shared/contracts/factfinding.js';
import { useEvidence, useTestimonies } from '../evidence/api.js';
import { ResponseFormOf, text, useWhen } from '../response/kit.js';
import { fetchMissionReport, useLinkToMission, useMission, useUpdateMission } from './factFindingApi.js';
import { ReportLanguage } from './ReportLanguage.js';

const findingsForm = z.object({ findings: text(100_000).min(1, 'form.required') });
const linkForm = z.object({ caseId: z.string().trim().uuid('form.required') });

/**
 * One fact-finding mission (issue #16): its findings, the cases visited, the interviews (testimonies)
 * and evidence gathered, and the mission report in English or Kiswahili. For each case visited, the
 * case's testimonies and evidence the caller may read are offered for linking, one button each.
 */
export function MissionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mission = useMission(id);
  const [note, setNote] = useState<string | null>(null);
  if (mission.isPending)
    return (
      <p className="muted" role="status">
        {t('factFinding.loading')}
      </p>
    );
  if (mission.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorText(mission.error)}
      </p>
    );
  const m = mission.data;
  const cases = m.links.filter((l) => l.kind === 'case');
  const testimonies = m.links.filter((l) => l.kind === 'testimony');
  const evidence = m.links.filter((l) => l.kind === 'evidence');
  return (
    <article className="mission" data-testid="mission">
      <p>
        <Link to="/fact-finding">← {t('factFinding.back')}</Link>
      </p>
      <PageHeading title={m.title}>{m.title}</PageHeading>
      <p>
        {[m.ward, m.county].filter(Boolean).join(', ')} · {m.startsOn} – {m.endsOn} ·{' '}
        {t(`factFinding.status.${m.status}`)} · {t('factFinding.teamSize', { count: m.team.length })}
      </p>
      <p className="muted">{m.purpose}</p>
      {note ? (
        <p role="status" className="alert alert--success">
          {note}
        </p>
      ) : null}
      <section className="card case-section" aria-labelledby="mission-findings">
        <h2 id="mission-findings">{t('factFinding.findings')}</h2>
        <p data-testid="mission-findings" className="prewrap">
          {m.findings ?? t('factFinding.noFindings')}
        </p>
        <Findings m={m} done={setNote} />
      </section>
      <section className="card case-section" aria-labelledby="mission-cases">
        <h2 id="mission-cases">{t('factFinding.cases', { count: cases.length })}</h2>
        <LinkCase m={m} done={setNote} />
        {cases.map((c) => (
          <CaseLinks key={c.caseId} caseId={c.caseId} m={m} done={setNote} />
        ))}
      </section>
      <section className="card case-section" aria-labelledby="mission-interviews">
        <h2 id="mission-interviews">{t('factFinding.interviews', { count: testimonies.length })}</h2>
        <ul className="records" data-testid="mission-interviews">
          {testimonies.map((l) => (
            <li key={l.testimonyId} className="record small">
              {l.testimonyId?.slice(0, 8)} · <Link to={`/cases/${l.caseId}`}>{t('factFinding.case')}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="card case-section" aria-labelledby="mission-evidence">
        <h2 id="mission-evidence">{t('factFinding.evidence', { count: evidence.length })}</h2>
        <ul className="records" data-testid="mission-evidence">
          {evidence.map((l) => (
            <li key={l.evidenceId} className="record small">
              <Link to={`/evidence/${l.evidenceId}`}>{l.evidenceId?.slice(0, 8)}</Link>
            </li>
          ))}
        </ul>
      </section>
      <Report id={m.id} />
    </article>
  );
}

function Findings({ m, done }: { m: MissionView; done: (s: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateMission(m.id);
  const form = useZodForm(findingsForm, { defaultValues: { findings: m.findings ?? '' } });
  return (
    <ResponseFormOf
      id="mission-findings-form"
      title={t('factFinding.recordFindings')}
      help={t('factFinding.findingsHint')}
      form={form}
      summaryTestId="mission-findings-errors"
      labels={{ findings: t('factFinding.findings') }}
      pending={update.isPending}
      submitLabel={t('factFinding.saveFindings')}
      onSubmit={async (v) => {
        await update.mutateAsync({ findings: v.findings });
        done(t('factFinding.findingsSaved'));
      }}
      onCancel={() => form.reset()}
    >
      <Field id="mission-findings-text" name="findings" label={t('factFinding.findings')}>
        {(p) => <textarea {...p} rows={5} />}
      </Field>
    </ResponseFormOf>
  );
}

function LinkCase({ m, done }: { m: MissionView; done: (s: string) => void }) {
  const { t } = useTranslation();
  const link = useLinkToMission(m.id);
  const form = useZodForm(linkForm, { defaultValues: { caseId: '' } });
  return (
    <ResponseFormOf
      id="mission-link-case"
      title={t('factFinding.linkCase')}
      form={form}
      summaryTestId="mission-link-errors"
      labels={{ caseId: t('factFinding.caseId') }}
      pending={link.isPending}
      submitLabel={t('factFinding.linkSubmit')}
      onSubmit={async (v) => {
        await link.mutateAsync({ kind: 'case', id: v.caseId });
        form.reset();
        done(t('factFinding.linked'));
      }}
      onCancel={() => form.reset()}
    >
      <Field
        id="mission-case-id"
        name="caseId"
        label={t('factFinding.caseId')}
        hint={t('factFinding.caseIdHint')}
      >
        {(p) => <input {...p} type="text" autoComplete="off" />}
      </Field>
    </ResponseFormOf>
  );
}

/** A case visited: its testimonies and evidence, each linked to the mission with one button. */
function CaseLinks({ caseId, m, done }: { caseId: string; m: MissionView; done: (s: string) => void }) {
  const { t } = useTranslation();
  const when = useWhen();
  const testimonies = useTestimonies(caseId);
  const evidence = useEvidence(caseId);
  const link = useLinkToMission(m.id);
  const [error, setError] = useState<string | null>(null);
  const linkedT = new Set(m.links.map((l) => l.testimonyId).filter(Boolean));
  const linkedE = new Set(m.links.map((l) => l.evidenceId).filter(Boolean));
  const add = async (kind: 'testimony' | 'evidence', id: string) => {
    setError(null);
    try {
      await link.mutateAsync({ kind, id });
      done(t(kind === 'testimony' ? 'factFinding.interviewLinked' : 'factFinding.evidenceLinked'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const button = (kind: 'testimony' | 'evidence', id: string, linked: boolean) =>
    linked ? (
      <span className="tag">{t('factFinding.onMission')}</span>
    ) : (
      <button
        type="button"
        className="button button--small"
        aria-disabled={link.isPending}
        data-testid={`mission-link-${kind}`}
        onClick={() => void add(kind, id)}
      >
        {t('factFinding.addToMission')}
      </button>
    );
  return (
    <div className="record" data-testid="mission-case">
      <p className="record__head">
        <Link to={`/cases/${caseId}`}>{t('factFinding.case')}</Link>
      </p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="records records--nested">
        {(testimonies.data ?? []).map((x) => (
          <li key={x.id}>
            {t('factFinding.interview')} · {when(x.recordedAt)} · {x.language ?? '—'}{' '}
            {button('testimony', x.id, linkedT.has(x.id))}
          </li>
        ))}
        {(evidence.data?.evidence ?? []).map((x) => (
          <li key={x.id}>
            {t(`factFinding.kind.${x.kind}`)} · {when(x.uploadedAt)} · {x.sha256.slice(0, 12)}…{' '}
            {button('evidence', x.id, linkedE.has(x.id))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The mission report (PDF), in the language the requester chooses. */
export function Report({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<'en' | 'sw'>(i18n.language === 'sw' ? 'sw' : 'en');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveFile(await fetchMissionReport(id, lang), `mission-report-${lang}.pdf`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card case-section" aria-labelledby={`mission-report-${id}`}>
      <h2 id={`mission-report-${id}`}>{t('factFinding.reportTitle')}</h2>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <ReportLanguage id={`mission-report-lang-${id}`} value={lang} onChange={setLang} />
      <button type="button" className="button" aria-disabled={busy} onClick={() => void download()}>
        {busy ? t('factFinding.downloading') : t('factFinding.report')}
      </button>
    </section>
  );
}
