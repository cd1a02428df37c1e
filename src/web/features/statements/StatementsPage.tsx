import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mechanismOf } from '../../../shared/contracts/appeals.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { useAppeals, useStatements, type AppealLine, type StatementLine } from './api.js';
import { DraftForm } from './DraftForm.js';
import { DraftPanel } from './DraftPanel.js';

type Opened = { id: string; kind: 'statement' | 'appeal' };

/** Communications' and approvers' statements and urgent appeals, a new draft, and one opened beside them. */
export function StatementsPage() {
  const { t, i18n } = useTranslation();
  const statements = useStatements();
  const appeals = useAppeals();
  const [opened, setOpened] = useState<Opened | null>(null);
  const lang = i18n.language === 'sw' ? 'sw' : 'en';
  const common = <R extends StatementLine>(kind: Opened['kind']): Column<R>[] => [
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
        <button type="button" className="button" onClick={() => setOpened({ id: r.id, kind })}>
          {t('statements.open')}
        </button>
      ),
    },
  ];
  const appealColumns: Column<AppealLine>[] = [
    ...common<AppealLine>('appeal').slice(0, 2),
    {
      key: 'mechanism',
      label: t('statements.mechanism'),
      cell: (r) => mechanismOf(r.mechanism)?.[lang] ?? r.mechanism,
    },
    {
      key: 'due',
      label: t('statements.responseDue'),
      cell: (r) =>
        r.dispatch ? (
          <span className={r.dispatch.overdue ? 'alert--error' : undefined}>
            {r.dispatch.responseDueAt.slice(0, 10)}
            {r.dispatch.response ? ` · ${t(`statements.responses.${r.dispatch.response}`)}` : ''}
          </span>
        ) : (
          '—'
        ),
    },
    ...common<AppealLine>('appeal').slice(2),
  ];
  return (
    <section className="page page--wide" data-testid="statements-page">
      <PageHeading title={t('statements.title')}>{t('statements.title')}</PageHeading>
      <p className="muted">{t('statements.intro')}</p>
      <QueryState query={statements}>
        {(data) => (
          <DataTable
            caption={t('statements.title')}
            captionId="statements-caption"
            columns={common<StatementLine>('statement')}
            rows={data.statements}
            rowKey={(r) => r.id}
            empty={t('statements.none')}
            testId="statements"
          />
        )}
      </QueryState>
      <QueryState query={appeals}>
        {(data) => (
          <DataTable
            caption={t('statements.appeals')}
            captionId="appeals-caption"
            columns={appealColumns}
            rows={data.appeals}
            rowKey={(r) => r.id}
            empty={t('statements.noAppeals')}
            testId="appeals"
          />
        )}
      </QueryState>
      {opened ? <DraftPanel key={opened.id} id={opened.id} kind={opened.kind} /> : null}
      <DraftForm onCreated={(id, kind) => setOpened({ id, kind })} />
    </section>
  );
}
