import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useHasRole } from '../../app/auth/useSession';

type TabKey = 'list' | 'pool' | 'warnings' | 'evaluation' | 'import' | 'settings';

const PATHS: Record<TabKey, string> = {
  list: '/customers',
  pool: '/customers/pool',
  warnings: '/customers/warnings',
  evaluation: '/customers/evaluation',
  import: '/customers/import',
  settings: '/customers/settings',
};

/** The customer module's own pages, one row of tabs under the page title; each tab is a route. */
export function CustomersTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canImport = useHasRole(['admin', 'leader', 'account_manager']);
  const canSettings = useHasRole(['admin', 'leader']);
  const seesEvaluation = useHasRole(['admin', 'leader', 'account_manager', 'staff']);
  const tabs: TabKey[] = [
    'list',
    'pool',
    ...(seesEvaluation ? (['warnings', 'evaluation'] as const) : []),
    ...(canImport ? (['import'] as const) : []),
    ...(canSettings ? (['settings'] as const) : []),
  ];
  const current =
    (Object.entries(PATHS).find(([, p]) => p === pathname)?.[0] as TabKey | undefined) ?? 'list';
  return (
    <Tabs value={current} onChange={(v) => v && navigate(PATHS[v as TabKey])} mb="sm" variant="default">
      <Tabs.List>
        {tabs.map((k) => (
          <Tabs.Tab key={k} value={k} py={6} fz="sm">
            {t(`customers.tabs.${k}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
