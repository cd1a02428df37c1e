import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import type { z } from 'zod';
import type { userView } from '../../../shared/contracts/users.js';
import { DataTable } from '../../components/DataTable.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useUsers } from '../admin/api.js';
import { useCurrentUser } from '../auth/session.js';
import { eatLocalNow, formatDateTime, useNow } from '../cases/format.js';
import {
  useOnCall,
  usePolicies,
  useRotations,
  useSaveRotation,
  type EscalationPolicy,
  type OnCall,
  type Rotation,
  type StepTarget,
} from './api.js';
import { CoverageBanner } from './CoverageBanner.js';
import { PagedNowPreview, PolicyEditor, RotationEditor } from './OnCallEditors.js';
import { overrideForm } from './overrideForm.js';
import { upcomingShifts } from './shifts.js';
import { formatNumber } from '../../i18n/formats.js';

/** How many shifts ahead an administrator sees per rotation. */
const SHIFTS_AHEAD = 6;

export function OnCallPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = rolesAllow(user.roles, 'alerts:read');
  const canManage = rolesAllow(user.roles, 'oncall:manage');
  const oncall = useOnCall(canRead);

  if (!canRead) {
    return (
      <section className="page">
        <PageHeading title={t('oncall.title')}>{t('oncall.title')}</PageHeading>
        <p className="card notice" data-testid="oncall-no-access">
          {t('oncall.noAccess')}
        </p>
      </section>
    );
  }

  return (
    <section className="page page--wide" data-testid="oncall-page">
      <PageHeading title={t('oncall.title')}>{t('oncall.title')}</PageHeading>
      <p className="muted">{t('oncall.intro')}</p>
      <CoverageBanner />
      <h2>{t('oncall.nowTitle')}</h2>
      <QueryState
        query={oncall}
        isEmpty={(list) => list.length === 0}
        empty={<p className="card notice">{t('oncall.noRotations')}</p>}
      >
        {(list) => (
          <ul className="records oncall-list" data-testid="oncall-list">
            {list.map((o) => (
              <OnCallCard key={o.rotationId} oncall={o} />
            ))}
          </ul>
        )}
      </QueryState>
      {canManage ? (
        <Manage oncall={oncall.data ?? []} />
      ) : (
        <p className="muted small">{t('oncall.askAdmin')}</p>
      )}
    </section>
  );
}

function useWhen() {
  const { t, i18n } = useTranslation();
  return (at: string | number) =>
    `${formatDateTime(typeof at === 'number' ? new Date(at).toISOString() : at, i18n.language, 'short')} ${t('cases.eat')}`;
}

function OnCallCard({ oncall: o }: { oncall: OnCall }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <li className="record" data-testid="oncall-row" data-rotation={o.rotationName}>
      <div className="record__head">
        <strong>{o.rotationName}</strong>
        <span className="tag tag--muted">{t(`oncall.period.${o.period}`)}</span>
      </div>
      <p>
        {o.onCall ? (
          <>
            {t('oncall.onCallNow')}: <strong data-testid="oncall-person">{o.onCall.displayName}</strong>
            {o.source === 'override' ? (
              <>
                {' '}
                <span className="tag tag--progress">{t('oncall.override')}</span>
              </>
            ) : null}
          </>
        ) : (
          <strong className="field__error" data-testid="oncall-nobody">
            {t('oncall.nobody')}
          </strong>
        )}
      </p>
      {o.shiftStart && o.shiftEnd ? (
        <p className="record__meta muted">
          {t('oncall.shift', { from: when(o.shiftStart), to: when(o.shiftEnd) })}
        </p>
      ) : null}
      {o.next ? (
        <p className="record__meta" data-testid="oncall-next">
          {o.shiftEnd
            ? t('oncall.nextFrom', { who: o.next.displayName, from: when(o.shiftEnd) })
            : t('oncall.next', { who: o.next.displayName })}
        </p>
      ) : null}
    </li>
  );
}

