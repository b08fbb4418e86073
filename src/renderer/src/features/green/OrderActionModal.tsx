import { useEffect, useState } from 'react';
import { ActionIcon, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ACTIVATION_STAGE_KEY, type OrderDetail, type StageAttempt } from '../../../../shared/contract/orders';
import { call } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { parseMoney } from '../../components/forms/money';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { appNow } from '../../lib/clock';
import { fieldErrorsDeep } from './fieldErrors';
import { useOrdersConfig } from './hooks';
import { useGreenT, type GreenKey } from './i18n';

/** The order actions that open a form (accept runs at once). */
export type OrderFormKind = 'complete' | 'skip' | 'return' | 'resubmit' | 'signoff' | 'cancel' | 'update';

interface ServiceLine {
  product: string;
  serviceNo: string;
  bandwidth: string;
  address: string;
  monthlyFee: string;
  startDate: string;
}

/** Today in Asia/Shanghai on the app's clock, yyyy-MM-dd. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(appNow());
}

/**
 * The form of one order action with exactly the facts it needs: 完成 a result (on 业务开通 also the services
 * put into operation, written onto the customer); 跳过 a reason; 异常返单 where to, the reason code and text;
 * 重新提交 what was fixed (the address and date can be corrected here); 客户签收 a note; 取消 a reason.
 * Ctrl+Enter submits.
 */
