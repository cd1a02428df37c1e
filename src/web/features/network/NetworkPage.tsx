import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon.js';

export function NetworkPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.network')} description={t('pages.network')} />;
}
