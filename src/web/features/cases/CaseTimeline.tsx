import { CaseNoteForm } from './CaseNoteForm.js';
import { useTranslation } from 'react-i18next';
import { useLabel } from './useLabel.js';
import { useCurrentUser } from '../auth/session.js';
import { type CaseDetail, type TimelineEvent } from './api.js';
import { formatDateTime, uiLocale } from './format.js';
import {
  actionTypes,
  agencies,
  impactTypes,
  institutionalRequests,
  institutionalResponseTypes,
  termLabel,
  type Term,
} from '../../../shared/vocabularies.js';

/** The case's timeline, each entry in the reader's words (who did it by their role on the case). */
export function Timeline({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const label = useLabel();
  const lng = i18n.language;
  const term = (list: readonly Term[], code: string) => termLabel(list, code, uiLocale(lng));

  const actor = (e: TimelineEvent): string => {
    if (e.actorId && e.actorId === user.id) return t('case.you');
    if (!e.actorId) return label(`actorLabel.${e.actorLabel}`, e.actorLabel);
    const roles = c.members.filter((m) => m.userId === e.actorId);
    return roles.length
      ? roles.map((m) => label(`caseRole.${m.roleInCase}`, m.roleInCase)).join(', ')
      : t('case.staffMember');
  };
  const what = (e: TimelineEvent): string => {
    if (e.type.startsWith('transition.')) {
      const action = e.type.slice('transition.'.length);
      return label(`actionDone.${action}`, action);
    }
    if (e.type === 'escalation.requested' && typeof e.data.reason === 'string') {
      return t('case.escalation', { reason: label(`escalationReason.${e.data.reason}`, e.data.reason) });
    }
    return label(`eventType.${e.type}`, label(`network.eventType.${e.type}`, e.type));
  };
  const extra = (e: TimelineEvent): string | null => {
    const parts: string[] = [];
    if (typeof e.data.priority === 'string') parts.push(`${t('case.priority')} ${e.data.priority}`);
    if (e.data.fastPath === true) parts.push(t('case.fastPathShort'));
    if (typeof e.data.outcome === 'string') parts.push(`${t('case.outcome')}: ${e.data.outcome}`);
    if (typeof e.data.duplicateOf === 'string') parts.push(`${t('case.duplicateOf')}: ${e.data.duplicateOf}`);
    if (typeof e.data.flag === 'string') parts.push(label(`flags.${e.data.flag}`, e.data.flag));
    // The response phase: codes only on the timeline, shown with their labels.
    const code = (key: string) => (typeof e.data[key] === 'string' ? (e.data[key] as string) : null);
    if (e.type.startsWith('action.') && code('type')) parts.push(term(actionTypes, code('type')!));
    if (code('agency') && code('request') && code('response'))
      parts.push(
        `${term(agencies, code('agency')!)}: ${term(institutionalRequests, code('request')!)} → ${term(
          institutionalResponseTypes,
          code('response')!,
        )}`,
      );
    if (e.type === 'impact.recorded' && code('code')) parts.push(term(impactTypes, code('code')!));
    if (e.type === 'feedback.recorded' && typeof e.data.satisfaction === 'number')
      parts.push(t('response.satisfactionValue', { n: e.data.satisfaction }));
    if (e.type.startsWith('clock.') && code('clock'))
      parts.push(label(`clockKind.${code('clock')}`, code('clock')!));
    return parts.length ? parts.join(' · ') : null;
  };

  // A closing step's note is its reason and the closure's reason, which are usually the same text.
  const noteText = (e: TimelineEvent): string =>
    e.type === 'transition.close' && e.note ? [...new Set(e.note.split('\n'))].join('\n') : (e.note ?? '');

  // Newest first: the latest step is what a duty officer looks for.
  const events = [...c.timeline].reverse();
  return (
    <section className="card case-section" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('case.timeline')}</h2>
      <ol className="timeline" data-testid="case-timeline">
        {events.map((e) => (
          <li key={e.id} className="timeline__item" data-testid="timeline-item" data-type={e.type}>
            <p className="timeline__head">
              <strong className="timeline__what">{what(e)}</strong>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <span className="timeline__move">
                  {t(`status.${e.fromStatus}`)} <span aria-hidden="true">→</span>
                  <span className="visually-hidden"> {t('case.to')} </span> {t(`status.${e.toStatus}`)}
                </span>
              ) : null}
            </p>
            <p className="timeline__meta muted">
              <time dateTime={e.at}>
                {formatDateTime(e.at, lng)} {t('cases.eat')}
              </time>{' '}
              · {actor(e)}
              {extra(e) ? ` · ${extra(e)}` : null}
            </p>
            {e.note ? <p className="timeline__note prewrap">{noteText(e)}</p> : null}
          </li>
        ))}
      </ol>
      <CaseNoteForm caseId={c.id} />
    </section>
  );
}
