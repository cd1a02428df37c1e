import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './api/client.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { useSession } from './features/auth/session.js';

/**
 * The console proper loads after sign-in: on a 2G line the sign-in page needs only what it uses
 * (React, the session query, i18n and the form layer), not every feature's pages.
 */
const AppRoutes = lazy(() => import('./routes/AppRoutes.js').then((m) => ({ default: m.AppRoutes })));

/** Signed out: the sign-in page at whatever address was asked for; signed in: the console. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();

  if (session.isPending) {
    return (
      <p className="app-loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (session.isError) {
    return (
      <main className="app-loading">
        <h1>{t('app.startFailed')}</h1>
        <p role="alert">{errorText(session.error)}</p>
        <button type="button" className="button button--primary" onClick={() => void session.refetch()}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (!session.data) return <LoginPage />;
  return (
    <Suspense
      fallback={
        <p className="app-loading" role="status">
          {t('app.loading')}
        </p>
      }
    >
      <AppRoutes />
    </Suspense>
  );
}
