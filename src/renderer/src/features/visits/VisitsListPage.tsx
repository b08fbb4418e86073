import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ActionIcon, Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { IconKeyboard, IconPlus, IconSearch } from '@tabler/icons-react';
import type { InputOf } from '../../../../shared/contract';
import { VISIT_KINDS, VISIT_STATUSES } from '../../../../shared/contract/visit-common';
import type { VisitRow } from '../../../../shared/contract/visits';
import { call } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { GradeBadge } from '../customers/badges';
import { LateEntryBadge, OnTimeBadge, VisitStateBadge, VisitsHelp } from './badges';
import { useAccountManagers, useIsVisitLeader } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { YellowTabs } from './YellowTabs';

type Sort = InputOf<'visits.list'>['sort'];
const PAGE_SIZES = [20, 50, 100];
const FILTER_KEYS = ['q', 'owner', 'kind', 'status', 'from', 'to', 'late', 'customerId', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Every visit in the caller's scope (an account manager's own and his customers'; a leader's branch), newest
 * first: dense, filtered on the server by person, kind, state, dates, 补录 and a search box, exported with the
 * same filters.
 */
export function VisitsListPage() {
  const t = useVisitsT();
  const navigate = useNavigate();
  const { user } = useSession();
  const leader = useIsVisitLeader();
  const canWrite = user.role !== 'service_desk' && user.role !== 'staff';
  const managers = useAccountManagers(leader);
  const [params, setParams] = useSearchParams();
  const get = (k: FilterKey) => params.get(k) ?? undefined;
  const [search, setSearch] = useState(get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const set = (changes: Partial<Record<FilterKey, string | undefined>>) => {
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
    ['n', () => canWrite && navigate(get('customerId') ? `/yellow/visits/new?customerId=${get('customerId')}` : '/yellow/visits/new')],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  const status = get('status') ?? 'done';
  const filters: Omit<InputOf<'visits.list'>, 'page' | 'pageSize'> = {
    ...(get('q') && { q: get('q') }),
    ...(get('owner') && { ownerId: get('owner') }),
    ...(get('customerId') && { customerId: get('customerId') }),
    ...(get('kind') && { kind: get('kind') as (typeof VISIT_KINDS)[number] }),
    // The records tab opens on visits that took place; the plan items are one choice away (全部状态).
    ...(status !== 'all' && { status: status as (typeof VISIT_STATUSES)[number] }),
    ...(get('from') && { from: get('from') }),
    ...(get('to') && { to: get('to') }),
    ...(get('late') && { lateEntry: get('late') === '1' }),
    sort: (get('sort') as Sort | undefined) ?? '-visitDate',
  };
  const list = useQuery({
    queryKey: ['visits.list', filters, page, pageSize],
    queryFn: () => call('visits.list', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.rows ?? [];
  const filtered = FILTER_KEYS.some((k) => k !== 'sort' && params.get(k));
  const sort = filters.sort ?? '-visitDate';
  const sortStatus: DataTableSortStatus<VisitRow> = {
    columnAccessor: sort.replace('-', '') === 'customer' ? 'customerName' : 'visitDate',
    direction: sort.startsWith('-') ? 'desc' : 'asc',
  };

  const { columns, tableKey, picker } = useListColumns<VisitRow>('yellow.visits', [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 200,
      always: true,
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/yellow/visits/${r.id}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'visitDate', title: t('col.date'), width: 130, sortable: true, noWrap: true, render: (r) => `${r.visitDate}${r.startTime ? ` ${r.startTime}` : ''}` },
    {
      accessor: 'customerName',
      title: t('col.customer'),
      sortable: true,
      tooltip: (r) => r.customerName,
      render: (r) => (
        <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm" onClick={(e) => e.stopPropagation()}>
          {r.customerName}
        </Anchor>
      ),
    },
    { accessor: 'customerGrade', title: t('col.grade'), width: 100, showFrom: 1300, render: (r) => <GradeBadge grade={r.customerGrade} /> },
    { accessor: 'kind', title: t('col.kind'), width: 84, render: (r) => t(`kind.${r.kind}` as VisitsKey) },
    {
      accessor: 'status',
      title: t('col.status'),
      width: 150,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <VisitStateBadge row={r} />
          {r.lateEntry && <LateEntryBadge />}
          {r.status === 'done' && r.onTime === false && <OnTimeBadge onTime={false} dueDate={r.dueDate} />}
        </Group>
      ),
    },
    { accessor: 'purpose', title: t('col.purpose'), tooltip: (r) => r.purpose },
    { accessor: 'outcome', title: t('col.outcome'), showFrom: 1500, tooltip: (r) => r.outcome, render: (r) => r.outcome || '—' },
    { accessor: 'nextStep', title: t('col.nextStep'), width: 160, showFrom: 1300, tooltip: (r) => r.nextStep, render: (r) => (r.nextStep ? `${r.nextStepDate ? `${r.nextStepDate} ` : ''}${r.nextStep}` : '—') },
    { accessor: 'ownerName', title: t('col.owner'), width: 84, hidden: !leader, render: (r) => r.ownerName ?? '—' },
    { accessor: 'dueDate', title: t('col.dueDate'), width: 100, showFrom: 1600, render: (r) => r.dueDate ?? '—' },
  ]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            <ExportButton load={() => call('visits.list.export', filters)} done={(count) => t('list.exported', { count })}>
              {t('list.export')}
            </ExportButton>
            <ActionIcon variant="default" size={30} aria-label={t('help.title')} onClick={() => setHelp(true)}>
              <IconKeyboard size={16} />
            </ActionIcon>
            {canWrite && (
              <Button size="xs" color="yellow" autoContrast leftSection={<IconPlus size={14} />} onClick={() => navigate(get('customerId') ? `/yellow/visits/new?customerId=${get('customerId')}` : '/yellow/visits/new')}>
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <YellowTabs />
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        <TextInput
          ref={searchRef}
          size="xs"
          w={200}
          leftSection={<IconSearch size={14} />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          maxLength={100}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        {leader && (
          <Select
            size="xs"
            w={120}
            clearable
            searchable
            placeholder={t('col.owner')}
            aria-label={t('col.owner')}
            data={(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            value={get('owner') ?? null}
            onChange={(v) => set({ owner: v ?? undefined })}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Select
          size="xs"
          w={110}
          clearable
          placeholder={t('col.kind')}
          aria-label={t('col.kind')}
          data={VISIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as VisitsKey) }))}
          value={get('kind') ?? null}
          onChange={(v) => set({ kind: v ?? undefined })}
        />
        <Select
          size="xs"
          w={110}
          allowDeselect={false}
          aria-label={t('col.status')}
          data={[...VISIT_STATUSES.map((s) => ({ value: s, label: t(`state.${s}` as VisitsKey) })), { value: 'all', label: t('list.allStates') }]}
          value={status}
          onChange={(v) => set({ status: v === 'done' ? undefined : (v ?? undefined) })}
        />
        <TextInput type="date" size="xs" w={140} aria-label={t('list.from')} title={t('list.from')} value={get('from') ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        <Text size="xs" c="dimmed" pb={6}>
          –
        </Text>
        <TextInput type="date" size="xs" w={140} aria-label={t('list.to')} title={t('list.to')} value={get('to') ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        <Select
          size="xs"
          w={110}
          clearable
          placeholder={t('visit.lateEntry')}
          aria-label={t('visit.lateEntry')}
          data={[
            { value: '1', label: t('list.lateOnly') },
            { value: '0', label: t('list.lateNone') },
          ]}
          value={get('late') ?? null}
          onChange={(v) => set({ late: v ?? undefined })}
        />
        {filtered && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => {
              setSearch('');
              set({ q: undefined, owner: undefined, kind: undefined, status: undefined, from: undefined, to: undefined, late: undefined, customerId: undefined });
            }}
          >
            {t('list.clear')}
          </Button>
        )}
      </Group>
      <DataTable<VisitRow>
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
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={pageSize}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        recordsPerPageLabel={t('list.perPage')}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to }) => t('list.pageRange', { from, to, total: list.data?.total ?? 0 })}
        noRecordsText={list.isError ? t('list.loadFailed') : filtered ? t('list.emptyFiltered') : t('list.empty')}
        sortStatus={sortStatus}
        onSortStatusChange={(s) => {
          const key = s.columnAccessor === 'customerName' ? 'customer' : 'visitDate';
          set({ sort: `${s.direction === 'desc' ? '-' : ''}${key}` });
        }}
        onRowClick={({ record }) => navigate(`/yellow/visits/${record.id}`)}
        columns={columns}
      />
      <VisitsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
