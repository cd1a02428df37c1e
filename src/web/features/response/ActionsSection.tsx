import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import {
  actionRoleCodes,
  actionTypeCodes,
  actionRoles,
  actionStatuses,
  actionTypes,
  type ActionStatus,
} from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import { useAssignees } from '../cases/teamApi.js';
import type { CaseDetail } from '../cases/api.js';
import { eatToIso } from '../cases/format.js';
import { useCreateAction, useUpdateAction, type ActionCreateBody, type ResponseAction } from './api.js';
import {
  choice,
  eatDateTime,
  ResponseFormOf,
  ResponseSection,
  text,
  useTerm,
  useBy,
  useWhen,
} from './kit.js';

const MAX_HEARINGS = 10;

export function ActionsSection({
  c,
  actions,
  canAdd,
  closedNote,
}: {
  c: CaseDetail;
  actions: ResponseAction[];
  canAdd: boolean;
  closedNote: string | null;
}) {
  const { t } = useTranslation();
  return (
    <ResponseSection
      id="response-actions"
      title={t('response.actions')}
      intro={t('response.actionsIntro')}
      addLabel={t('response.addAction')}
      canAdd={canAdd}
      closedNote={closedNote}
      form={(close) => <ActionForm c={c} close={close} />}
    >
      {actions.length === 0 ? (
        <p className="muted">{t('response.notYet')}</p>
      ) : (
        <ul className="records" data-testid="action-list">
          {actions.map((a) => (
            <ActionItem key={a.id} c={c} action={a} canAct={canAdd} />
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

const statusClass: Record<ActionStatus, string> = {
  open: 'tag tag--open',
  in_progress: 'tag tag--progress',
  done: 'tag tag--ok',
  cancelled: 'tag tag--muted',
};

function ActionItem({ c, action: a, canAct }: { c: CaseDetail; action: ResponseAction; canAct: boolean }) {
  const { t } = useTranslation();
  const term = useTerm();
  const when = useWhen();
  const by = useBy(c);
  const update = useUpdateAction(c.id);
  const [mode, setMode] = useState<'idle' | 'done' | 'cancel'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const movedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (moved) movedRef.current?.focus();
  }, [moved]);
  const live = a.status === 'open' || a.status === 'in_progress';
  const typeLabel = term(actionTypes, a.type);

  async function move(status: ActionStatus, outcome?: string) {
    if (update.isPending) return;
    setError(null);
    setMoved(null);
    try {
      const r = await update.mutateAsync({
        actionId: a.id,
        body: { expectedVersion: a.version, status, ...(outcome ? { outcome } : {}) },
      });
      setMode('idle');
      // The button pressed is gone now: the confirmation takes focus and is announced.
      setMoved(
        r.status === 'queued'
          ? t('offline.outbox.queuedNotice')
          : t('response.actionMoved', { type: typeLabel, status: term(actionStatuses, r.data.status) }),
      );
    } catch (e) {
      setError(errorText(e));
      throw e;
    }
  }

  return (
    <li className="record" data-testid="action" data-type={a.type} data-status={a.status}>
      <p className="record__head">
        <strong>{typeLabel}</strong>
        <span className="muted">{term(actionRoles, a.role)}</span>
        <span className={statusClass[a.status]} data-testid="action-status">
          {term(actionStatuses, a.status)}
        </span>
        {a.overdue ? <span className="tag tag--late">{t('response.overdue')}</span> : null}
      </p>
      <p className="record__meta muted">
        {a.ownerName ?? t('response.unassigned')}
        {a.deadline ? ` · ${t('response.due', { at: when(a.deadline) })}` : null}
        {` · ${when(a.createdAt)} · ${by(a.createdBy)}`}
      </p>
      {a.details && (a.details.court || a.details.caseNumber || a.details.hearingDates.length) ? (
        <p className="record__meta">
          {[
            a.details.court,
            a.details.caseNumber,
            ...a.details.hearingDates.map((d) => `${t('response.hearingDates')}: ${when(d)}`),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      {a.notes ? <p className="record__text prewrap">{a.notes}</p> : null}
      {a.outcome ? (
        <p className="record__text" data-testid="action-outcome">
          <strong>{t('response.outcome')}:</strong> {a.outcome}
        </p>
      ) : null}
      {canAct && live && mode === 'idle' ? (
        <div className="record__buttons">
          {a.status === 'open' ? (
            <button
              type="button"
              className="button button--small"
              aria-disabled={update.isPending}
              onClick={() => void move('in_progress').catch(() => undefined)}
              data-testid="action-start"
            >
              {update.isPending ? t('response.saving') : t('response.start')}
              <span className="visually-hidden"> ({typeLabel})</span>
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setError(null);
              setMode('done');
            }}
            data-testid="action-done"
          >
            {t('response.markDone')}
            <span className="visually-hidden"> ({typeLabel})</span>
          </button>
          <button
            type="button"
            className="button button--small button--warning"
            onClick={() => {
              setError(null);
              setMode('cancel');
            }}
            data-testid="action-cancel"
          >
            {t('response.cancelAction')}
            <span className="visually-hidden"> ({typeLabel})</span>
          </button>
        </div>
      ) : null}
      {mode === 'done' ? (
        <DoneForm
          actionId={a.id}
          typeLabel={typeLabel}
          initial={a.outcome ?? ''}
          pending={update.isPending}
          submit={(outcome) => move('done', outcome)}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'cancel' ? (
        <ConfirmCancel
          pending={update.isPending}
          confirm={() => void move('cancelled').catch(() => undefined)}
          keep={() => setMode('idle')}
        />
      ) : null}
      {moved ? (
        <p
          ref={movedRef}
          tabIndex={-1}
          className="record__moved small"
          role="status"
          data-testid="action-moved"
        >
          {moved}
        </p>
      ) : null}
      {error && mode !== 'done' ? (
        <p className="field__error" role="alert" data-testid="action-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** "Mark done": the outcome is required by the server; it stays typed if saving fails. */
const doneForm = z.object({
  outcome: text(500).min(1, 'response.outcomeRequired'),
});

function DoneForm({
  actionId,
  typeLabel,
  initial,
  pending,
  submit,
  onCancel,
}: {
  actionId: string;
  typeLabel: string;
  initial: string;
  pending: boolean;
  submit: (outcome: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useZodForm(doneForm, { defaultValues: { outcome: initial } });
  const id = `action-outcome-${actionId}`;

  return (
    <ResponseFormOf
      id={`action-done-form-${actionId}`}
      testId="action-done-form"
      className="response-form--inline"
      title={`${t('response.markDone')}: ${typeLabel}`}
      form={form}
      summaryTestId="action-done-errors"
      pending={pending}
      submitLabel={t('response.doneSubmit')}
      onSubmit={(values) => submit(values.outcome)}
      onCancel={onCancel}
    >
      <Field id={id} name="outcome" label={t('response.outcome')} hint={t('response.outcomeHint')}>
        {(p) => <input {...p} type="text" maxLength={500} data-testid="action-outcome-input" />}
      </Field>
    </ResponseFormOf>
  );
}

function ConfirmCancel({
  pending,
  confirm,
  keep,
}: {
  pending: boolean;
  confirm: () => void;
  keep: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="record__confirm">
      <p ref={ref} tabIndex={-1}>
        {t('response.cancelConfirm')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--small button--warning"
          aria-disabled={pending}
          onClick={confirm}
          data-testid="action-cancel-confirm"
        >
          {pending ? t('response.saving') : t('response.cancelYes')}
        </button>
        <button type="button" className="button button--small" onClick={keep}>
          {t('response.keep')}
        </button>
      </div>
    </div>
  );
}

/**
 * The "Assign action" form's values, as typed: the contract's codes and limits (actionCreateInput),
 * dates as East Africa Time; `toActionBody` turns them into the request body.
 */
export const actionForm = z.object({
  role: choice(actionRoleCodes),
  type: choice(actionTypeCodes),
  ownerUserId: z.string(),
  deadline: eatDateTime,
  notes: text(5000),
  court: text(200),
  caseNumber: text(100),
  hearings: z.array(eatDateTime).max(MAX_HEARINGS),
});
type ActionFormValues = z.output<typeof actionForm>;

export function toActionBody(v: ActionFormValues): ActionCreateBody {
  const deadline = v.deadline ? eatToIso(v.deadline) : undefined;
  const body: ActionCreateBody = { role: v.role, type: v.type };
  if (v.ownerUserId) body.ownerUserId = v.ownerUserId;
  if (deadline) body.deadline = deadline;
  if (v.notes) body.notes = v.notes;
  if (v.role === 'legal') {
    body.details = {
      hearingDates: v.hearings.map((h) => eatToIso(h)).filter((h): h is string => Boolean(h)),
      ...(v.court ? { court: v.court } : {}),
      ...(v.caseNumber ? { caseNumber: v.caseNumber } : {}),
    };
  }
  return body;
}

/** The server's paths for the court details → the form's own. */
const actionServerPaths: Record<string, string> = {
  details: 'court',
  'details.court': 'court',
  'details.caseNumber': 'caseNumber',
  'details.hearingDates': 'hearings.0',
  ...Object.fromEntries(
    Array.from({ length: MAX_HEARINGS }, (_, i) => [`details.hearingDates.${i}`, `hearings.${i}`]),
  ),
};

function ActionForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const user = useCurrentUser();
  const create = useCreateAction(c.id);
  const form = useZodForm(actionForm, {
    defaultValues: {
      role: '',
      type: '',
      ownerUserId: '',
      deadline: '',
      notes: '',
      court: '',
      caseNumber: '',
      hearings: [''],
    },
  });
  const role = form.watch('role');
  const hearings = form.watch('hearings');
  const types = actionTypes.filter((x) => x.role === role);

  // Anyone on the case team, or anyone holding the action's role, may own it (they join the team).
  const assignees = useAssignees(c.id, role || undefined);
  const roleLabel = (r: string) => (i18n.exists(`caseRole.${r}`) ? String(t(`caseRole.${r}` as never)) : r);

  async function onSubmit(values: ActionFormValues) {
    if (create.isPending) return;
    const a = await create.mutateAsync(toActionBody(values));
    close(t('response.actionAssigned', { type: term(actionTypes, a.type) }));
  }

  return (
    <ResponseFormOf
      id="response-actions-form"
      title={t('response.addAction')}
      form={form}
      summaryTestId="action-errors"
      labels={{
        role: t('response.actionRole'),
        type: t('response.actionType'),
        ownerUserId: t('response.owner'),
        deadline: t('response.deadline'),
        notes: t('response.notes'),
        court: t('response.legalDetails'),
        caseNumber: t('response.legalDetails'),
        hearings: t('response.hearingDates'),
      }}
      serverPaths={actionServerPaths}
      pending={create.isPending}
      submitLabel={t('response.assignSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Field id="action-role" name="role" label={t('response.actionRole')}>
          {(p) => (
            <select
              {...p}
              onChange={(e) => {
                void p.onChange?.(e);
                form.setValue('type', '');
              }}
              data-testid="action-role"
            >
              <option value="">{t('response.choose')}</option>
              {actionRoles.map((r) => (
                <option key={r.code} value={r.code}>
                  {term(actionRoles, r.code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="action-type"
          name="type"
          label={t('response.actionType')}
          hint={role ? undefined : t('response.actionTypeHint')}
        >
          {(p) => (
            <select {...p} disabled={!role} data-testid="action-type">
              <option value="">{t('response.choose')}</option>
              {types.map((x) => (
                <option key={x.code} value={x.code}>
                  {term(actionTypes, x.code)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field id="action-owner" name="ownerUserId" label={t('response.owner')}>
          {(p) => (
            <select {...p} data-testid="action-owner">
              <option value="">{t('response.ownerNone')}</option>
              <option value={user.id}>{t('response.ownerMe')}</option>
              {(assignees.data ?? [])
                .filter((a) => a.id !== user.id)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.source === 'team'
                      ? t('response.ownerTeamMember', {
                          name: a.displayName,
                          role: roleLabel(a.roleInCase ?? ''),
                        })
                      : t('response.ownerRoleHolder', { name: a.displayName })}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field
          id="action-deadline"
          name="deadline"
          label={t('response.deadline')}
          optional={t('form.optional')}
        >
          {(p) => <input {...p} type="datetime-local" data-testid="action-deadline" />}
        </Field>
      </div>
      {role === 'legal' ? (
        <fieldset className="fieldset response-form__group">
          <legend>{t('response.legalDetails')}</legend>
          <div className="field-row">
            <Field id="action-court" name="court" label={t('response.court')} optional={t('form.optional')}>
              {(p) => <input {...p} type="text" maxLength={200} />}
            </Field>
            <Field
              id="action-case-number"
              name="caseNumber"
              label={t('response.caseNumber')}
              optional={t('form.optional')}
            >
              {(p) => <input {...p} type="text" maxLength={100} />}
            </Field>
          </div>
          {hearings.map((_, i) => (
            <Field
              key={i}
              id={`action-hearing-${i}`}
              name={`hearings.${i}`}
              label={t('response.hearingDate', { n: i + 1 })}
              optional={t('form.optional')}
              className="field--compact"
            >
              {(p) => <input {...p} type="datetime-local" />}
            </Field>
          ))}
          {hearings.length < MAX_HEARINGS ? (
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => form.setValue('hearings', [...form.getValues('hearings'), ''])}
              >
                {t('response.addHearing')}
              </button>
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        id="action-notes"
        name="notes"
        label={t('response.notes')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={5000} data-testid="action-notes" />}
      </Field>
    </ResponseFormOf>
  );
}
