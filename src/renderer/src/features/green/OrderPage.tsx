import { RecordTimeline } from '../../components/RecordTimeline';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Kbd, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconKeyboard, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OrderAction, OrderDetail } from '../../../../shared/contract/orders';
import { call, errorMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatBytes, formatDateTime, formatMinutes } from '../../lib/format';
import { downloadBase64, readFileBase64 } from '../customers/download';
import { GreenHelp, Holder, OrderStatusBadge, StageDue } from './badges';
import { useInvalidateOrders, useOrder, useOrderEscalationTick } from './hooks';
import { useHasRole } from '../../app/auth/useSession';
import { useGreenT, type GreenKey } from './i18n';
import { OrderActionModal, type OrderFormKind } from './OrderActionModal';
import { StageTrack } from './StageTrack';

type ButtonAction = Exclude<OrderAction, 'attach'>;
/** The letter of each action (shown on its button and in the help overlay). */
const KEYS: Record<ButtonAction, string> = {
  accept: 'A',
  complete: 'C',
  skip: 'S',
  return: 'T',
  resubmit: 'U',
  signoff: 'G',
  cancel: 'X',
  update: 'E',
};
const ORDER: ButtonAction[] = ['accept', 'complete', 'signoff', 'resubmit', 'skip', 'return', 'update', 'cancel'];

/**
 * One work order: who it is for and where it stands, every stage with planned against actual time and
 * every attempt (returns with their reason), the actions the caller may take now, the timeline and the
 * attachments.
 */
