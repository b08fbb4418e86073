import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Stack, Tabs } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { IconHandStop, IconKeyboard, IconPlus, IconRefresh } from '@tabler/icons-react';
import { ORDER_QUEUE_VIEWS, OWNER_DEPARTMENT, type OrderQueueView, type OrderRow } from '../../../../shared/contract/orders';
import { call } from '../../api/client';
import { useHasRole, useSession } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { GreenTabs } from './GreenTabs';
import { GreenHelp, Holder, OrderStatusBadge, Since, StageDue } from './badges';
import { useInvalidateOrders, useOrderEscalationTick, useOrderQueue, useOrderQueueCounts } from './hooks';
import { useGreenT, type GreenKey } from './i18n';

const PAGE_SIZE = 50;
const VIEW_COLOR: Partial<Record<OrderQueueView, string>> = { warning: 'orange', breached: 'red', returned: 'orange' };

/**
 * What waits for the caller, most urgent first: the stages in his department, his own orders, those about
 * to breach or breached, and those returned to him. Built for repeated work: 1–5 views, J/K or arrows to
 * move, Enter to open, A to accept the highlighted stage, N new order, R refresh, ? help.
 */
export function QueuePage() {
  const t = useGreenT();
  const navigate = useNavigate();
  const invalidate = useInvalidateOrders();
  const { user } = useSession();
  const canCreate = useHasRole(['admin', 'leader', 'account_manager']);
  const [params, setParams] = useSearchParams();
  const fallback: OrderQueueView = user.role === 'account_manager' ? 'mine' : 'department';
  const view = (ORDER_QUEUE_VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as OrderQueueView) : fallback;
  const [page, setPage] = useState(1);
  const [cursor, setCursor] = useState(0);
  const [help, setHelp] = useState(false);
  useOrderEscalationTick();

  const queue = useOrderQueue(view, page, PAGE_SIZE);
  const counts = useOrderQueueCounts();
  const rows = queue.data?.rows ?? [];
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, rows.length - 1))), [rows.length]);
  const current = rows[cursor];

  const setView = (v: OrderQueueView) => {
    setParams({ view: v });
    setPage(1);
    setCursor(0);
  };
  const accept = useMutation({
    mutationFn: (row: OrderRow) => call('orders.stage.accept', { stageId: row.currentStageId! }),
    onSuccess: (order) => {
      notifySuccess(t('queue.accepted', { number: order.number, stage: order.currentStageName ?? '' }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  // A waiting stage of the caller's department (or, for 客户经理 stages, of his own order) that nobody has
  // accepted yet; leaders and admins act on every stage. The server checks again.
  const mayWork = (r: OrderRow) =>
    user.role === 'admin' || user.role === 'leader' || (r.currentDept === OWNER_DEPARTMENT ? r.ownerId === user.id : r.currentDept === user.department);
  const acceptable = (r: OrderRow | undefined): r is OrderRow =>
    !!r && r.status === 'in_progress' && !!r.currentStageId && (!r.currentHolderId || r.currentDept === OWNER_DEPARTMENT) && mayWork(r);

  useHotkeys([
    ['n', () => canCreate && navigate('/green/orders/new')],
    ...ORDER_QUEUE_VIEWS.map((v, i) => [String(i + 1), () => setView(v)] as [string, () => void]),
    ['j', () => setCursor((c) => Math.min(rows.length - 1, c + 1))],
    ['ArrowDown', () => setCursor((c) => Math.min(rows.length - 1, c + 1))],
    ['k', () => setCursor((c) => Math.max(0, c - 1))],
    ['ArrowUp', () => setCursor((c) => Math.max(0, c - 1))],
    ['Enter', () => current && navigate(`/green/orders/${current.id}`)],
    ['a', () => acceptable(current) && !accept.isPending && accept.mutate(current)],
    ['r', () => void invalidate()],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  const total = queue.data ? (queue.data.totalCapped ? t('queue.totalCapped', { count: queue.data.total }) : t('queue.total', { count: queue.data.total })) : '';
  const { columns, tableKey, picker } = useListColumns<OrderRow>('green.queue', [
    {
      accessor: 'number',
      title: t('col.number'),
      width: 176,
      always: true,
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/green/orders/${r.id}`} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'customerName', title: t('col.customer'), tooltip: (r) => r.customerName },
    { accessor: 'businessTypeName', title: t('col.businessType'), width: 92, tooltip: (r) => r.businessTypeName },
    { accessor: 'currentStageName', title: t('col.stage'), width: 96, tooltip: (r) => r.currentStageName, render: (r) => r.currentStageName ?? <OrderStatusBadge status={r.status} /> },
    { accessor: 'currentHolderName', title: t('col.holder'), width: 150, ellipsis: true, render: (r) => <Holder row={r} /> },
    { accessor: 'stageSince', title: t('col.since'), width: 90, render: (r) => <Since since={r.stageSince} /> },
    {
      accessor: 'stageDueAt',
      title: t('col.due'),
      width: 128,
      render: (r) => (r.status === 'in_progress' ? <StageDue dueAt={r.stageDueAt} warnAt={r.stageWarnAt} remainingMinutes={r.remainingMinutes} /> : '—'),
    },
    { accessor: 'ownerName', title: t('col.owner'), width: 84, tooltip: (r) => r.ownerName, render: (r) => r.ownerName ?? '—' },
    { accessor: 'returnCount', title: t('col.returns'), width: 64, textAlign: 'right', showFrom: 1500 },
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
            <Button
              size="xs"
              variant="default"
              leftSection={<IconHandStop size={14} />}
              disabled={!acceptable(current)}
              loading={accept.isPending}
              onClick={() => acceptable(current) && accept.mutate(current)}
            >
              {t('queue.accept')}
            </Button>
            {canCreate && (
              <Button size="xs" color="green" leftSection={<IconPlus size={14} />} onClick={() => navigate('/green/orders/new')}>
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <GreenTabs />
      <Tabs value={view} onChange={(v) => v && setView(v as OrderQueueView)} mb="xs" variant="pills" radius="sm">
        <Tabs.List>
          {ORDER_QUEUE_VIEWS.map((v, i) => (
            <Tabs.Tab key={v} value={v} color={VIEW_COLOR[v] ?? 'green'} py={4} fz="sm">
              {i + 1} · {t(`view.${v}` as GreenKey)}
              {counts.data ? ` (${counts.data[v]})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
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
        minHeight={200}
        fetching={queue.isFetching && !queue.data}
        records={rows}
        idAccessor="id"
        noRecordsText={t(`queue.empty.${view}` as GreenKey)}
        rowStyle={(row) => (row.id === current?.id ? { outline: '2px solid var(--mantine-color-green-6)', outlineOffset: -2 } : undefined)}
        onRowClick={({ record }) => navigate(`/green/orders/${record.id}`)}
        totalRecords={queue.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={() => total}
        columns={columns}
      />
      <GreenHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
