import { saveFile } from '../../api/saveFile.js';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { DataTable } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { erasureReasons } from '../../../shared/contracts/dataprotection.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { formatDateTime } from '../cases/format.js';
import {
  dpCalls,
  dpKey,
  useMyExportRequests,
  usePendingExportRequests,
  type Erasure,
  type ExportRequest,
  type FoundPerson,
} from './api.js';
import { useReauthCall } from './useReauthCall.js';

const searchForm = z.object({ phone: z.string().trim().min(9).max(20) });
const bases = ['subject_access_request', 'portability', 'correction', 'regulator_request'] as const;

/** Save a JSON export as a file (it is never kept in the browser's storage). */
function saveJson(data: unknown, name: string) {
  saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), name);
}

/**
 * Data-subject requests (Kenya DPA ss. 26, 40): find a person across cases by phone number (the blind
 * index), ask for an export that a second person approves before it can be downloaded once, and erase a
 * person on request with re-authentication and a reason.
 */
export function SubjectRequestsPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canExport = rolesAllow(user.roles, 'dataprotection:export');
  const canApprove = rolesAllow(user.roles, 'dataprotection:approve');
  const queryClient = useQueryClient();
  const [found, setFound] = useState<FoundPerson[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const form = useZodForm(searchForm, { defaultValues: { phone: '' } });
  const mine = useMyExportRequests(canExport);
  const pending = usePendingExportRequests(canApprove);
  const action = useReauthCall('dsr');
  const lng = i18n.language;
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...dpKey, 'exports'] });

  async function onSearch(v: z.output<typeof searchForm>) {
    setSelected(null);
    const persons = await dpCalls.search(v.phone);
    setFound(persons);
    if (persons.length === 1) setSelected(persons[0]!.personId);
  }

  const statusLabel = (s: string) => String(t(`dp.requests.statuses.${s}` as never));
  const person = found?.find((p) => p.personId === selected);

  return (
    <section className="page page--wide" data-testid="dsr-page">
      <PageHeading title={t('dp.requests.title')}>{t('dp.requests.title')}</PageHeading>
      <p>{t('dp.requests.intro')}</p>
      <Form
        form={form}
        onSubmit={onSearch}
        summaryTestId="dsr-search-errors"
        labels={{ phone: t('dp.requests.phone') }}
      >
        <div className="field-row">
          <Field id="dsr-phone" name="phone" label={t('dp.requests.phone')} hint={t('dp.requests.phoneHint')}>
            {(p) => <input {...p} type="tel" autoComplete="off" data-testid="dsr-phone" />}
          </Field>
        </div>
        <button type="submit" className="button button--primary" data-testid="dsr-search">
          {form.formState.isSubmitting ? t('dp.requests.searching') : t('dp.requests.search')}
        </button>
      </Form>

      {found ? (
        <DataTable
          caption={t('dp.requests.found')}
          captionId="dsr-found"
          testId="dsr-results"
          rows={found}
          rowKey={(p) => p.personId}
          rowProps={(p) => ({
            'data-testid': 'dsr-person',
            'data-selected': String(p.personId === selected),
          })}
          empty={t('dp.requests.noneFound')}
          columns={[
            {
              key: 'person',
              label: t('dp.requests.person'),
              rowHeader: true,
              cell: (p) => (
                <label className="choice">
                  <input
                    type="radio"
                    name="dsr-person"
                    checked={p.personId === selected}
                    onChange={() => setSelected(p.personId)}
                  />
                  {p.kind} {p.erased ? <span className="tag">{t('dp.requests.erasedTag')}</span> : null}
                </label>
              ),
            },
            {
              key: 'cases',
              label: t('dp.requests.cases'),
              cell: (p) =>
                p.cases.map((c, i) => (
                  <span key={c.caseId}>
                    {i > 0 ? ', ' : ''}
                    <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.reference}</Link>
                  </span>
                )),
            },
            {
              key: 'since',
              label: t('dp.requests.since'),
              cell: (p) => formatDateTime(p.createdAt, lng, 'short'),
            },
          ]}
        />
      ) : null}

      {action.status}
      {action.prompt}

      {person ? (
        <PersonActions
          person={person}
          canExport={canExport}
          run={action.run}
          onChanged={() => {
            void refresh();
            setFound(
              (list) =>
                list?.map((p) => (p.personId === person.personId ? { ...p, erased: true } : p)) ?? null,
            );
          }}
        />
      ) : null}

      {canExport ? (
        <QueryState query={mine}>
          {(rows) => (
            <RequestTable
              caption={t('dp.requests.mine')}
              id="dsr-mine"
              rows={rows}
              empty={t('dp.requests.noMine')}
              statusLabel={statusLabel}
              action={(r) =>
                r.status === 'approved' ? (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="dsr-download"
                    onClick={() =>
                      void action.run(
                        async () => {
                          saveJson(await dpCalls.exportPerson(r.personId, r.id), `person-${r.personId}.json`);
                          await refresh();
                        },
                        () => t('dp.requests.downloaded'),
                      )
                    }
                  >
                    {t('dp.requests.download')}
                  </button>
                ) : null
              }
            />
          )}
        </QueryState>
      ) : null}

      {canApprove ? (
        <QueryState query={pending}>
          {(rows) => (
            <RequestTable
              caption={t('dp.requests.pending')}
              id="dsr-pending"
              rows={rows.filter((r) => r.requestedBy !== user.id)}
              empty={t('dp.requests.noPending')}
              statusLabel={statusLabel}
              action={(r) => (
                <div className="button-row">
                  {[true, false].map((approve) => (
                    <button
                      key={String(approve)}
                      type="button"
                      className={approve ? 'button button--small button--primary' : 'button button--small'}
                      data-testid={approve ? 'dsr-approve' : 'dsr-refuse'}
                      onClick={() =>
                        void action.run(
                          async () => {
                            await dpCalls.decide(r.id, approve);
                            await refresh();
                          },
                          () => t('dp.requests.decided'),
                        )
                      }
                    >
                      {approve ? t('dp.requests.approve') : t('dp.requests.refuse')}
                    </button>
                  ))}
                </div>
              )}
            />
          )}
        </QueryState>
      ) : null}
    </section>
  );
}

