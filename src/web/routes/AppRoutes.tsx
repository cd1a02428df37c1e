import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AppLayout } from '../components/AppLayout.js';
import { AdminPage } from '../features/admin/AdminPage.js';
import { QueuePage } from '../features/queue/QueuePage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequirePermission, RequireRole } from './RequireRole.js';

// Loaded when first opened, to keep the JavaScript needed for the first screen small.
const CasePage = lazy(() => import('../features/cases/CasePage.js').then((m) => ({ default: m.CasePage })));
const IntakePage = lazy(() =>
  import('../features/cases/IntakePage.js').then((m) => ({ default: m.IntakePage })),
);
const AlertsPage = lazy(() =>
  import('../features/alerts/AlertsPage.js').then((m) => ({ default: m.AlertsPage })),
);
const OnCallPage = lazy(() =>
  import('../features/alerts/OnCallPage.js').then((m) => ({ default: m.OnCallPage })),
);
const MessageLogPage = lazy(() =>
  import('../features/messages/MessageLogPage.js').then((m) => ({ default: m.MessageLogPage })),
);
const NotificationRulesPage = lazy(() =>
  import('../features/messages/NotificationRulesPage.js').then((m) => ({
    default: m.NotificationRulesPage,
  })),
);
const NetworkPage = lazy(() =>
  import('../features/network/NetworkPage.js').then((m) => ({ default: m.NetworkPage })),
);
const SimulatorPage = lazy(() =>
  import('../features/simulator/SimulatorPage.js').then((m) => ({ default: m.SimulatorPage })),
);

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

/** The signed-in console's pages. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/queue" replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route
          path="cases/new"
          element={
            <Lazy>
              <IntakePage />
            </Lazy>
          }
        />
        <Route
          path="cases/:id"
          element={
            <Lazy>
              <CasePage />
            </Lazy>
          }
        />
        <Route
          path="alerts"
          element={
            <Lazy>
              <AlertsPage />
            </Lazy>
          }
        />
        <Route
          path="oncall"
          element={
            <Lazy>
              <OnCallPage />
            </Lazy>
          }
        />
        <Route
          path="messages"
          element={
            <RequirePermission permission="messages:read">
              <Lazy>
                <MessageLogPage />
              </Lazy>
            </RequirePermission>
          }
        />
        <Route
          path="simulator"
          element={
            <RequirePermission permission="simulator:use">
              <Lazy>
                <SimulatorPage />
              </Lazy>
            </RequirePermission>
          }
        />
        <Route
          path="notifications"
          element={
            <Lazy>
              <NotificationRulesPage />
            </Lazy>
          }
        />
        <Route
          path="network"
          element={
            <Lazy>
              <NetworkPage />
            </Lazy>
          }
        />
        <Route
          path="admin"
          element={
            <RequireRole role="admin">
              <AdminPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
