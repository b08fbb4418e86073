import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { VisitDetail } from '../../../../shared/contract/visits';
import { VISIT_KINDS, type VisitKind } from '../../../../shared/contract/visit-common';
import { call, fieldErrors } from '../../api/client';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { notifyError, notifySuccess } from '../../components/notify';
import { useInvalidateVisits } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';

/** The visit a move or drop dialog acts on: enough to name it. */
export interface VisitTarget {
  id: string;
  customerName: string;
  visitDate: string;
  startTime?: string | null;
}

/** 改期: the keyboard way to do what dragging on the calendar does (visits.move). */
export function MoveVisitModal({ visit, onClose, onDone }: { visit: VisitTarget | null; onClose: () => void; onDone?: (v: VisitDetail) => void }) {
  const t = useVisitsT();
  const invalidate = useInvalidateVisits();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setDate(visit?.visitDate ?? '');
    setTime(visit?.startTime ?? '');
    setErrors({});
  }, [visit]);
  const move = useSubmitOnce({
    mutationFn: () => call('visits.move', { id: visit!.id, visitDate: date, startTime: time || null }),
    onSuccess: (v) => {
      notifySuccess(t('move.done', { customer: v.customerName, date: v.visitDate }));
      void invalidate();
      onDone?.(v);
      onClose();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const dirty = !!visit && (date !== visit.visitDate || time !== (visit.startTime ?? ''));
  return (
    <GuardedModal opened={!!visit} onClose={onClose} dirty={dirty} title={t('move.title', { customer: visit?.customerName ?? '' })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!date) setErrors({ visitDate: t('form.required') });
          else move.submit();
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput type="date" label={t('move.date')} required data-autofocus value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.visitDate} />
            <TextInput type="time" label={t('move.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} error={errors.startTime} />
          </Group>
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="yellow" loading={move.isPending}>
              {t('move.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}

/** 取消 a planned visit, with the reason the leader will read. */
export function DropVisitModal({ visit, onClose, onDone }: { visit: VisitTarget | null; onClose: () => void; onDone?: (v: VisitDetail) => void }) {
  const t = useVisitsT();
  const invalidate = useInvalidateVisits();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setReason('');
    setError(undefined);
  }, [visit]);
  const drop = useSubmitOnce({
    mutationFn: () => call('visits.drop', { id: visit!.id, reason }),
    onSuccess: (v) => {
      notifySuccess(t('drop.done', { customer: v.customerName }));
      void invalidate();
      onDone?.(v);
      onClose();
    },
    onError: (e) => {
      setError(fieldErrors(e).reason);
      notifyError(e);
    },
  });
  return (
    <GuardedModal opened={!!visit} onClose={onClose} dirty={reason.trim().length > 0} title={t('drop.title', { customer: visit?.customerName ?? '' })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) setError(t('form.required'));
          else drop.submit();
        }}
      >
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('drop.hint', { date: visit?.visitDate ?? '' })}
          </Text>
          <LimitedTextarea label={t('drop.reason')} required data-autofocus maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="red" loading={drop.isPending}>
              {t('drop.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}

/** A customer to put into a plan (安排走访): from the overdue list, the plan's due list or the customer page. */
export interface PlanTarget {
  customerId: string;
  customerName: string;
  /** The day proposed (e.g. the due date, or today when already overdue). */
  date: string;
}

/** 安排走访: adds a visit for a customer on a day to its owner's plan (visits.plan.add). */
export function PlanVisitModal({ target, onClose, onDone }: { target: PlanTarget | null; onClose: () => void; onDone?: (v: VisitDetail) => void }) {
  const t = useVisitsT();
  const invalidate = useInvalidateVisits();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [kind, setKind] = useState<VisitKind>('onsite');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setDate(target?.date ?? '');
    setTime('');
    setKind('onsite');
    setPurpose('');
    setErrors({});
  }, [target]);
  const add = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call('visits.plan.add', { customerId: target!.customerId, visitDate: date, startTime: time || null, kind, purpose }, { idempotencyKey }),
    onSuccess: (v) => {
      notifySuccess(t('planAdd.done', { customer: v.customerName, date: v.visitDate }));
      void invalidate();
      onDone?.(v);
      onClose();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const dirty = !!target && (date !== target.date || !!time || kind !== 'onsite' || !!purpose.trim());
  return (
    <GuardedModal opened={!!target} onClose={onClose} dirty={dirty} title={t('planAdd.title', { customer: target?.customerName ?? '' })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!date) setErrors({ visitDate: t('form.required') });
          else add.submit();
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput type="date" label={t('planAdd.date')} required data-autofocus value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.visitDate} />
            <TextInput type="time" label={t('move.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} error={errors.startTime} />
          </Group>
          <Select
            label={t('form.kind')}
            data={VISIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as VisitsKey) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as VisitKind)}
            comboboxProps={{ withinPortal: true }}
          />
          <LimitedTextarea label={t('form.purpose')} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errors.purpose} minRows={1} />
          {errors.customerId && (
            <Alert color="red" py={6}>
              {errors.customerId}
            </Alert>
          )}
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="yellow" loading={add.isPending}>
              {t('planAdd.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
