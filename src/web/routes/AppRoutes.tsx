import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from '../components/AppLayout.js';
import { AdminPage } from '../features/admin/AdminPage.js';
import { AlertsPage } from '../features/alerts/AlertsPage.js';
import { NetworkPage } from '../features/network/NetworkPage.js';
import { QueuePage } from '../features/queue/QueuePage.js';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireRole } from './RequireRole.js';

/** The signed-in console's pages. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/queue" replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="network" element={<NetworkPage />} />
        <Route path="reports" element={<ReportsPage />} />
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
