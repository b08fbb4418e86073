import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Group, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconKeyboard, IconPlus, IconRefresh, IconUserShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { QUEUE_VIEWS, type QueueView } from '../../../../shared/contract/ticket-common';
import type { TicketRow } from '../../../../shared/contract/tickets';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../lib/format';
import { AssignFields } from './AssignFields';
import { HelpOverlay, KindBadge, PriorityBadge, SlaCountdown, StatusBadge } from './badges';
import { useEscalationTick, useInvalidateTickets, useQueue, useQueueCounts } from './hooks';
import { useTicketsT, type TicketsKey } from './i18n';
import { ExportButton } from '../../components/ExportButton';

const PAGE_SIZE = 50;

/**
 * The service desk's home: six views of the open tickets, most urgent first, with live countdowns.
 * Built for the keyboard: N new, 1–6 views, J/K or arrows to move, Enter to open, X to tick, A to
 * assign the ticked (or highlighted) tickets, R refresh, ? help.
 */
export function QueuePage() {
  const t = useTicketsT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateTickets();
  const canDispatch = useHasRole(['admin', 'leader', 'service_desk']);
  const canCreate = useHasRole(['admin', 'leader', 'service_desk', 'account_manager']);
  const [params, setParams] = useSearchParams();
  const view = (QUEUE_VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as QueueView) : canDispatch ? 'open' : 'mine';
  const [page, setPage] = useState(1);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<TicketRow[]>([]);
  const [help, setHelp] = useState(false);
  const [assigning, setAssigning] = useState<TicketRow[] | null>(null);
  useEscalationTick();

  const queue = useQueue(view, page, PAGE_SIZE);
  const counts = useQueueCounts();
  const rows = queue.data?.rows ?? [];
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, rows.length - 1))), [rows.length]);

  const setView = (v: QueueView) => {
    setParams({ view: v });
    setPage(1);
    setCursor(0);
    setSelected([]);
  };
  const current = rows[cursor];
  const toggle = (row: TicketRow) =>
    setSelected((s) => (s.some((r) => r.id === row.id) ? s.filter((r) => r.id !== row.id) : [...s, row]));

  useHotkeys([
    ['n', () => canCreate && navigate('new')],
    ...QUEUE_VIEWS.map((v, i) => [String(i + 1), () => setView(v)] as [string, () => void]),
    ['j', () => setCursor((c) => Math.min(rows.length - 1, c + 1))],
    ['ArrowDown', () => setCursor((c) => Math.min(rows.length - 1, c + 1))],
    ['k', () => setCursor((c) => Math.max(0, c - 1))],
    ['ArrowUp', () => setCursor((c) => Math.max(0, c - 1))],
    ['Enter', () => current && navigate(current.id)],
    ['x', () => current && toggle(current)],
    ['a', () => canDispatch && (selected.length || current) && setAssigning(selected.length ? selected : [current!])],
    ['r', () => void invalidate()],
    ['shift+?', () => setHelp((h) => !h)],
  ]);


  const total = queue.data ? (queue.data.totalCapped ? t('queue.totalCapped', { count: queue.data.total }) : t('queue.total', { count: queue.data.total })) : '';

  // Widths fit a 1366 px screen; customer and problem share what is left and show the rest as a tooltip.
  // English status names are longer ("Waiting on customer"), so that column widens with the language.
  const { columns, tableKey, picker } = useListColumns<TicketRow>('tickets.queue', [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 172,
      always: true,
      noWrap: true,
      render: (r) => (
        <Anchor size="sm" ff="monospace" onClick={(e) => { e.stopPropagation(); navigate(r.id); }}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'priority', title: t('col.priority'), width: 60, render: (r) => <PriorityBadge priority={r.priority} /> },
    { accessor: 'kind', title: t('col.kind'), width: 104, render: (r) => <KindBadge kind={r.kind} /> },
    { accessor: 'customerName', title: t('col.customer'), tooltip: (r) => r.customerName },
    { accessor: 'title', title: t('col.title'), always: true, tooltip: (r) => r.title },
    { accessor: 'status', title: t('col.status'), width: i18n.language === 'en' ? 160 : 100, render: (r) => <StatusBadge status={r.status} /> },
    { accessor: 'assigneeName', title: t('col.assignee'), width: 90, tooltip: (r) => r.assigneeName ?? r.assigneeDept, render: (r) => r.assigneeName ?? r.assigneeDept ?? '—' },
    {
      accessor: 'dueAt',
      title: t('col.due'),
      width: 140,
      render: (r) => <SlaCountdown dueAt={r.dueAt} state={r.slaState} remainingMinutes={r.remainingMinutes} clock={r.slaClock} />,
    },
    { accessor: 'createdAt', title: t('col.created'), width: 140, showFrom: 1600, noWrap: true, render: (r) => formatDateTime(r.createdAt) },
  ]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            {picker}
            <Button size="xs" variant="default" leftSection={<IconKeyboard size={14} />} onClick={() => setHelp(true)}>
              {t('queue.help')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => void invalidate()}>
              {t('queue.refresh')}
            </Button>
            {/* The file holds the whole view (every page), in the queue's order and the caller's scope. */}
            <ExportButton load={() => call('tickets.queue.export', { view })} done={(count) => t('queue.exported', { count })}>
              {t('queue.export')}
            </ExportButton>
            {canDispatch && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconUserShare size={14} />}
                disabled={!selected.length && !current}
                onClick={() => setAssigning(selected.length ? selected : current ? [current] : null)}
              >
                {t('queue.assign')}
              </Button>
            )}
            {canCreate && (
              <Button size="xs" color="red" leftSection={<IconPlus size={14} />} onClick={() => navigate('new')}>
                {t('queue.new')}
              </Button>
            )}
          </>
        }
      />
      <Tabs value={view} onChange={(v) => v && setView(v as QueueView)} mb="xs">
        <Tabs.List>
          {QUEUE_VIEWS.map((v, i) => (
            <Tabs.Tab key={v} value={v} color={v === 'breached' ? 'red' : v === 'warning' ? 'orange' : undefined}>
              {i + 1} · {t(`view.${v}` as TicketsKey)}
              {counts.data ? ` (${counts.data[v]})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {selected.length > 0 && (
        <Text size="sm" mb={4}>
          {t('queue.selected', { count: selected.length })}
        </Text>
      )}
      <DataTable<TicketRow>
        key={tableKey}
        withTableBorder
        striped
        highlightOnHover
        styles={FIT_TABLE_STYLES}
        minHeight={200}
        fetching={queue.isFetching && !queue.data}
        records={rows}
        idAccessor="id"
        noRecordsText={t('queue.empty')}
        selectedRecords={canDispatch ? selected : undefined}
        onSelectedRecordsChange={canDispatch ? setSelected : undefined}
        rowStyle={(row) => (row.id === current?.id ? { outline: '2px solid var(--mantine-color-blue-5)', outlineOffset: -2 } : undefined)}
        onRowClick={({ record }) => navigate(record.id)}
        totalRecords={queue.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={() => total}
        columns={columns}
      />
      <BulkAssignModal
        tickets={assigning}
        onClose={() => setAssigning(null)}
        onDone={() => {
          setAssigning(null);
          setSelected([]);
          void invalidate();
        }}
      />
      <HelpOverlay opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

function BulkAssignModal({ tickets, onClose, onDone }: { tickets: TicketRow[] | null; onClose: () => void; onDone: () => void }) {
  const t = useTicketsT();
  const [dept, setDept] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: () => call('tickets.bulkAssign', { ids: (tickets ?? []).map((r) => r.id), dept: dept ?? '', assigneeId }),
    onSuccess: (r) => {
      notifySuccess(t('bulk.done', { changed: r.changed }));
      if (r.refused.length) notifyError(new Error(`${t('bulk.refused', { count: r.refused.length })} ${r.refused.map((x) => `${x.number} ${x.message}`).join('；')}`));
      onDone();
    },
    onError: (e) => notifyError(e),
  });
  useHotkeys([['mod+Enter', () => tickets && dept && assign.mutate()]], []);
  return (
    <Modal opened={!!tickets} onClose={onClose} title={t('bulk.title', { count: tickets?.length ?? 0 })}>
      <Stack>
        <AssignFields dept={dept} assigneeId={assigneeId} onChange={(d, a) => { setDept(d); setAssigneeId(a); }} autoFocus />
        <Group justify="flex-end">
          <Button disabled={!dept} loading={assign.isPending} onClick={() => assign.mutate()}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
