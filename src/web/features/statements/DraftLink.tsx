import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';

/**
 * From a case or an event to a statement or urgent appeal drafted from it (the drafting form reads
 * `?caseId=` / `?eventId=`). Shown only to those who draft statements.
 */
export function DraftStatementLink({ source }: { source: { caseId: string } | { eventId: string } }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!rolesAllow(user.roles, 'statements:draft')) return null;
  const query = 'caseId' in source ? `caseId=${source.caseId}` : `eventId=${source.eventId}`;
  return (
    <Link to={`/statements?${query}`} data-testid="draft-statement-link">
      {t('statements.draftFrom')}
    </Link>
  );
}
