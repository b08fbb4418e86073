import { Route, Routes } from 'react-router-dom';
import { RequireRole } from '../../app/RequireRole';
import { IntakePage } from './IntakePage';
import { QueuePage } from './QueuePage';
import { TicketPage } from './TicketPage';

/** The red channel's pages under /red (mount as `red/*`): queue, phone intake, one ticket. */
export function TicketsRoutes() {
  return (
    <Routes>
      <Route index element={<QueuePage />} />
      <Route
        path="new"
        element={
          <RequireRole roles={['admin', 'leader', 'service_desk', 'account_manager']}>
            <IntakePage />
          </RequireRole>
        }
      />
      <Route path=":id" element={<TicketPage />} />
    </Routes>
  );
}
