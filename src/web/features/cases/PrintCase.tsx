import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session.js';
import { formatDateTime } from './format.js';

/** How long the page must stay unchanged to count as drawn, and the longest a print waits for it. */
const QUIET_MS = 400;
const MAX_WAIT_MS = 10_000;

/**
 * Once the page has stopped changing for a moment — every section built, their code and data arrived
 * and drawn (React reveals a finished section up to 300 ms late) — or after 10 s at most.
 */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      window.clearTimeout(quiet);
      quiet = window.setTimeout(done, QUIET_MS);
    });
    let quiet = window.setTimeout(done, QUIET_MS);
    const cap = window.setTimeout(done, MAX_WAIT_MS);
    observer.observe(document.body, { childList: true, subtree: true });
    function done() {
      observer.disconnect();
      window.clearTimeout(quiet);
      window.clearTimeout(cap);
      resolve();
    }
  });
}

/**
 * The case page's print view: a button, and a heading only paper shows — the reference, who printed it
 * and when, and a confidentiality line — while the stylesheet's print rules drop the navigation, forms
 * and buttons (styles.css, "Print view of the case page"). `prepare` builds every section first, and
 * the dialog opens once they are drawn.
 */
export function PrintCase({ reference, prepare }: { reference: string; prepare: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [preparing, setPreparing] = useState(false);
  const onPrint = () => {
    if (preparing) return;
    setPreparing(true);
    // A section whose code could not be fetched (offline, no copy kept) does not stop the print.
    void prepare()
      .catch(() => undefined)
      .then(settled)
      .then(() => window.print())
      .finally(() => setPreparing(false));
  };
  const user = useCurrentUser();
  const at = formatDateTime(new Date().toISOString(), i18n.language);
  return (
    <>
      <p className="no-print">
        <button
          type="button"
          className="link-button"
          aria-disabled={preparing}
          onClick={onPrint}
          data-testid="case-print"
        >
          {preparing ? t('case.printPreparing') : t('case.print')}
        </button>
      </p>
      <div className="print-only" data-testid="case-print-header">
        <p className="print-only__confidential">{t('case.printConfidential')}</p>
        <p>{t('case.printedBy', { reference, name: user.displayName, at })}</p>
      </div>
    </>
  );
}
