import { useState } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../shared/contract';
import { CARE_EVENT_KINDS, type CareEventKind } from '../../../../shared/contract/visit-common';
import { formatShanghaiTime } from '../../../../shared/time';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../components/forms/money';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { todayShanghai } from '../contracts/ContractActionModal';
import { useInvalidateCare } from './hooks';
import { useCareT, type CareKey } from './i18n';

type EventDetail = OutputOf<'care.events.get'>;

interface Values {
  kind: CareEventKind;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  notes: string;
  cost: string;
}

function initial(event: EventDetail | null): Values {
  if (!event) return { kind: 'forum', title: '', date: todayShanghai(), startTime: '14:00', endTime: '', location: '', notes: '', cost: '' };
  const starts = formatShanghaiTime(event.startsAt);
  return {
    kind: event.kind,
    title: event.title,
    date: starts.slice(0, 10),
    startTime: starts.slice(11, 16),
    endTime: event.endsAt ? formatShanghaiTime(event.endsAt).slice(11, 16) : '',
    location: event.location,
    notes: event.notes,
    cost: event.costFen ? fenToYuanText(event.costFen) : '',
  };
}

const FIELD_OF: Record<string, keyof Values> = { costFen: 'cost' };

/**
 * Plans a forum (座谈会) or an executive visit (高层拜访), or edits one: kind, title, date and times (Asia/
 * Shanghai), where, the arrangements and its cost. `event` null creates (one per intent), else edits.
 */
export function EventFormModal({
  opened,
  event,
  onClose,
  onDone,
}: {
  opened: boolean;
  event: EventDetail | null;
  onClose: () => void;
  onDone?: (event: EventDetail) => void;
}) {
  const t = useCareT();
  const { t: tApp } = useTranslation();
  const invalidate = useInvalidateCare();
  const [values, setValues] = useState<Values>(() => initial(event));
  const [start, setStart] = useState(values);
  const [openedFor, setOpenedFor] = useState<{ opened: boolean; event: EventDetail | null }>({ opened: false, event: null });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Each opening starts from the event as it is now (or a blank plan).
  if (opened !== openedFor.opened || (opened && event?.id !== openedFor.event?.id)) {
    setOpenedFor({ opened, event });
    if (opened) {
      const v = initial(event);
      setValues(v);
      setStart(v);
      setErrors({});
      setFormError(null);
    }
  }
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const money = parseMoney(values.cost);

  const save = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) => {
      const fields = {
        title: values.title,
        date: values.date,
        startTime: values.startTime,
        endTime: values.endTime || null,
        location: values.location,
        notes: values.notes,
        costFen: money.fen ?? 0,
      };
      return event ? call('care.events.update', { id: event.id, ...fields }) : call('care.events.create', { kind: values.kind, ...fields }, { idempotencyKey });
    },
    onSuccess: (next) => {
      notifySuccess(event ? t('event.saved') : t('event.created', { number: next.number }));
      void invalidate();
      onDone?.(next);
      onClose();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      const mapped: Partial<Record<keyof Values, string>> = {};
      for (const [k, v] of Object.entries(fields)) mapped[FIELD_OF[k] ?? (k as keyof Values)] = v;
      setErrors(mapped);
      setFormError(Object.keys(fields).length ? null : errorMessage(e));
    },
  });
  const go = () => {
    const next: Partial<Record<keyof Values, string>> = {};
    if (!values.title.trim()) next.title = t('form.required');
    if (!values.date) next.date = t('form.required');
    if (!values.startTime) next.startTime = t('form.required');
    if (money.problem) next.cost = tApp(money.problem);
    setErrors(next);
    if (Object.keys(next).length === 0) save.submit();
  };

  return (
    <GuardedModal
      opened={opened}
      dirty={opened && JSON.stringify(values) !== JSON.stringify(start)}
      onClose={onClose}
      title={event ? t('event.editTitle', { number: event.number }) : t('event.createTitle')}
      size={620}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert" py={6}>
              {formError}
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <Select
              label={t('event.kind')}
              required
              disabled={!!event}
              allowDeselect={false}
              data={CARE_EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}` as CareKey) }))}
              value={values.kind}
              onChange={(v) => v && set({ kind: v as CareEventKind })}
            />
            <TextInput label={t('event.title')} required maxLength={200} data-autofocus value={values.title} onChange={(e) => set({ title: e.currentTarget.value })} error={errors.title} />
            <TextInput type="date" label={t('event.date')} required value={values.date} onChange={(e) => set({ date: e.currentTarget.value })} error={errors.date} />
            <Group grow gap="xs">
              <TextInput type="time" label={t('event.startTime')} required value={values.startTime} onChange={(e) => set({ startTime: e.currentTarget.value })} error={errors.startTime} />
              <TextInput type="time" label={t('event.endTime')} value={values.endTime} onChange={(e) => set({ endTime: e.currentTarget.value })} error={errors.endTime} />
            </Group>
            <TextInput label={t('event.location')} maxLength={200} value={values.location} onChange={(e) => set({ location: e.currentTarget.value })} error={errors.location} />
            <MoneyInput label={t('event.cost')} value={values.cost} onChange={(cost) => set({ cost })} error={errors.cost} />
            <div style={{ gridColumn: '1 / -1' }}>
              <LimitedTextarea label={t('event.notes')} maxLength={4000} maxRows={6} value={values.notes} onChange={(e) => set({ notes: e.currentTarget.value })} error={errors.notes} />
            </div>
          </SimpleGrid>
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="yellow" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
