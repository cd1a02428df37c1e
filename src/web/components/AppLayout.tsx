import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatch } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client.js';
import { useCurrentUser, useSignOut } from '../features/auth/session.js';
import { SosButton } from '../features/network/SosButton.js';
import { ConnectionBadge } from '../features/offline/ConnectionBadge.js';
import { startOffline } from '../features/offline/start.js';
import { canOpen } from '../routes/access.js';
import { routeTable } from '../routes/routeTable.js';
import { ThemeSwitch } from '../theme/ThemeSwitch.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  // The service worker, the connection state and the offline outbox start with the console.
  useEffect(() => startOffline(user), [user]);
  // The route table's entries with a navigation label that this user may open.
  const items = routeTable.flatMap((route) =>
    route.nav && canOpen(user, route) ? [{ ...route.nav, path: `/${route.path}` }] : [],
  );
  // A case page and the intake form belong to the queue section.
  const inCases = useMatch('/cases/*') !== null;
  // On a phone (≤ 600 px) the tools and the navigation fold behind one menu button; a new page folds them.
  const { pathname } = useLocation();
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === pathname;

  return (
    <div className="app-shell" data-menu-open={menuOpen}>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="app-header">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </p>
        <div className="app-header__tools">
          <ConnectionBadge />
          <SosButton />
          <button
            type="button"
            className="button button--on-dark app-menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-header-tools app-nav"
            data-testid="menu-button"
            onClick={() => setMenuOpenAt(menuOpen ? null : pathname)}
          >
            <span className="app-menu-button__icon" aria-hidden="true" />
            {t('header.menu')}
          </button>
          <div className="app-header__menu" id="app-header-tools">
            <p className="app-header__user">
              <span className="visually-hidden">{t('header.signedInAs')} </span>
              <span data-testid="user-name">{user.displayName}</span>
            </p>
            <LanguageSwitch />
            <ThemeSwitch />
            <button
              type="button"
              className="button button--on-dark"
              data-testid="sign-out"
              aria-disabled={signOut.isPending}
              onClick={() => {
                if (signOut.isPending) return;
                signOut.mutate();
              }}
            >
              {signOut.isPending ? t('header.signingOut') : t('header.signOut')}
            </button>
          </div>
        </div>
      </header>
      {signOut.isError ? (
        <p className="alert alert--error app-banner" role="alert">
          {errorText(signOut.error)}
        </p>
      ) : null}
      <div className="app-body">
        <nav className="app-nav" id="app-nav" aria-label={t('nav.label')}>
          <ul>
            {items.map((item) => (
              <li key={item.path} data-group={item.group}>
                {item.key === 'queue' && inCases ? (
                  <Link to={item.path} className="app-nav__link" aria-current="page" data-testid="nav-queue">
                    {t('nav.queue')}
                  </Link>
                ) : (
                  <NavLink to={item.path} className="app-nav__link" data-testid={`nav-${item.key}`}>
                    {t(`nav.${item.key}`)}
                  </NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
