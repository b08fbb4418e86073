import { Route, Routes } from 'react-router-dom';
import { BudgetsPage } from './BudgetsPage';
import { EventPage } from './EventPage';
import { EventsPage } from './EventsPage';
import { RecordsPage } from './RecordsPage';
import { UpcomingPage } from './UpcomingPage';

/** The courtesy-care pages under /yellow/care: upcoming occasions, care records, gift budgets, events. */
export function CareRoutes() {
  return (
    <Routes>
      <Route index element={<UpcomingPage />} />
      <Route path="records" element={<RecordsPage />} />
      <Route path="budgets" element={<BudgetsPage />} />
      <Route path="events" element={<EventsPage />} />
      <Route path="events/:id" element={<EventPage />} />
    </Routes>
  );
}
