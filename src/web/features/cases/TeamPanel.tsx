import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { teamRoles } from '../../../shared/contracts/caseTeam.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from './api.js';
import { useAddMember, useAssignees, useRemoveMember, useTeam } from './teamApi.js';

/** The add form's values: a person and their role on the team. */
export const teamForm = z.object({
  userId: z.string().min(1, 'team.chooseRequired'),
  roleInCase: z.enum(teamRoles),
});

/**
 * The case team (need-to-know): who is on it and as what. Managers (duty officers, approvers,
 * leadership) add a lead or member and remove members; a removed person no longer sees a sensitive case.
 */
export function TeamPanel({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canManage = rolesAllow(user.roles, 'cases:manage_team');
  const team = useTeam(c.id);
  const candidates = useAssignees(c.id, undefined, canManage);
  const add = useAddMember(c.id);
  const remove = useRemoveMember(c.id);
  const [note, setNote] = useState<string | null>(null);
  const form = useZodForm(teamForm, { defaultValues: { userId: '', roleInCase: 'member' } });
  const roleLabel = (r: string) => (i18n.exists(`caseRole.${r}`) ? String(t(`caseRole.${r}` as never)) : r);
  const members = team.data ?? [];
  const onTeam = new Set(members.map((m) => m.userId));

  async function onSubmit(v: z.output<typeof teamForm>) {
    if (add.isPending) return;
    setNote(null);
    await add.mutateAsync(v);
    form.reset({ userId: '', roleInCase: 'member' });
    setNote(t('team.added'));
  }

  async function onRemove(userId: string) {
    if (remove.isPending) return;
    setNote(null);
    try {
      await remove.mutateAsync(userId);
      setNote(t('team.removed'));
    } catch (e) {
      setNote(errorText(e));
    }
  }

  return (
    <section className="card case-section" aria-labelledby="case-members" data-testid="team-panel">
      <h2 id="case-members">{t('case.members')}</h2>
      {members.length === 0 ? (
        <p className="muted">{t('case.noMembers')}</p>
      ) : (
        <ul className="members" data-testid="case-members">
          {members.map((m) => (
            <li key={m.userId} className="members__line">
              <span>
                <strong>{m.displayName}</strong>
                {m.userId === user.id ? <span className="muted"> ({t('case.you')})</span> : null}
                <br />
                <span className="muted small">{m.isLead ? roleLabel('lead') : roleLabel(m.roleInCase)}</span>
              </span>
              {canManage && !m.isLead ? (
                <button
                  type="button"
                  className="button button--small"
                  aria-disabled={remove.isPending}
                  onClick={() => void onRemove(m.userId)}
                  data-testid="team-remove"
                >
                  {t('team.remove')}
                  <span className="visually-hidden"> {m.displayName}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="small" data-testid="team-note">
        {note ?? ''}
      </p>
      {canManage ? (
        <Form
          form={form}
          onSubmit={onSubmit}
          summaryTestId="team-errors"
          labels={{ userId: t('team.person'), roleInCase: t('team.role') }}
          data-testid="team-form"
        >
          <Field id="team-user" name="userId" label={t('team.person')}>
            {(p) => (
              <select {...p} data-testid="team-user">
                <option value="">{t('team.choose')}</option>
                {(candidates.data ?? [])
                  .filter((a) => !onTeam.has(a.id))
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.displayName}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field id="team-role" name="roleInCase" label={t('team.role')}>
            {(p) => (
              <select {...p} data-testid="team-role">
                {teamRoles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button" aria-disabled={add.isPending} data-testid="team-add">
            {t('team.add')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
