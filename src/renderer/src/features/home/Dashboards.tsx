import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardKpi, DashboardTicket } from '../../../../shared/contract/reports';
import { call, errorMessage } from '../../api/client';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { useAppNow } from '../../lib/clock';
import { formatCell } from '../reports/format';
import { ExpiringContractsTile } from '../contracts/ExpiringContractsTile';
import type { dashboardZh } from './i18n';

type Of<K extends Dashboard['kind']> = Extract<Dashboard, { kind: K }>;

const customers = (filter: Record<string, unknown>) => `/customers?f=${encodeURIComponent(JSON.stringify(filter))}`;

/** One figure that opens the list behind it. */
function Figure({ label, value, to, color, hint }: { label: string; value: ReactNode; to: string; color?: string; hint?: string }) {
  return (
    <Card component={Link} to={to} withBorder padding="sm" radius="sm" style={{ textDecoration: 'none' }} aria-label={`${label} ${String(value)}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={22} c={color} className="kam-num" ta="left">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

const PRIORITY_COLOR: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'gray' };

/** "剩余 2小时5分钟" in orange, or "超时 1天3小时" in red, beside a due time. */
function DueText({ minutes }: { minutes: number | null }) {
  const { t } = useTranslation();
  if (minutes === null) return null;
  return (
    <Text span size="xs" c={minutes <= 0 ? 'red' : 'orange'} ml={6}>
      {minutes <= 0 ? t('dashboard.ticket.over', { value: formatMinutes(minutes) }) : t('dashboard.ticket.left', { value: formatMinutes(minutes) })}
    </Text>
  );
}

function TicketTable({ title, rows, empty, more }: { title: string; rows: DashboardTicket[]; empty: string; more: string }) {
  const { t } = useTranslation();
  // Time to or past the due time on the app's clock, as the red channel's countdown shows it (the
  // business minutes of remainingMinutes skip nights, so the two would disagree for the same ticket).
  const now = useAppNow(30_000);
  const minutesLeft = (r: DashboardTicket) => (r.dueAt && r.remainingMinutes !== null ? (Date.parse(r.dueAt) - now) / 60_000 : null);
  return (
    <Card withBorder padding="sm" radius="sm">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Anchor component={Link} to={more} size="sm">
          {t('dashboard.viewAll')}
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table fz="sm" striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.ticket.number')}</Table.Th>
              <Table.Th>{t('dashboard.ticket.customer')}</Table.Th>
              <Table.Th>{t('dashboard.ticket.title')}</Table.Th>
              <Table.Th>{t('dashboard.ticket.priority')}</Table.Th>
              <Table.Th>{t('dashboard.ticket.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/red/${r.id}`} size="sm">
                    {r.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>
                  <Badge color={PRIORITY_COLOR[r.priority] ?? 'gray'} variant="light" radius="sm">
                    {r.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {formatDateTime(r.dueAt)}
                  <DueText minutes={minutesLeft(r)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function AccountManagerDashboard({ d }: { d: Of<'account_manager'> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label={t('dashboard.am.customers')} value={formatCell(d.customers, 'int')} to={customers({ owner: 'me' })} />
        <Figure label={t('dashboard.am.keyCustomers')} value={formatCell(d.keyCustomers, 'int')} to={customers({ owner: 'me', isKey: true })} />
        <Figure label={t('dashboard.am.openWarnings')} value={formatCell(d.openWarnings, 'int')} to="/customers/warnings" color={d.openWarnings ? 'orange' : undefined} />
        <Figure label={t('dashboard.am.openTickets')} value={formatCell(d.openTickets, 'int')} to="/red?view=open" color={d.openTickets ? 'red' : undefined} />
      </SimpleGrid>
      <Card withBorder padding="sm" radius="sm">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            {t('dashboard.am.warningsTitle')}
          </Title>
          <Anchor component={Link} to="/customers/warnings" size="sm">
            {t('dashboard.viewAll')}
          </Anchor>
        </Group>
        {d.warnings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.am.noWarnings')}
          </Text>
        ) : (
          <Table fz="sm" striped aria-label={t('dashboard.am.warningsTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.warning.customer')}</Table.Th>
                <Table.Th>{t('dashboard.warning.message')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('dashboard.warning.amount')}</Table.Th>
                <Table.Th>{t('dashboard.warning.raisedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.warnings.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${w.customerId}`} size="sm">
                      {w.customerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{w.message}</Table.Td>
                  <Table.Td className="kam-num">{formatCell(w.amountFen, 'fen')}</Table.Td>
                  <Table.Td>{formatDateTime(w.raisedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <TicketTable title={t('dashboard.am.ticketsTitle')} rows={d.tickets} empty={t('dashboard.am.noTickets')} more="/red?view=open" />
      <ExpiringContractsTile />
    </Stack>
  );
}

function ServiceDeskDashboard({ d }: { d: Of<'service_desk'> }) {
  const { t } = useTranslation();
  const views = ['open', 'unassigned', 'mine', 'warning', 'breached', 'waiting'] as const;
  const color = { warning: 'orange', breached: 'red' } as Record<string, string>;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="sm">
        {views.map((v) => (
          <Figure key={v} label={t(`dashboard.desk.${v}`)} value={formatCell(d.queue[v], 'int')} to={`/red?view=${v}`} color={d.queue[v] ? color[v] : undefined} />
        ))}
      </SimpleGrid>
      <TicketTable title={t('dashboard.desk.dueSoonTitle')} rows={d.dueSoon} empty={t('dashboard.desk.noDueSoon')} more="/red?view=warning" />
    </Stack>
  );
}

type LeaderKpiKey = keyof typeof dashboardZh.leader.kpi;

function LeaderDashboard({ d }: { d: Of<'leader'> }) {
  const { t } = useTranslation();
  const hint = (k: DashboardKpi) =>
    k.previous === null
      ? `${k.period} ${t('dashboard.noPrevious')}`
      : `${k.period} · ${t('dashboard.vsPrevious', { value: formatCell(k.previous, k.format) })}`;
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('dashboard.leader.kpisTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {d.kpis.map((k) => (
          <Figure
            key={k.key}
            label={t(`dashboard.leader.kpi.${k.key as LeaderKpiKey}`)}
            value={formatCell(k.value, k.format)}
            to={k.route}
            hint={hint(k)}
            color={k.key === 'breached' && k.value ? 'red' : undefined}
          />
        ))}
      </SimpleGrid>
      <TicketTable title={t('dashboard.leader.worstTitle')} rows={d.worstBreaches} empty={t('dashboard.leader.noBreaches')} more="/red?view=breached" />
      <ExpiringContractsTile />
    </Stack>
  );
}

/** The home page's working figures for the signed-in user's role; every figure links to its list. */
export function RoleDashboard() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['reports.dashboard', i18n.language], queryFn: () => call('reports.dashboard', {}), staleTime: 0 });
  if (q.isPending) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">{t('dashboard.loading')}</Text>
      </Group>
    );
  }
  if (q.isError) return <Alert color="red">{errorMessage(q.error)}</Alert>;
  const d = q.data;
  switch (d.kind) {
    case 'account_manager':
      return <AccountManagerDashboard d={d} />;
    case 'service_desk':
      return <ServiceDeskDashboard d={d} />;
    case 'leader':
      return <LeaderDashboard d={d} />;
    default:
      return null;
  }
}
