import { lazy } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { useAuthStatus, useSessionState } from './auth/useSession';
import { LoginPage } from './auth/LoginPage';
import { SetupPage } from './auth/SetupPage';
import { Shell } from './Shell';
import { RequireRole } from './RequireRole';
import { HomePage } from '../features/home/HomePage';
import { PendingModulePage } from '../features/modules/PendingModulePage';
import { GreenRoutes } from '../features/green/GreenRoutes';
import { YellowRoutes } from '../features/visits/YellowRoutes';
import { NotFoundPage } from './NotFoundPage';
import { UnsavedChangesGuard } from '../components/forms/UnsavedChangesGuard';

// Modules load when first opened, so sign-in and the home page do not wait for the report engine,
// charts and every module's code (one 3.9 MB bundle before).
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const BranchSettingsPage = lazy(() =>
  import('../features/settings/BranchSettingsPage').then((m) => ({ default: m.BranchSettingsPage })),
);
const AuditLogPage = lazy(() =>
  import('../features/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })),
);
const AboutPage = lazy(() => import('../features/system/AboutPage').then((m) => ({ default: m.AboutPage })));
const ReportsPage = lazy(() =>
  import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const ReportPage = lazy(() =>
  import('../features/reports/ReportPage').then((m) => ({ default: m.ReportPage })),
);
const CustomersRoutes = lazy(() =>
  import('../features/customers/CustomersRoutes').then((m) => ({ default: m.CustomersRoutes })),
);
const TicketsRoutes = lazy(() =>
  import('../features/tickets/TicketsRoutes').then((m) => ({ default: m.TicketsRoutes })),
);
const SyncPage = lazy(() => import('../features/sync/SyncPage').then((m) => ({ default: m.SyncPage })));

function FullPageLoader() {
  return (
    <Center h="100%">
      <Loader />
    </Center>
  );
}

/** Until the first admin exists every route leads to the setup screen, and the reverse afterwards. */
function FirstRunGate() {
  const { t } = useTranslation();
  const status = useAuthStatus();
  const location = useLocation();
  if (status.isPending) return <FullPageLoader />;
  if (status.isError) {
    return (
      <Center h="100%">
        <Stack maw={480}>
          <Alert color="red" title={t('errors.startupTitle')}>
            {errorMessage(status.error)}
          </Alert>
          <Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const onSetup = location.pathname === '/setup';
  if (status.data.setupRequired && !onSetup) return <Navigate to="/setup" replace />;
  if (!status.data.setupRequired && onSetup) return <Navigate to="/login" replace />;
  return <Outlet />;
}

function RequireSession() {
  const { session, notice } = useSessionState();
  const location = useLocation();
  // After an expiry (which comes with a notice) sign-in returns to the same page; after a deliberate
  // sign-out the next person starts at home rather than on the previous user's page.
  if (!session) {
    return (
      <Navigate
        to="/login"
        replace
        state={notice ? { from: location.pathname + location.search } : undefined}
      />
    );
  }
  return <Outlet />;
}

export function App() {
  return (
    <>
      <UnsavedChangesGuard />
      <Routes>
        <Route element={<FirstRunGate />}>
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession />}>
            <Route element={<Shell />}>
              <Route index element={<HomePage />} />
              <Route path="customers/*" element={<CustomersRoutes />} />
              <Route path="green/*" element={<GreenRoutes />} />
              <Route path="yellow/*" element={<YellowRoutes />} />
              <Route path="red/*" element={<TicketsRoutes />} />
              <Route path="agents" element={<PendingModulePage module="agents" />} />
              <Route path="managers" element={<PendingModulePage module="managers" />} />
              <Route path="market" element={<PendingModulePage module="market" />} />
              <Route path="reports" element={<ReportsPage />} />
              <Route path="reports/:reportId" element={<ReportPage />} />
              <Route
                path="admin/users"
                element={
                  <RequireRole roles={['admin', 'leader']}>
                    <UsersPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/branch"
                element={
                  <RequireRole roles={['admin', 'leader']}>
                    <BranchSettingsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/audit"
                element={
                  <RequireRole roles={['admin', 'leader']}>
                    <AuditLogPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/sync"
                element={
                  <RequireRole roles={['admin']}>
                    <SyncPage />
                  </RequireRole>
                }
              />
              <Route path="system/about" element={<AboutPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Route>
      </Routes>
    </>
  );
}
