import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { CareRoutes } from '../care/CareRoutes';
import { NewVisitPage } from './NewVisitPage';
import { OverduePage } from './OverduePage';
import { PlanPage } from './PlanPage';
import { VisitCalendarPage } from './VisitCalendarPage';
import { VisitPage } from './VisitPage';
import { VisitSettingsPage } from './VisitSettingsPage';
import { VisitsListPage } from './VisitsListPage';

/** The yellow channel's pages under /yellow (mount as `yellow/*`): calendar, plans, visits, overdue, care. */
export function YellowRoutes() {
  return (
    <Routes>
      <Route index element={<VisitCalendarPage />} />
      <Route path="plan" element={<PlanPage />} />
      <Route path="visits" element={<VisitsListPage />} />
      <Route
        path="visits/new"
        element={
          <RequireRole roles={['admin', 'leader', 'account_manager']}>
            <NewVisitPage />
          </RequireRole>
        }
      />
      <Route path="visits/:id" element={<VisitPage />} />
      <Route path="overdue" element={<OverduePage />} />
      <Route path="care/*" element={<CareRoutes />} />
      <Route
        path="settings"
        element={
          <RequireRole roles={['admin', 'leader']}>
            <VisitSettingsPage />
          </RequireRole>
        }
      />
    </Routes>
  );
}
