import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session.js';
import { formatDateTime } from './format.js';

/**
 * The case page's print view: a button, and a heading only paper shows — the reference, who printed it
 * and when, and a confidentiality line — while the stylesheet's print rules drop the navigation, forms
 * and buttons (styles.css, "Print view of the case page"). `prepare` builds every section first.
 */
/** After the browser has drawn what was just built (two frames). */
const afterPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

export function PrintCase({ reference, prepare }: { reference: string; prepare: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const at = formatDateTime(new Date().toISOString(), i18n.language);
  return (
    <>
      <p className="no-print">
        <button
          type="button"
          className="link-button"
          onClick={() =>
            void prepare()
              .then(afterPaint)
              .then(() => window.print())
          }
          data-testid="case-print"
        >
          {t('case.print')}
        </button>
      </p>
      <div className="print-only" data-testid="case-print-header">
        <p className="print-only__confidential">{t('case.printConfidential')}</p>
        <p>{t('case.printedBy', { reference, name: user.displayName, at })}</p>
      </div>
    </>
  );
}
