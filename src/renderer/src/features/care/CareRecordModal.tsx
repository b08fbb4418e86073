import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CareRecordRow } from '../../../../shared/contract/care';
import { CARE_KINDS, CARE_OCCASIONS, type CareKind, type CareOccasion } from '../../../../shared/contract/visit-common';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { parseMoney } from '../../components/forms/money';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { formatFen } from '../customers/format';
import { todayShanghai } from '../contracts/ContractActionModal';
import { holidayName } from './badges';
import { useCareSettings, useInvalidateCare } from './hooks';
import { useCareT, type CareKey } from './i18n';

/** What the form starts from: an upcoming occasion's row, a customer page, or nothing. */
export interface CarePrefill {
  customerId?: string | null;
  customerName?: string | null;
  contactId?: string | null;
  occasion?: CareOccasion;
  holidayKey?: string | null;
  occasionDate?: string;
}

interface Values {
  customerId: string | null;
  customerName: string;
  contactId: string | null;
  occasion: CareOccasion;
  holidayKey: string | null;
  occasionDate: string;
  kind: CareKind;
  description: string;
  cost: string;
}

function initial(p: CarePrefill): Values {
  return {
    customerId: p.customerId ?? null,
    customerName: p.customerName ?? '',
    contactId: p.contactId ?? null,
    occasion: p.occasion ?? 'birthday',
    holidayKey: p.holidayKey ?? null,
    occasionDate: p.occasionDate ?? todayShanghai(),
    kind: 'gift',
    description: '',
    cost: '',
  };
}

/** The server's field names → the form's. */
const FIELD_OF: Record<string, keyof Values> = { costFen: 'cost', customerId: 'customerId', contactId: 'contactId', occasionDate: 'occasionDate', holidayKey: 'holidayKey' };

/**
 * Records one greeting or gift (记录关怀): customer, its key person, the occasion (and holiday), the date,
 * kind, what was given and its cost in yuan. A cost above the branch's approval limit is said before
 * saving: the record then waits for a leader. One submit per intent (useSubmitOnce); Ctrl+Enter saves.
 */
