import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Loader, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import {
  IconArrowsExchange,
  IconHandGrab,
  IconPlus,
  IconSearch,
  IconUserOff,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerListItem as CustomerListRow } from '../../../../../shared/contract/customers';
import type { CustomerFilter } from '../../../../../shared/contract/customer-common';
import { call } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../../components/ColumnPicker';
import { Highlighted, HighlightedField } from '../../../components/Highlighted';
import { PageHeader } from '../../../components/PageHeader';
import { notifyError, notifySuccess } from '../../../components/notify';
import { formatDateTime } from '../../../lib/format';
import { GradeBadge, KeyStar, PoolBadge, StageBadge } from '../badges';
import { Money } from '../Money';
import { useCustomerList, useInvalidateCustomers } from '../hooks';
import { OwnershipModal, type OwnershipTarget } from '../OwnershipModals';
import { CustomerFormModal } from '../form/CustomerFormModal';
import { CustomersTabs } from '../CustomersTabs';
import { compactFilters, useUrlFilters } from './filters';
import { FilterBar } from './FilterBar';
import { SavedViewsMenu } from './SavedViewsMenu';
import { ExportButton } from '../../../components/ExportButton';

type SortKey = NonNullable<CustomerFilter['sort']>;
/** Table column → the server's sort key; other columns are not sortable (no index behind them). */
const SORTABLE: Record<string, SortKey> = {
  name: 'name',
  stage: 'stage',
  grade: 'grade',
  monthlySpendFen: 'monthlySpend',
  arrearsFen: 'arrears',
  updatedAt: 'updatedAt',
};
const PAGE_SIZES = [20, 50, 100];

/**
 * The home of the customer module: a dense, server-paged list (never loaded whole, so it stays quick
 * over a million customers), filters in the URL, one debounced search box, saved views, export, and
 * in the pool view (公海) claim for account managers.
 */
