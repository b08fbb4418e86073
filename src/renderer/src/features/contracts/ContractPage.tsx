import { RecordTimeline } from '../../components/RecordTimeline';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconArrowRight, IconDownload, IconPaperclip } from '@tabler/icons-react';
import type { ContractAction, ContractDetail } from '../../../../shared/contract/contracts';
import { call, errorMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatBytes, formatDateTime } from '../../lib/format';
import { downloadBase64, readFileBase64 } from '../customers/download';
import { Money } from '../customers/Money';
import { GreenTabs } from '../green/GreenTabs';
import { ContractStatusBadge, DaysLeft } from './badges';
import { ContractActionModal, type ContractFormKind } from './ContractActionModal';
import { useContract, useInvalidateContracts } from './hooks';
import { useContractsT, type ContractsKey } from './i18n';

type ButtonAction = Exclude<ContractAction, 'attach'>;
const HOTKEY: Record<ButtonAction, string> = { update: 'e', sign: 's', renew: 'r', extend: 'x', terminate: 't' };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  );
}

/**
 * One contract: its terms and shown status, the renewal chain (predecessors and successors), linked work
 * orders, the scanned attachments (upload, download), the timeline, and the actions the caller may take
 * (修改 E, 签订 S, 续签 R, 顺延 X, 终止 T).
 */