export function OrderPage() {
  const { id = '' } = useParams();
  const t = useGreenT();
  const canDraftForm = useHasRole(['admin', 'leader', 'account_manager']);
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const invalidate = useInvalidateOrders();
  const order = useOrder(id);
  const [form, setForm] = useState<OrderFormKind | null>(null);
  const [help, setHelp] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  useOrderEscalationTick();

  const done = (next: OrderDetail) => {
    client.setQueryData(['orders.get', id, i18n.language], next);
    setForm(null);
    void invalidate();
  };
  const accept = useMutation({
    mutationFn: (stageId: string) => call('orders.stage.accept', { stageId }),
    onSuccess: (next) => {
      notifySuccess(t('action.done', { action: t('action.accept'), number: next.number }));
      done(next);
    },
    onError: (e) => notifyError(e),
  });
  const attach = useMutation({
    mutationFn: async (file: File) =>
      call('orders.attachments.add', { orderId: id, fileName: file.name, mimeType: file.type || 'application/octet-stream', base64: await readFileBase64(file) }),
    onSuccess: (a) => {
      notifySuccess(t('order.attachmentAdded', { name: a.fileName }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const download = useMutation({
    mutationFn: (attachmentId: string) => call('orders.attachments.get', { id: attachmentId }),
    onSuccess: (f) => downloadBase64(f.fileName, f.base64, f.mimeType),
    onError: (e) => notifyError(e),
  });

  const d = order.data;
  const available = (d?.actions ?? []).filter((a): a is ButtonAction => a !== 'attach');
  const stage = d?.stages.flatMap((s) => s.attempts).find((a) => a.id === d.currentStageId) ?? null;
  const run = (action: ButtonAction) => {
    if (!d || !available.includes(action) || form) return;
    if (action === 'accept') {
      if (stage && !accept.isPending) accept.mutate(stage.id);
    } else setForm(action);
  };
  useHotkeys([
    ...(Object.entries(KEYS).map(([action, key]) => [key.toLowerCase(), () => run(action as ButtonAction)]) as [string, () => void][]),
    ['Escape', () => !form && !help && navigate('/green')],
    ['Backspace', () => !form && navigate('/green')],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  if (order.isLoading) return <Loader />;
  if (order.isError || !d) return <Alert color="red">{errorMessage(order.error)}</Alert>;

  const facts: [GreenKey, React.ReactNode][] = [
    ['order.customer', <Anchor key="c" component={Link} to={`/customers/${d.customerId}`} size="sm">{d.customerName}</Anchor>],
    ['order.owner', d.ownerName ?? '—'],
    ['order.businessType', `${d.businessTypeName} · ${t('order.template', { version: d.templateVersion })}`],
    ['order.current', d.currentStageName ? `${(d.currentSeq ?? 0) + 1}/${d.stageCount} ${d.currentStageName}` : '—'],
    ['order.holder', <Holder key="h" row={d} />],
    ['order.siteAddress', d.siteAddress || '—'],
    ['order.expectedDate', d.expectedDate ?? '—'],
    ['order.contract', d.contractId ? <Anchor key="k" component={Link} to={`/green/contracts/${d.contractId}`} size="sm">{d.contractNumber ?? '—'}</Anchor> : '—'],
    ...(d.visitId
      ? ([['order.visit', <Anchor key="v" component={Link} to={`/yellow/visits/${d.visitId}`} size="sm">{t('order.visitLink')}</Anchor>]] as [GreenKey, React.ReactNode][])
      : []),
    ['order.createdBy', `${d.createdByName ?? '—'} · ${formatDateTime(d.createdAt)}`],
    ['order.calendar', d.calendarName],
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Anchor component={Link} to="/green" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> {t('order.back')}
            </Group>
          </Anchor>
          <Group gap="xs">
            <Title order={2} size="h3" ff="monospace">
              {d.number}
            </Title>
            <OrderStatusBadge status={d.status} />
            <Badge variant="outline" color="gray" radius="sm">
              {d.businessTypeName}
            </Badge>
            {d.returnCount > 0 && (
              <Badge color="orange" variant="outline" radius="sm">
                {t('order.returns', { count: d.returnCount })}
              </Badge>
            )}
            {d.breachCount > 0 && (
              <Badge color="red" variant="outline" radius="sm">
                {t('order.breaches', { count: d.breachCount })}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/customers/${d.customerId}`} fw={500}>
              {d.customerName}
            </Anchor>
            {d.status === 'in_progress' && d.currentStageName && (
              <Text span size="sm" c="dimmed" ml="sm">
                {t('order.nowAt', { stage: d.currentStageName, dept: d.currentDept ?? '' })}
              </Text>
            )}
            {d.status === 'in_progress' && (
              <Text span ml="xs">
                <StageDue dueAt={d.stageDueAt} warnAt={d.stageWarnAt} remainingMinutes={d.remainingMinutes} />
              </Text>
            )}
          </Text>
        </Stack>
        <Group gap="xs">
          {canDraftForm && (d.status === 'in_progress' || d.status === 'returned') && (
            <Button
              size="xs"
              variant="light"
              color="green"
              component={Link}
              to={`/green/forms/new?orderId=${d.id}&orderNumber=${encodeURIComponent(d.number)}&customerId=${d.customerId}&customerName=${encodeURIComponent(d.customerName)}`}
            >
              {t('order.draftForm')}
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconKeyboard size={14} />} onClick={() => setHelp(true)}>
            {t('queue.help')}
          </Button>
        </Group>
      </Group>

      {d.status === 'returned' && (
        <Alert color="orange" py={6}>
          {t('order.returnedNotice', { owner: d.ownerName ?? '—' })}
        </Alert>
      )}
      {d.status === 'cancelled' && (
        <Alert color="gray" py={6}>
          {t('order.cancelled', { reason: d.cancelReason ?? '' })}
        </Alert>
      )}

      {available.length > 0 && (
        <Group gap="xs">
          {ORDER.filter((a) => available.includes(a)).map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === 'cancel' || action === 'update' || action === 'skip' ? 'default' : 'filled'}
              color={action === 'cancel' || action === 'return' ? 'red' : 'green'}
              loading={action === 'accept' && accept.isPending}
              onClick={() => run(action)}
              rightSection={<Kbd size="xs">{KEYS[action]}</Kbd>}
            >
              {t(`action.${action}` as GreenKey)}
              {stage && (action === 'accept' || action === 'complete') ? ` · ${stage.name}` : ''}
            </Button>
          ))}
        </Group>
      )}

      <Card withBorder padding="sm">
        <Group justify="space-between" mb={6}>
          <Text fw={600}>{t('order.track')}</Text>
          <Text size="sm" c={d.onTime === false ? 'red' : 'dimmed'}>
            {t('order.plan', { time: formatMinutes(d.planMinutes) })} · {t('order.used', { time: formatMinutes(d.businessMinutes) })}
            {d.onTime !== null && ` · ${d.onTime ? t('order.onTime') : t('order.late')}`}
          </Text>
        </Group>
        <StageTrack order={d} />
      </Card>

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
              <Text size="sm" c="dimmed" mt="sm">
                {t('order.products')}
              </Text>
              {d.products.map((p, i) => (
                <Text key={i} size="sm">
                  {p.product} × {p.quantity}
                  {p.note && <Text span c="dimmed"> · {p.note}</Text>}
                </Text>
              ))}
              {d.notes && (
                <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span c="dimmed">{t('order.notes')}：</Text>
                  {d.notes}
                </Text>
              )}
            </Card>
            <Card withBorder padding="sm">
              <Group justify="space-between" mb={6}>
                <Text fw={600}>{t('order.attachments')}</Text>
                {d.actions.includes('attach') && (
                  <>
                    <Button size="compact-xs" variant="default" leftSection={<IconPaperclip size={12} />} loading={attach.isPending} onClick={() => fileRef.current?.click()}>
                      {t('order.addAttachment')}
                    </Button>
                    <input
                      ref={fileRef}
                      type="file"
                      hidden
                      aria-label={t('order.addAttachment')}
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
                  {t('order.noAttachments')}
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
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('order.timeline')}
            </Text>
            <RecordTimeline
              events={d.events}
              color="green"
              colorOf={(kind) => (kind === 'returned' || kind === 'sla_breach' || kind === 'cancelled' ? 'red' : kind === 'sla_warning' ? 'orange' : undefined)}
            />
          </Card>
        </Grid.Col>
      </Grid>
      <OrderActionModal order={d} stage={stage} kind={form} onClose={() => setForm(null)} onDone={done} />
      <GreenHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
