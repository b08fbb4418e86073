import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { DeputiesPage } from './DeputiesPage';
import { FormEditorPage } from './FormEditorPage';
import { FormPage } from './FormPage';
import { FormPrintPage } from './FormPrintPage';
import { FormsPage } from './FormsPage';

const DRAFTERS = ['admin', 'leader', 'account_manager'] as const;

/** Request forms (资源确认单 / 业务联系单) under /green/forms. */
export function FormsRoutes() {
  return (
    <Routes>
      <Route index element={<FormsPage />} />
      <Route path="new" element={<RequireRole roles={DRAFTERS}><FormEditorPage /></RequireRole>} />
      <Route path="deputies" element={<RequireRole roles={['admin', 'leader']}><DeputiesPage /></RequireRole>} />
      <Route path=":id" element={<FormPage />} />
      <Route path=":id/edit" element={<RequireRole roles={DRAFTERS}><FormEditorPage /></RequireRole>} />
      <Route path=":id/print" element={<FormPrintPage />} />
    </Routes>
  );
}
