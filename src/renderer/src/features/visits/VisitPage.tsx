import { useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Grid, Group, Kbd, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconArrowLeft, IconKeyboard, IconPaperclip, IconRoute } from '@tabler/icons-react';
import { call, errorMessage } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatBytes, formatDateTime } from '../../lib/format';
import { formatDuration } from '../../../../shared/duration';
import { GradeBadge } from '../customers/badges';
import { downloadBase64, readFileBase64 } from '../customers/download';
import { LateEntryBadge, OnTimeBadge, VisitKindBadge, VisitStateBadge, VisitsHelp } from './badges';
import { useInvalidateVisits } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { DropVisitModal, MoveVisitModal, type VisitTarget } from './VisitModals';
import { YellowTabs } from './YellowTabs';
import { useTranslation } from 'react-i18next';

/** The need or complaint text handed to the green or red channel's form (their own limits apply there). */
function handOver(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One visit: the plan item or the record (whom we met, what was said, needs, competitors, complaints, outcome
 * and next step), its attachments and photos, and what comes of it — a need becomes a work order in the green
 * channel, a complaint or fault a ticket in the red channel, both prefilled and linked back to this visit.
 */
export function VisitPage() {
  const { id = '' } = useParams();
  const t = useVisitsT();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateVisits();
  const canOpenWork = useHasRole(['admin', 'leader', 'account_manager']);
  // Orders and tickets opened from the visit are written by other channels' pages: read afresh on arrival.
  const visit = useQuery({ queryKey: ['visits.get', id], queryFn: () => call('visits.get', { id }), refetchOnMount: 'always' });
  const [moving, setMoving] = useState<VisitTarget | null>(null);
  const [dropping, setDropping] = useState<VisitTarget | null>(null);
  const [help, setHelp] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const attach = useMutation({
    mutationFn: async (file: File) =>
      call('visits.attachments.add', { visitId: id, fileName: file.name, mimeType: file.type || 'application/octet-stream', base64: await readFileBase64(file) }),
    onSuccess: (a) => {
      notifySuccess(t('visit.attachmentAdded', { name: a.fileName }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const download = useMutation({
    mutationFn: (attachmentId: string) => call('visits.attachments.get', { id: attachmentId }),
    onSuccess: (f) => downloadBase64(f.fileName, f.base64, f.mimeType),
    onError: (e) => notifyError(e),
  });

  const d = visit.data;
  const can = (a: 'record' | 'update' | 'move' | 'drop' | 'attach') => !!d?.actions.includes(a);
  const run = (a: 'record' | 'update' | 'move') => {
    if (!d || !can(a) || moving || dropping) return;
    if (a === 'move') setMoving(d);
    else navigate(`/yellow/visits/new?visitId=${d.id}`);
  };
  useHotkeys([
    ['r', () => run('record')],
    ['e', () => run('update')],
    ['m', () => run('move')],
    ['Escape', () => !moving && !dropping && !help && navigate('/yellow/visits')],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  if (visit.isLoading) return <Loader />;
  if (visit.isError || !d) return <Alert color="red">{errorMessage(visit.error)}</Alert>;

  const needText = d.needs || d.purpose;
  const orderLink = `/green/orders/new?customerId=${d.customerId}&visitId=${d.id}&notes=${encodeURIComponent(handOver(t('handover.orderNotes', { number: d.number, date: d.visitDate, text: needText }), 2000))}`;
  const ticketText = d.complaints || d.needs;
  const ticketLink = `/red/new?customerId=${d.customerId}&visitId=${d.id}&kind=complaint&title=${encodeURIComponent(handOver(ticketText.split('\n')[0] ?? '', 200))}&description=${encodeURIComponent(handOver(t('handover.ticketText', { number: d.number, date: d.visitDate, text: ticketText }), 4000))}`;
  const done = d.status === 'done';

  const facts: [VisitsKey, ReactNode][] = [
    ['visit.customer', <Anchor key="c" component={Link} to={`/customers/${d.customerId}`} size="sm">{d.customerName}</Anchor>],
    ['visit.grade', <GradeBadge key="g" grade={d.customerGrade} />],
    ['visit.owner', d.ownerName ?? '—'],
    ['visit.date', `${d.visitDate}${d.startTime ? ` ${d.startTime}` : ''}`],
    ['visit.duration', d.durationMinutes ? formatDuration(d.durationMinutes, i18n.language === 'en' ? 'en' : 'zh-CN') : '—'],
    ['visit.dueDate', d.dueDate ?? '—'],
    ['visit.participants', d.participants.map((p) => p.name).join(t('person.separator')) || '—'],
    ['visit.contactsMet', d.contactsMet.map((c) => (c.title ? t('person.titled', { name: c.name, title: c.title }) : c.name)).join(t('person.separator')) || '—'],
    ['visit.source', t(`source.${d.source}` as VisitsKey)],
    ['visit.recorded', d.recordedAt ? `${d.recordedByName ?? '—'} · ${formatDateTime(d.recordedAt)}` : '—'],
  ];
  const texts: [VisitsKey, string][] = [
    ['form.purpose', d.purpose],
    ['form.needs', d.needs],
    ['form.competitor', d.competitor],
    ['form.complaints', d.complaints],
    ['form.outcome', d.outcome],
  ];

  return (
    <Stack gap={0}>
      <YellowTabs />
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Anchor component={Link} to="/yellow/visits" size="sm">
              <Group gap={4}>
                <IconArrowLeft size={14} /> {t('visit.back')}
              </Group>
            </Anchor>
            <Group gap="xs">
              <Title order={2} size="h3" ff="monospace">
                {d.number}
              </Title>
              <VisitStateBadge row={d} />
              <VisitKindBadge kind={d.kind} />
              {d.lateEntry && <LateEntryBadge />}
              {done && <OnTimeBadge onTime={d.onTime} dueDate={d.dueDate} />}
            </Group>
            <Text size="sm">
              <Anchor component={Link} to={`/customers/${d.customerId}`} fw={500}>
                {d.customerName}
              </Anchor>
              <Text span c="dimmed" ml="sm">
                {d.visitDate}
                {d.startTime && ` ${d.startTime}`}
              </Text>
            </Text>
          </Stack>
          <Button size="xs" variant="default" leftSection={<IconKeyboard size={14} />} onClick={() => setHelp(true)}>
            {t('help.button')}
          </Button>
        </Group>

        {d.status === 'dropped' && (
          <Alert color="gray" py={6}>
            {t('visit.dropped', { reason: d.dropReason || '—' })}
          </Alert>
        )}
        {d.status === 'planned' && d.missed && (
          <Alert color="red" variant="light" py={6} icon={<IconAlertTriangle size={16} />}>
            {t('visit.missedNotice')}
          </Alert>
        )}

        <Group gap="xs">
          {can('record') && (
            <Button size="xs" color="yellow" autoContrast onClick={() => run('record')} rightSection={<Kbd size="xs">R</Kbd>}>
              {t('action.record')}
            </Button>
          )}
          {can('move') && (
            <Button size="xs" variant="default" onClick={() => run('move')} rightSection={<Kbd size="xs">M</Kbd>}>
              {t('action.move')}
            </Button>
          )}
          {can('update') && (
            <Button size="xs" variant="default" onClick={() => run('update')} rightSection={<Kbd size="xs">E</Kbd>}>
              {t('action.update')}
            </Button>
          )}
          {can('drop') && (
            <Button size="xs" variant="default" color="red" onClick={() => setDropping(d)}>
              {t('action.drop')}
            </Button>
          )}
          {canOpenWork && done && (
            <>
              <Button size="xs" variant="light" color="green" component={Link} to={orderLink} leftSection={<IconRoute size={14} />}>
                {t('visit.toOrder')}
              </Button>
              <Button size="xs" variant="light" color="red" component={Link} to={ticketLink} leftSection={<IconAlertTriangle size={14} />}>
                {t('visit.toTicket')}
              </Button>
            </>
          )}
        </Group>

        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="sm">
              <Card withBorder padding="sm">
                <SimpleGrid cols={2} spacing={6} verticalSpacing={4}>
                  {facts.map(([label, value]) => (
                    <Group key={label} gap={6} wrap="nowrap" align="flex-start">
                      <Text size="sm" c="dimmed" w={84} style={{ flexShrink: 0 }}>
                        {t(label)}
                      </Text>
                      <Text size="sm" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }}>
                        {value}
                      </Text>
                    </Group>
                  ))}
                </SimpleGrid>
              </Card>
              <Card withBorder padding="sm" aria-label={t('visit.record')}>
                <Text fw={600} mb={6}>
                  {t('visit.record')}
                </Text>
                {!done && !d.needs && !d.outcome ? (
                  <Text size="sm" c="dimmed">
                    {d.status === 'planned' ? t('visit.notRecorded') : d.purpose || '—'}
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {texts
                      .filter(([, value]) => value)
                      .map(([label, value]) => (
                        <div key={label}>
                          <Text size="xs" c="dimmed">
                            {t(label)}
                          </Text>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {value}
                          </Text>
                        </div>
                      ))}
                    {d.nextStep && (
                      <div>
                        <Text size="xs" c="dimmed">
                          {t('form.nextStep')}
                        </Text>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {d.nextStep}
                          {d.nextStepDate && (
                            <Text span c="yellow.9" fw={500}>
                              {' '}
                              · {t('visit.nextStepBy', { date: d.nextStepDate })}
                            </Text>
                          )}
                        </Text>
                      </div>
                    )}
                  </Stack>
                )}
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm">
              <Card withBorder padding="sm" aria-label={t('visit.linked')}>
                <Text fw={600} mb={6}>
                  {t('visit.linked')}
                </Text>
                {d.orders.length === 0 && d.tickets.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {done ? t('visit.linkedNone') : t('visit.linkedLater')}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {d.orders.map((o) => (
                      <Group key={o.id} gap={6}>
                        <Text size="sm" c="dimmed">
                          {t('visit.order')}
                        </Text>
                        <Anchor component={Link} to={`/green/orders/${o.id}`} size="sm" ff="monospace">
                          {o.number}
                        </Anchor>
                      </Group>
                    ))}
                    {d.tickets.map((k) => (
                      <Group key={k.id} gap={6}>
                        <Text size="sm" c="dimmed">
                          {t('visit.ticket')}
                        </Text>
                        <Anchor component={Link} to={`/red/${k.id}`} size="sm" ff="monospace">
                          {k.number}
                        </Anchor>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Card>
              <Card withBorder padding="sm">
                <Group justify="space-between" mb={6}>
                  <Text fw={600}>{t('visit.attachments')}</Text>
                  {can('attach') && (
                    <>
                      <Button size="compact-xs" variant="default" leftSection={<IconPaperclip size={12} />} loading={attach.isPending} onClick={() => fileRef.current?.click()}>
                        {t('visit.addAttachment')}
                      </Button>
                      <input
                        ref={fileRef}
                        type="file"
                        hidden
                        aria-label={t('visit.addAttachment')}
                        onChange={(e) => {
                          const file = e.currentTarget.files?.[0];
                          if (file) attach.mutate(file);
                          e.currentTarget.value = '';
                        }}
                      />
                    </>
                  )}
                </Group>
                {d.attachments.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('visit.noAttachments')}
                  </Text>
                ) : (
                  d.attachments.map((a) => (
                    <Group key={a.id} gap="xs">
                      <Anchor size="sm" component="button" type="button" onClick={() => download.mutate(a.id)}>
                        {a.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatBytes(a.size)} · {formatDateTime(a.createdAt)}
                      </Text>
                    </Group>
                  ))
                )}
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <MoveVisitModal visit={moving} onClose={() => setMoving(null)} onDone={() => void visit.refetch()} />
      <DropVisitModal visit={dropping} onClose={() => setDropping(null)} onDone={() => void visit.refetch()} />
      <VisitsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
