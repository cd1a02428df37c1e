import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendVias } from '../../../shared/contracts/appeals.js';
import { institutionalResponseCodes } from '../../../shared/vocabularies.js';
import { errorText } from '../../api/client.js';
import { QueryState } from '../../components/QueryState.js';
import {
  useAppeal,
  useDraftWrite,
  useStatement,
  useStatementAction,
  type Appeal,
  type Statement,
  type StatementStep,
  type Texts,
} from './api.js';

type Draft = Statement & Partial<Pick<Appeal, 'mechanism' | 'dispatch'>>;
const fields = ['titleEn', 'bodyEn', 'titleSw', 'bodySw'] as const;

function steps(s: Draft, appeal: boolean): StatementStep[] {
  if (s.status === 'draft') return ['check', 'approve'];
  if (appeal) return [];
  if (s.status === 'approved') return ['publish'];
  if (s.status === 'published') return ['withdraw'];
  return [];
}

/** An appeal once approved: record how, when and to whom it was sent; then its response. */
function AppealDispatch({ a }: { a: Draft }) {
  const { t } = useTranslation();
  const write = useDraftWrite();
  const [via, setVia] = useState<string>('email');
  const [to, setTo] = useState('');
  const [due, setDue] = useState('');
  const [response, setResponse] = useState<string>('recorded_with_ob');
  const d = a.dispatch;
  return (
    <div data-testid="appeal-dispatch">
      {write.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(write.error)}
        </p>
      ) : null}
      {a.status === 'approved' ? (
        <form
          className="form form--stacked"
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate({ send: a.id, body: { via, to, responseDueAt: new Date(due).toISOString() } });
          }}
        >
          <label>
            {t('statements.via')}
            <select value={via} onChange={(e) => setVia(e.target.value)}>
              {sendVias.map((v) => (
                <option key={v} value={v}>
                  {t(`statements.vias.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('statements.to')}
            <input
              value={to}
              required
              minLength={3}
              onChange={(e) => setTo(e.target.value)}
              data-testid="appeal-to"
            />
          </label>
          <label>
            {t('statements.responseDue')}
            <input
              type="date"
              value={due}
              required
              onChange={(e) => setDue(e.target.value)}
              data-testid="appeal-due"
            />
          </label>
          <button type="submit" className="button button--primary" data-testid="appeal-send">
            {t('statements.markSent')}
          </button>
        </form>
      ) : null}
      {d ? (
        <p>
          {t('statements.sentLine', {
            via: t(`statements.vias.${d.sentVia}`),
            to: d.sentTo,
            at: d.sentAt.slice(0, 10),
            due: d.responseDueAt.slice(0, 10),
          })}{' '}
          {d.overdue ? <strong className="alert--error">{t('statements.overdue')}</strong> : null}
          {d.response ? (
            <> · {t('statements.responseWas', { response: t(`statements.responses.${d.response}`) })}</>
          ) : null}
        </p>
      ) : null}
      {d && !d.response ? (
        <form
          className="form form--stacked"
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate({ respond: a.id, body: { response } });
          }}
        >
          <label>
            {t('statements.response')}
            <select
              value={response}
              onChange={(e) => setResponse(e.target.value)}
              data-testid="appeal-response"
            >
              {institutionalResponseCodes.map((r) => (
                <option key={r} value={r}>
                  {t(`statements.responses.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t('statements.recordResponse')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/**
 * One statement or appeal: its texts (editable while a draft or approved), the check's findings — each
 * removed from the text or kept with a reason — and the next steps.
 */
export function DraftPanel({ id, kind }: { id: string; kind: 'statement' | 'appeal' }) {
  const appeal = kind === 'appeal';
  const statementQuery = useStatement(appeal ? null : id);
  const appealQuery = useAppeal(appeal ? id : null);
  const query = appeal ? appealQuery : statementQuery;
  return <QueryState query={query}>{(s) => <Panel s={s as Draft} appeal={appeal} />}</QueryState>;
}

function Panel({ s, appeal }: { s: Draft; appeal: boolean }) {
  const { t } = useTranslation();
  const action = useStatementAction();
  const write = useDraftWrite();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Texts>(s);
  useEffect(
    () => setTexts({ titleEn: s.titleEn, titleSw: s.titleSw, bodyEn: s.bodyEn, bodySw: s.bodySw }),
    [s],
  );
  const editable = s.status === 'draft' || s.status === 'approved';
  const save = (next: Texts) =>
    write.mutate(
      { update: appeal ? 'appeal' : 'statement', id: s.id, body: { ...next, version: s.version } },
      { onSuccess: () => action.mutate({ id: s.id, step: 'check' }) },
    );
  const error = action.error ?? write.error;
  return (
    <div data-testid="statement-panel">
      <h2>{s.titleEn}</h2>
      {s.titleSw ? <p lang="sw">{s.titleSw}</p> : null}
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {editable ? (
        <form
          className="form form--stacked"
          onSubmit={(e) => {
            e.preventDefault();
            save(texts);
          }}
        >
          {fields.map((f) => (
            <label key={f}>
              {t(`statements.fields.${f}`)}
              <textarea
                rows={f.startsWith('title') ? 1 : 5}
                value={texts[f]}
                onChange={(e) => setTexts({ ...texts, [f]: e.target.value })}
                data-testid={`edit-${f}`}
              />
            </label>
          ))}
          <button type="submit" className="button" data-testid="edit-save">
            {t('statements.saveAndCheck')}
          </button>
        </form>
      ) : null}
      <h3>{t('statements.findings')}</h3>
      {s.checked && s.hits.length === 0 ? <p className="muted">{t('statements.noFindings')}</p> : null}
      <ul>
        {s.hits.map((h) => (
          <li key={h.id} data-testid="finding">
            {t('statements.finding', {
              kind: t(`statements.kinds.${h.kind}`),
              field: t(`statements.fields.${h.field}`),
              offset: h.offset,
            })}{' '}
            {h.status === 'accepted' ? (
              <strong>{t('statements.accepted')}</strong>
            ) : (
              <>
                {editable ? (
                  <button
                    type="button"
                    className="button"
                    data-testid="finding-remove"
                    onClick={() => {
                      const v = s[h.field];
                      save({
                        ...texts,
                        [h.field]: (v.slice(0, h.offset) + v.slice(h.offset + h.length)).replace(
                          / {2,}/g,
                          ' ',
                        ),
                      });
                    }}
                  >
                    {t('statements.remove')}
                  </button>
                ) : null}
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    action.mutate({ id: s.id, hitId: h.id, reason: reasons[h.id] ?? '' });
                  }}
                >
                  <label>
                    {t('statements.reason')}
                    <input
                      value={reasons[h.id] ?? ''}
                      minLength={10}
                      maxLength={500}
                      required
                      onChange={(e) => setReasons({ ...reasons, [h.id]: e.target.value })}
                    />
                  </label>
                  <button type="submit" className="button">
                    {t('statements.accept')}
                  </button>
                </form>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="button-row">
        {steps(s, appeal).map((step) => (
          <button
            key={step}
            type="button"
            className="button button--primary"
            data-testid={`statement-${step}`}
            onClick={() => action.mutate({ id: s.id, step })}
          >
            {t(`statements.${step}`)}
          </button>
        ))}
        {!appeal && (s.status === 'published' || s.status === 'withdrawn') ? (
          <>
            <a href={`/statements/${s.slug}`}>{t('statements.publicPage')}</a>{' '}
            <a href={`/statements/${s.slug}?lang=sw`} lang="sw">
              {t('statements.publicPageSw')}
            </a>
          </>
        ) : null}
      </p>
      {appeal ? <AppealDispatch a={s} /> : null}
    </div>
  );
}
