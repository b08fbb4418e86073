import { Route, Routes } from 'react-router-dom';

/** Contracts (合同管理) under /green/contracts. */
export function ContractsRoutes() {
  return <Routes>{[] as never as ReturnType<typeof Route>[]}</Routes>;
}