/** Administrators: every rotation's members, upcoming shifts and overrides (editable), and the policies. */
function Manage({ oncall }: { oncall: OnCall[] }) {
  const { t } = useTranslation();
  const rotations = useRotations(true);
  const policies = usePolicies(true);
  const users = useUsers();
  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const nameOf = (id: string) => names.get(id) ?? t('oncall.unknownUser');

  return (
    <>
      <h2>{t('oncall.rotationsTitle')}</h2>
      <QueryState query={rotations}>
        {(list) => (
          <div className="oncall-rotations">
            {list.map((r) => (
              <div key={r.id}>
                <RotationCard rotation={r} nameOf={nameOf} users={users.data ?? []} />
                <details className="card">
                  <summary>{t('oncallEdit.edit')}</summary>
                  <RotationEditor rotation={r} users={users.data ?? []} />
                </details>
              </div>
            ))}
            <details className="card" data-testid="rotation-new">
              <summary>{t('oncallEdit.newRotation')}</summary>
              <RotationEditor rotation={null} users={users.data ?? []} />
            </details>
          </div>
        )}
      </QueryState>
      <h2>{t('oncall.policiesTitle')}</h2>
      <QueryState query={policies}>
        {(list) => (
          <ul className="records" data-testid="policy-list">
            {list.map((p) => (
              <PolicyCard key={p.id} policy={p} nameOf={nameOf} rotations={rotations.data ?? []}>
                <PagedNowPreview policy={p} oncall={oncall} users={users.data ?? []} />
                <details>
                  <summary>{t('oncallEdit.edit')}</summary>
                  <PolicyEditor policy={p} rotations={rotations.data ?? []} users={users.data ?? []} />
                </details>
              </PolicyCard>
            ))}
            <li className="record">
              <details data-testid="policy-new">
                <summary>{t('oncallEdit.newPolicy')}</summary>
                <PolicyEditor policy={null} rotations={rotations.data ?? []} users={users.data ?? []} />
              </details>
            </li>
          </ul>
        )}
      </QueryState>
    </>
  );
}

