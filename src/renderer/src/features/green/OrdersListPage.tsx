import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, CloseButton, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../../shared/contract';
import { ORDER_STATUSES } from '../../../../shared/contract/order-common';
import { ORDER_SORTS, type OrderRow } from '../../../../shared/contract/orders';
import { call } from '../../api/client';
import { useHasRole, useSession } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { GreenTabs } from './GreenTabs';
import { Holder, OrderStatusBadge, Since, StageDue } from './badges';
import { useOrderList, useOrdersConfig } from './hooks';
import { useGreenT, type GreenKey } from './i18n';

type Sort = (typeof ORDER_SORTS)[number];
/** Table column → the server's sort key; other columns are not sortable (no index behind them). */
const SORTABLE: Record<string, Sort> = { number: 'number', stageDueAt: 'due', createdAt: 'created' };
const PAGE_SIZES = [20, 50, 100];
const FILTER_KEYS = ['q', 'status', 'businessType', 'department', 'customerId', 'scope', 'sort', 'dir'] as const;

/**
 * The home of the green channel: every order in the caller's scope, newest first, filtered on the server
 * (status, business type, the department holding it, customer, number). An account manager starts on his
 * own orders, and each row says where the order is stuck, who holds it, since when and when it is due.
 */
export function OrdersListPage() {
  const t = useGreenT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const config = useOrdersConfig();
  const canCreate = useHasRole(['admin', 'leader', 'account_manager']);
  const isManager = user.role === 'account_manager';
  const [params, setParams] = useSearchParams();
  const get = (k: (typeof FILTER_KEYS)[number]) => params.get(k) ?? undefined;
  const [search, setSearch] = useState(get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const searchRef = useRef<HTMLInputElement>(null);

  const set = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setPage(1);
  };
  useEffect(() => {
    if ((get('q') ?? '') !== debounced) set({ q: debounced || undefined });
    // Only a settled search text should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['n', () => canCreate && navigate('orders/new')],
  ]);

  // An account manager's default is his own orders; "all" shows his customers' orders too.
  const scope = get('scope') ?? (isManager ? 'mine' : 'all');
  const filters: Omit<InputOf<'orders.list'>, 'page' | 'pageSize'> = {
    ...(get('q') && { q: get('q') }),
    ...(get('status') && { status: get('status') as (typeof ORDER_STATUSES)[number] }),
    ...(get('businessType') && { businessType: get('businessType') }),
    ...(get('department') && { department: get('department') }),
    ...(get('customerId') && { customerId: get('customerId') }),
    ...(scope === 'mine' && { ownerId: user.id }),
    sort: (get('sort') as Sort | undefined) ?? 'created',
    dir: (get('dir') as 'asc' | 'desc' | undefined) ?? 'desc',
  };
  const list = useOrderList({ ...filters, page, pageSize });
  const rows = list.data?.rows ?? [];
  const capped = list.data?.totalCapped ?? false;
  const totalRecords = capped ? Math.max(list.data!.total, (page + 1) * pageSize) : (list.data?.total ?? 0);
  const filtered = FILTER_KEYS.some((k) => k !== 'sort' && k !== 'dir' && k !== 'scope' && params.get(k));
  const sortStatus: DataTableSortStatus<OrderRow> = {
    columnAccessor: Object.entries(SORTABLE).find(([, v]) => v === filters.sort)?.[0] ?? 'createdAt',
    direction: filters.dir ?? 'desc',
  };

  const { columns, tableKey, picker } = useListColumns<OrderRow>('green.orders', [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 176,
      always: true,
      noWrap: true,
      sortable: true,
      render: (r) => (
        <Anchor component={Link} to={`/green/orders/${r.id}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Anchor>
      ),
    },
    {
      accessor: 'customerName',
      title: t('col.customer'),
      tooltip: (r) => r.customerName,
      render: (r) => (
        <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm" onClick={(e) => e.stopPropagation()}>
          {r.customerName}
        </Anchor>
      ),
    },
    { accessor: 'businessTypeName', title: t('col.businessType'), width: 92, tooltip: (r) => r.businessTypeName },
    { accessor: 'status', title: t('col.status'), width: i18n.language === 'en' ? 136 : 112, render: (r) => <OrderStatusBadge status={r.status} /> },
    { accessor: 'currentStageName', title: t('col.stage'), width: 96, tooltip: (r) => r.currentStageName, render: (r) => r.currentStageName ?? '—' },
    { accessor: 'currentHolderName', title: t('col.holder'), width: 150, ellipsis: true, render: (r) => <Holder row={r} /> },
    { accessor: 'stageSince', title: t('col.since'), width: 90, render: (r) => (r.status === 'in_progress' || r.status === 'returned' ? <Since since={r.stageSince} /> : '—') },
    {
      accessor: 'stageDueAt',
      title: t('col.due'),
      width: 128,
      sortable: true,
      render: (r) => (r.status === 'in_progress' ? <StageDue dueAt={r.stageDueAt} warnAt={r.stageWarnAt} remainingMinutes={r.remainingMinutes} /> : '—'),
    },
    { accessor: 'ownerName', title: t('col.owner'), width: 84, hidden: scope === 'mine', tooltip: (r) => r.ownerName, render: (r) => r.ownerName ?? '—' },
    {
      accessor: 'returnCount',
      title: t('col.returns'),
      width: 64,
      textAlign: 'right',
      render: (r) => (r.returnCount ? <Text span size="sm" c="orange" fw={600}>{r.returnCount}</Text> : '0'),
    },
    { accessor: 'createdAt', title: t('col.created'), width: 140, sortable: true, showFrom: 1500, noWrap: true, render: (r) => formatDateTime(r.createdAt) },
  ]);

  const types = (config.data?.businessTypes ?? []).map((b) => ({ value: b.key, label: b.name }));
  const customerName = get('customerId') ? rows[0]?.customerName : undefined;

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            {/* The file holds every page of the list, in its order and the caller's scope. */}
            <ExportButton load={() => call('orders.export', filters)} done={(count) => t('list.exported', { count })}>
              {t('list.export')}
            </ExportButton>
            {canCreate && (
              <Button
                size="xs"
                color="green"
                leftSection={<IconPlus size={14} />}
                onClick={() => navigate(get('customerId') ? `orders/new?customerId=${get('customerId')}` : 'orders/new')}
              >
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <GreenTabs />
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        {isManager && (
          <SegmentedControl
            size="xs"
            aria-label={t('list.scope')}
            value={scope}
            onChange={(v) => set({ scope: v })}
            data={[
              { value: 'mine', label: t('list.scope.mine') },
              { value: 'all', label: t('list.scope.all') },
            ]}
          />
        )}
        <TextInput
          ref={searchRef}
          size="xs"
          w={220}
          leftSection={<IconSearch size={14} />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          maxLength={100}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select
          size="xs"
          w={130}
          clearable
          placeholder={t('list.filter.status')}
          aria-label={t('list.filter.status')}
          data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as GreenKey) }))}
          value={get('status') ?? null}
          onChange={(v) => set({ status: v ?? undefined })}
        />
        <Select
          size="xs"
          w={130}
          clearable
          placeholder={t('list.filter.businessType')}
          aria-label={t('list.filter.businessType')}
          data={types}
          value={get('businessType') ?? null}
          onChange={(v) => set({ businessType: v ?? undefined })}
        />
        <Select
          size="xs"
          w={150}
          clearable
          searchable
          placeholder={t('list.filter.department')}
          aria-label={t('list.filter.department')}
          data={config.data?.departments ?? []}
          value={get('department') ?? null}
          onChange={(v) => set({ department: v ?? undefined })}
        />
        {get('customerId') && (
          <Badge
            variant="light"
            color="green"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            rightSection={<CloseButton size="xs" aria-label={t('list.filter.clear')} onClick={() => set({ customerId: undefined })} />}
          >
            {t('list.filter.customer')}：{customerName ?? '…'}
          </Badge>
        )}
        {filtered && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              set({ q: undefined, status: undefined, businessType: undefined, department: undefined, customerId: undefined });
            }}
          >
            {t('list.filter.clear')}
          </Button>
        )}
      </Group>
      <DataTable<OrderRow>
        key={tableKey}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        styles={FIT_TABLE_STYLES}
        height="calc(100vh - 262px)"
        fetching={list.isFetching && !list.data}
        records={rows}
        totalRecords={totalRecords}
        recordsPerPage={pageSize}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        recordsPerPageLabel={t('list.perPage')}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to }) => t('list.pageRange', { from, to, total: capped ? `${(list.data?.total ?? 0).toLocaleString()}+` : (list.data?.total ?? 0) })}
        noRecordsText={list.isError ? t('list.loadFailed') : filtered ? t('list.emptyFiltered') : t('list.empty')}
        sortStatus={sortStatus}
        onSortStatusChange={(s) => {
          const key = SORTABLE[String(s.columnAccessor)];
          if (key) set({ sort: key, dir: s.direction });
        }}
        onRowClick={({ record }) => navigate(`/green/orders/${record.id}`)}
        columns={columns}
      />
    </Stack>
  );
}
