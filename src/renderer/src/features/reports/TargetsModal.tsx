import { useState } from 'react';
import { Button, Group, Modal, NumberInput, ScrollArea, Select, Table } from '@mantine/core';
import { IconTarget } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { uuidv7 } from '../../../../shared/uuid';
import { appNow } from '../../lib/clock';
import { formatShanghaiTime } from '../../../../shared/time';
import type { ReportOptions } from './params';

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** The plan grid (account managers × months of a year) behind "new key customers vs plan". */
function TargetsGrid({ options, year }: { options: ReportOptions; year: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const targets = useQuery({ queryKey: ['reports.targets.list', year], queryFn: () => call('reports.targets.list', { year }) });
  const save = useMutation({
    // Each cell left is its own intent: its own key, so a retried call never stores it twice.
    mutationFn: (input: { managerId: string; period: string; newKeyCustomers: number }) =>
      call('reports.targets.save', input, { idempotencyKey: uuidv7() }),
    onSuccess: () => {
      notifySuccess(t('reports.targetsSaved'));
      void queryClient.invalidateQueries({ queryKey: ['reports.targets.list', year] });
      void queryClient.invalidateQueries({ queryKey: ['reports.run'] });
    },
    onError: (e) => notifyError(e),
  });
  const value = (managerId: string, period: string) =>
    targets.data?.rows.find((r) => r.managerId === managerId && r.period === period)?.newKeyCustomers ?? 0;
  const managers = options.managers.filter((m) => m.value !== 'pool');
  return (
    <ScrollArea>
      <Table withTableBorder withColumnBorders striped fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.manager')}</Table.Th>
            {MONTHS.map((m) => (
              <Table.Th key={m}>{t('reports.monthShort', { month: Number(m) })}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {managers.map((manager) => (
            <Table.Tr key={manager.value}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{manager.label}</Table.Td>
              {MONTHS.map((m) => {
                const period = `${year}-${m}`;
                return (
                  <Table.Td key={`${manager.value}-${m}-${value(manager.value, period)}`} p={2}>
                    <NumberInput
                      size="xs"
                      w={56}
                      allowNegative={false}
                      allowDecimal={false}
                      clampBehavior="none"
                      hideControls
                      aria-label={`${manager.label} ${period}`}
                      defaultValue={value(manager.value, period)}
                      onBlur={(e) => {
                        // Not clamped: a number the plan cannot take goes to the server, which says why.
                        const next = Number(e.currentTarget.value.replace(/,/g, '') || 0);
                        if (Number.isInteger(next) && next !== value(manager.value, period)) {
                          save.mutate({ managerId: manager.value, period, newKeyCustomers: next });
                        }
                      }}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** Opens the plan grid for leaders. */
export function TargetsButton({ options }: { options: ReportOptions }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  // This year in Shanghai on the app's clock (a demo may run in another year than the PC).
  const thisYear = Number(formatShanghaiTime(appNow()).slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  return (
    <>
      <Button variant="default" leftSection={<IconTarget size={16} />} onClick={() => setOpened(true)}>
        {t('reports.targets')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('reports.targetsTitle')} size="auto">
        <Group mb="sm">
          <Select
            label={t('reports.targetsYear')}
            data={[thisYear - 1, thisYear, thisYear + 1].map(String)}
            value={year}
            onChange={(v) => v && setYear(v)}
            w={120}
            allowDeselect={false}
          />
        </Group>
        <TargetsGrid options={options} year={year} />
      </Modal>
    </>
  );
}
