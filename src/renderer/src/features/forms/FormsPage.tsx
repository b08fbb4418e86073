import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconPlus, IconSearch, IconUserShare } from '@tabler/icons-react';
import { FORM_QUEUE_VIEWS, type FormQueueView, type FormRow } from '../../../../shared/contract/forms';
import { FORM_KINDS, FORM_STATUSES, type FormKind, type FormStatus } from '../../../../shared/contract/order-common';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useFormsT, type FormsKey } from './i18n';
import { FormKindBadge, FormStatusBadge, StepDue } from './parts';

const PAGE_SIZE = 50;
type Tab = FormQueueView | 'all';

/**
 * The forms' home: the queue views of what waits on the caller (with counts), most urgent first, and
 * the whole list in scope with filters and the Excel export. N drafts a new form; 1–5 switch tabs.
 */
export function FormsPage() {
  const t = useFormsT();
  const navigate = useNavigate();
  const canDraft = useHasRole(['admin', 'leader', 'account_manager']);
  const isLeader = useHasRole(['admin', 'leader']);
  const [params, setParams] = useSearchParams();
  const tabs: Tab[] = [...FORM_QUEUE_VIEWS, 'all'];
  const tab = (tabs as string[]).includes(params.get('view') ?? '') ? (params.get('view') as Tab) : 'all';
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<FormKind | null>(null);
  const [status, setStatus] = useState<FormStatus | null>(null);
  const [query, setQuery] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const filters = { kind: kind ?? undefined, status: status ?? undefined, query: debounced || undefined, openOnly, overdue };

  const counts = useQuery({ queryKey: ['forms.queueCounts'], queryFn: () => call('forms.queueCounts', {}), refetchInterval: 30_000 });
  const data = useQuery({
    queryKey: ['forms.page', tab, page, filters],
    queryFn: async () =>
      tab === 'all'
        ? call('forms.list', { ...filters, page, pageSize: PAGE_SIZE })
        : call('forms.queue', { view: tab, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const setTab = (v: Tab) => {
    setParams({ view: v });
    setPage(1);
  };
  useHotkeys([['n', () => canDraft && navigate('new')], ...tabs.map((v, i) => [String(i + 1), () => setTab(v)] as [string, () => void])]);

  const { columns, tableKey, picker } = useListColumns<FormRow>('forms.list', [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 190,
      always: true,
      noWrap: true,
      render: (r) => (
        <Anchor size="sm" ff="monospace" onClick={(e) => { e.stopPropagation(); navigate(r.id); }}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'kind', title: t('col.kind'), width: 130, render: (r) => <FormKindBadge kind={r.kind} /> },
    { accessor: 'customerName', title: t('col.customer'), tooltip: (r) => r.customerName },
    {
      accessor: 'title',
      title: t('col.title'),
      always: true,
      tooltip: (r) => r.title,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          {r.important && <Badge size="xs" color="orange" variant="light">{t('important')}</Badge>}
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.title}</span>
        </Group>
      ),
    },
    { accessor: 'status', title: t('col.status'), width: 130, render: (r) => <FormStatusBadge status={r.status} /> },
    { accessor: 'drafterName', title: t('col.drafter'), width: 90 },
    {
      accessor: 'holder',
      title: t('col.holder'),
      width: 120,
      render: (r) => (r.status === 'pending_approval' ? r.approverName : r.status === 'routed' ? r.routedDept : r.status === 'at_centre' ? '客户响应中心' : r.status === 'answered' || r.status === 'draft' || r.status === 'sent_back' ? r.drafterName : '—') ?? '—',
    },
    { accessor: 'dueAt', title: t('col.due'), width: 120, render: (r) => <StepDue dueAt={r.dueAt} state={r.slaState} /> },
    { accessor: 'createdAt', title: t('col.created'), width: 140, noWrap: true, render: (r) => formatDateTime(r.createdAt) },
  ]);

  const rows = data.data?.rows ?? [];
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            {isLeader && (
              <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => navigate('deputies')}>
                {t('list.deputies')}
              </Button>
            )}
            <ExportButton load={() => call('forms.list.export', filters)} done={(count) => t('list.exported', { count })}>
              {t('list.export')}
            </ExportButton>
            {canDraft && (
              <Button size="xs" color="green" leftSection={<IconPlus size={14} />} onClick={() => navigate('new')}>
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} mb="xs">
        <Tabs.List>
          {tabs.map((v, i) => (
            <Tabs.Tab key={v} value={v}>
              {i + 1} · {t(`view.${v}` as FormsKey)}
              {v !== 'all' && counts.data ? ` (${counts.data[v]})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {tab === 'all' && (
        <Group gap="xs" mb="xs" wrap="wrap">
          <TextInput size="xs" w={220} leftSection={<IconSearch size={14} />} placeholder={t('filter.query')} aria-label={t('filter.query')} value={query} maxLength={100} onChange={(e) => { setQuery(e.currentTarget.value); setPage(1); }} />
          <Select size="xs" w={150} clearable placeholder={t('filter.kind')} aria-label={t('filter.kind')} value={kind} data={FORM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as FormsKey) }))} onChange={(v) => { setKind(v as FormKind | null); setPage(1); }} />
          <Select size="xs" w={150} clearable placeholder={t('filter.status')} aria-label={t('filter.status')} value={status} data={FORM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as FormsKey) }))} onChange={(v) => { setStatus(v as FormStatus | null); setPage(1); }} />
          <Checkbox size="xs" label={t('filter.openOnly')} checked={openOnly} onChange={(e) => { setOpenOnly(e.currentTarget.checked); setPage(1); }} />
          <Checkbox size="xs" label={t('filter.overdue')} checked={overdue} onChange={(e) => { setOverdue(e.currentTarget.checked); setPage(1); }} />
        </Group>
      )}
      <DataTable<FormRow>
        key={tableKey}
        withTableBorder
        striped
        highlightOnHover
        styles={FIT_TABLE_STYLES}
        minHeight={200}
        fetching={data.isFetching && !data.data}
        records={rows}
        idAccessor="id"
        noRecordsText={tab === 'all' ? t('list.empty') : t('list.emptyQueue')}
        onRowClick={({ record }) => navigate(record.id)}
        totalRecords={data.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={() => t('list.total', { count: data.data?.total ?? 0 })}
        columns={columns}
      />
    </Stack>
  );
}