export function CareRecordModal({
  prefill,
  onClose,
  onDone,
}: {
  /** null: closed. */
  prefill: CarePrefill | null;
  onClose: () => void;
  onDone?: (row: CareRecordRow) => void;
}) {
  const t = useCareT();
  const { t: tApp } = useTranslation();
  const settings = useCareSettings();
  const invalidate = useInvalidateCare();
  const [values, setValues] = useState<Values>(() => initial(prefill ?? {}));
  const [start, setStart] = useState(values);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const fixedCustomer = !!prefill?.customerId;

  useEffect(() => {
    if (!prefill) return;
    const v = initial(prefill);
    setValues(v);
    setStart(v);
    setErrors({});
    setFormError(null);
    setQuery('');
    // Each opening starts from its own prefill.
  }, [prefill]);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const dirty = !!prefill && JSON.stringify(values) !== JSON.stringify(start);

  const hits = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: !!prefill && !fixedCustomer && debounced.length >= 1,
  });
  // The key people of the chosen customer (its 360 view holds them).
  const customer = useQuery({
    queryKey: ['customers.get', values.customerId],
    queryFn: () => call('customers.get', { id: values.customerId! }),
    enabled: !!prefill && !!values.customerId,
  });
  const customerOptions = [
    ...(values.customerId ? [{ value: values.customerId, label: values.customerName || '…' }] : []),
    ...(hits.data ?? []).filter((h) => h.id !== values.customerId).map((h) => ({ value: h.id, label: h.ownerName ? `${h.name}（${h.ownerName}）` : h.name })),
  ];
  const contactOptions = (customer.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }));
  const holidays = settings.data?.holidays ?? [];

  const limitFen = settings.data?.approvalLimitFen ?? null;
  const money = parseMoney(values.cost);
  const overLimit = limitFen !== null && money.fen !== null && money.fen > limitFen;

  const submit = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call(
        'care.records.create',
        {
          customerId: values.customerId ?? '',
          contactId: values.contactId,
          occasion: values.occasion,
          holidayKey: values.occasion === 'holiday' ? values.holidayKey : null,
          occasionDate: values.occasionDate,
          kind: values.kind,
          description: values.description,
          costFen: money.fen ?? 0,
        },
        { idempotencyKey },
      ),
    onSuccess: (row) => {
      notifySuccess(row.status === 'pending' ? t('form.savedPending') : t('form.saved'));
      void invalidate();
      onDone?.(row);
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
    if (!values.customerId) next.customerId = t('form.required');
    if (!values.occasionDate) next.occasionDate = t('form.required');
    if (values.occasion === 'holiday' && !values.holidayKey) next.holidayKey = t('form.required');
    if (money.problem) next.cost = tApp(money.problem);
    setErrors(next);
    if (Object.keys(next).length === 0) submit.submit();
  };
  useHotkeys([['mod+Enter', () => prefill && go()]], []);

  return (
    <GuardedModal opened={!!prefill} dirty={dirty} onClose={onClose} title={t('form.title')} size={620}>
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
              label={t('form.customer')}
              required
              searchable
              readOnly={fixedCustomer}
              placeholder={t('form.customerSearch')}
              data={customerOptions}
              value={values.customerId}
              searchValue={fixedCustomer ? values.customerName : query || (values.customerId ? values.customerName : '')}
              onSearchChange={(q) => !fixedCustomer && setQuery(q === values.customerName ? '' : q)}
              filter={({ options }) => options}
              onChange={(id) => {
                const picked = customerOptions.find((o) => o.value === id);
                set({ customerId: id, customerName: picked ? (hits.data?.find((h) => h.id === id)?.name ?? picked.label) : '', contactId: null });
                setQuery('');
              }}
              error={errors.customerId}
            />
            <Select
              label={t('form.contact')}
              clearable
              placeholder={t('form.contactNone')}
              data={contactOptions}
              value={values.contactId}
              onChange={(id) => set({ contactId: id })}
              disabled={!values.customerId}
              error={errors.contactId}
            />
            <Select
              label={t('form.occasion')}
              required
              allowDeselect={false}
              data={CARE_OCCASIONS.map((o) => ({ value: o, label: t(`occasion.${o}` as CareKey) }))}
              value={values.occasion}
              onChange={(v) => v && set({ occasion: v as CareOccasion })}
            />
            {values.occasion === 'holiday' ? (
              <Select
                label={t('form.holiday')}
                required
                data={holidays.map((h) => ({ value: h.key, label: holidayName(t, h.key, h.name) }))}
                value={values.holidayKey}
                onChange={(v) => set({ holidayKey: v })}
                error={errors.holidayKey}
              />
            ) : (
              <div />
            )}
            <TextInput type="date" label={t('form.date')} required value={values.occasionDate} onChange={(e) => set({ occasionDate: e.currentTarget.value })} error={errors.occasionDate} />
            <Select
              label={t('form.kind')}
              required
              allowDeselect={false}
              data={CARE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as CareKey) }))}
              value={values.kind}
              onChange={(v) => v && set({ kind: v as CareKind })}
            />
            <div style={{ gridColumn: '1 / -1' }}>
              <LimitedTextarea
                label={t('form.description')}
                placeholder={t('form.descriptionPlaceholder')}
                maxLength={1000}
                maxRows={4}
                value={values.description}
                onChange={(e) => set({ description: e.currentTarget.value })}
                error={errors.description}
              />
            </div>
            <MoneyInput label={t('form.cost')} value={values.cost} onChange={(cost) => set({ cost })} error={errors.cost} />
          </SimpleGrid>
          {limitFen !== null && (
            <Alert color={overLimit ? 'orange' : 'gray'} variant="light" py={6} role={overLimit ? 'status' : undefined}>
              {overLimit ? t('form.overLimit', { limit: formatFen(limitFen) }) : t('form.underLimit', { limit: formatFen(limitFen) })}
            </Alert>
          )}
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="yellow" loading={submit.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
