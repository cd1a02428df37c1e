import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import {
  useStatement,
  useStatementAction,
  useStatements,
  type Statement,
  type StatementLine,
  type StatementStep,
} from './api.js';

/** One statement: its findings (where and what kind, never the value) and the next steps. */
function StatementPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useStatement(id);
  const action = useStatementAction();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const steps = (s: Statement): StatementStep[] =>
    s.status === 'draft'
      ? ['check', 'approve']
      : s.status === 'approved'
        ? ['publish']
        : s.status === 'published'
          ? ['withdraw']
          : [];
  return (
    <QueryState query={query}>
      {(s) => (
        <div data-testid="statement-panel">
          <h2>{s.titleEn}</h2>
          <p lang="sw">{s.titleSw}</p>
          {action.isError ? (
            <p className="alert alert--error" role="alert">
              {errorText(action.error)}
            </p>
          ) : null}
          <h3>{t('statements.findings')}</h3>
          {s.checked && s.hits.length === 0 ? <p className="muted">{t('statements.noFindings')}</p> : null}
          <ul>
            {s.hits.map((h) => (
              <li key={h.id}>
                {t('statements.finding', {
                  kind: t(`statements.kinds.${h.kind}`),
                  field: t(`statements.fields.${h.field}`),
                  offset: h.offset,
                })}{' '}
                {h.status === 'accepted' ? (
                  <strong>{t('statements.accepted')}</strong>
                ) : (
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
                )}
              </li>
            ))}
          </ul>
          <p className="button-row">
            {steps(s).map((step) => (
              <button
                key={step}
                type="button"
                className="button button--primary"
                onClick={() => action.mutate({ id: s.id, step })}
              >
                {t(`statements.${step}`)}
              </button>
            ))}
            {s.status === 'published' || s.status === 'withdrawn' ? (
              <a href={`/statements/${s.slug}`}>{t('statements.publicPage')}</a>
            ) : null}
          </p>
        </div>
      )}
    </QueryState>
  );
}

/** Communications' and approvers' list of statements, with one opened beside it. */
export function StatementsPage() {
  const { t } = useTranslation();
  const query = useStatements();
  const [openId, setOpenId] = useState<string | null>(null);
  const columns: Column<StatementLine>[] = [
    { key: 'title', label: t('statements.titleCol'), rowHeader: true, cell: (r) => r.titleEn },
    { key: 'status', label: t('statements.status'), cell: (r) => t(`statements.statuses.${r.status}`) },
    {
      key: 'checked',
      label: t('statements.checked'),
      cell: (r) => (r.checked ? t('statements.yes') : t('statements.no')),
    },
    {
      key: 'open',
      label: t('statements.open'),
      cell: (r) => (
        <button type="button" className="button" onClick={() => setOpenId(r.id)}>
          {t('statements.open')}
        </button>
      ),
    },
  ];
  return (
    <section className="page page--wide" data-testid="statements-page">
      <PageHeading title={t('statements.title')}>{t('statements.title')}</PageHeading>
      <p className="muted">{t('statements.intro')}</p>
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t('statements.title')}
            captionId="statements-caption"
            columns={columns}
            rows={data.statements}
            rowKey={(r) => r.id}
            empty={t('statements.none')}
            testId="statements"
          />
        )}
      </QueryState>
      {openId ? <StatementPanel id={openId} /> : null}
    </section>
  );
}
