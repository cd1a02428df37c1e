import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.js';

export function ReportsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.reports')} description={t('pages.reports')} />;
}
