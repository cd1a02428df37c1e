import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { rotationPeriods, type StepTarget } from '../../../shared/contracts/alerts.js';
import { roles } from '../../../shared/permissions.js';
import type { UserSummary } from '../admin/api.js';
import { eatLocalNow, eatToIso } from '../cases/format.js';
import { useSaveRotation, type EscalationPolicy, type OnCall, type Rotation } from './api.js';
import { useCreateRotation, useSavePolicy } from './editorsApi.js';

/** Loud, at the top of the page: a rotation nobody is on call for pages nobody. */
/** Who the policy's first step would page right now (on call now, named people, or a role's holders). */
export function pagedNow(
  p: Pick<EscalationPolicy, 'steps'>,
  oncall: OnCall[],
  users: UserSummary[],
): { names: string[]; empty: boolean } {
  const first = p.steps[0]?.target;
  if (!first) return { names: [], empty: true };
  const active = users.filter((u) => !u.disabled);
  let names: string[];
  if (first.kind === 'rotation') {
    const who = oncall.find((o) => o.rotationId === first.rotationId)?.onCall;
    names = who ? [who.displayName] : [];
  } else if (first.kind === 'users') {
    names = active.filter((u) => first.userIds.includes(u.id)).map((u) => u.displayName);
  } else names = active.filter((u) => u.roles.includes(first.role)).map((u) => u.displayName);
  return { names, empty: names.length === 0 };
}

export function PagedNowPreview(props: { policy: EscalationPolicy; oncall: OnCall[]; users: UserSummary[] }) {
  const { t } = useTranslation();
  const { names, empty } = pagedNow(props.policy, props.oncall, props.users);
  return (
    <p className={empty ? 'alert alert--error' : 'muted small'} data-testid="paged-now">
      {empty ? t('oncallEdit.pagedNobody') : t('oncallEdit.pagedNow', { names: names.join(', ') })}
    </p>
  );
}

const rotationForm = z.object({
  name: z.string().trim().min(1).max(80),
  period: z.enum(rotationPeriods),
  handover: z.string().refine((v) => Boolean(eatToIso(v)), 'form.required'),
  memberIds: z.array(z.string()).max(100),
});