export function OrderActionModal({
  order,
  stage,
  kind,
  onClose,
  onDone,
}: {
  order: OrderDetail;
  /** The open stage attempt (the one stage actions act on). */
  stage: StageAttempt | null;
  kind: OrderFormKind | null;
  onClose: () => void;
  onDone: (next: OrderDetail) => void;
}) {
  const t = useGreenT();
  const config = useOrdersConfig();
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [siteAddress, setSiteAddress] = useState(order.siteAddress);
  const [expectedDate, setExpectedDate] = useState(order.expectedDate ?? '');
  const [resume, setResume] = useState<'returned' | 'next'>('returned');
  const [services, setServices] = useState<ServiceLine[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const activation = kind === 'complete' && stage?.stageKey === ACTIVATION_STAGE_KEY;

  // Each time a form opens it starts from the order as it is now.
  useEffect(() => {
    if (!kind) return;
    setNote(kind === 'update' ? order.notes : '');
    setTarget(null);
    setReason(null);
    setSiteAddress(order.siteAddress);
    setExpectedDate(order.expectedDate ?? '');
    setResume('returned');
    setErrors({});
    // 业务开通 proposes one service per ordered product, at the order's site, starting today.
    setServices(
      order.products.map((p) => ({ product: p.product, serviceNo: '', bandwidth: '', address: order.siteAddress, monthlyFee: '', startDate: today() })),
    );
    submit.renewKey();
    // Only opening a form resets it; later order refreshes must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  const validate = (): boolean => {
    const e: Record<string, string> = {};
    const required = t('form.required');
    if ((kind === 'skip' || kind === 'cancel' || kind === 'resubmit') && !note.trim()) e.note = required;
    if (kind === 'return') {
      if (!target) e.target = required;
      if (!reason) e.reason = required;
    }
    if (activation) {
      if (!services.length) e.services = t('form.servicesRequired');
      services.forEach((s, i) => {
        if (!s.product.trim()) e[`services.${i}.product`] = required;
        if (!s.serviceNo.trim()) e[`services.${i}.serviceNo`] = required;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s.startDate)) e[`services.${i}.startDate`] = required;
        const fee = parseMoney(s.monthlyFee);
        if (fee.problem) e[`services.${i}.monthlyFee`] = t('form.feeInvalid');
      });
    }
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const submit = useSubmitOnce({
    mutationFn: async (_: void): Promise<OrderDetail> => {
      const id = order.id;
      const stageId = stage?.id ?? '';
      switch (kind) {
        case 'complete':
          return call('orders.stage.complete', {
            stageId,
            result: note,
            ...(activation && {
              services: services.map((s) => ({
                product: s.product,
                serviceNo: s.serviceNo,
                bandwidth: s.bandwidth,
                address: s.address,
                monthlyFeeFen: parseMoney(s.monthlyFee).fen ?? 0,
                startDate: s.startDate,
              })),
            }),
          });
        case 'skip':
          return call('orders.stage.skip', { stageId, reason: note });
        case 'return':
          return call('orders.stage.return', {
            stageId,
            ...(target === 'owner' ? { toAccountManager: true } : { toSeq: Number(target) }),
            reasonCode: reason ?? '',
            note,
          });
        case 'resubmit':
          return call('orders.resubmit', { id, note, resume, siteAddress, expectedDate: expectedDate || null });
        case 'signoff':
          return call('orders.signoff', { id, note });
        case 'cancel':
          return call('orders.cancel', { id, reason: note });
        case 'update':
          return call('orders.update', { id, siteAddress, expectedDate: expectedDate || null, notes: note });
        default:
          throw new Error('no action');
      }
    },
    onSuccess: (next) => {
      notifySuccess(t('action.done', { action: t(`action.${kind}` as GreenKey), number: order.number }));
      onDone(next);
    },
    onError: (e) => {
      const f = fieldErrorsDeep(e);
      setErrors({ ...f, ...(f.reason && kind !== 'return' ? { note: f.reason } : {}), ...(f.result ? { note: f.result } : {}) });
      notifyError(e);
    },
  });
  const send = () => {
    if (kind && validate()) submit.submit();
  };
  useHotkeys([['mod+Enter', send]], []);

  // Earlier stages of the plan (by seq) and the account manager are where a return may go.
  const targets = [
    { value: 'owner', label: `${t('track.toOwner')}（${order.ownerName ?? '—'}）` },
    ...order.stages.filter((s) => stage && s.seq < stage.seq).map((s) => ({ value: String(s.seq), label: `${s.seq + 1}. ${s.name}（${s.department}）` })),
  ];
  const reasons = (config.data?.returnReasons ?? []).filter((r) => r.active).map((r) => ({ value: r.code, label: r.name }));
  const setService = (i: number, p: Partial<ServiceLine>) => setServices((list) => list.map((s, j) => (j === i ? { ...s, ...p } : s)));

  const dirty =
    !!kind &&
    (note.trim() !== (kind === 'update' ? order.notes.trim() : '') || target !== null || reason !== null || siteAddress !== order.siteAddress || expectedDate !== (order.expectedDate ?? '') ||
      services.some((s) => s.serviceNo.trim() !== '' || s.monthlyFee.trim() !== '' || s.bandwidth.trim() !== ''));
  const noteLabel: GreenKey =
    kind === 'complete' ? 'form.result' : kind === 'skip' ? 'form.skipReason' : kind === 'return' ? 'form.returnNote' : kind === 'resubmit' ? 'form.resubmitNote' : kind === 'signoff' ? 'form.signoffNote' : kind === 'cancel' ? 'form.cancelReason' : 'order.notes';
  const title = kind ? `${t(`action.${kind}` as GreenKey)} · ${order.number}${stage && (kind === 'complete' || kind === 'skip' || kind === 'return') ? ` · ${stage.name}` : ''}` : '';

  return (
    <GuardedModal opened={!!kind} dirty={dirty} onClose={onClose} title={title} size={activation ? 1100 : 'lg'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <Stack gap="sm">
          {kind === 'return' && (
            <Group grow align="flex-start">
              <Select
                label={t('form.returnTarget')}
                required
                data={targets}
                value={target}
                onChange={setTarget}
                error={errors.target ?? errors.toSeq}
                data-autofocus
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('form.returnReason')}
                required
                data={reasons}
                value={reason}
                onChange={setReason}
                error={errors.reason ?? errors.reasonCode}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
          )}
          {(kind === 'resubmit' || kind === 'update') && (
            <Group grow align="flex-start">
              <TextInput label={t('new.siteAddress')} maxLength={200} value={siteAddress} onChange={(e) => setSiteAddress(e.currentTarget.value)} error={errors.siteAddress} data-autofocus={kind === 'update' || undefined} />
              <TextInput type="date" label={t('new.expectedDate')} value={expectedDate} onChange={(e) => setExpectedDate(e.currentTarget.value)} error={errors.expectedDate} />
            </Group>
          )}
          {kind === 'resubmit' && order.returnedFromSeq !== null && (
            <SegmentedControl
              value={resume}
              onChange={(v) => setResume(v as 'returned' | 'next')}
              aria-label={t('form.resume')}
              data={[
                { value: 'returned', label: t('form.resume.returned', { stage: order.stages[order.returnedFromSeq]?.name ?? '' }) },
                { value: 'next', label: t('form.resume.next') },
              ]}
            />
          )}
          {activation && (
            <div>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={500}>
                  {t('form.services')} <Text span c="red">*</Text>
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPlus size={12} />}
                  onClick={() => setServices((l) => [...l, { product: '', serviceNo: '', bandwidth: '', address: order.siteAddress, monthlyFee: '', startDate: today() }])}
                >
                  {t('form.addService')}
                </Button>
              </Group>
              {errors.services && (
                <Text size="xs" c="red" mb={4}>
                  {errors.services}
                </Text>
              )}
              <Table withTableBorder verticalSpacing={4} horizontalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('form.serviceProduct')}</Table.Th>
                    <Table.Th w={170}>{t('form.serviceNo')}</Table.Th>
                    <Table.Th w={100}>{t('form.bandwidth')}</Table.Th>
                    <Table.Th>{t('form.serviceAddress')}</Table.Th>
                    <Table.Th w={130}>{t('form.monthlyFee')}</Table.Th>
                    <Table.Th w={140}>{t('form.startDate')}</Table.Th>
                    <Table.Th w={34} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {services.map((s, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput size="xs" aria-label={`${t('form.serviceProduct')} ${i + 1}`} maxLength={100} value={s.product} onChange={(e) => setService(i, { product: e.currentTarget.value })} error={errors[`services.${i}.product`]} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={`${t('form.serviceNo')} ${i + 1}`} maxLength={64} value={s.serviceNo} onChange={(e) => setService(i, { serviceNo: e.currentTarget.value })} error={errors[`services.${i}.serviceNo`]} data-autofocus={i === 0 || undefined} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={`${t('form.bandwidth')} ${i + 1}`} maxLength={50} value={s.bandwidth} onChange={(e) => setService(i, { bandwidth: e.currentTarget.value })} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={`${t('form.serviceAddress')} ${i + 1}`} maxLength={200} value={s.address} onChange={(e) => setService(i, { address: e.currentTarget.value })} />
                      </Table.Td>
                      <Table.Td>
                        <MoneyInput size="xs" aria-label={`${t('form.monthlyFee')} ${i + 1}`} value={s.monthlyFee} onChange={(v) => setService(i, { monthlyFee: v })} error={errors[`services.${i}.monthlyFee`]} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" type="date" aria-label={`${t('form.startDate')} ${i + 1}`} value={s.startDate} onChange={(e) => setService(i, { startDate: e.currentTarget.value })} error={errors[`services.${i}.startDate`]} />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('form.removeService')} onClick={() => setServices((l) => l.filter((_, j) => j !== i))}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          <LimitedTextarea
            label={t(noteLabel)}
            required={kind === 'skip' || kind === 'cancel' || kind === 'resubmit'}
            maxLength={kind === 'skip' || kind === 'cancel' ? 500 : kind === 'complete' || kind === 'update' ? 2000 : 1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-autofocus={(kind !== 'return' && kind !== 'update' && !activation) || undefined}
          />
          <Group justify="flex-end">
            <Button type="submit" color={kind === 'cancel' || kind === 'return' ? 'red' : 'green'} loading={submit.isPending}>
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
