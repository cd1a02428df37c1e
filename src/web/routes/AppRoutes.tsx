import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AppLayout } from '../components/AppLayout.js';
import { PageHeading } from '../components/PageHeading.js';
import { useCurrentUser } from '../features/auth/session.js';
import { canOpen } from './access.js';
import { NotFoundPage } from './NotFoundPage.js';
import { homeRoute, routeTable, type AppRoute } from './routeTable.js';

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="page" role="status">
          {t('app.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageHeading title={t('pages.forbidden')}>{t('pages.forbidden')}</PageHeading>
    </section>
  );
}

/**
 * A page of the route table behind its guard. The API enforces access; the guard only avoids a dead
 * end, with the same rule that shows or hides the page's link.
 */
function Guarded({ route }: { route: AppRoute }) {
  const user = useCurrentUser();
  if (!canOpen(user, route)) return <Forbidden />;
  return route.lazy ? <Lazy>{route.element}</Lazy> : route.element;
}

/**
 * The signed-in console's pages, from the route table. The router lives here, not around the whole
 * app: sign-in has one screen and needs no router, so its script stays small on a slow line.
 */
export function AppRoutes() {
  return (
    <BrowserRouter>
      <ConsoleRoutes />
    </BrowserRouter>
  );
}

function ConsoleRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={homeRoute} />
        {routeTable.map((route) => (
          <Route key={route.path} path={route.path} element={<Guarded route={route} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
