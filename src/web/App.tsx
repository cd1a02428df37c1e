import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setupStatus } from './features/admin/api.js';
import { InviteStep, SetupStep } from './features/admin/OnboardingSteps.js';
import { errorText } from './api/client.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { useSession } from './features/auth/session.js';
import { AppRoutes } from './routes/AppRoutes.js';

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
  return session.data ? <AppRoutes /> : <SignedOut />;
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
    return <LoginPage firstStep={(onAccepted) => <InviteStep token={invite} onAccepted={onAccepted} />} />;
  if (setup.data?.needed)
    return <LoginPage firstStep={(onAccepted) => <SetupStep onAccepted={onAccepted} />} />;
  return <LoginPage />;
}
