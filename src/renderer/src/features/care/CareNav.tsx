import type { ReactNode } from 'react';
import { Group, SegmentedControl, Stack } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router-dom';
import { useHasRole } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { YellowTabs } from '../visits/YellowTabs';
import { useCareT, type CareKey } from './i18n';

type Section = 'upcoming' | 'records' | 'budgets' | 'events';
const PATHS: Record<Section, string> = {
  upcoming: '/yellow/care',
  records: '/yellow/care/records',
  budgets: '/yellow/care/budgets',
  events: '/yellow/care/events',
};

/**
 * The frame of every courtesy-care page: the channel's title and tabs, then the care sections (近期关怀,
 * 关怀记录, 礼品预算 for those who have a budget, 座谈会/高层拜访) and the page's own actions on one row.
 */
export function CarePage({ actions, children }: { actions?: ReactNode; children: ReactNode }) {
  const t = useCareT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // care.budgets.list is for those who spend or set budgets; the service desk only reads care.
  const hasBudgets = useHasRole(['admin', 'leader', 'account_manager']);
  const sections: Section[] = ['upcoming', 'records', ...(hasBudgets ? (['budgets'] as const) : []), 'events'];
  const current = (Object.entries(PATHS).find(([k, p]) => k !== 'upcoming' && (pathname === p || pathname.startsWith(`${p}/`)))?.[0] as Section | undefined) ?? 'upcoming';
  return (
    <Stack gap={0}>
      <PageHeader title={t('module.title')} description={t('module.description')} />
      <YellowTabs />
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          color="yellow"
          aria-label={t('settings.title')}
          value={current}
          onChange={(v) => navigate(PATHS[v as Section])}
          data={sections.map((s) => ({ value: s, label: t(`nav.${s}` as CareKey) }))}
        />
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