function RotationCard({
  rotation: r,
  nameOf,
  users,
}: {
  rotation: Rotation;
  nameOf: (id: string) => string;
  users: z.infer<typeof userView>[];
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const now = useNow(60_000);
  const save = useSaveRotation();
  const shifts = upcomingShifts(r, now, SHIFTS_AHEAD);
  const overrides = r.overrides.filter((o) => Date.parse(o.to) > now);

  const removeOverride = (index: number) => {
    if (save.isPending) return;
    save.mutate({ ...r, overrides: r.overrides.filter((_, i) => i !== index) });
  };

  return (
    <article className="card form-section" data-testid="rotation" data-rotation={r.name}>
      <h3>{r.name}</h3>
      <dl className="facts">
        <div>
          <dt>{t('oncall.periodLabel')}</dt>
          <dd>{t(`oncall.period.${r.period}`)}</dd>
        </div>
        <div>
          <dt>{t('oncall.startsAt')}</dt>
          <dd>{when(r.startsAt)}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('oncall.members')}</dt>
          <dd>
            {r.memberIds.length ? (
              <ol className="inline-list">
                {r.memberIds.map((id, i) => (
                  <li key={`${id}:${i}`} className="chip">
                    {i + 1}. {nameOf(id)}
                  </li>
                ))}
              </ol>
            ) : (
              <span className="field__error">{t('oncall.noMembers')}</span>
            )}
          </dd>
        </div>
      </dl>

      <DataTable
        caption={t('oncall.upcoming')}
        captionId={`rotation-${r.id}-upcoming`}
        columns={[
          {
            key: 'who',
            label: t('oncall.who'),
            rowHeader: true,
            cell: (s) => (
              <>
                {nameOf(s.userId)}
                {s === shifts[0] ? (
                  <>
                    {' '}
                    <span className="tag tag--ok">{t('oncall.nowTag')}</span>
                  </>
                ) : null}
                {s.source === 'override' ? (
                  <>
                    {' '}
                    <span className="tag tag--progress">{t('oncall.override')}</span>
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: 'from',
            label: t('oncall.from'),
            cell: (s) => <time dateTime={new Date(s.start).toISOString()}>{when(s.start)}</time>,
          },
          {
            key: 'until',
            label: t('oncall.until'),
            cell: (s) => <time dateTime={new Date(s.end).toISOString()}>{when(s.end)}</time>,
          },
        ]}
        rows={shifts}
        rowKey={(s) => `${s.start}:${s.userId}`}
        empty={t('oncall.noShifts')}
        emptyProps={{ className: 'muted' }}
        className="table--dense"
        testId="rotation-shifts"
        stacked={false}
      />

      <h4>{t('oncall.overrides')}</h4>
      {overrides.length === 0 ? (
        <p className="muted">{t('oncall.noOverrides')}</p>
      ) : (
        <ul className="records" data-testid="rotation-overrides">
          {r.overrides.map((o, i) =>
            Date.parse(o.to) > now ? (
              <li key={`${o.userId}:${o.from}`} className="record record__head">
                <span>
                  {t('oncall.overrideLine', { who: nameOf(o.userId), from: when(o.from), to: when(o.to) })}
                </span>
                <button
                  type="button"
                  className="button button--small button--warning"
                  aria-disabled={save.isPending}
                  onClick={() => removeOverride(i)}
                >
                  {t('oncall.removeOverride')}
                </button>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {save.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(save.error)}
        </p>
      ) : null}
      <OverrideForm rotation={r} users={users} />
    </article>
  );
}

/** Someone covers a stretch of the rotation (a swap, a sick day): a user, from, until (EAT). */
function OverrideForm({ rotation: r, users }: { rotation: Rotation; users: z.infer<typeof userView>[] }) {
  const { t } = useTranslation();
  const save = useSaveRotation();
  const form = useZodForm(overrideForm, {
    defaultValues: {
      userId: '',
      from: eatLocalNow(),
      to: eatLocalNow(Date.now() + 12 * 3_600_000),
    },
  });
  const [saved, setSaved] = useState(false);
  const id = (k: string) => `override-${r.id}-${k}`;
  const active = users.filter((u) => !u.disabled);

  return (
    <Form
      form={form}
      onSubmit={async (cover) => {
        setSaved(false);
        await save.mutateAsync({ ...r, overrides: [...r.overrides, cover] });
        setSaved(true);
        form.setValue('userId', '');
      }}
      // The server names the new cover by its place in the rotation's list.
      serverPaths={{
        [`overrides.${r.overrides.length}.userId`]: 'userId',
        [`overrides.${r.overrides.length}.from`]: 'from',
        [`overrides.${r.overrides.length}.to`]: 'to',
      }}
      summaryTestId={`override-${r.id}-errors`}
      className="response-form--inline form"
      data-testid="override-form"
      before={<h4>{t('oncall.addOverride')}</h4>}
    >
      <div className="field-row">
        <Field id={id('user')} name="userId" label={t('oncall.who')}>
          {(c) => (
            <select {...c}>
              <option value="">{t('oncall.chooseUser')}</option>
              {active.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('from')} name="from" label={t('oncall.fromEat')}>
          {(c) => <input {...c} type="datetime-local" />}
        </Field>
        <Field id={id('to')} name="to" label={t('oncall.untilEat')}>
          {(c) => <input {...c} type="datetime-local" />}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={save.isPending}>
          {save.isPending ? t('oncall.saving') : t('oncall.addOverrideSubmit')}
        </button>
        <p className="button-row__status" role="status">
          {saved ? t('oncall.overrideSaved') : ''}
        </p>
      </div>
    </Form>
  );
}

function PolicyCard({
  policy: p,
  nameOf,
  rotations,
  children,
}: {
  policy: EscalationPolicy;
  nameOf: (id: string) => string;
  rotations: Rotation[];
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const target = (s: StepTarget) => {
    switch (s.kind) {
      case 'rotation':
        return t('oncall.targetRotation', {
          name: rotations.find((r) => r.id === s.rotationId)?.name ?? t('oncall.unknownRotation'),
        });
      case 'users':
        return s.userIds.map(nameOf).join(', ');
      case 'role':
        return t('oncall.targetRole', { role: t(`roles.${s.role}`) });
    }
  };
  const minutes = (m: number) => (Number.isInteger(m) ? String(m) : formatNumber(m, i18n.language));
  return (
    <li className="record" data-testid="policy">
      <div className="record__head">
        <strong>{p.name}</strong>
        {p.repeat > 0 ? (
          <span className="tag tag--muted">{t('oncall.repeat', { count: p.repeat })}</span>
        ) : null}
      </div>
      <ol className="policy-steps">
        {p.steps.map((s, i) => (
          <li key={i}>
            {target(s.target)}{' '}
            <span className="muted">
              —{' '}
              {s.waitMinutes > 0 ? t('oncall.wait', { minutes: minutes(s.waitMinutes) }) : t('oncall.noWait')}
            </span>
          </li>
        ))}
      </ol>
      {children}
    </li>
  );
}
