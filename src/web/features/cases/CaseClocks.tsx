import type { MouseEvent } from 'react';
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

/**
 * Links to the case page's sections, at its top (the page is long on a phone). A section not built yet
 * (useNear) is built first (`show`), then scrolled to.
 */
export function CaseSectionNav({ show }: { show: () => void }) {
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
            <a href={`#${id}`} onClick={(e) => goTo(e, id, show)}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** How long a link waits for its section to be built before it gives up (a slow phone, a slow chunk). */
const BUILD_WAIT_MS = 10_000;

function goTo(e: MouseEvent<HTMLAnchorElement>, id: string, show: () => void) {
  if (document.getElementById(id)) return;
  e.preventDefault();
  show();
  const until = performance.now() + BUILD_WAIT_MS;
  const look = () => {
    const target = document.getElementById(id);
    if (target) {
      window.history.replaceState(window.history.state, '', `#${id}`);
      target.scrollIntoView();
    } else if (performance.now() < until) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