/** Members in order, the handover time and the period of a rotation (or a new one). */
export function RotationEditor({ rotation, users }: { rotation: Rotation | null; users: UserSummary[] }) {
  const { t } = useTranslation();
  const save = useSaveRotation();
  const create = useCreateRotation();
  const [saved, setSaved] = useState(false);
  const form = useZodForm(rotationForm, {
    defaultValues: {
      name: rotation?.name ?? '',
      period: rotation?.period ?? 'weekly',
      handover: eatLocalNow(rotation ? Date.parse(rotation.startsAt) : Date.now()),
      memberIds: rotation?.memberIds ?? [],
    },
  });
  const members = form.watch('memberIds');
  const [adding, setAdding] = useState('');
  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? t('oncall.unknownUser');
  const set = (ids: string[]) => form.setValue('memberIds', ids, { shouldDirty: true });
  const move = (i: number, by: number) => {
    const next = [...members];
    const [m] = next.splice(i, 1);
    next.splice(i + by, 0, m!);
    set(next);
  };
  const id = (k: string) => `rotation-${rotation?.id ?? 'new'}-${k}`;

  async function onSubmit(v: z.output<typeof rotationForm>) {
    setSaved(false);
    const startsAt = eatToIso(v.handover)!;
    if (rotation)
      await save.mutateAsync({
        ...rotation,
        name: v.name,
        period: v.period,
        startsAt,
        memberIds: v.memberIds,
      });
    else {
      await create.mutateAsync({
        name: v.name,
        period: v.period,
        startsAt,
        memberIds: v.memberIds,
        overrides: [],
      });
      form.reset();
    }
    setSaved(true);
  }

  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      summaryTestId={id('errors')}
      labels={{
        name: t('oncallEdit.name'),
        handover: t('oncallEdit.handover'),
        memberIds: t('oncallEdit.members'),
      }}
      serverPaths={{ startsAt: 'handover' }}
      data-testid="rotation-editor"
    >
      <Field id={id('name')} name="name" label={t('oncallEdit.name')}>
        {(p) => <input {...p} />}
      </Field>
      <div className="field-row">
        <Field id={id('period')} name="period" label={t('oncallEdit.period')}>
          {(p) => (
            <select {...p}>
              {rotationPeriods.map((x) => (
                <option key={x} value={x}>
                  {t(`oncallEdit.periods.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('handover')}
          name="handover"
          label={t('oncallEdit.handover')}
          hint={t('oncallEdit.handoverHint')}
        >
          {(p) => <input {...p} type="datetime-local" />}
        </Field>
      </div>
      <h4>{t('oncallEdit.members')}</h4>
      {members.length === 0 ? <p className="alert alert--error">{t('oncallEdit.noMembers')}</p> : null}
      <ol className="records" data-testid="rotation-members">
        {members.map((m, i) => (
          <li key={m} className="members__line">
            <span>{nameOf(m)}</span>
            <span className="button-row">
              <button
                type="button"
                className="button button--small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                {t('oncallEdit.up')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={i === members.length - 1}
                onClick={() => move(i, 1)}
              >
                {t('oncallEdit.down')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => set(members.filter((x) => x !== m))}
              >
                {t('oncallEdit.remove')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id('add')}>{t('oncallEdit.addMember')}</label>
          <select
            id={id('add')}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
            data-testid="rotation-add"
          >
            <option value="">{t('oncallEdit.choose')}</option>
            {users
              .filter((u) => !u.disabled && !members.includes(u.id))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (adding) set([...members, adding]);
            setAdding('');
          }}
        >
          {t('oncallEdit.add')}
        </button>
      </div>
      <button type="submit" className="button button--primary" data-testid="rotation-save">
        {rotation ? t('oncallEdit.save') : t('oncallEdit.create')}
      </button>
      <p role="status">{saved ? t('oncallEdit.saved') : ''}</p>
    </Form>
  );
}

const stepValues = z.object({
  kind: z.enum(['rotation', 'users', 'role']),
  rotationId: z.string(),
  userId: z.string(),
  role: z.string(),
  waitMinutes: z.number().min(0).max(1440),
});
const policyForm = z.object({
  name: z.string().trim().min(1).max(80),
  repeat: z.number().int().min(0).max(10),
  steps: z.array(stepValues).min(1).max(10),
});
type StepValues = z.infer<typeof stepValues>;

const toTarget = (s: StepValues): StepTarget =>
  s.kind === 'rotation'
    ? { kind: 'rotation', rotationId: s.rotationId }
    : s.kind === 'users'
      ? { kind: 'users', userIds: [s.userId] }
      : { kind: 'role', role: s.role as StepTarget & { kind: 'role' } extends { role: infer R } ? R : never };
const fromTarget = (target: StepTarget, waitMinutes: number): StepValues => ({
  kind: target.kind,
  rotationId: target.kind === 'rotation' ? target.rotationId : '',
  userId: target.kind === 'users' ? (target.userIds[0] ?? '') : '',
  role: target.kind === 'role' ? target.role : 'duty_officer',
  waitMinutes,
});

/** Steps (who, then wait), how many more rounds, for a policy (or a new one). */
export function PolicyEditor(props: {
  policy: EscalationPolicy | null;
  rotations: Rotation[];
  users: UserSummary[];
}) {
  const { t } = useTranslation();
  const { policy, rotations, users } = props;
  const save = useSavePolicy(policy?.id ?? null);
  const [saved, setSaved] = useState(false);
  const form = useZodForm(policyForm, {
    defaultValues: {
      name: policy?.name ?? '',
      repeat: policy?.repeat ?? 0,
      steps: policy?.steps.map((s) => fromTarget(s.target, s.waitMinutes)) ?? [
        fromTarget({ kind: 'role', role: 'duty_officer' }, 5),
      ],
    },
  });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const kinds = form.watch('steps').map((s) => s.kind);
  const id = (k: string) => `policy-${policy?.id ?? 'new'}-${k}`;

  async function onSubmit(v: z.output<typeof policyForm>) {
    setSaved(false);
    await save.mutateAsync({
      name: v.name,
      repeat: v.repeat,
      steps: v.steps.map((s) => ({ target: toTarget(s), waitMinutes: s.waitMinutes })),
    });
    setSaved(true);
  }

  return (
    <Form form={form} onSubmit={onSubmit} summaryTestId={id('errors')} data-testid="policy-editor">
      <div className="field-row">
        <Field id={id('name')} name="name" label={t('oncallEdit.name')}>
          {(p) => <input {...p} />}
        </Field>
        <Field
          id={id('repeat')}
          name="repeat"
          label={t('oncallEdit.repeat')}
          registerOptions={{ valueAsNumber: true }}
        >
          {(p) => <input {...p} type="number" min={0} max={10} />}
        </Field>
      </div>
      <ol className="records">
        {steps.fields.map((f, i) => (
          <li key={f.id} className="record">
            <div className="field-row">
              <Field id={id(`kind-${i}`)} name={`steps.${i}.kind`} label={t('oncallEdit.who')}>
                {(p) => (
                  <select {...p}>
                    <option value="rotation">{t('oncallEdit.kinds.rotation')}</option>
                    <option value="users">{t('oncallEdit.kinds.users')}</option>
                    <option value="role">{t('oncallEdit.kinds.role')}</option>
                  </select>
                )}
              </Field>
              {kinds[i] === 'rotation' ? (
                <Field id={id(`rot-${i}`)} name={`steps.${i}.rotationId`} label={t('oncallEdit.rotation')}>
                  {(p) => (
                    <select {...p}>
                      <option value="">{t('oncallEdit.choose')}</option>
                      {rotations.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : kinds[i] === 'users' ? (
                <Field id={id(`user-${i}`)} name={`steps.${i}.userId`} label={t('oncallEdit.person')}>
                  {(p) => (
                    <select {...p}>
                      <option value="">{t('oncallEdit.choose')}</option>
                      {users
                        .filter((u) => !u.disabled)
                        .map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.displayName}
                          </option>
                        ))}
                    </select>
                  )}
                </Field>
              ) : (
                <Field id={id(`role-${i}`)} name={`steps.${i}.role`} label={t('oncallEdit.role')}>
                  {(p) => (
                    <select {...p}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <Field
                id={id(`wait-${i}`)}
                name={`steps.${i}.waitMinutes`}
                label={t('oncallEdit.waitMinutes')}
                registerOptions={{ valueAsNumber: true }}
              >
                {(p) => <input {...p} type="number" min={0} max={1440} step="any" />}
              </Field>
            </div>
            {steps.fields.length > 1 ? (
              <button type="button" className="button button--small" onClick={() => steps.remove(i)}>
                {t('oncallEdit.removeStep')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => steps.append(fromTarget({ kind: 'role', role: 'approver' }, 10))}
        >
          {t('oncallEdit.addStep')}
        </button>
        <button type="submit" className="button button--primary" data-testid="policy-save">
          {policy ? t('oncallEdit.save') : t('oncallEdit.create')}
        </button>
      </div>
      <p role="status">{saved ? t('oncallEdit.saved') : ''}</p>
    </Form>
  );
}
