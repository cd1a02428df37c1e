import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import {
  actionRoles,
  actionStatuses,
  actionTypes,
  type ActionRole,
  type ActionStatus,
  type ActionType,
} from '../../../shared/vocabularies.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { eatToIso } from '../cases/format.js';
import type { Problem } from '../cases/problems.js';
import { useCreateAction, useUpdateAction, type ActionCreateBody, type ResponseAction } from './api.js';
import { optional, ResponseForm, ResponseSection, useFormErrors, useTerm, useBy, useWhen } from './kit.js';

const MAX_HEARINGS = 10;

const actionControls: Record<string, string> = {
  role: 'action-role',
  type: 'action-type',
  ownerUserId: 'action-owner',
  deadline: 'action-deadline',
  notes: 'action-notes',
  details: 'action-court',
  'details.court': 'action-court',
  'details.caseNumber': 'action-case-number',
  'details.hearingDates': 'action-hearing-0',
};

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
      setMoved(t('response.actionMoved', { type: typeLabel, status: term(actionStatuses, r.status) }));
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
  const [outcome, setOutcome] = useState(initial);
  const id = `action-outcome-${actionId}`;
  const errors = useFormErrors({ outcome: id }, 'action-done-errors');

  async function onSubmit() {
    if (errors.check(outcome.trim() ? [] : [errors.problem('outcome', t('response.outcomeRequired'))]))
      return;
    try {
      await submit(outcome.trim());
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id={`action-done-form-${actionId}`}
      testId="action-done-form"
      className="response-form--inline"
      title={`${t('response.markDone')}: ${typeLabel}`}
      summary={errors.summary}
      pending={pending}
      submitLabel={t('response.doneSubmit')}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <Field
        id={id}
        label={t('response.outcome')}
        hint={t('response.outcomeHint')}
        error={errors.errorFor('outcome')}
      >
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={500}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            data-testid="action-outcome-input"
          />
        )}
      </Field>
    </ResponseForm>
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

interface ActionValues {
  role: ActionRole | '';
  type: ActionType | '';
  owner: string;
  deadline: string;
  notes: string;
  court: string;
  caseNumber: string;
  hearings: string[];
}

function ActionForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const user = useCurrentUser();
  const create = useCreateAction(c.id);
  const errors = useFormErrors(actionControls, 'action-errors', {
    role: t('response.actionRole'),
    type: t('response.actionType'),
    ownerUserId: t('response.owner'),
    deadline: t('response.deadline'),
    notes: t('response.notes'),
    details: t('response.legalDetails'),
    'details.hearingDates': t('response.hearingDates'),
  });
  const [v, setV] = useState<ActionValues>({
    role: '',
    type: '',
    owner: '',
    deadline: '',
    notes: '',
    court: '',
    caseNumber: '',
    hearings: [''],
  });
  const set = <K extends keyof ActionValues>(k: K, value: ActionValues[K]) =>
    setV((x) => ({ ...x, [k]: value }));
  const types = actionTypes.filter((x) => x.role === v.role);

  // Other people on the case team can own an action; they are listed by their role on the case.
  const team = new Map<string, string[]>();
  for (const m of c.members) {
    if (m.userId !== user.id) team.set(m.userId, [...(team.get(m.userId) ?? []), m.roleInCase]);
  }
  const roleLabel = (r: string) => (i18n.exists(`caseRole.${r}`) ? String(t(`caseRole.${r}` as never)) : r);

  async function onSubmit() {
    const found: Problem[] = [];
    if (!v.role) found.push(errors.problem('role', t('response.chooseOne')));
    if (!v.type) found.push(errors.problem('type', t('response.chooseOne')));
    const deadline = v.deadline ? eatToIso(v.deadline) : undefined;
    if (v.deadline && !deadline) found.push(errors.problem('deadline', t('form.invalid')));
    const hearingDates = v.hearings.filter(Boolean).map((h) => eatToIso(h));
    if (hearingDates.some((h) => !h)) found.push(errors.problem('details.hearingDates', t('form.invalid')));
    if (errors.check(found) || !v.role || !v.type) return;
    const body: ActionCreateBody = { role: v.role, type: v.type };
    if (v.owner) body.ownerUserId = v.owner;
    if (deadline) body.deadline = deadline;
    if (optional(v.notes)) body.notes = optional(v.notes);
    if (v.role === 'legal') {
      body.details = {
        hearingDates: hearingDates.filter((h): h is string => Boolean(h)),
        ...(optional(v.court) ? { court: optional(v.court) } : {}),
        ...(optional(v.caseNumber) ? { caseNumber: optional(v.caseNumber) } : {}),
      };
    }
    try {
      const a = await create.mutateAsync(body);
      close(t('response.actionAssigned', { type: term(actionTypes, a.type) }));
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id="response-actions-form"
      title={t('response.addAction')}
      summary={errors.summary}
      pending={create.isPending}
      submitLabel={t('response.assignSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Field id="action-role" label={t('response.actionRole')} error={errors.errorFor('role')}>
          {(p) => (
            <select
              {...p}
              value={v.role}
              onChange={(e) => setV((x) => ({ ...x, role: e.target.value as ActionRole, type: '' }))}
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
          label={t('response.actionType')}
          hint={v.role ? undefined : t('response.actionTypeHint')}
          error={errors.errorFor('type')}
        >
          {(p) => (
            <select
              {...p}
              value={v.type}
              disabled={!v.role}
              onChange={(e) => set('type', e.target.value as ActionType)}
              data-testid="action-type"
            >
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
        <Field id="action-owner" label={t('response.owner')} error={errors.errorFor('ownerUserId')}>
          {(p) => (
            <select
              {...p}
              value={v.owner}
              onChange={(e) => set('owner', e.target.value)}
              data-testid="action-owner"
            >
              <option value="">{t('response.ownerNone')}</option>
              <option value={user.id}>{t('response.ownerMe')}</option>
              {[...team].map(([id, roles]) => (
                <option key={id} value={id}>
                  {t('response.ownerTeam', { roles: roles.map(roleLabel).join(', ') })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="action-deadline"
          label={t('response.deadline')}
          optional={t('form.optional')}
          error={errors.errorFor('deadline')}
        >
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={v.deadline}
              onChange={(e) => set('deadline', e.target.value)}
              data-testid="action-deadline"
            />
          )}
        </Field>
      </div>
      {v.role === 'legal' ? (
        <fieldset className="fieldset response-form__group">
          <legend>{t('response.legalDetails')}</legend>
          <div className="field-row">
            <Field
              id="action-court"
              label={t('response.court')}
              optional={t('form.optional')}
              error={errors.errorFor('details.court') ?? errors.errorFor('details')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={200}
                  value={v.court}
                  onChange={(e) => set('court', e.target.value)}
                />
              )}
            </Field>
            <Field
              id="action-case-number"
              label={t('response.caseNumber')}
              optional={t('form.optional')}
              error={errors.errorFor('details.caseNumber')}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={100}
                  value={v.caseNumber}
                  onChange={(e) => set('caseNumber', e.target.value)}
                />
              )}
            </Field>
          </div>
          {v.hearings.map((h, i) => (
            <Field
              key={i}
              id={`action-hearing-${i}`}
              label={t('response.hearingDate', { n: i + 1 })}
              optional={t('form.optional')}
              error={i === 0 ? errors.errorFor('details.hearingDates') : undefined}
              className="field--compact"
            >
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={h}
                  onChange={(e) =>
                    set(
                      'hearings',
                      v.hearings.map((x, j) => (j === i ? e.target.value : x)),
                    )
                  }
                />
              )}
            </Field>
          ))}
          {v.hearings.length < MAX_HEARINGS ? (
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => set('hearings', [...v.hearings, ''])}
              >
                {t('response.addHearing')}
              </button>
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        id="action-notes"
        label={t('response.notes')}
        optional={t('form.optional')}
        hint={t('response.notesHint')}
        error={errors.errorFor('notes')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={5000}
            value={v.notes}
            onChange={(e) => set('notes', e.target.value)}
            data-testid="action-notes"
          />
        )}
      </Field>
    </ResponseForm>
  );
}
