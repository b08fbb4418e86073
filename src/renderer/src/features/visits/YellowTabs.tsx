import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';
import { useHasRole } from '../../app/auth/useSession';
import { useVisitsT, type VisitsKey } from './i18n';

type TabKey = 'calendar' | 'plan' | 'visits' | 'overdue' | 'care' | 'settings';

const PATHS: Record<TabKey, string> = {
  calendar: '/yellow',
  plan: '/yellow/plan',
  visits: '/yellow/visits',
  overdue: '/yellow/overdue',
  care: '/yellow/care',
  settings: '/yellow/settings',
};

/**
 * The yellow channel's pages, one row of tabs under the channel title (as the green channel has): the visit
 * calendar, the month's plan, visit records, overdue customers, courtesy care and, for leaders, the settings.
 */
export function YellowTabs() {
  const t = useVisitsT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canSettings = useHasRole(['admin', 'leader']);
  const tabs: TabKey[] = ['calendar', 'plan', 'visits', 'overdue', 'care', ...(canSettings ? (['settings'] as const) : [])];
  // Sub-pages (one visit, a care record) keep their section's tab lit.
  const current =
    (Object.entries(PATHS).find(([k, p]) => k !== 'calendar' && (pathname === p || pathname.startsWith(`${p}/`)))?.[0] as TabKey | undefined) ??
    'calendar';
  return (
    <Tabs value={current} onChange={(v) => v && navigate(PATHS[v as TabKey])} mb="sm" variant="default">
      <Tabs.List>
        {tabs.map((k) => (
          <Tabs.Tab key={k} value={k} py={6} fz="sm" color="yellow">
            {t(`tabs.${k}` as VisitsKey)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
