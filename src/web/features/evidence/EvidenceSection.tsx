import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { casesKey, type CaseDetail } from '../cases/api.js';
import { formatDateTime } from '../cases/format.js';
import { queuePhoto } from '../offline/outbox.js';
import { MAX_OUTBOX_PHOTO_BYTES } from '../offline/photoUpload.js';
import { uploadEvidence, useEvidence, type CaptureBody, type EvidenceItem } from './api.js';
import { TestimoniesSection } from './TestimoniesSection.js';

/** "2.4 MB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The case page's evidence: the sealed items, the upload form (phone-first) and the testimonies. */
export function EvidenceSection({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canAct = rolesAllow(user.roles, 'cases:act');
  const query = useEvidence(c.id);
  return (
    <section className="card case-section" aria-labelledby="case-evidence" data-testid="evidence-section">
      <h2 id="case-evidence">{t('evidence.title')}</h2>
      <p className="muted">{t('evidence.intro')}</p>
      <QueryState query={query}>
        {(list) => (
          <>
            <p className="muted" data-testid="evidence-quota">
              {t('evidence.used', {
                used: formatBytes(list.usedBytes),
                quota: formatBytes(list.quotaBytes),
                max: formatBytes(list.maxFileBytes),
              })}
            </p>
            {list.evidence.length === 0 ? (
              <p className="muted">{t('evidence.none')}</p>
            ) : (
              <ul className="records" data-testid="evidence-list">
                {list.evidence.map((e) => (
                  <EvidenceRecord key={e.id} e={e} />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
      {canAct ? <UploadForm caseId={c.id} /> : null}
      <TestimoniesSection c={c} canAdd={canAct} evidence={query.data?.evidence ?? []} />
    </section>
  );
}

function EvidenceRecord({ e }: { e: EvidenceItem }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="record" data-testid="evidence-item">
      <p className="record__head">
        <strong className="break-word">{e.fileName ?? e.id}</strong>
        <span className="tag">{t(`evidence.kind.${e.kind}`)}</span>
        <span>{formatBytes(e.size)}</span>
      </p>
      <p className="record__meta muted">
        {formatDateTime(e.uploadedAt, i18n.language)} · {t('evidence.by', { who: e.uploadedByName ?? '—' })}
      </p>
      <p className="record__meta muted break-word">
        {t('evidence.sha256')}: <code>{e.sha256}</code>
      </p>
      <p>
        <Link to={`/evidence/${e.id}`} data-testid="evidence-open">
          {t('evidence.open')}
        </Link>
      </p>
    </li>
  );
}

/** Pick a file and send it in chunks; an interrupted upload resumes from where the server is. */
function UploadForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [capturedAt, setCapturedAt] = useState('');
  const [device, setDevice] = useState('');
  const [hash, setHash] = useState('');
  const [place, setPlace] = useState<{ latitude: number; longitude: number; accuracyMetres: number } | null>(
    null,
  );
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'uploaded' | 'queued' | false>(false);

  function locate() {
    navigator.geolocation?.getCurrentPosition((p) =>
      setPlace({
        latitude: p.coords.latitude,
        longitude: p.coords.longitude,
        accuracyMetres: p.coords.accuracy,
      }),
    );
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    setDone(false);
    if (!file) {
      setError(t('evidence.noFile'));
      return;
    }
    const capture: CaptureBody = {
      ...(capturedAt ? { capturedAt: new Date(capturedAt).toISOString() } : {}),
      ...(device.trim() ? { device: device.trim() } : {}),
      ...(hash.trim() ? { sha256: hash.trim() } : {}),
      ...(place ?? {}),
    };
    const form = ev.target as HTMLFormElement;
    const captured = Object.keys(capture).length ? capture : undefined;
    // Without a network, a photo waits in the outbox (sealed) and is uploaded once when it returns.
    const toOutbox = async () => {
      if (file.size > MAX_OUTBOX_PHOTO_BYTES) {
        setError(t('evidence.tooLargeOffline', { max: formatBytes(MAX_OUTBOX_PHOTO_BYTES) }));
        return;
      }
      await queuePhoto(caseId, file, captured);
      setDone('queued');
      setFile(null);
      form.reset();
    };
    try {
      if (!navigator.onLine) {
        await toOutbox();
        return;
      }
      setProgress(0);
      await uploadEvidence(caseId, file, captured, (sent, total) =>
        setProgress(Math.floor((sent / Math.max(total, 1)) * 100)),
      );
      setDone('uploaded');
      setFile(null);
      form.reset();
    } catch (e) {
      if (isApiError(e) && e.status === 0) await toOutbox().catch(() => setError(errorText(e)));
      else setError(errorText(e));
    } finally {
      setProgress(null);
      await queryClient.invalidateQueries({ queryKey: casesKey });
    }
  }

  const busy = progress !== null;
  return (
    <form className="stack" onSubmit={(ev) => void submit(ev)} data-testid="evidence-upload" noValidate>
      <h3>{t('evidence.upload')}</h3>
      {error ? (
        <div className="alert alert--error" role="alert" data-testid="evidence-upload-error">
          <p>{error}</p>
        </div>
      ) : null}
      {done ? (
        <p role="status" className="alert alert--ok" data-testid={`evidence-${done}`}>
          {done === 'queued' ? t('offline.outbox.queuedNotice') : t('evidence.uploaded')}
        </p>
      ) : null}
      <Field id="evidence-file" label={t('evidence.chooseFile')} hint={t('evidence.fileHint')}>
        {(a) => (
          <input
            {...a}
            type="file"
            accept="image/*,video/*,audio/*,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="evidence-file"
          />
        )}
      </Field>
      <Field id="evidence-captured" label={t('evidence.captureTime')}>
        {(a) => (
          <input
            {...a}
            type="datetime-local"
            value={capturedAt}
            onChange={(e) => setCapturedAt(e.target.value)}
          />
        )}
      </Field>
      <Field id="evidence-device" label={t('evidence.device')}>
        {(a) => <input {...a} maxLength={200} value={device} onChange={(e) => setDevice(e.target.value)} />}
      </Field>
      <Field id="evidence-hash" label={t('evidence.captureHash')}>
        {(a) => <input {...a} maxLength={64} value={hash} onChange={(e) => setHash(e.target.value)} />}
      </Field>
      <p>
        <button type="button" className="button" onClick={locate}>
          {t('evidence.addLocation')}
        </button>
      </p>
      {place ? (
        <p className="muted" role="status">
          {t('evidence.locationAdded', { lat: place.latitude.toFixed(5), lon: place.longitude.toFixed(5) })}
        </p>
      ) : null}
      {busy ? (
        <p role="status">
          <progress max={100} value={progress} /> {t('evidence.uploading', { percent: progress })}
        </p>
      ) : null}
      <p>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="evidence-send">
          {error && file ? t('evidence.resume') : t('evidence.send')}
        </button>
      </p>
    </form>
  );
}
