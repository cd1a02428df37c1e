import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageHeading title={t('pages.notFound')}>{t('pages.notFound')}</PageHeading>
      <p>{t('pages.notFoundBody')}</p>
      <p>
        <Link to="/queue">{t('pages.backToQueue')}</Link>
      </p>
    </section>
  );
}
