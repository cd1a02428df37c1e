import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setupStatus } from './features/admin/api.js';
import { errorText, isApiError } from './api/client.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { useSession } from './features/auth/session.js';
import { preloadFirstPage } from './routes/preloadPage.js';

/**
 * The console proper loads after sign-in: on a 2G line the sign-in page needs only what it uses
 * (React, the session query, i18n and the form layer), not every feature's pages.
 */
const AppRoutes = lazy(() =>
  withStrings(import('./routes/AppRoutes.js')).then((m) => ({ default: m.AppRoutes })),
);

/** A console chunk and, fetched alongside it, the console's strings in the language in use. */
function withStrings<T>(chunk: Promise<T>): Promise<T> {
  const strings = import('./i18n/features.js').then((f) => f.loadFeatureCatalogues());
  return Promise.all([chunk, strings]).then(([m]) => m);
}

/** The first-run and invitation steps are rare: loaded (with the console's strings) only when needed. */
const onboarding = () => withStrings(import('./features/admin/OnboardingSteps.js'));
/** Opened offline (the service worker served the page): the outbox, and the console when back. */
const OfflineShell = lazy(() =>
  withStrings(import('./features/offline/OfflineShell.js')).then((m) => ({ default: m.OfflineShell })),
);
const SetupStep = lazy(() => onboarding().then((m) => ({ default: m.SetupStep })));
const InviteStep = lazy(() => onboarding().then((m) => ({ default: m.InviteStep })));

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="app-loading" role="status">
          {t('app.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** Signed out: the sign-in page at whatever address was asked for; signed in: the console. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const roles = session.data?.user.roles;
  useEffect(() => {
    if (roles) preloadFirstPage(roles);
  }, [roles]);

  if (session.isPending) {
    return (
      <p className="app-loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (session.isError && isApiError(session.error) && session.error.status === 0) {
    return (
      <Loading>
        <OfflineShell onOnline={() => void session.refetch()} />
      </Loading>
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
  if (!session.data) return <SignedOut />;
  return (
    <Loading>
      <AppRoutes />
    </Loading>
  );
}

/** An invitation link, the first-run set-up of a fresh install, or else the sign-in page. */
function SignedOut() {
  const invite = /^\/invite\/([A-Za-z0-9_-]{20,100})$/.exec(window.location.pathname)?.[1];
  const setup = useQuery({
    enabled: !invite,
    queryKey: ['setup'],
    queryFn: ({ signal }) => setupStatus(signal),
    staleTime: Infinity,
  });
  if (invite)
    return (
      <LoginPage
        firstStep={(onAccepted) => (
          <Loading>
            <InviteStep token={invite} onAccepted={onAccepted} />
          </Loading>
        )}
      />
    );
  if (setup.data?.needed)
    return (
      <LoginPage
        firstStep={(onAccepted) => (
          <Loading>
            <SetupStep onAccepted={onAccepted} />
          </Loading>
        )}
      />
    );
  return <LoginPage />;
}
