import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';
import { useHasRole } from '../../app/auth/useSession';
import { useGreenT, type GreenKey } from './i18n';

type TabKey = 'orders' | 'queue' | 'forms' | 'contracts' | 'settings';

const PATHS: Record<TabKey, string> = {
  orders: '/green',
  queue: '/green/queue',
  forms: '/green/forms',
  contracts: '/green/contracts',
  settings: '/green/settings',
};

/**
 * The green channel's pages, one row of tabs under the channel title (as the customer module has): work
 * orders, the to-do queue, request forms (联系单), contracts and, for leaders, the settings.
 */
export function GreenTabs() {
  const t = useGreenT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canSettings = useHasRole(['admin', 'leader']);
  const tabs: TabKey[] = ['orders', 'queue', 'forms', 'contracts', ...(canSettings ? (['settings'] as const) : [])];
  // Sub-pages (one form, one contract) keep their section's tab lit.
  const current =
    (Object.entries(PATHS).find(([k, p]) => k !== 'orders' && (pathname === p || pathname.startsWith(`${p}/`)))?.[0] as TabKey | undefined) ??
    'orders';
  return (
    <Tabs value={current} onChange={(v) => v && navigate(PATHS[v as TabKey])} mb="sm" variant="default">
      <Tabs.List>
        {tabs.map((k) => (
          <Tabs.Tab key={k} value={k} py={6} fz="sm" color="green">
            {t(`tabs.${k}` as GreenKey)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
