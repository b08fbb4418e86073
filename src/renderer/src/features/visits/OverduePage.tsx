import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { GRADES, type Grade } from '../../../../shared/contract/customer-common';
import type { InputOf, OutputOf } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { GradeBadge } from '../customers/badges';
import { useTranslation } from 'react-i18next';
import { todayShanghai, useAccountManagers, useIsVisitLeader } from './hooks';
import { useVisitsT } from './i18n';
import { PlanVisitModal, type PlanTarget } from './VisitModals';
import { YellowTabs } from './YellowTabs';

type OverdueRow = OutputOf<'visits.overdue'>['rows'][number];
const PAGE_SIZES = [20, 50, 100];

/**
 * Customers not visited within their grade's interval, most overdue first: an account manager's own, or for a
 * leader the branch's (or one manager's), by grade. Each row says how late, when we last went and whether a
 * visit is already planned; 安排走访 puts one into the plan.
 */
export function OverduePage() {
  const t = useVisitsT();
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const leader = useIsVisitLeader();
  const canWrite = user.role !== 'service_desk' && user.role !== 'staff';
  const managers = useAccountManagers(leader);
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [planning, setPlanning] = useState<PlanTarget | null>(null);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setPage(1);
  };
  const filters: Omit<InputOf<'visits.overdue'>, 'page' | 'pageSize'> = {
    ...(leader && params.get('owner') && { ownerId: params.get('owner')! }),
    ...(params.get('grade') && { grade: params.get('grade') as Grade }),
  };
  const list = useQuery({
    queryKey: ['visits.overdue', filters, page, pageSize],
    queryFn: () => call('visits.overdue', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const today = todayShanghai();

  const { columns, tableKey, picker } = useListColumns<OverdueRow>('yellow.overdue', [
    {
      accessor: 'customerName',
      title: t('col.customer'),
      always: true,
      tooltip: (r) => r.customerName,
      render: (r) => (
        <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
          {r.customerName}
        </Anchor>
      ),
    },
    { accessor: 'grade', title: t('col.grade'), width: 104, render: (r) => <GradeBadge grade={r.grade} /> },
    { accessor: 'ownerName', title: t('col.owner'), width: 90, hidden: !leader, render: (r) => r.ownerName ?? '—' },
    { accessor: 'lastVisitDate', title: t('col.lastVisit'), width: 110, render: (r) => r.lastVisitDate ?? t('overdue.never') },
    { accessor: 'dueDate', title: t('col.dueDate'), width: 110 },
    {
      accessor: 'daysOverdue',
      title: t('col.daysOverdue'),
      width: 110,
      textAlign: 'right',
      render: (r) => (
        <Badge color="red" variant={r.daysOverdue > 30 ? 'filled' : 'light'} radius="sm" className="kam-num">
          {t('overdue.days', { count: r.daysOverdue })}
        </Badge>
      ),
    },
    {
      accessor: 'plannedDate',
      title: t('col.plannedDate'),
      width: 150,
      render: (r) =>
        r.plannedDate ? (
          <Text span size="sm" c="yellow.9">
            {t('overdue.plannedOn', { date: r.plannedDate })}
          </Text>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('overdue.notPlanned')}
          </Text>
        ),
    },
    {
      accessor: 'actions',
      title: '',
      width: 96,
      hidden: !canWrite,
      render: (r) => (
        <Button
          size="compact-xs"
          variant="light"
          color="yellow"
          aria-label={`${t('overdue.plan')} ${r.customerName}`}
          onClick={() => setPlanning({ customerId: r.customerId, customerName: r.customerName, date: today })}
        >
          {t('overdue.plan')}
        </Button>
      ),
    },
  ]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            <ExportButton load={() => call('visits.overdue.export', filters)} done={(count) => t('overdue.exported', { count })}>
              {t('list.export')}
            </ExportButton>
          </>
        }
      />
      <YellowTabs />
      <Group gap={6} mb="xs" wrap="wrap">
        {leader && (
          <Select
            size="xs"
            w={140}
            clearable
            searchable
            placeholder={t('overdue.allManagers')}
            aria-label={t('col.owner')}
            data={(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            value={params.get('owner')}
            onChange={(v) => set({ owner: v ?? undefined })}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Select
          size="xs"
          w={120}
          clearable
          placeholder={t('col.grade')}
          aria-label={t('col.grade')}
          data={GRADES.map((g) => ({ value: g, label: tc(`customers.grade.${g}`) }))}
          value={params.get('grade')}
          onChange={(v) => set({ grade: v ?? undefined })}
        />
        <Text size="sm" c="dimmed">
          {list.data ? t('overdue.total', { count: list.data.total }) : ''}
        </Text>
      </Group>
      <DataTable<OverdueRow>
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
        idAccessor="customerId"
        fetching={list.isFetching && !list.data}
        records={list.data?.rows ?? []}
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
        noRecordsText={list.isError ? t('list.loadFailed') : t('overdue.empty')}
        columns={columns}
      />
      <PlanVisitModal target={planning} onClose={() => setPlanning(null)} />
    </Stack>
  );
}
