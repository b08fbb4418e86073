import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Group, Select, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import type { OutputOf } from '../../../../shared/contract';
import { CARE_EVENT_KINDS, CARE_EVENT_STATUSES, type CareEventKind, type CareEventStatus } from '../../../../shared/contract/visit-common';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES } from '../../components/ColumnPicker';
import { formatDateTime } from '../../lib/format';
import { todayShanghai } from '../contracts/ContractActionModal';
import { Money } from '../customers/Money';
import { EventStatusBadge } from './badges';
import { CarePage } from './CareNav';
import { EventFormModal } from './EventFormModal';
import { useCareT, type CareKey } from './i18n';

type EventRow = OutputOf<'care.events.list'>['rows'][number];
const PAGE_SIZES = [20, 50, 100];

/** 座谈会/高层拜访: the events, newest first, by kind, status and year; a new one is planned here and opened. */
export function EventsPage() {
  const t = useCareT();
  const navigate = useNavigate();
  const canPlan = useHasRole(['admin', 'leader', 'account_manager']);
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [creating, setCreating] = useState(false);
  const kind = params.get('kind') as CareEventKind | null;
  const status = params.get('status') as CareEventStatus | null;
  const year = params.get('year') ? Number(params.get('year')) : null;
  const thisYear = Number(todayShanghai().slice(0, 4));
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const input = { ...(kind && { kind }), ...(status && { status }), ...(year && { year }), page, pageSize };
  const list = useQuery({ queryKey: ['care.events.list', input], queryFn: () => call('care.events.list', input), placeholderData: keepPreviousData });
  const filtered = !!(kind || status || year);

  return (
    <CarePage
      actions={
        canPlan && (
          <Button size="xs" color="yellow" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            {t('events.new')}
          </Button>
        )
      }
    >
      <Group gap={6} mb="xs" wrap="wrap" align="flex-end">
        <Select
          size="xs"
          w={120}
          clearable
          placeholder={t('events.filter.kind')}
          aria-label={t('events.filter.kind')}
          data={CARE_EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}` as CareKey) }))}
          value={kind}
          onChange={(v) => set('kind', v)}
        />
        <Select
          size="xs"
          w={110}
          clearable
          placeholder={t('events.filter.status')}
          aria-label={t('events.filter.status')}
          data={CARE_EVENT_STATUSES.map((s) => ({ value: s, label: t(`eventStatus.${s}` as CareKey) }))}
          value={status}
          onChange={(v) => set('status', v)}
        />
        <Select
          size="xs"
          w={100}
          clearable
          placeholder={t('events.filter.year')}
          aria-label={t('events.filter.year')}
          data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => String(y))}
          value={year ? String(year) : null}
          onChange={(v) => set('year', v)}
        />
      </Group>
      <DataTable<EventRow>
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
        records={list.data?.rows ?? []}
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
        noRecordsText={list.isError ? t('events.loadFailed') : filtered ? t('events.emptyFiltered') : t('events.empty')}
        onRowClick={({ record }) => navigate(`/yellow/care/events/${record.id}`)}
        columns={[
          {
            accessor: 'number',
            title: t('events.col.number'),
            width: 200,
            noWrap: true,
            render: (r) => (
              <Anchor component={Link} to={`/yellow/care/events/${r.id}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
                {r.number}
              </Anchor>
            ),
          },
          { accessor: 'kind', title: t('events.col.kind'), width: 96, render: (r) => t(`eventKind.${r.kind}` as CareKey) },
          { accessor: 'title', title: t('events.col.title'), ellipsis: true },
          { accessor: 'startsAt', title: t('events.col.startsAt'), width: 140, noWrap: true, render: (r) => formatDateTime(r.startsAt) },
          { accessor: 'location', title: t('events.col.location'), width: 160, ellipsis: true, render: (r) => r.location || '—' },
          { accessor: 'organizerName', title: t('events.col.organizer'), width: 84, render: (r) => r.organizerName ?? '—' },
          { accessor: 'status', title: t('events.col.status'), width: 90, render: (r) => <EventStatusBadge status={r.status} /> },
          {
            accessor: 'guests',
            title: t('events.col.guests'),
            width: 96,
            textAlign: 'right',
            render: (r) => (
              <Text size="sm" className="kam-num">
                {r.guests} / {r.attended}
              </Text>
            ),
          },
          { accessor: 'costFen', title: t('events.col.cost'), width: 110, textAlign: 'right', render: (r) => <Money fen={r.costFen} /> },
        ]}
      />
      <EventFormModal opened={creating} event={null} onClose={() => setCreating(false)} onDone={(e) => navigate(`/yellow/care/events/${e.id}`)} />
    </CarePage>
  );
}
