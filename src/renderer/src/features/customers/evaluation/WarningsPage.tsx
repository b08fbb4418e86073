import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconCheck, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WARNING_KINDS } from '../../../../../shared/contract/customer-evaluation';
import type { OutputOf } from '../../../../../shared/contract';
import { call } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../../components/ColumnPicker';
import { PageHeader } from '../../../components/PageHeader';
import { notifyError, notifySuccess } from '../../../components/notify';
import { formatDateTime } from '../../../lib/format';
import { CustomersTabs } from '../CustomersTabs';
import { useInvalidateCustomers } from '../hooks';
import { Money } from '../Money';
import { PoolBadge } from '../badges';
import { ExportButton } from '../../../components/ExportButton';

type Kind = (typeof WARNING_KINDS)[number];
type Warning = OutputOf<'customers.warnings.list'>['rows'][number];
const PAGE_SIZE = 50;

/** Churn warnings (spend drop, arrears): an account manager sees their customers', a leader the branch's. */
export function WarningsPage() {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const canRefresh = useHasRole(['admin', 'leader']);
  const canAck = useHasRole(['admin', 'leader', 'account_manager']);
  const [kind, setKind] = useState<Kind | null>(null);
  const [includeAcknowledged, setIncludeAcknowledged] = useState(false);
  const [page, setPage] = useState(1);
  const input = { kind: kind ?? undefined, includeAcknowledged, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['customers.warnings.list', input],
    queryFn: () => call('customers.warnings.list', input),
    placeholderData: keepPreviousData,
  });
  const refresh = useMutation({
    mutationFn: () => call('customers.warnings.refresh', {}),
    onSuccess: (r) => {
      notifySuccess(
        t('customers.warnings.refreshed', { open: r.open, raised: r.raised, cleared: r.cleared }),
      );
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const ack = useMutation({
    mutationFn: (id: string) => call('customers.warnings.acknowledge', { id }),
    onSuccess: () => void invalidate(),
    onError: (e) => notifyError(e),
  });
  // Fixed widths that fit 1366 px; what happened takes the rest and shows the whole text as a tooltip.
  const { columns, tableKey, picker } = useListColumns<Warning>('customers.warnings', [
    {
      accessor: 'kind',
      title: t('customers.warnings.kind'),
      width: 112,
      render: (w) => (
        <Badge variant="light" color={w.kind === 'arrears' ? 'red' : 'orange'} radius="sm">
          {t(`customers.warnings.kinds.${w.kind}`)}
        </Badge>
      ),
    },
    {
      accessor: 'customerName',
      title: t('customers.fields.name'),
      width: 240,
      always: true,
      ellipsis: true,
      render: (w) => (
        <Anchor component={Link} to={`/customers/${w.customerId}`} size="sm" title={w.customerName}>
          {w.customerName}
        </Anchor>
      ),
    },
    { accessor: 'message', title: t('customers.warnings.message'), always: true, tooltip: (w) => w.message },
    {
      accessor: 'amountFen',
      title: t('customers.warnings.amount'),
      width: 120,
      textAlign: 'right',
      // A visit warning is about days, not money: no amount to show.
      render: (w) => (w.kind === 'no_visit' ? '—' : <Money fen={w.amountFen} danger={w.kind === 'arrears'} />),
    },
    {
      accessor: 'ownerName',
      title: t('customers.fields.owner'),
      width: 130,
      tooltip: (w) => w.ownerName,
      render: (w) => w.ownerName ?? <PoolBadge />,
    },
    {
      accessor: 'raisedAt',
      title: t('customers.warnings.raisedAt'),
      width: 140,
      render: (w) => formatDateTime(w.raisedAt),
    },
    {
      accessor: 'acknowledged',
      title: '',
      always: true,
      width: 130,
      textAlign: 'right',
      hidden: !canAck,
      render: (w) =>
        w.acknowledged ? (
          <Badge variant="light" color="gray" radius="sm">
            {t('customers.warnings.acknowledged')}
          </Badge>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconCheck size={12} />}
            onClick={() => ack.mutate(w.id)}
          >
            {t('customers.warnings.acknowledge')}
          </Button>
        ),
    },
  ]);
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('nav.customers')}
        actions={
          <>
            <ExportButton
              load={() => call('customers.warnings.export', { kind: kind ?? undefined, includeAcknowledged })}
              done={(count) => t('customers.warnings.exported', { count })}
            >
              {t('customers.warnings.export')}
            </ExportButton>
            {canRefresh && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconRefresh size={14} />}
                loading={refresh.isPending}
                onClick={() => refresh.mutate()}
              >
                {t('customers.warnings.refresh')}
              </Button>
            )}
          </>
        }
      />
      <CustomersTabs />
      <Group gap="sm" mb="xs">
        <Select
          size="xs"
          w={160}
          clearable
          aria-label={t('customers.warnings.kind')}
          placeholder={t('customers.warnings.allKinds')}
          data={WARNING_KINDS.map((k) => ({ value: k, label: t(`customers.warnings.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind(v as Kind | null);
            setPage(1);
          }}
        />
        <Checkbox
          size="xs"
          label={t('customers.warnings.includeAcknowledged')}
          checked={includeAcknowledged}
          onChange={(e) => {
            setIncludeAcknowledged(e.currentTarget.checked);
            setPage(1);
          }}
        />
        <Text size="xs" c="dimmed">
          {t('customers.warnings.autoRefresh')}
        </Text>
        <Group ml="auto">{picker}</Group>
      </Group>
      <DataTable<Warning>
        key={tableKey}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        styles={FIT_TABLE_STYLES}
        height="calc(100vh - 230px)"
        fetching={list.isFetching}
        records={list.data?.rows ?? []}
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to, totalRecords }) =>
          t('common.pageRange', { from, to, total: totalRecords })
        }
        noRecordsText={t('customers.warnings.empty')}
        columns={columns}
      />
    </Stack>
  );
}