function PersonActions(props: {
  person: FoundPerson;
  canExport: boolean;
  run: ReturnType<typeof useReauthCall>['run'];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [basis, setBasis] = useState<(typeof bases)[number]>('subject_access_request');
  const [reason, setReason] = useState<(typeof erasureReasons)[number]>('subject_request');
  const id = props.person.personId;
  return (
    <div className="card" data-testid="dsr-actions">
      {props.canExport ? (
        <>
          <h2>{t('dp.requests.exportTitle')}</h2>
          <Field id="dsr-basis" label={t('dp.requests.basis')}>
            {(p) => (
              <select
                {...p}
                value={basis}
                onChange={(e) => setBasis(e.target.value as typeof basis)}
                data-testid="dsr-basis"
              >
                {bases.map((b) => (
                  <option key={b} value={b}>
                    {t(`dp.requests.bases.${b}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button"
            data-testid="dsr-request-export"
            onClick={() =>
              void props.run(
                async () => {
                  await dpCalls.requestExport(id, basis);
                  props.onChanged();
                },
                () => t('dp.requests.requested'),
              )
            }
          >
            {t('dp.requests.requestExport')}
          </button>
        </>
      ) : null}
      <h2>{t('dp.requests.eraseTitle')}</h2>
      <p className="muted small">{t('dp.requests.eraseIntro')}</p>
      <Field id="dsr-reason" label={t('dp.requests.reason')}>
        {(p) => (
          <select
            {...p}
            value={reason}
            onChange={(e) => setReason(e.target.value as typeof reason)}
            data-testid="dsr-reason"
          >
            {erasureReasons.map((r) => (
              <option key={r} value={r}>
                {t(`dp.requests.reasons.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        className="button button--warning"
        data-testid="dsr-erase"
        onClick={() => {
          if (!window.confirm(t('dp.requests.confirmErase'))) return;
          void props.run(
            async () => {
              const r = await dpCalls.erase(id, reason);
              props.onChanged();
              return r;
            },
            (r) =>
              t('dp.requests.erasedDone', { count: (r as Erasure).persons, cases: (r as Erasure).cases }),
          );
        }}
      >
        {t('dp.requests.erase')}
      </button>
    </div>
  );
}

function RequestTable(props: {
  caption: string;
  id: string;
  rows: ExportRequest[];
  empty: string;
  statusLabel: (s: string) => string;
  action: (r: ExportRequest) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      caption={props.caption}
      captionId={`${props.id}-caption`}
      testId={props.id}
      rows={props.rows}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-status': r.status })}
      empty={props.empty}
      columns={[
        {
          key: 'basis',
          label: t('dp.requests.basis'),
          rowHeader: true,
          cell: (r) => String(t(`dp.requests.bases.${r.basis}` as never)),
        },
        {
          key: 'at',
          label: t('dp.requests.requestedAt'),
          cell: (r) => formatDateTime(r.requestedAt, i18n.language, 'short'),
        },
        { key: 'status', label: t('dp.requests.status'), cell: (r) => props.statusLabel(r.status) },
        { key: 'action', label: '', cell: props.action },
      ]}
    />
  );
}
