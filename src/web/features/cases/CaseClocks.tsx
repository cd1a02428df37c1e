import { useTranslation } from 'react-i18next';
import type { CaseDetail } from './api.js';
import { formatDateTime, formatTimeLeft, useNow } from './format.js';

/**
 * The case's running clocks (acknowledge, decision, first action, arrest, review, check-in) with their
 * countdowns, as the queue shows the next one: red once run out. Nothing met is shown.
 */
export function CaseClocks({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const now = useNow(15_000);
  return (
    <section className="card case-section" aria-labelledby="case-clocks" data-testid="case-clocks">
      <h2 id="case-clocks">{t('case.clocks')}</h2>
      {c.clocks.length === 0 ? (
        <p className="muted">{t('case.noClocks')}</p>
      ) : (
        <ul className="clocks">
          {c.clocks.map((k) => {
            const late = k.breached || Date.parse(k.dueAt) <= now;
            return (
              <li key={`${k.kind}-${k.dueAt}`} data-testid="case-clock" data-kind={k.kind}>
                <strong>{t(`clockKind.${k.kind}`)}</strong>{' '}
                <time
                  className={late ? 'clock clock--breached' : 'clock'}
                  dateTime={k.dueAt}
                  title={`${formatDateTime(k.dueAt, lng)} ${t('cases.eat')}`}
                >
                  {formatTimeLeft(k.dueAt, now, lng)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Links to the case page's sections, at its top (the page is long on a phone). */
export function CaseSectionNav() {
  const { t } = useTranslation();
  const sections: [string, string][] = [
    ['case-summary', t('case.summary')],
    ['case-clocks', t('case.clocks')],
    ['case-assessment', t('case.assessment')],
    ['dispatch-title', t('network.dispatch.title')],
    ['case-timeline', t('case.timeline')],
    ['case-people', t('case.people')],
    ['case-members', t('case.members')],
  ];
  return (
    <nav className="case__sections" aria-label={t('case.sections')} data-testid="case-sections">
      <ul>
        {sections.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
