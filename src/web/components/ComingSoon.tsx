import { useTranslation } from 'react-i18next';
import { PageHeading } from './PageHeading.js';

/** Placeholder for a section that later work fills in. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageHeading title={title}>{title}</PageHeading>
      <div className="card coming-soon">
        <p className="coming-soon__badge">{t('pages.comingSoon')}</p>
        <p>{description}</p>
      </div>
    </section>
  );
}
