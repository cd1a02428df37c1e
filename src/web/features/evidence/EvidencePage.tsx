import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { casesKey } from '../cases/api.js';
import { formatDateTime } from '../cases/format.js';
import {
  downloadOriginal,
  useEvidenceDetail,
  useHashCheck,
  viewUrl,
  type EvidenceDetailView,
} from './api.js';
import { formatBytes } from './EvidenceSection.js';

/** One item of evidence: what it is, its capture record, the viewing copy, and its chain of custody. */
export function EvidencePage() {
  const { evidenceId = '' } = useParams();
  const query = useEvidenceDetail(evidenceId);
  return (
    <section className="page" data-testid="evidence-page">
      <QueryState query={query}>{(e) => <EvidenceDetail e={e} />}</QueryState>
    </section>
  );
}

function EvidenceDetail({ e }: { e: EvidenceDetailView }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const check = useHashCheck();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const cap = e.capture;
  return (
    <article className="stack">
      <p>
        <Link to={`/cases/${e.caseId}`}>{t('evidence.back')}</Link>
      </p>
      <h1 className="break-word">{e.fileName ?? e.id}</h1>
      <p className="muted">
        {t(`evidence.kind.${e.kind}`)} · {e.mediaType} · {formatBytes(e.size)} · {when(e.uploadedAt)} ·{' '}
        {t('evidence.by', { who: e.uploadedByName ?? '—' })}
      </p>
      <p className="break-word">
        {t('evidence.sha256')}: <code data-testid="evidence-sha256">{e.sha256}</code>
      </p>
      {cap ? (
        <dl className="facts">
          {cap.capturedAt ? (
            <>
              <dt>{t('evidence.captured')}</dt>
              <dd>{when(cap.capturedAt)}</dd>
            </>
          ) : null}
          {cap.latitude !== null && cap.longitude !== null ? (
            <>
              <dt>{t('evidence.capturePlace')}</dt>
              <dd>
                {cap.latitude.toFixed(5)}, {cap.longitude.toFixed(5)}
              </dd>
            </>
          ) : null}
          {cap.device ? (
            <>
              <dt>{t('evidence.captureDevice')}</dt>
              <dd>{cap.device}</dd>
            </>
          ) : null}
          {cap.hashMatches !== null ? (
            <>
              <dt>{t('evidence.sha256')}</dt>
              <dd className={cap.hashMatches ? 'tag tag--ok' : 'tag tag--late'}>
                {cap.hashMatches ? t('evidence.captureHashMatch') : t('evidence.captureHashDiffers')}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {e.hasViewingCopy ? (
        <figure>
          <img className="evidence-view" src={viewUrl(e.id)} alt={t('evidence.view')} />
          <figcaption className="muted">{t('evidence.view')}</figcaption>
        </figure>
      ) : (
        <p className="muted">{t('evidence.noViewingCopy')}</p>
      )}
      <p>
        <button
          type="button"
          className="button"
          onClick={() => check.mutate(e.id)}
          disabled={check.isPending}
        >
          {t('evidence.check')}
        </button>
      </p>
      {check.isSuccess ? (
        <p role="status" className="alert alert--ok">
          {t('evidence.checkOk')}
        </p>
      ) : null}
      {check.isError ? (
        <div role="alert" className="alert alert--error">
          <p>{errorText(check.error)}</p>
        </div>
      ) : null}
      {rolesAllow(user.roles, 'cases:act') ? <DownloadForm e={e} /> : null}
      <h2>{t('evidence.custody')}</h2>
      <ol className="records" data-testid="custody">
        {e.custody.map((c) => (
          <li key={c.id} className="record" data-testid="custody-entry">
            <p className="record__head">
              <strong>{t(`evidence.action.${c.action}`)}</strong>
              <span>{t(`evidence.copy.${c.copy}`)}</span>
              <span className={c.outcome === 'ok' ? 'tag tag--ok' : 'tag tag--late'}>
                {t(`evidence.outcome.${c.outcome}`)}
              </span>
            </p>
            <p className="record__meta muted">
              {when(c.at)} · {c.actorName ?? '—'}
            </p>
            {c.reason ? <p className="record__text prewrap">{c.reason}</p> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}

function DownloadForm({ e }: { e: EvidenceDetailView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (reason.trim().length < 3) {
      setError(t('evidence.reasonShort'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await downloadOriginal(e.id, e.fileName, reason.trim());
      setReason('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: casesKey });
    }
  }

  return (
    <form className="stack" onSubmit={(ev) => void submit(ev)} noValidate data-testid="evidence-download">
      <Field
        id="evidence-reason"
        label={t('evidence.reason')}
        hint={t('evidence.reasonHint')}
        error={error ?? undefined}
      >
        {(a) => (
          <textarea
            {...a}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(ev) => setReason(ev.target.value)}
          />
        )}
      </Field>
      <p>
        <button type="submit" className="button" disabled={busy}>
          {t('evidence.download')}
        </button>
      </p>
    </form>
  );
}
