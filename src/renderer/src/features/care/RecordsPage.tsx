import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Group, SegmentedControl, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import type { InputOf } from '../../../../shared/contract';
import type { CareRecordRow } from '../../../../shared/contract/care';
import { CARE_KINDS, CARE_OCCASIONS, CARE_STATUSES, type CareKind, type CareOccasion, type CareStatus } from '../../../../shared/contract/visit-common';
import { call } from '../../api/client';
import { useHasRole, useSession } from '../../app/auth/useSession';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { ExportButton } from '../../components/ExportButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../lib/format';
import { Money } from '../customers/Money';
import { useAccountManagers } from '../customers/hooks';
import { CareStatusBadge, holidayName } from './badges';
import { CarePage } from './CareNav';
import { CareRecordModal, type CarePrefill } from './CareRecordModal';
import { DecideModal } from './DecideModal';
import { useCareRecords, useInvalidateCare } from './hooks';
import { useCareT, type CareKey } from './i18n';

const PAGE_SIZES = [20, 50, 100];
const FILTER_KEYS = ['status', 'occasion', 'kind', 'ownerId', 'from', 'to', 'customerId'] as const;

/**
 * 关怀记录: every greeting and gift in the caller's scope, newest first, filtered on the server and exported
 * as .xlsx. A leader's 待我审批 view (?status=pending) approves or rejects (with a reason) in the row; an
 * account manager withdraws a record of his own made by mistake while no leader has decided it.
 */
