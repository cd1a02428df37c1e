import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mechanisms } from '../../../shared/contracts/appeals.js';
import { errorText } from '../../api/client.js';
import { fetchTemplate, useDraftWrite, type Texts } from './api.js';

const empty: Texts = { titleEn: '', titleSw: '', bodyEn: '', bodySw: '' };
const fields = ['titleEn', 'bodyEn', 'titleSw', 'bodySw'] as const;

/**
 * A new statement or urgent appeal: from a case or an event (its id, or `?caseId=` / `?eventId=` in the
 * address), prefilled from what the case or event says that identifies nobody, then edited and saved.
 */
export function DraftForm({ onCreated }: { onCreated: (id: string, kind: 'statement' | 'appeal') => void }) {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams(window.location.search);
  const [sourceKind, setSourceKind] = useState<'case' | 'event'>(params.get('eventId') ? 'event' : 'case');
  const [sourceId, setSourceId] = useState(params.get('caseId') ?? params.get('eventId') ?? '');
  const [kind, setKind] = useState<'statement' | 'appeal'>('statement');
  const [mechanism, setMechanism] = useState<string>(mechanisms[0].code);
  const [texts, setTexts] = useState<Texts>(empty);
  const [error, setError] = useState<string | null>(null);
  const write = useDraftWrite();
  const lang = i18n.language === 'sw' ? 'sw' : 'en';
  const source = sourceKind === 'case' ? { caseId: sourceId.trim() } : { eventId: sourceId.trim() };
  // Arrived from a case or an event page: the form is what the user came for.
  const heading = useRef<HTMLHeadingElement>(null);
  const fromLink = Boolean(params.get('caseId') ?? params.get('eventId'));
  useEffect(() => {
    if (fromLink) heading.current?.focus();
  }, [fromLink]);
  const national = kind === 'appeal' && mechanisms.find((m) => m.code === mechanism)?.scope === 'national';

  async function prefill() {
    setError(null);
    try {
      setTexts(await fetchTemplate(source, kind === 'appeal' ? mechanism : undefined));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <form
      className="form form--stacked"
      data-testid="draft-form"
      onSubmit={(e) => {
        e.preventDefault();
        const body = { ...source, ...texts };
        write.mutate(
          kind === 'appeal'
            ? { create: 'appeal', body: { ...body, mechanism } }
            : { create: 'statement', body },
          {
            onSuccess: (r) => {
              setTexts(empty);
              onCreated(r.id, kind);
            },
          },
        );
      }}
    >
      <h2 ref={heading} tabIndex={-1}>
        {t('statements.newDraft')}
      </h2>
      <fieldset>
        <legend>{t('statements.kind')}</legend>
        {(['statement', 'appeal'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="kind"
              checked={kind === k}
              onChange={() => setKind(k)}
              data-testid={`draft-kind-${k}`}
            />
            {t(`statements.kinds2.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'appeal' ? (
        <label>
          {t('statements.mechanism')}
          <select
            value={mechanism}
            onChange={(e) => setMechanism(e.target.value)}
            data-testid="draft-mechanism"
          >
            {mechanisms.map((m) => (
              <option key={m.code} value={m.code}>
                {m[lang]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <fieldset>
        <legend>{t('statements.source')}</legend>
        {(['case', 'event'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="source" checked={sourceKind === k} onChange={() => setSourceKind(k)} />
            {t(`statements.sources.${k}`)}
          </label>
        ))}
        <label>
          {t('statements.sourceId')}
          <input
            value={sourceId}
            required
            onChange={(e) => setSourceId(e.target.value)}
            data-testid="draft-source"
          />
        </label>
        <button type="button" className="button" onClick={() => void prefill()} data-testid="draft-prefill">
          {t('statements.prefill')}
        </button>
      </fieldset>
      {fields.map((f) => (
        <label key={f}>
          {t(`statements.fields.${f}`)}
          {f.startsWith('title') ? (
            <input
              value={texts[f]}
              required={f === 'titleEn' || kind === 'statement' || national}
              onChange={(e) => setTexts({ ...texts, [f]: e.target.value })}
              data-testid={`draft-${f}`}
            />
          ) : (
            <textarea
              rows={6}
              value={texts[f]}
              required={f === 'bodyEn' || kind === 'statement' || national}
              onChange={(e) => setTexts({ ...texts, [f]: e.target.value })}
              data-testid={`draft-${f}`}
            />
          )}
        </label>
      ))}
      {kind === 'appeal' && !national ? <p className="muted">{t('statements.swOptional')}</p> : null}
      {error || write.isError ? (
        <p className="alert alert--error" role="alert">
          {error ?? errorText(write.error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" data-testid="draft-save">
        {t('statements.saveDraft')}
      </button>
    </form>
  );
}
