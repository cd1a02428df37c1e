import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.js';

export function AlertsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.alerts')} description={t('pages.alerts')} />;
}
