import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/workflow.js';

/** P1 red … P4 grey; an unassessed case has no priority yet. */
export function PriorityBadge({ priority }: { priority: string | null }) {
  const { t } = useTranslation();
  if (!priority) {
    return (
      <span className="priority priority--none" title={t('cases.notAssessed')}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('cases.notAssessed')}</span>
      </span>
    );
  }
  return (
    <span className={`priority priority--${priority.toLowerCase()}`} data-testid="priority-badge">
      {priority}
    </span>
  );
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${status}`} data-testid="status-tag">
      {t(`status.${status}`)}
    </span>
  );
}

export function DangerMarker() {
  const { t } = useTranslation();
  return (
    <span className="danger" data-testid="danger-now">
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M8 1 15.5 14.5H.5L8 1Z" fill="currentColor" />
        <path d="M7.2 5.5h1.6l-.3 5H7.5l-.3-5Zm.8 6.1a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Z" fill="#fff" />
      </svg>
      {t('cases.dangerNow')}
    </span>
  );
}

export function LockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z"
        fill="currentColor"
      />
    </svg>
  );
}
