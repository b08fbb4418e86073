import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { FormKindBadge, FormStatusBadge, StepDue } from './parts';
import { useFormsT } from './i18n';

/**
 * The customer 360 page's request forms (资源确认单 / 业务联系单): open ones first with the step's due
 * time, then the latest closed ones, and the way to draft a new form for this customer.
 */
export function CustomerFormsCard({ customerId, customerName }: { customerId: string; customerName: string }) {
  const t = useFormsT();
  const canDraft = useHasRole(['admin', 'leader', 'account_manager']);
  const open = useQuery({
    queryKey: ['forms.list', 'customer-open', customerId],
    queryFn: () => call('forms.list', { customerId, openOnly: true, page: 1, pageSize: 5 }),
  });
  const recent = useQuery({
    queryKey: ['forms.list', 'customer-all', customerId],
    queryFn: () => call('forms.list', { customerId, page: 1, pageSize: 5 }),
  });
  const openRows = open.data?.rows ?? [];
  const rows = [...openRows, ...(recent.data?.rows ?? []).filter((r) => !openRows.some((o) => o.id === r.id))].slice(0, 5);
  const openCount = open.data?.total ?? 0;
  const newLink = `/green/forms/new?customerId=${customerId}&customerName=${encodeURIComponent(customerName)}`;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('customer.card')}
          </Title>
          {openCount > 0 && (
            <Badge size="sm" color="green" variant="light" radius="sm">
              {t('customer.open', { count: openCount })}
            </Badge>
          )}
        </Group>
        {canDraft && (
          <Button component={Link} to={newLink} size="compact-xs" variant="light" color="green" leftSection={<IconPlus size={12} />}>
            {t('customer.new')}
          </Button>
        )}
      </Group>
      {recent.isSuccess && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((r) => (
            <Group key={r.id} gap={6} wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <FormKindBadge kind={r.kind} />
                <Anchor component={Link} to={`/green/forms/${r.id}`} size="sm" ff="monospace">
                  {r.number}
                </Anchor>
                <Text size="sm" truncate>
                  {r.title}
                </Text>
              </Group>
              {r.step ? <StepDue dueAt={r.dueAt} state={r.slaState} /> : <FormStatusBadge status={r.status} />}
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
