import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { Holder, OrderStatusBadge, StageDue } from './badges';
import { useGreenT } from './i18n';

/**
 * The customer 360 page's work orders: open ones first (where each is and who holds it), then the latest
 * closed, and the way to open a new order for this customer.
 */
export function CustomerOrdersCard({ customerId }: { customerId: string }) {
  const t = useGreenT();
  const canCreate = useHasRole(['admin', 'leader', 'account_manager']);
  const orders = useQuery({
    queryKey: ['orders.forCustomer', customerId],
    queryFn: () => call('orders.forCustomer', { customerId, pageSize: 5 }),
  });
  const rows = orders.data?.rows ?? [];
  const open = rows.filter((r) => r.status === 'in_progress' || r.status === 'returned').length;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('customer.card')}
          </Title>
          {open > 0 && (
            <Badge size="sm" color="green" variant="light" radius="sm">
              {t('customer.open', { count: open })}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {(orders.data?.total ?? 0) > rows.length && (
            <Anchor component={Link} to={`/green?customerId=${customerId}&scope=all`} size="sm">
              {t('customer.all')}
            </Anchor>
          )}
          {canCreate && (
            <Button component={Link} to={`/green/orders/new?customerId=${customerId}`} size="compact-xs" variant="light" color="green" leftSection={<IconPlus size={12} />}>
              {t('customer.new')}
            </Button>
          )}
        </Group>
      </Group>
      {orders.isSuccess && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((r) => (
            <div key={r.id}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/green/orders/${r.id}`} size="sm" ff="monospace">
                    {r.number}
                  </Anchor>
                  <Text size="sm" truncate>
                    {r.businessTypeName}
                  </Text>
                </Group>
                {r.status === 'in_progress' ? (
                  <StageDue dueAt={r.stageDueAt} warnAt={r.stageWarnAt} remainingMinutes={r.remainingMinutes} />
                ) : (
                  <OrderStatusBadge status={r.status} />
                )}
              </Group>
              {(r.status === 'in_progress' || r.status === 'returned') && (
                <Text size="xs" c="dimmed" truncate>
                  {r.currentStageName ? `${r.currentStageName} · ` : ''}
                  <Holder row={r} />
                </Text>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