export function ContractPage() {
  const t = useContractsT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const invalidate = useInvalidateContracts();
  const q = useContract(id);
  const [form, setForm] = useState<ContractFormKind | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const d = q.data;
  const act = (a: ButtonAction) => (a === 'update' ? navigate('edit') : setForm(a));
  const available = (d?.actions ?? []).filter((a): a is ButtonAction => a !== 'attach');
  useHotkeys(available.map((a) => [HOTKEY[a], () => act(a)] as [string, () => void]));
  const attach = useMutation({
    mutationFn: async (file: File) =>
      call('contracts.attachments.add', { contractId: id, fileName: file.name, mimeType: file.type || 'application/octet-stream', base64: await readFileBase64(file) }),
    onSuccess: (a) => {
      notifySuccess(t('detail.uploaded', { name: a.fileName }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const download = useMutation({
    mutationFn: (attachmentId: string) => call('contracts.attachments.get', { id: attachmentId }),
    onSuccess: (f) => downloadBase64(f.fileName, f.base64, f.mimeType),
    onError: (e) => notifyError(e),
  });

  if (q.isPending)
    return (
      <Center h={300}>
        <Loader />
      </Center>
    );
  if (q.isError || !d)
    return (
      <Stack maw={640}>
        <Alert color="gray">{errorMessage(q.error)}</Alert>
        <Anchor component={Link} to="/green/contracts" size="sm">
          ‹ {t('detail.back')}
        </Anchor>
      </Stack>
    );

  const onDone = (next: ContractDetail, kind: ContractFormKind) => {
    setForm(null);
    void invalidate();
    if (kind === 'renew') navigate(`/green/contracts/${next.id}`);
  };

  return (
    <Stack gap={0}>
      <GreenTabs />
      <Anchor component={Link} to="/green/contracts" size="xs" mb={4}>
        ‹ {t('detail.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Title order={2} size="h3">
              {d.title}
            </Title>
            <ContractStatusBadge status={d.displayStatus} />
          </Group>
          <Text size="sm" c="dimmed" ff="monospace">
            {d.number}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {available.map((a) => (
            <Button
              key={a}
              size="xs"
              variant={a === 'renew' || a === 'sign' ? 'filled' : 'default'}
              color={a === 'terminate' ? 'red' : 'green'}
              onClick={() => act(a)}
            >
              {t(`action.${a}` as ContractsKey)} ({HOTKEY[a].toUpperCase()})
            </Button>
          ))}
        </Group>
      </Group>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                {t('detail.terms')}
              </Title>
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                <Field label={t('detail.customer')}>
                  <Anchor component={Link} to={`/customers/${d.customerId}`} size="sm">
                    {d.customerName}
                  </Anchor>
                </Field>
                <Field label={t('detail.owner')}>{d.ownerName ?? t('detail.none')}</Field>
                <Field label={t('detail.amount')}>
                  <Money fen={d.amountFen} fw={600} />
                </Field>
                <Field label={t('detail.signDate')}>{d.signDate ?? t('detail.none')}</Field>
                <Field label={t('detail.term')}>{d.startDate || d.endDate ? `${d.startDate ?? '…'} ~ ${d.endDate ?? '…'}` : t('detail.none')}</Field>
                <Field label={t('detail.daysLeft')}>
                  <DaysLeft days={d.daysLeft} window={d.reminderDays} signed={d.status === 'signed'} />
                </Field>
                {d.originalEndDate && <Field label={t('detail.originalEnd')}>{d.originalEndDate}</Field>}
                <Field label={t('detail.reminder')}>
                  {d.remindedEndDate && d.remindedEndDate === d.endDate
                    ? t('detail.reminded', { end: d.remindedEndDate })
                    : t('detail.reminderText', { days: d.reminderDays })}
                </Field>
              </SimpleGrid>
              <Stack gap={6} mt="xs">
                <Field label={t('detail.paymentTerms')}>{d.paymentTerms || t('detail.none')}</Field>
                <Field label={t('detail.renewalTerms')}>{d.renewalTerms || t('detail.none')}</Field>
                {d.notes && <Field label={t('detail.notes')}>{d.notes}</Field>}
                {d.terminateReason && <Field label={t('detail.terminated')}>{d.terminateReason}</Field>}
              </Stack>
            </Paper>
            {d.chain.length > 1 && (
              <Paper withBorder p="sm">
                <Title order={3} size="h5" mb="xs">
                  {t('detail.chain')}
                </Title>
                <Group gap={6} wrap="wrap" aria-label={t('detail.chain')}>
                  {d.chain.map((l, i) => (
                    <Group key={l.id} gap={6} wrap="nowrap">
                      {i > 0 && <IconArrowRight size={14} color="var(--mantine-color-dimmed)" />}
                      <Paper withBorder px="xs" py={4} bg={l.id === d.id ? 'var(--mantine-color-green-light)' : undefined}>
                        <Group gap={6} wrap="nowrap">
                          {l.id === d.id ? (
                            <Text size="xs" ff="monospace" fw={600}>
                              {l.number}
                            </Text>
                          ) : (
                            <Anchor component={Link} to={`/green/contracts/${l.id}`} size="xs" ff="monospace">
                              {l.number}
                            </Anchor>
                          )}
                          <ContractStatusBadge status={l.displayStatus} />
                        </Group>
                        <Text size="xs" c="dimmed">
                          {l.startDate ?? '…'} ~ {l.endDate ?? '…'}
                        </Text>
                      </Paper>
                    </Group>
                  ))}
                </Group>
              </Paper>
            )}
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                {t('detail.orders')}
              </Title>
              {d.orders.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('detail.noOrders')}
                </Text>
              ) : (
                <Table fz="sm" striped>
                  <Table.Tbody>
                    {d.orders.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/green/orders/${o.id}`} size="sm" ff="monospace">
                            {o.number}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{o.businessTypeName}</Table.Td>
                        <Table.Td>{formatDateTime(o.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
            <Paper withBorder p="sm">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5">
                  {t('detail.attachments')}
                </Title>
                {d.actions.includes('attach') && (
                  <>
                    <Button size="compact-xs" variant="default" leftSection={<IconPaperclip size={12} />} loading={attach.isPending} onClick={() => fileRef.current?.click()}>
                      {t('detail.upload')}
                    </Button>
                    <input
                      ref={fileRef}
                      type="file"
                      hidden
                      aria-label={t('detail.upload')}
                      onChange={(e) => {
                        const file = e.currentTarget.files?.[0];
                        e.currentTarget.value = '';
                        if (file) attach.mutate(file);
                      }}
                    />
                  </>
                )}
              </Group>
              {d.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('detail.noAttachments')}
                </Text>
              ) : (
                <Stack gap={4}>
                  {d.attachments.map((a) => (
                    <Group key={a.id} gap="xs">
                      <Anchor component="button" size="sm" onClick={() => download.mutate(a.id)}>
                        <IconDownload size={12} /> {a.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatBytes(a.size)} · {formatDateTime(a.createdAt)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('detail.timeline')}
            </Title>
            <RecordTimeline events={d.events} color="green" newestFirst />
          </Paper>
        </Grid.Col>
      </Grid>
      <ContractActionModal contract={d} kind={form} onClose={() => setForm(null)} onDone={onDone} />
    </Stack>
  );
}
