import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCalendarPlus, IconPlus } from '@tabler/icons-react';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { VisitStateBadge } from './badges';
import { todayShanghai } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { PlanVisitModal, type PlanTarget } from './VisitModals';

/**
 * The customer 360 page's visits: the grade's interval, the last visit, when the next one is due (overdue in
 * red, in words), the next planned one, the latest visits, and the ways to record or plan one.
 */
export function CustomerVisitsCard({ customerId, customerName }: { customerId: string; customerName: string }) {
  const t = useVisitsT();
  const canWrite = useHasRole(['admin', 'leader', 'account_manager']);
  const [planning, setPlanning] = useState<PlanTarget | null>(null);
  const summary = useQuery({ queryKey: ['visits.customer', customerId], queryFn: () => call('visits.customer', { customerId }), retry: false });
  const s = summary.data;
  if (summary.isError) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('customer.card')}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('customer.card')}
          </Title>
          {s?.overdue && (
            <Badge size="sm" color="red" variant="light" radius="sm">
              {t('customer.overdue')}
            </Badge>
          )}
        </Group>
        {canWrite && (
          <Group gap={4} wrap="nowrap">
            <Button component={Link} to={`/yellow/visits/new?customerId=${customerId}`} size="compact-xs" variant="light" color="yellow" leftSection={<IconPlus size={12} />}>
              {t('customer.record')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="yellow"
              leftSection={<IconCalendarPlus size={12} />}
              onClick={() => setPlanning({ customerId, customerName, date: s?.dueDate && s.dueDate > todayShanghai() ? s.dueDate : todayShanghai() })}
            >
              {t('customer.plan')}
            </Button>
          </Group>
        )}
      </Group>
      {s && (
        <Stack gap={4}>
          <Text size="sm">
            <Text span c="dimmed">
              {t('customer.interval')}
            </Text>
            {s.intervalMonths ? t('customer.everyMonths', { count: s.intervalMonths }) : t('customer.notTracked')}
            <Text span c="dimmed" ml="md">
              {t('customer.last')}
            </Text>
            {s.lastVisitDate ?? t('overdue.never')}
          </Text>
          {s.dueDate && (
            <Text size="sm" c={s.overdue ? 'red' : undefined} fw={s.overdue ? 600 : undefined}>
              <Text span c="dimmed" fw={400}>
                {t('customer.due')}
              </Text>
              {s.dueDate}
              {s.overdue && ` · ${t('customer.overdueText')}`}
            </Text>
          )}
          <Text size="sm">
            <Text span c="dimmed">
              {t('customer.next')}
            </Text>
            {s.next ? (
              <Anchor component={Link} to={`/yellow/visits/${s.next.id}`} size="sm">
                {s.next.visitDate} {t(`kind.${s.next.kind}` as VisitsKey)}
              </Anchor>
            ) : (
              t('customer.noneNext')
            )}
          </Text>
          {s.recent.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customer.none')}
            </Text>
          ) : (
            s.recent.map((v) => (
              <Group key={v.id} gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/yellow/visits/${v.id}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {v.visitDate}
                  </Anchor>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t(`kind.${v.kind}` as VisitsKey)}
                  </Text>
                  <Text size="sm" truncate>
                    {v.purpose}
                  </Text>
                </Group>
                <VisitStateBadge row={v} size="xs" />
              </Group>
            ))
          )}
          <Anchor component={Link} to={`/yellow/visits?customerId=${customerId}`} size="xs">
            {t('customer.all')}
          </Anchor>
        </Stack>
      )}
      <PlanVisitModal target={planning} onClose={() => setPlanning(null)} />
    </Paper>
  );
}
