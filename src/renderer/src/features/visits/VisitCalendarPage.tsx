import { useState, type DragEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ActionIcon, Anchor, Badge, Box, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { IconCalendarDown, IconChevronLeft, IconChevronRight, IconKeyboard, IconPlus } from '@tabler/icons-react';
import type { VisitRow } from '../../../../shared/contract/visits';
import { call } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { STATE_COLOR, VisitStateBadge, VisitsHelp, visitState } from './badges';
import { calendarDays, downloadText, monthOf, shiftDate, shiftMonth, todayShanghai, useAccountManagers, useInvalidateVisits, useIsVisitLeader, weekday } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { MoveVisitModal, type VisitTarget } from './VisitModals';
import { YellowTabs } from './YellowTabs';

type View = 'month' | 'week';
const WEEKDAYS: VisitsKey[] = ['cal.mon', 'cal.tue', 'cal.wed', 'cal.thu', 'cal.fri', 'cal.sat', 'cal.sun'];
/** The drag payload's type: only our own visit chips can be dropped on a day. */
const DRAG_TYPE = 'application/x-kam-visit';

/**
 * The visit calendar (home of the yellow channel): a month or a week of planned and done visits, one
 * person's (default: mine) or, for a leader, the team's with counts per person and day. A planned visit is
 * dragged to another day to reschedule it (or moved with 改期 in the day's list, from the keyboard); a day's
 * + records a visit on that day; the plan goes to Outlook, WPS or a phone as an .ics file.
 */
export function VisitCalendarPage() {
  const t = useVisitsT();
  const navigate = useNavigate();
  const { user } = useSession();
  const leader = useIsVisitLeader();
  const canWrite = user.role !== 'service_desk' && user.role !== 'staff';
  const invalidate = useInvalidateVisits();
  const [params, setParams] = useSearchParams();
  const today = todayShanghai();
  const view: View = params.get('view') === 'week' ? 'week' : 'month';
  const anchor = params.get('date') ?? today;
  const owner = params.get('owner') ?? 'me';
  const team = leader && owner === 'team';
  const [selected, setSelected] = useState<string | null>(null);
  const [moving, setMoving] = useState<VisitTarget | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const managers = useAccountManagers(leader);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const days = calendarDays(view, anchor);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const calendar = useQuery({
    queryKey: ['visits.calendar', from, to, owner],
    queryFn: () => call('visits.calendar', { from, to, team, ...(leader && owner !== 'me' && owner !== 'team' ? { ownerId: owner } : {}) }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const visits = calendar.data?.visits ?? [];
  const byDay = new Map<string, VisitRow[]>();
  for (const v of visits) byDay.set(v.visitDate, [...(byDay.get(v.visitDate) ?? []), v]);
  const perPerson = new Map<string, { name: string; planned: number; done: number }[]>();
  for (const p of calendar.data?.perPerson ?? []) perPerson.set(p.date, [...(perPerson.get(p.date) ?? []), { name: p.ownerName ?? '—', planned: p.planned, done: p.done }]);

  const move = useMutation({
    mutationFn: ({ id, date }: { id: string; date: string }) => call('visits.move', { id, visitDate: date }),
    onSuccess: (v) => {
      notifySuccess(t('move.done', { customer: v.customerName, date: v.visitDate }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const ics = useMutation({
    mutationFn: () => call('visits.ics', leader && owner !== 'me' && owner !== 'team' ? { ownerId: owner } : {}),
    onSuccess: (file) => {
      downloadText(file.fileName, file.content, 'text/calendar');
      notifySuccess(t('cal.icsDone', { count: file.events }));
    },
    onError: (e) => notifyError(e),
  });

  const step = (delta: number) => {
    setSelected(null);
    set({ date: view === 'month' ? `${shiftMonth(monthOf(anchor), delta)}-01` : shiftDate(anchor, 7 * delta) });
  };
  useHotkeys([
    ['ArrowLeft', () => step(-1)],
    ['ArrowRight', () => step(1)],
    ['t', () => set({ date: undefined })],
    ['m', () => set({ view: undefined })],
    ['w', () => set({ view: 'week' })],
    ['n', () => canWrite && navigate(`/yellow/visits/new?date=${selected ?? today}`)],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  const onDrop = (e: DragEvent, date: string) => {
    e.preventDefault();
    setDragOver(null);
    const id = e.dataTransfer.getData(DRAG_TYPE);
    const visit = visits.find((v) => v.id === id);
    if (visit && visit.visitDate !== date) move.mutate({ id, date });
  };
  const title =
    view === 'month'
      ? t('cal.monthTitle', { month: monthOf(anchor) })
      : t('cal.weekTitle', { from, to });
  const dayList = selected ? (byDay.get(selected) ?? []) : [];

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('module.title')}
        description={t('module.description')}
        actions={
          <>
            <Tooltip label={t('cal.icsHint')} multiline w={280} withinPortal>
              <Button size="xs" variant="default" leftSection={<IconCalendarDown size={14} />} loading={ics.isPending} disabled={team} onClick={() => ics.mutate()}>
                {t('cal.ics')}
              </Button>
            </Tooltip>
            {canWrite && (
              <Button size="xs" color="yellow" autoContrast leftSection={<IconPlus size={14} />} onClick={() => navigate(`/yellow/visits/new?date=${selected ?? today}`)}>
                {t('list.new')}
              </Button>
            )}
          </>
        }
      />
      <YellowTabs />
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap={6}>
          <ActionIcon variant="default" size={30} aria-label={t('cal.prev')} onClick={() => step(-1)}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Button size="xs" variant="default" onClick={() => set({ date: undefined })}>
            {t('cal.today')}
          </Button>
          <ActionIcon variant="default" size={30} aria-label={t('cal.next')} onClick={() => step(1)}>
            <IconChevronRight size={16} />
          </ActionIcon>
          <Text fw={600} component="h3" m={0} ml="xs" aria-live="polite">
            {title}
          </Text>
        </Group>
        <Group gap={6}>
          {leader && (
            <Select
              size="xs"
              w={160}
              aria-label={t('cal.whose')}
              allowDeselect={false}
              data={[
                { value: 'me', label: t('cal.me') },
                { value: 'team', label: t('cal.team') },
                ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName })),
              ]}
              value={owner}
              onChange={(v) => {
                setSelected(null);
                set({ owner: v === 'me' ? undefined : (v ?? undefined) });
              }}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <SegmentedControl
            size="xs"
            aria-label={t('cal.view')}
            value={view}
            onChange={(v) => set({ view: v === 'week' ? 'week' : undefined })}
            data={[
              { value: 'month', label: t('cal.month') },
              { value: 'week', label: t('cal.week') },
            ]}
          />
          <Legend />
          <ActionIcon variant="default" size={30} aria-label={t('help.title')} onClick={() => setHelp(true)}>
            <IconKeyboard size={16} />
          </ActionIcon>
        </Group>
      </Group>
      {calendar.data?.truncated && (
        <Text size="xs" c="orange" mb={4}>
          {t('cal.truncated')}
        </Text>
      )}
      <Box
        role="grid"
        aria-label={title}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      >
        {WEEKDAYS.map((k, i) => (
          <Text key={k} role="columnheader" size="xs" fw={600} ta="center" py={4} c={i >= 5 ? 'dimmed' : undefined} bg="var(--mantine-color-default-hover)">
            {t(k)}
          </Text>
        ))}
        {days.map((date) => {
          const items = byDay.get(date) ?? [];
          const outside = view === 'month' && monthOf(date) !== monthOf(anchor);
          const counts = perPerson.get(date) ?? [];
          return (
            <Box
              key={date}
              role="gridcell"
              aria-label={date}
              data-date={date}
              aria-selected={selected === date}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setDragOver(date);
              }}
              onDragLeave={() => setDragOver((d) => (d === date ? null : d))}
              onDrop={(e) => onDrop(e, date)}
              style={{
                minHeight: view === 'month' ? 92 : 360,
                borderTop: '1px solid var(--mantine-color-default-border)',
                borderLeft: weekday(date) ? '1px solid var(--mantine-color-default-border)' : undefined,
                padding: 3,
                background:
                  dragOver === date
                    ? 'var(--mantine-color-yellow-light)'
                    : selected === date
                      ? 'var(--mantine-color-blue-light)'
                      : outside
                        ? 'var(--mantine-color-default-hover)'
                        : undefined,
                minWidth: 0,
              }}
            >
              <Group justify="space-between" gap={2} wrap="nowrap" mb={2}>
                <UnstyledButton
                  onClick={() => setSelected(selected === date ? null : date)}
                  aria-label={t('cal.openDay', { date })}
                  px={4}
                  style={{
                    borderRadius: 10,
                    fontSize: 12,
                    fontWeight: date === today ? 700 : 500,
                    color: date === today ? 'white' : outside ? 'var(--mantine-color-dimmed)' : undefined,
                    background: date === today ? 'var(--mantine-color-yellow-8)' : undefined,
                  }}
                >
                  {view === 'week' ? `${t(WEEKDAYS[weekday(date)]!)} ${date.slice(5)}` : Number(date.slice(8))}
                </UnstyledButton>
                {canWrite && !team && (
                  <Tooltip label={t('cal.recordOn', { date })} withinPortal>
                    <ActionIcon component={Link} to={`/yellow/visits/new?date=${date}`} size="xs" variant="subtle" color="gray" aria-label={t('cal.recordOn', { date })}>
                      <IconPlus size={12} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              {team ? (
                <TeamCounts counts={counts} />
              ) : (
                <Stack gap={2}>
                  {items.slice(0, view === 'month' ? 4 : 30).map((v) => (
                    <VisitChip key={v.id} visit={v} draggable={canWrite && v.status === 'planned'} showTime={view === 'week'} />
                  ))}
                  {view === 'month' && items.length > 4 && (
                    <Anchor component="button" type="button" size="xs" onClick={() => setSelected(date)}>
                      {t('cal.more', { count: items.length - 4 })}
                    </Anchor>
                  )}
                </Stack>
              )}
            </Box>
          );
        })}
      </Box>
      {!selected && (
        <Text size="xs" c="dimmed" mt={4}>
          {team ? t('cal.teamHint') : canWrite ? t('cal.dragHint') : t('cal.clickHint')}
        </Text>
      )}
      {selected && (
        <Paper withBorder p="sm" mt="sm" aria-label={t('cal.dayList', { date: selected })} component="section">
          <Group justify="space-between" mb={6}>
            <Text fw={600}>{t('cal.dayList', { date: selected })}</Text>
            <Group gap="xs">
              {canWrite && (
                <Button component={Link} to={`/yellow/visits/new?date=${selected}`} size="compact-xs" variant="light" color="yellow" leftSection={<IconPlus size={12} />}>
                  {t('cal.recordHere')}
                </Button>
              )}
              <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setSelected(null)}>
                {t('cal.close')}
              </Button>
            </Group>
          </Group>
          {dayList.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('cal.dayEmpty')}
            </Text>
          ) : (
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                {dayList.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td w={64} ff="monospace">
                      {v.startTime ?? '—'}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/yellow/visits/${v.id}`} size="sm">
                        {v.customerName}
                      </Anchor>
                    </Table.Td>
                    {(team || leader) && <Table.Td>{v.ownerName ?? '—'}</Table.Td>}
                    <Table.Td>{t(`kind.${v.kind}` as VisitsKey)}</Table.Td>
                    <Table.Td>
                      <VisitStateBadge row={v} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {canWrite && v.status === 'planned' && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="default" onClick={() => setMoving(v)}>
                            {t('action.move')}
                          </Button>
                          <Button component={Link} to={`/yellow/visits/new?visitId=${v.id}`} size="compact-xs" variant="light" color="yellow">
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
        </Paper>
      )}
      <MoveVisitModal visit={moving} onClose={() => setMoving(null)} />
      <VisitsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

/** One visit on the calendar: its customer and its state in words, coloured; planned ones can be dragged. */
function VisitChip({ visit, draggable, showTime }: { visit: VisitRow; draggable: boolean; showTime: boolean }) {
  const t = useVisitsT();
  const state = visitState(visit);
  const color = STATE_COLOR[state];
  return (
    <Anchor
      component={Link}
      to={`/yellow/visits/${visit.id}`}
      underline="never"
      draggable={draggable}
      data-visit-id={visit.id}
      data-state={state}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(DRAG_TYPE, visit.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      title={`${visit.customerName} · ${t(`state.${state}` as VisitsKey)} · ${t(`kind.${visit.kind}` as VisitsKey)}${visit.ownerName ? ` · ${visit.ownerName}` : ''}`}
      style={{
        display: 'block',
        fontSize: 12,
        lineHeight: '18px',
        padding: '0 4px',
        borderRadius: 3,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        cursor: draggable ? 'grab' : 'pointer',
        color: 'var(--mantine-color-text)',
        background: state === 'done' ? `var(--mantine-color-${color}-light)` : state === 'planned' ? 'var(--mantine-color-yellow-light)' : undefined,
        border: `1px ${state === 'dropped' ? 'dashed' : 'solid'} var(--mantine-color-${color}-${state === 'dropped' ? 4 : 6})`,
        textDecoration: state === 'dropped' ? 'line-through' : undefined,
      }}
    >
      <Text span inherit fw={600} c={`${color}.${state === 'planned' ? 9 : 8}`}>
        {t(`chip.${state}` as VisitsKey)}
      </Text>{' '}
      {showTime && visit.startTime ? `${visit.startTime} ` : ''}
      {visit.customerName}
    </Anchor>
  );
}

/** The team calendar's day: per person, how many visits are planned and done. */
function TeamCounts({ counts }: { counts: { name: string; planned: number; done: number }[] }) {
  const t = useVisitsT();
  return (
    <Stack gap={1}>
      {counts.slice(0, 5).map((c) => (
        <Text key={c.name} size="xs" truncate>
          {c.name}{' '}
          <Text span inherit c="yellow.9">
            {t('cal.countPlanned', { count: c.planned })}
          </Text>
          {' · '}
          <Text span inherit c="green.8">
            {t('cal.countDone', { count: c.done })}
          </Text>
        </Text>
      ))}
      {counts.length > 5 && (
        <Text size="xs" c="dimmed">
          {t('cal.morePeople', { count: counts.length - 5 })}
        </Text>
      )}
    </Stack>
  );
}

/** What the chips' colours and words mean. */
function Legend() {
  const t = useVisitsT();
  return (
    <Group gap={4} visibleFrom="md" aria-label={t('cal.legend')}>
      {(['planned', 'done', 'missed', 'dropped'] as const).map((s) => (
        <Badge key={s} size="xs" radius="sm" color={STATE_COLOR[s]} variant={s === 'done' ? 'filled' : s === 'planned' ? 'light' : 'outline'}>
          {t(`state.${s}` as VisitsKey)}
        </Badge>
      ))}
    </Group>
  );
}