export function RecordsPage() {
  const t = useCareT();
  const { user } = useSession();
  const isLeader = useHasRole(['admin', 'leader']);
  const canRecord = useHasRole(['admin', 'leader', 'account_manager']);
  const managers = useAccountManagers();
  const invalidate = useInvalidateCare();
  const [params, setParams] = useSearchParams();
  const get = (k: (typeof FILTER_KEYS)[number]) => params.get(k) ?? undefined;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [recording, setRecording] = useState<CarePrefill | null>(null);
  const [deciding, setDeciding] = useState<{ row: CareRecordRow; approve: boolean } | null>(null);
  const [withdrawing, setWithdrawing] = useState<CareRecordRow | null>(null);
  const set = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setPage(1);
  };
  const pendingView = isLeader && get('status') === 'pending';
  const filters: Omit<InputOf<'care.records.list'>, 'page' | 'pageSize'> = {
    ...(get('status') && { status: get('status') as CareStatus }),
    ...(get('occasion') && { occasion: get('occasion') as CareOccasion }),
    ...(get('kind') && { kind: get('kind') as CareKind }),
    ...(get('ownerId') && { ownerId: get('ownerId') }),
    ...(get('customerId') && { customerId: get('customerId') }),
    ...(get('from') && { from: get('from') }),
    ...(get('to') && { to: get('to') }),
  };
  const list = useCareRecords({ ...filters, page, pageSize });
  const rows = list.data?.rows ?? [];
  const filtered = FILTER_KEYS.some((k) => (pendingView ? k !== 'status' : true) && params.get(k));

  const withdraw = useMutation({
    mutationFn: (row: CareRecordRow) => call('care.records.remove', { id: row.id }),
    onSuccess: () => {
      notifySuccess(t('records.withdrawn'));
      setWithdrawing(null);
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const { columns, tableKey, picker } = useListColumns<CareRecordRow>('care.records', [
    { accessor: 'occasionDate', title: t('records.col.date'), width: 104, always: true, noWrap: true, render: (r) => <Text size="sm" ff="monospace">{r.occasionDate}</Text> },
    {
      accessor: 'customerName',
      title: t('records.col.customer'),
      tooltip: (r) => r.customerName,
      render: (r) => (
        <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
          {r.customerName}
        </Anchor>
      ),
    },
    { accessor: 'contactName', title: t('records.col.contact'), width: 90, render: (r) => r.contactName ?? '—' },
    {
      accessor: 'occasion',
      title: t('records.col.occasion'),
      width: 110,
      render: (r) => (r.occasion === 'holiday' ? holidayName(t, r.holidayKey, null) : t(`occasion.${r.occasion}` as CareKey)),
    },
    { accessor: 'kind', title: t('records.col.kind'), width: 90, render: (r) => t(`kind.${r.kind}` as CareKey) },
    { accessor: 'description', title: t('records.col.description'), tooltip: (r) => r.description, render: (r) => r.description || '—' },
    { accessor: 'costFen', title: t('records.col.cost'), width: 110, textAlign: 'right', render: (r) => <Money fen={r.costFen} /> },
    { accessor: 'status', title: t('records.col.status'), width: 100, render: (r) => <CareStatusBadge status={r.status} /> },
    { accessor: 'ownerName', title: t('records.col.owner'), width: 84, hidden: user.role === 'account_manager', render: (r) => r.ownerName ?? '—' },
    {
      accessor: 'decidedByName',
      title: t('records.col.decision'),
      width: 150,
      showFrom: 1500,
      render: (r) =>
        r.decidedByName ? (
          <Tooltip label={r.decisionNote || '—'} disabled={!r.decisionNote}>
            <Text size="xs" c="dimmed">
              {t('records.decidedBy', { name: r.decidedByName, time: formatDateTime(r.decidedAt) })}
            </Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      accessor: 'actions',
      title: '',
      width: 128,
      textAlign: 'right',
      always: true,
      render: (r) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {isLeader && r.status === 'pending' && (
            <>
              <Button size="compact-xs" color="green" onClick={() => setDeciding({ row: r, approve: true })} aria-label={`${t('records.approve')} ${r.customerName}`}>
                {t('records.approve')}
              </Button>
              <Button size="compact-xs" color="red" variant="light" onClick={() => setDeciding({ row: r, approve: false })} aria-label={`${t('records.reject')} ${r.customerName}`}>
                {t('records.reject')}
              </Button>
            </>
          )}
          {!isLeader && r.ownerId === user.id && (r.status === 'pending' || r.status === 'recorded') && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setWithdrawing(r)}>
              {t('records.withdraw')}
            </Button>
          )}
        </Group>
      ),
    },
  ]);

  return (
    <CarePage
      actions={
        <>
          {picker}
          <ExportButton load={() => call('care.records.export', filters)} done={(count) => t('records.exported', { count })}>
            {t('records.export')}
          </ExportButton>
          {canRecord && (
            <Button size="xs" color="yellow" leftSection={<IconPlus size={14} />} onClick={() => setRecording({})}>
              {t('records.new')}
            </Button>
          )}
        </>
      }
    >
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        {isLeader && (
          <SegmentedControl
            size="xs"
            value={pendingView ? 'pending' : 'all'}
            onChange={(v) => set({ status: v === 'pending' ? 'pending' : undefined })}
            data={[
              { value: 'all', label: t('records.view.all') },
              { value: 'pending', label: t('records.view.pending') },
            ]}
          />
        )}
        {!pendingView && (
          <Select
            size="xs"
            w={120}
            clearable
            placeholder={t('records.filter.status')}
            aria-label={t('records.filter.status')}
            data={CARE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as CareKey) }))}
            value={get('status') ?? null}
            onChange={(v) => set({ status: v ?? undefined })}
          />
        )}
        <Select
          size="xs"
          w={130}
          clearable
          placeholder={t('records.filter.occasion')}
          aria-label={t('records.filter.occasion')}
          data={CARE_OCCASIONS.map((o) => ({ value: o, label: t(`occasion.${o}` as CareKey) }))}
          value={get('occasion') ?? null}
          onChange={(v) => set({ occasion: v ?? undefined })}
        />
        <Select
          size="xs"
          w={120}
          clearable
          placeholder={t('records.filter.kind')}
          aria-label={t('records.filter.kind')}
          data={CARE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as CareKey) }))}
          value={get('kind') ?? null}
          onChange={(v) => set({ kind: v ?? undefined })}
        />
        {user.role !== 'account_manager' && (
          <Select
            size="xs"
            w={140}
            clearable
            searchable
            placeholder={t('records.filter.owner')}
            aria-label={t('records.filter.owner')}
            data={(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
            value={get('ownerId') ?? null}
            onChange={(v) => set({ ownerId: v ?? undefined })}
          />
        )}
        <TextInput size="xs" type="date" w={176} leftSectionWidth={52} leftSection={<Text size="xs" c="dimmed">{t('records.filter.from')}</Text>} aria-label={t('records.filter.from')} value={get('from') ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        <TextInput size="xs" type="date" w={176} leftSectionWidth={52} leftSection={<Text size="xs" c="dimmed">{t('records.filter.to')}</Text>} aria-label={t('records.filter.to')} value={get('to') ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        {filtered && (
          <Button size="xs" variant="subtle" color="gray" onClick={() => set({ occasion: undefined, kind: undefined, ownerId: undefined, from: undefined, to: undefined, customerId: undefined, ...(pendingView ? {} : { status: undefined }) })}>
            {t('records.filter.clear')}
          </Button>
        )}
      </Group>
      <DataTable<CareRecordRow>
        key={tableKey}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        styles={FIT_TABLE_STYLES}
        height="calc(100vh - 300px)"
        fetching={list.isFetching && !list.data}
        records={rows}
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={pageSize}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        recordsPerPageLabel={t('records.perPage')}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to }) => t('records.pageRange', { from, to, total: list.data?.total ?? 0 })}
        noRecordsText={list.isError ? t('records.loadFailed') : filtered ? t('records.emptyFiltered') : pendingView ? t('records.emptyPending') : t('records.empty')}
        columns={columns}
      />
      <CareRecordModal prefill={recording} onClose={() => setRecording(null)} />
      <DecideModal decision={deciding} onClose={() => setDeciding(null)} />
      <ConfirmModal
        opened={!!withdrawing}
        title={t('records.withdraw')}
        message={t('records.withdrawConfirm')}
        danger
        loading={withdraw.isPending}
        onConfirm={() => withdrawing && withdraw.mutate(withdrawing)}
        onClose={() => setWithdrawing(null)}
      />
    </CarePage>
  );
}
