import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from './api/client.js';
import { App } from './App.js';
import { forgetSession } from './features/auth/session.js';
import { initI18n, initialLanguage } from './i18n/index.js';
import './styles.css';
import { initTheme } from './theme/theme.js';

// Before the first render, so a night-time sign-in never flashes the light page.
initTheme();
initI18n(initialLanguage());

/** A call answered "please sign in" means the session ended (expired, revoked): back to sign-in. */
function onApiError(error: unknown): void {
  if (isApiError(error) && error.code === 'AUTH_REQUIRED') forgetSession(queryClient);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
// The first render as a transition: React builds the console in small slices and lets the browser
// breathe in between, instead of one long task that a cheap phone cannot interrupt.
const root = createRoot(container);
startTransition(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
