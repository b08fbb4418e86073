import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { ContractFormPage } from './ContractFormPage';
import { ContractListPage } from './ContractListPage';
import { ContractPage } from './ContractPage';
import { ExpiringPage } from './ExpiringPage';

const WRITERS = ['admin', 'leader', 'account_manager'] as const;

/** Contracts (合同管理) under /green/contracts: the list, the expiring list, one contract, the form. */
export function ContractsRoutes() {
  return (
    <RequireRole roles={['admin', 'leader', 'service_desk', 'account_manager']}>
      <Routes>
        <Route index element={<ContractListPage />} />
        <Route path="expiring" element={<ExpiringPage />} />
        <Route
          path="new"
          element={
            <RequireRole roles={WRITERS}>
              <ContractFormPage />
            </RequireRole>
          }
        />
        <Route path=":id" element={<ContractPage />} />
        <Route
          path=":id/edit"
          element={
            <RequireRole roles={WRITERS}>
              <ContractFormPage />
            </RequireRole>
          }
        />
      </Routes>
    </RequireRole>
  );
}
