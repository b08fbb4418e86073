import { useSearchParams } from 'react-router-dom';
import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { call } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { GreenTabs } from '../green/GreenTabs';
import { ContractsSectionTabs } from './ContractListPage';
import { useContractTable } from './ContractTable';
import { useExpiring } from './hooks';
import { useContractsT } from './i18n';

const PAGE_SIZE = 50;
const WINDOWS = [30, 60, 90, 180];

/**
 * The expiring list (到期提醒): signed contracts ending within the reminder window (or 30/90/180 days),
 * soonest first — where the owner starts the renewal talk. The export is the list's 即将到期 filter.
 */
export function ExpiringPage() {
  const t = useContractsT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const asked = Number(params.get('days'));
  const days = WINDOWS.includes(asked) ? asked : undefined;
  const q = useExpiring({ ...(days && { days }), page, pageSize: PAGE_SIZE });
  const shown = q.data?.days ?? days ?? 60;
  const { table, picker } = useContractTable({
    listKey: 'contracts.expiring',
    rows: q.data?.rows ?? [],
    total: q.data?.total ?? 0,
    page,
    pageSize: PAGE_SIZE,
    onPageChange: (p) => setParams({ ...(days && { days: String(days) }), page: String(p) }, { replace: true }),
    fetching: q.isFetching && !q.data,
    empty: t('expiring.empty', { days: shown }),
    reminderDays: shown,
  });
  const windows = [...new Set([...WINDOWS, q.data?.days ?? 60])].sort((a, b) => a - b);
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('expiring.title')}
        description={t('expiring.description', { days: shown })}
        actions={
          <>
            {picker}
            <ExportButton
              load={() => call('contracts.list.export', { displayStatus: 'expiring', sort: 'endDate' })}
              done={(count) => t('list.exported', { count })}
            >
              {t('list.export')}
            </ExportButton>
          </>
        }
      />
      <GreenTabs />
      <ContractsSectionTabs value="expiring" />
      <Group gap="xs" mb="xs">
        <Text size="sm" c="dimmed">
          {t('expiring.window')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={t('expiring.window')}
          value={String(shown)}
          onChange={(v) => setParams({ days: v }, { replace: true })}
          data={windows.map((d) => ({ value: String(d), label: t('expiring.windowDays', { days: d }) }))}
        />
      </Group>
      {table}
    </Stack>
  );
}
