import { RecordTimeline } from '../../components/RecordTimeline';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Kbd, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconKeyboard } from '@tabler/icons-react';
import type { TicketDetail } from '../../../../shared/contract/tickets';
import { call, errorMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime, formatMinutes } from '../../lib/format';
import { ActionModal, IMMEDIATE, type TicketFormKind } from './ActionModal';
import { HelpOverlay, KindBadge, PriorityBadge, SlaCountdown, SlaStateBadge, StatusBadge } from './badges';
import { useEscalationTick, useInvalidateTickets, useTicket } from './hooks';
import { useTicketsT, type TicketsKey } from './i18n';

/** The letter of each action (shown on its button and in the help overlay). */
const KEYS: Record<TicketFormKind, string> = {
  assign: 'A',
  start: 'S',
  wait: 'W',
  resume: 'U',
  resolve: 'V',
  reply: 'Y',
  visit: 'F',
  archive: 'H',
  rework: 'K',
  cancel: 'C',
  note: 'M',
  priority: 'P',
};

/** One ticket: its clocks counting down live, the facts, the timeline and the actions the caller may take. */
export function TicketPage() {
  const { id = '' } = useParams();
  const t = useTicketsT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const invalidate = useInvalidateTickets();
  const ticket = useTicket(id);
  const [form, setForm] = useState<TicketFormKind | null>(null);
  const [help, setHelp] = useState(false);
  useEscalationTick();

  const done = (next: TicketDetail) => {
    client.setQueryData(['tickets.get', id], next);
    setForm(null);
    void invalidate();
  };
  const immediate = useMutation({
    mutationFn: (action: 'start' | 'resume' | 'archive') => call('tickets.transition', { id, action }),
    onSuccess: (next, action) => {
      notifySuccess(t('action.done', { action: t(`action.${action}` as TicketsKey), number: next.number }));
      done(next);
    },
    onError: (e) => notifyError(e),
  });

  const d = ticket.data;
  const available: TicketFormKind[] = d ? [...d.actions, 'note', ...(d.can.setPriority ? (['priority'] as const) : [])] : [];
  const run = (kind: TicketFormKind) => {
    if (!available.includes(kind) || form) return;
    if (IMMEDIATE.includes(kind)) immediate.mutate(kind as 'start' | 'resume' | 'archive');
    else setForm(kind);
  };
  useHotkeys([
    ...(Object.entries(KEYS).map(([kind, key]) => [key.toLowerCase(), () => run(kind as TicketFormKind)]) as [string, () => void][]),
    ['Escape', () => !form && !help && navigate('..')],
    ['Backspace', () => !form && navigate('..')],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  if (ticket.isLoading) return <Loader />;
  if (ticket.isError || !d) return <Alert color="red">{errorMessage(ticket.error)}</Alert>;

  const facts: [TicketsKey, React.ReactNode][] = [
    ['ticket.customer', <Anchor key="c" component={Link} to={`/customers/${d.customerId}`}>{d.customerName}</Anchor>],
    ['ticket.owner', d.customerOwnerName ?? '—'],
    ['ticket.contact', d.contactName ? `${d.contactName} ${d.contactPhone ?? ''}` : '—'],
    ['ticket.service', d.serviceNo ? `${d.serviceProduct ?? ''} ${d.serviceNo}` : '—'],
    ['ticket.channel', t(`channel.${d.channel}` as TicketsKey)],
    ['ticket.category', d.categoryName ?? '—'],
    ['ticket.impact', t(`impact.${d.impact}` as TicketsKey)],
    ['ticket.createdBy', `${d.createdByName ?? '—'} · ${formatDateTime(d.createdAt)}`],
    ['ticket.policy', d.policyName],
    ['ticket.calendar', d.calendarName],
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to=".." size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> {t('ticket.back')}
            </Group>
          </Anchor>
          <Group gap="xs">
            <Title order={2} size="h3" ff="monospace">
              {d.number}
            </Title>
            <PriorityBadge priority={d.priority} />
            <KindBadge kind={d.kind} />
            <StatusBadge status={d.status} />
            {d.reworkCount > 0 && <Badge color="red" variant="outline">{t('ticket.rework', { count: d.reworkCount })}</Badge>}
          </Group>
          <Text fw={500}>{d.title}</Text>
        </Stack>
        <Button size="xs" variant="default" leftSection={<IconKeyboard size={14} />} onClick={() => setHelp(true)}>
          {t('queue.help')}
        </Button>
      </Group>

      <Group gap="xs">
        {available.map((kind) => (
          <Button
            key={kind}
            size="xs"
            variant={kind === 'cancel' || kind === 'note' || kind === 'priority' ? 'default' : 'filled'}
            color={kind === 'cancel' || kind === 'rework' ? 'red' : undefined}
            loading={immediate.isPending && immediate.variables === kind}
            onClick={() => run(kind)}
            rightSection={<Kbd size="xs">{KEYS[kind]}</Kbd>}
          >
            {t(`action.${kind}` as TicketsKey)}
          </Button>
        ))}
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Card withBorder padding="sm">
              <Text fw={600} mb={6}>
                {t('ticket.clocks')}
              </Text>
              <SimpleGrid cols={3}>
                {d.clocks.map((c) => (
                  <Stack key={c.clock} gap={2}>
                    <Text size="sm" c="dimmed">
                      {t(`clock.${c.clock}` as TicketsKey)} · {formatMinutes(c.targetMinutes)}
                    </Text>
                    {c.state === 'met' || c.state === 'missed' || c.state === 'none' ? (
                      <Group gap={4}>
                        <SlaStateBadge state={c.state} />
                        {c.doneAt && <Text size="xs">{formatDateTime(c.doneAt)}</Text>}
                      </Group>
                    ) : (
                      <SlaCountdown dueAt={c.dueAt} state={c.state} remainingMinutes={c.remainingMinutes} clock={c.clock} />
                    )}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(c.dueAt)}
                    </Text>
                  </Stack>
                ))}
              </SimpleGrid>
            </Card>
            <Card withBorder padding="sm">
              <SimpleGrid cols={2} spacing={6} verticalSpacing={4}>
                {facts.map(([label, value]) => (
                  <Group key={label} gap={6} wrap="nowrap">
                    <Text size="sm" c="dimmed" w={84} style={{ flexShrink: 0 }}>
                      {t(label)}
                    </Text>
                    <Text size="sm">{value}</Text>
                  </Group>
                ))}
              </SimpleGrid>
              {d.description && (
                <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {d.description}
                </Text>
              )}
            </Card>
            {(d.resolvedAt || d.repliedAt || d.satisfaction !== null) && (
              <Card withBorder padding="sm">
                {d.resolvedAt && (
                  <Text size="sm">
                    <b>{t('ticket.resolution')}：</b>
                    {d.resolution}（{d.responsibleDept} · {d.cause} · {t(`ticket.ourFault.${d.ourFault ? 'true' : 'false'}` as TicketsKey)}）
                  </Text>
                )}
                {d.repliedAt && (
                  <Text size="sm">
                    <b>{t('ticket.reply')}：</b>
                    {d.replyMethod ? t(`replyMethod.${d.replyMethod}` as TicketsKey) : ''} · {d.replyContent}
                  </Text>
                )}
                {d.satisfaction !== null && (
                  <Text size="sm">
                    <b>{t('ticket.visit')}：</b>
                    {d.satisfaction}/5 {d.satisfactionComment}
                  </Text>
                )}
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('ticket.timeline')}
            </Text>
            <RecordTimeline events={d.events} colorOf={(kind) => (kind.startsWith('sla_') || kind === 'rework' ? 'red' : undefined)} />
          </Card>
        </Grid.Col>
      </Grid>
      <ActionModal ticket={d} kind={form} onClose={() => setForm(null)} onDone={done} />
      <HelpOverlay opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
