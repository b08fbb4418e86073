import { Route, Routes } from 'react-router-dom';
import { ContractsRoutes } from '../contracts/ContractsRoutes';
import { FormsRoutes } from '../forms/FormsRoutes';

/** The green channel's pages under /green (mount as `green/*`): work orders, request forms, contracts. */
export function GreenRoutes() {
  return (
    <Routes>
      <Route path="forms/*" element={<FormsRoutes />} />
      <Route path="contracts/*" element={<ContractsRoutes />} />
    </Routes>
  );
}
