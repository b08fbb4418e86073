import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconChevronLeft, IconChevronRight, IconSend, IconSparkles } from '@tabler/icons-react';
import type { PlanStatus } from '../../../../shared/contract/visit-common';
import type { VisitPlan } from '../../../../shared/contract/visits';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../lib/format';
import { GradeBadge } from '../customers/badges';
import { VisitStateBadge } from './badges';
import { monthOf, monthRange, shiftMonth, todayShanghai, useAccountManagers, useInvalidateVisits, useIsVisitLeader } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { PlanReviewModal } from './PlanReviewModal';
import { DropVisitModal, MoveVisitModal, PlanVisitModal, type PlanTarget, type VisitTarget } from './VisitModals';
import { YellowTabs } from './YellowTabs';

const PLAN_COLOR: Record<PlanStatus, string> = { draft: 'gray', submitted: 'yellow', reviewed: 'green' };

export function PlanStatusBadge({ status }: { status: PlanStatus | null }) {
  const t = useVisitsT();
  return (
    <Badge color={status ? PLAN_COLOR[status] : 'gray'} variant={status ? 'light' : 'outline'} radius="sm">
      {t(`planStatus.${status ?? 'none'}` as VisitsKey)}
    </Badge>
  );
}

/**
 * The month's visit plan: generated from the rules (every customer due by the month's end, on a working day
 * before its due date), topped up by hand from the due customers it does not hold, each item rescheduled,
 * dropped with a reason or recorded; submitted to the leader, who sees every manager's plan and reviews it.
 */
