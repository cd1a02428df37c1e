import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.js';

export function QueuePage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.queue')} description={t('pages.queue')} />;
}