export function CustomerListPage({ pool = false }: { pool?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateCustomers();
  const isLeader = useHasRole(['admin', 'leader']);
  const isManager = useHasRole(['account_manager']);
  const canCreate = useHasRole(['admin', 'leader', 'account_manager']);
  const [filters, setFilters] = useUrlFilters();
  const [search, setSearch] = useState(filters.query ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [selected, setSelected] = useState<CustomerListRow[]>([]);
  const [ownership, setOwnership] = useState<{
    mode: 'transfer' | 'release';
    target: OwnershipTarget;
  } | null>(null);
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const change = (next: CustomerFilter) => {
    setFilters(next);
    setPage(1);
    setSelected([]);
  };

  // The debounced box feeds the server's search (FTS for 3+ characters); typing never blocks the list.
  useEffect(() => {
    if ((filters.query ?? '') !== debounced) change({ ...filters, query: debounced || undefined });
    // Only a settled search text should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['alt+N', () => canCreate && !pool && setCreating(true)],
  ]);

  const effective: CustomerFilter = { ...filters, ...(pool && { owner: 'pool' }) };
  const list = useCustomerList({ ...effective, page, pageSize });
  const rows = list.data?.rows ?? [];
  // Above the server's count cap the total reads "1,000+" and there is always one more page to go to.
  const capped = list.data?.totalCapped ?? false;
  const totalRecords = capped ? Math.max(list.data!.total, (page + 1) * pageSize) : (list.data?.total ?? 0);

  const claim = useMutation({
    mutationFn: (ids: string[]) => call('customers.claim', { ids }),
    onSuccess: (r) => {
      notifySuccess(
        t('customers.ownership.claimed', { count: r.changed, used: r.claimedThisMonth, limit: r.limit }),
      );
      setSelected([]);
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const sort = filters.sort ?? 'updatedAt';
  const sortStatus: DataTableSortStatus<CustomerListRow> = {
    columnAccessor: Object.entries(SORTABLE).find(([, v]) => v === sort)?.[0] ?? 'updatedAt',
    direction: filters.dir ?? 'desc',
  };
  const selectionLabel = (rs: CustomerListRow[]) =>
    rs.length === 1 ? rs[0]!.name : t('customers.list.selectedCount', { count: rs.length });
  const selectable = (pool && isManager) || isLeader;

  // At 1366 px the name keeps the room; type and industry come back on wider screens or from the picker.
  const { columns, tableKey, picker } = useListColumns<CustomerListRow>('customers', [
    {
      accessor: 'name',
      title: t('customers.fields.name'),
      sortable: true,
      always: true,
      ellipsis: true,
      render: (c) => (
        <>
          <Anchor component={Link} to={`/customers/${c.id}`} size="sm" fw={500} title={c.name}>
            <HighlightedField text={c.name} match={c.match} field="name" />
          </Anchor>
          {/* A search that matched elsewhere (a key person, a service number…) says where, highlighted. */}
          {c.match && c.match.field !== 'name' && (
            <Text size="xs" c="dimmed" truncate>
              {t(`search.field.${c.match.field}`, { defaultValue: c.match.field })}：
              <Highlighted text={c.match.text} ranges={c.match.ranges} />
            </Text>
          )}
        </>
      ),
    },
    {
      accessor: 'type',
      title: t('customers.fields.type'),
      width: 96,
      showFrom: 1600,
      tooltip: (c) => t(`customers.type.${c.type}`),
      render: (c) => t(`customers.type.${c.type}`),
    },
    { accessor: 'industry', title: t('customers.fields.industry'), width: 84, showFrom: 1500, tooltip: (c) => c.industry },
    { accessor: 'region', title: t('customers.fields.region'), width: 96, tooltip: (c) => c.region },
    {
      accessor: 'ownerName',
      title: t('customers.fields.owner'),
      hidden: pool,
      width: 90,
      tooltip: (c) => c.ownerName,
      render: (c) => c.ownerName ?? <PoolBadge />,
    },
    {
      accessor: 'stage',
      title: t('customers.fields.stage'),
      sortable: true,
      width: 112,
      render: (c) => <StageBadge stage={c.stage} />,
    },
    {
      accessor: 'grade',
      title: t('customers.fields.grade'),
      sortable: true,
      width: 100,
      render: (c) => <GradeBadge grade={c.grade} />,
    },
    {
      accessor: 'isKey',
      title: t('customers.keyFlag'),
      width: 64,
      textAlign: 'center',
      render: (c) => <KeyStar isKey={c.isKey} />,
    },
    {
      accessor: 'monthlySpendFen',
      title: t('customers.fields.monthlySpend'),
      sortable: true,
      textAlign: 'right',
      width: 124,
      render: (c) => <Money fen={c.monthlySpendFen} />,
    },
    {
      accessor: 'arrearsFen',
      title: t('customers.fields.arrears'),
      sortable: true,
      textAlign: 'right',
      width: 116,
      render: (c) => <Money fen={c.arrearsFen} danger />,
    },
    {
      accessor: 'updatedAt',
      title: t('customers.fields.updatedAt'),
      sortable: true,
      width: 140,
      render: (c) => formatDateTime(c.updatedAt),
    },
  ]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('nav.customers')}
        actions={
          <>
            {list.data?.searchCatchingUp && (
              <Badge variant="light" size="lg" tt="none" fw={500} leftSection={<Loader size={12} />}>
                {t('search.catchingUp')}
              </Badge>
            )}
            {!!list.data?.cachesRefreshing && (
              <Tooltip label={t('customers.list.cachesRefreshingHint')} multiline w={280}>
                <Badge variant="light" size="lg" tt="none" fw={500} leftSection={<Loader size={12} />}>
                  {t('customers.list.cachesRefreshing', { count: list.data.cachesRefreshing })}
                </Badge>
              </Tooltip>
            )}
            {picker}
            <SavedViewsMenu
              filters={filters}
              onApply={(f) => {
                setSearch(f.query ?? '');
                change(f);
              }}
            />
            <ExportButton
              load={() => call('customers.export', compactFilters(effective))}
              done={(count) => t('customers.list.exported', { count })}
            >
              {t('customers.list.export')}
            </ExportButton>
            {canCreate && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
                {t('customers.list.create')}
              </Button>
            )}
          </>
        }
      />
      <CustomersTabs />
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        <TextInput
          ref={searchRef}
          size="xs"
          w={300}
          leftSection={<IconSearch size={14} />}
          placeholder={t('customers.list.searchPlaceholder')}
          aria-label={t('customers.list.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <FilterBar filters={filters} onChange={change} poolMode={pool} />
      </Group>
      {selected.length > 0 && (
        <Group
          gap="xs"
          mb="xs"
          px="sm"
          py={6}
          bg="var(--mantine-color-blue-light)"
          style={{ borderRadius: 4 }}
        >
          <Text size="sm">{t('customers.list.selectedCount', { count: selected.length })}</Text>
          {pool && isManager && (
            <Button
              size="xs"
              leftSection={<IconHandGrab size={14} />}
              loading={claim.isPending}
              onClick={() => claim.mutate(selected.map((r) => r.id))}
            >
              {t('customers.ownership.claim')}
            </Button>
          )}
          {isLeader && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowsExchange size={14} />}
              onClick={() =>
                setOwnership({
                  mode: 'transfer',
                  target: { ids: selected.map((r) => r.id), label: selectionLabel(selected) },
                })
              }
            >
              {t('customers.ownership.transfer')}
            </Button>
          )}
          {isLeader && !pool && (
            <Button
              size="xs"
              variant="default"
              color="orange"
              leftSection={<IconUserOff size={14} />}
              onClick={() =>
                setOwnership({
                  mode: 'release',
                  target: { ids: selected.map((r) => r.id), label: selectionLabel(selected) },
                })
              }
            >
              {t('customers.ownership.release')}
            </Button>
          )}
          <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected([])}>
            {t('customers.list.clearSelection')}
          </Button>
        </Group>
      )}
      <DataTable<CustomerListRow>
        key={tableKey}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        styles={FIT_TABLE_STYLES}
        height={`calc(100vh - ${selected.length ? 274 : 222}px)`}
        fetching={list.isFetching}
        records={rows}
        totalRecords={totalRecords}
        recordsPerPage={pageSize}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        recordsPerPageLabel={t('customers.list.perPage')}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to }) =>
          capped
            ? t('customers.list.pageRangeMore', { from, to, total: (list.data?.total ?? 0).toLocaleString() })
            : t('common.pageRange', { from, to, total: list.data?.total ?? 0 })
        }
        noRecordsText={
          list.isError
            ? t('customers.list.loadFailed')
            : pool
              ? t('customers.list.emptyPool')
              : filters.query || Object.keys(compactFilters(filters)).length
                ? t('customers.list.emptyFiltered')
                : t('customers.list.empty')
        }
        sortStatus={sortStatus}
        onSortStatusChange={(s) => {
          const key = SORTABLE[String(s.columnAccessor)];
          if (key) change({ ...filters, sort: key, dir: s.direction });
        }}
        selectedRecords={selectable ? selected : undefined}
        onSelectedRecordsChange={selectable ? setSelected : undefined}
        onRowDoubleClick={({ record }) => navigate(`/customers/${record.id}`)}
        columns={columns}
      />
      {ownership && (
        <OwnershipModal
          mode={ownership.mode}
          target={ownership.target}
          onClose={() => {
            setOwnership(null);
            setSelected([]);
          }}
        />
      )}
      <CustomerFormModal
        opened={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/customers/${c.id}`)}
      />
    </Stack>
  );
}
