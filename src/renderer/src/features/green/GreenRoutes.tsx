import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { ContractsRoutes } from '../contracts/ContractsRoutes';
import { FormsRoutes } from '../forms/FormsRoutes';
import { NewOrderPage } from './NewOrderPage';
import { OrderPage } from './OrderPage';
import { OrdersListPage } from './OrdersListPage';
import { QueuePage } from './QueuePage';
import { SettingsPage } from './SettingsPage';

/** The green channel's pages under /green (mount as `green/*`): work orders, request forms, contracts. */
export function GreenRoutes() {
  return (
    <Routes>
      <Route index element={<OrdersListPage />} />
      <Route path="queue" element={<QueuePage />} />
      <Route
        path="orders/new"
        element={
          <RequireRole roles={['admin', 'leader', 'account_manager']}>
            <NewOrderPage />
          </RequireRole>
        }
      />
      <Route path="orders/:id" element={<OrderPage />} />
      <Route
        path="settings"
        element={
          <RequireRole roles={['admin', 'leader']}>
            <SettingsPage />
          </RequireRole>
        }
      />
      <Route path="forms/*" element={<FormsRoutes />} />
      <Route path="contracts/*" element={<ContractsRoutes />} />
    </Routes>
  );
}
