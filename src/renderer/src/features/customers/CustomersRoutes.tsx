import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { CustomerListPage } from './list/CustomerListPage';
import { Customer360Page } from './profile/Customer360Page';
import { ImportPage } from './import/ImportPage';
import { EvaluationPage } from './evaluation/EvaluationPage';
import { WarningsPage } from './evaluation/WarningsPage';
import { CustomerSettingsPage } from './settings/CustomerSettingsPage';

/** The customer module's pages under /customers (mounted by the shell as `customers/*`). */
export function CustomersRoutes() {
  return (
    <Routes>
      <Route index element={<CustomerListPage />} />
      <Route path="pool" element={<CustomerListPage pool />} />
      <Route
        path="import"
        element={
          <RequireRole roles={['admin', 'leader', 'account_manager']}>
            <ImportPage />
          </RequireRole>
        }
      />
      <Route
        path="evaluation"
        element={
          <RequireRole roles={['admin', 'leader', 'account_manager', 'staff']}>
            <EvaluationPage />
          </RequireRole>
        }
      />
      <Route
        path="warnings"
        element={
          <RequireRole roles={['admin', 'leader', 'account_manager', 'staff']}>
            <WarningsPage />
          </RequireRole>
        }
      />
      <Route
        path="settings"
        element={
          <RequireRole roles={['admin', 'leader']}>
            <CustomerSettingsPage />
          </RequireRole>
        }
      />
      <Route path=":id" element={<Customer360Page />} />
    </Routes>
  );
}