export function PlanPage() {
  const t = useVisitsT();
  const { user } = useSession();
  const leader = useIsVisitLeader();
  const invalidate = useInvalidateVisits();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? monthOf(todayShanghai());
  const ownerId = params.get('owner') ?? undefined;
  const [moving, setMoving] = useState<VisitTarget | null>(null);
  const [dropping, setDropping] = useState<VisitTarget | null>(null);
  const [adding, setAdding] = useState<PlanTarget | null>(null);
  const [reviewing, setReviewing] = useState<VisitPlan | null>(null);
  const managers = useAccountManagers(leader);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const input = { month, ...(ownerId ? { ownerId } : {}) };
  const plan = useQuery({ queryKey: ['visits.plan.get', input], queryFn: () => call('visits.plan.get', input) });
  const overview = useQuery({ queryKey: ['visits.plans.list', month], queryFn: () => call('visits.plans.list', { month }), enabled: leader });
  const store = (p: VisitPlan) => {
    client.setQueryData(['visits.plan.get', input], p);
    void invalidate();
  };
  const generate = useMutation({
    mutationFn: () => call('visits.plan.generate', input),
    onSuccess: (p) => {
      notifySuccess(t('plan.generated', { count: p.items.length }));
      store(p);
    },
    onError: (e) => notifyError(e),
  });
  const submit = useMutation({
    mutationFn: () => call('visits.plan.submit', input),
    onSuccess: (p) => {
      notifySuccess(t('plan.submitted'));
      store(p);
    },
    onError: (e) => notifyError(e),
  });

  const p = plan.data;
  const mine = !ownerId || ownerId === user.id;
  const { from, to } = monthRange(month);
  const clampToMonth = (date: string) => (date < from ? (todayShanghai() > from ? todayShanghai() : from) : date > to ? to : date);

  return (
    <Stack gap={0}>
      <PageHeader title={t('module.title')} description={t('module.description')} />
      <YellowTabs />
      <Group justify="space-between" mb="xs" gap="xs" wrap="wrap">
        <Group gap={6}>
          <ActionIcon variant="default" size={30} aria-label={t('plan.prevMonth')} onClick={() => set({ month: shiftMonth(month, -1) })}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <TextInput
            type="month"
            size="xs"
            w={150}
            aria-label={t('plan.month')}
            value={month}
            onChange={(e) => e.currentTarget.value && set({ month: e.currentTarget.value })}
          />
          <ActionIcon variant="default" size={30} aria-label={t('plan.nextMonth')} onClick={() => set({ month: shiftMonth(month, 1) })}>
            <IconChevronRight size={16} />
          </ActionIcon>
          {leader && (
            <Select
              size="xs"
              w={160}
              aria-label={t('plan.whose')}
              allowDeselect={false}
              data={[{ value: '', label: t('cal.me') }, ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))]}
              value={ownerId ?? ''}
              onChange={(v) => set({ owner: v || undefined })}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Group>
        <Group gap={6}>
          <Button size="xs" variant="default" leftSection={<IconSparkles size={14} />} loading={generate.isPending} onClick={() => generate.mutate()}>
            {t('plan.generate')}
          </Button>
          {mine && (
            <Button
              size="xs"
              color="yellow"
              autoContrast
              leftSection={<IconSend size={14} />}
              loading={submit.isPending}
              disabled={!p?.id || p.items.length === 0}
              onClick={() => submit.mutate()}
            >
              {p?.status === 'submitted' || p?.status === 'reviewed' ? t('plan.resubmit') : t('plan.submit')}
            </Button>
          )}
        </Group>
      </Group>

      {leader && <PlansOverview month={month} rows={overview.data?.rows} error={overview.error} onOpen={(id) => set({ owner: id === user.id ? undefined : id })} />}

      {plan.isError && <Alert color="red">{errorMessage(plan.error)}</Alert>}
      {p && (
        <>
          <Paper withBorder p="sm" mb="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs">
                <Title order={3} size="h5">
                  {t('plan.title', { name: p.ownerName ?? '—', month: p.month })}
                </Title>
                <PlanStatusBadge status={p.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('plan.counts', { planned: p.counts.planned, done: p.counts.done, dropped: p.counts.dropped })}
                {p.submittedAt && ` · ${t('plan.submittedAt', { time: formatDateTime(p.submittedAt) })}`}
              </Text>
            </Group>
            {p.reviewedAt && (
              <Text size="sm" mt={4}>
                {t('plan.reviewedBy', { name: p.reviewedByName ?? '—', time: formatDateTime(p.reviewedAt) })}
                {p.reviewNote && <Text span c="dimmed">{t('plan.reviewNote', { note: p.reviewNote })}</Text>}
              </Text>
            )}
            {leader && p.id && p.status === 'submitted' && (
              <Button mt="xs" size="compact-xs" variant="light" color="green" onClick={() => setReviewing(p)}>
                {t('review.open')}
              </Button>
            )}
          </Paper>

          <Text fw={600} mb={4} component="h3" m={0}>
            {t('plan.items')}
          </Text>
          {p.items.length === 0 ? (
            <Text size="sm" c="dimmed" mb="sm">
              {t('plan.empty')}
            </Text>
          ) : (
            <Table withTableBorder striped highlightOnHover verticalSpacing={4} fz="sm" mb="sm" aria-label={t('plan.items')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.customer')}</Table.Th>
                  <Table.Th w={104}>{t('col.grade')}</Table.Th>
                  <Table.Th w={104}>{t('col.dueDate')}</Table.Th>
                  <Table.Th w={130}>{t('col.plannedDate')}</Table.Th>
                  <Table.Th w={96}>{t('col.status')}</Table.Th>
                  <Table.Th w={210}>{t('col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/yellow/visits/${v.id}`} size="sm">
                        {v.customerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <GradeBadge grade={v.customerGrade} />
                    </Table.Td>
                    <Table.Td c={v.dueDate && v.dueDate < v.visitDate ? 'red' : undefined}>{v.dueDate ?? '—'}</Table.Td>
                    <Table.Td>
                      {v.visitDate}
                      {v.startTime && ` ${v.startTime}`}
                    </Table.Td>
                    <Table.Td>
                      <VisitStateBadge row={v} />
                    </Table.Td>
                    <Table.Td>
                      {v.status === 'planned' && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="default" onClick={() => setMoving(v)} aria-label={`${t('action.move')} ${v.customerName}`}>
                            {t('action.move')}
                          </Button>
                          <Button size="compact-xs" variant="default" color="red" onClick={() => setDropping(v)} aria-label={`${t('action.drop')} ${v.customerName}`}>
                            {t('action.drop')}
                          </Button>
                          <Button component={Link} to={`/yellow/visits/new?visitId=${v.id}`} size="compact-xs" variant="light" color="yellow" aria-label={`${t('action.record')} ${v.customerName}`}>
                            {t('action.record')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          <Text fw={600} mb={4} component="h3" m={0}>
            {t('plan.unplanned', { count: p.unplannedDue.length })}
          </Text>
          {p.unplannedDue.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plan.unplannedNone')}
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={t('plan.unplanned', { count: p.unplannedDue.length })}>
              <Table.Tbody>
                {p.unplannedDue.map((u) => (
                  <Table.Tr key={u.customerId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${u.customerId}`} size="sm">
                        {u.customerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td w={104}>
                      <GradeBadge grade={u.grade} />
                    </Table.Td>
                    <Table.Td w={150} c={u.dueDate < todayShanghai() ? 'red' : undefined}>
                      {t('plan.dueOn', { date: u.dueDate })}
                    </Table.Td>
                    <Table.Td w={110} ta="right">
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="yellow"
                        aria-label={`${t('plan.add')} ${u.customerName}`}
                        onClick={() => setAdding({ customerId: u.customerId, customerName: u.customerName, date: clampToMonth(u.dueDate) })}
                      >
                        {t('plan.add')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <MoveVisitModal visit={moving} onClose={() => setMoving(null)} />
      <DropVisitModal visit={dropping} onClose={() => setDropping(null)} />
      <PlanVisitModal target={adding} onClose={() => setAdding(null)} />
      <PlanReviewModal plan={reviewing} onClose={() => setReviewing(null)} onDone={store} />
    </Stack>
  );
}

/** A leader's view of the month: every account manager's plan, its counts and state; one opens below. */
function PlansOverview({
  month,
  rows,
  error,
  onOpen,
}: {
  month: string;
  rows: { ownerId: string; ownerName: string | null; status: PlanStatus | null; submittedAt: string | null; planned: number; done: number; dropped: number; dueUnplanned: number }[] | undefined;
  error: unknown;
  onOpen: (ownerId: string) => void;
}) {
  const t = useVisitsT();
  if (error) return <Alert color="red" mb="sm">{errorMessage(error)}</Alert>;
  if (!rows) return null;
  return (
    <Paper withBorder p="sm" mb="sm">
      <Text fw={600} mb={4}>
        {t('plans.title', { month })}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={3} fz="sm" striped aria-label={t('plans.title', { month })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.owner')}</Table.Th>
              <Table.Th w={96}>{t('col.planStatus')}</Table.Th>
              <Table.Th w={140}>{t('col.submittedAt')}</Table.Th>
              <Table.Th w={70} ta="right">{t('state.planned')}</Table.Th>
              <Table.Th w={70} ta="right">{t('state.done')}</Table.Th>
              <Table.Th w={70} ta="right">{t('state.dropped')}</Table.Th>
              <Table.Th w={90} ta="right">{t('col.dueUnplanned')}</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.ownerId}>
                <Table.Td>{r.ownerName ?? '—'}</Table.Td>
                <Table.Td>
                  <PlanStatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</Table.Td>
                <Table.Td ta="right" className="kam-num">{r.planned}</Table.Td>
                <Table.Td ta="right" className="kam-num">{r.done}</Table.Td>
                <Table.Td ta="right" className="kam-num">{r.dropped}</Table.Td>
                <Table.Td ta="right" className="kam-num" c={r.dueUnplanned ? 'red' : undefined}>
                  {r.dueUnplanned}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => onOpen(r.ownerId)} aria-label={`${t('plans.open')} ${r.ownerName ?? ''}`}>
                    {t('plans.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
