import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, Grid, Group, Kbd, Loader, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { LATE_ENTRY_DAYS, VISIT_KINDS, type VisitKind } from '../../../../shared/contract/visit-common';
import type { VisitDetail } from '../../../../shared/contract/visits';
import { call, errorMessage } from '../../api/client';
import { useSession } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { DraftNotice } from '../../components/forms/DraftNotice';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useFormDraft } from '../../components/forms/draft';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { fieldErrorsDeep } from '../green/fieldErrors';
import { daysBetween, todayShanghai, useInvalidateVisits } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';
import { YellowTabs } from './YellowTabs';

/** Everything typed on the record form: what the draft keeps across a reload. */
interface RecordValues {
  customerId: string | null;
  customerName: string;
  kind: VisitKind;
  visitDate: string;
  startTime: string;
  durationMinutes: number | string;
  participantIds: string[];
  contactIds: string[];
  purpose: string;
  needs: string;
  competitor: string;
  complaints: string;
  outcome: string;
  nextStep: string;
  nextStepDate: string;
}

const EMPTY: RecordValues = {
  customerId: null,
  customerName: '',
  kind: 'onsite',
  visitDate: '',
  startTime: '',
  durationMinutes: '',
  participantIds: [],
  contactIds: [],
  purpose: '',
  needs: '',
  competitor: '',
  complaints: '',
  outcome: '',
  nextStep: '',
  nextStepDate: '',
};

/** The form's values for an existing visit: a plan item being recorded, or a record being corrected. */
function fromVisit(v: VisitDetail, today: string): RecordValues {
  return {
    customerId: v.customerId,
    customerName: v.customerName,
    kind: v.kind,
    // A plan item is usually recorded on its day; one recorded early or late is corrected by hand.
    visitDate: v.status === 'planned' && v.visitDate > today ? today : v.visitDate,
    startTime: v.startTime ?? '',
    durationMinutes: v.durationMinutes ?? '',
    participantIds: v.participants.map((p) => p.id),
    contactIds: v.contactsMet.map((c) => c.id),
    purpose: v.purpose,
    needs: v.needs,
    competitor: v.competitor,
    complaints: v.complaints,
    outcome: v.outcome,
    nextStep: v.nextStep,
    nextStepDate: v.nextStepDate ?? '',
  };
}

/**
 * Records a visit (记录走访): a new one for a customer (from the calendar's day, the customer page or the
 * list), a planned one being completed (visitId), or a record being corrected. What was discussed, whom we
 * met, needs, competitors, complaints, outcome and the next step with its date (which becomes a reminder).
 * Written more than 7 days after the visit it is marked 补录. Kept as a draft until saved.
 */
export function NewVisitPage() {
  const t = useVisitsT();
  const [params] = useSearchParams();
  const visitId = params.get('visitId');
  const visit = useQuery({ queryKey: ['visits.get', visitId], queryFn: () => call('visits.get', { id: visitId! }), enabled: !!visitId });
  if (visitId && visit.isLoading) return <Loader />;
  if (visitId && (visit.isError || !visit.data)) return <Alert color="red">{errorMessage(visit.error)}</Alert>;
  return (
    <Stack gap={0}>
      <PageHeader title={t('module.title')} description={t('module.description')} />
      <YellowTabs />
      <RecordForm key={visitId ?? 'new'} visit={visit.data ?? null} />
    </Stack>
  );
}

function RecordForm({ visit }: { visit: VisitDetail | null }) {
  const t = useVisitsT();
  const navigate = useNavigate();
  const invalidate = useInvalidateVisits();
  const { user } = useSession();
  const [params] = useSearchParams();
  const today = todayShanghai();
  const editing = visit?.status === 'done';
  const fromCustomer = params.get('customerId');
  const start = (): RecordValues =>
    visit ? fromVisit(visit, today) : { ...EMPTY, customerId: fromCustomer, visitDate: params.get('date') ?? today };
  const draft = useFormDraft<RecordValues>('visitRecord', visit?.id ?? fromCustomer ?? 'new');
  const [restored, setRestored] = useState(() => draft.read());
  const [values, setValues] = useState<RecordValues>(() => ({ ...start(), ...restored?.values }));
  const [baseline, setBaseline] = useState<RecordValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [query, setQuery] = useState(values.customerName);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const patch = (p: Partial<RecordValues>) => {
    setValues((v) => ({ ...v, ...p }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(p)) delete next[k];
      return next;
    });
  };

  // The customer: its name for the picker and its key people for "whom we met".
  const customer = useQuery({
    queryKey: ['customers.get', values.customerId],
    queryFn: () => call('customers.get', { id: values.customerId! }),
    enabled: !!values.customerId,
    select: (d) => ({ id: d.customer.id, name: d.customer.name, contacts: d.contacts }),
  });
  useEffect(() => {
    if (customer.data && values.customerId === customer.data.id && !values.customerName) {
      const fill = (v: RecordValues) => ({ ...v, customerName: customer.data.name });
      setValues(fill);
      setBaseline(fill);
      setQuery(customer.data.name);
    }
  }, [customer.data, values.customerId, values.customerName]);
  const lookup = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: !visit && debounced.length >= 1 && debounced !== values.customerName,
  });
  const users = useQuery({ queryKey: ['users.options', 'all'], queryFn: () => call('users.options', {}), staleTime: 5 * 60_000 });

  const customerOptions = useMemo(() => {
    const found = (lookup.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (values.customerId && !found.some((f) => f.value === values.customerId)) found.unshift({ value: values.customerId, label: values.customerName || '…' });
    return found;
  }, [lookup.data, values.customerId, values.customerName]);
  const contactOptions = (customer.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.title ? t('person.titled', { name: c.name, title: c.title }) : c.name }));
  const ownerId = visit?.ownerId ?? user.id;
  const userOptions = (users.data ?? []).filter((u) => u.id !== ownerId).map((u) => ({ value: u.id, label: u.department ? `${u.displayName} · ${u.department}` : u.displayName }));

  const dirty = JSON.stringify({ ...values, customerName: '' }) !== JSON.stringify({ ...baseline, customerName: '' });
  useDirtyGuard(dirty);
  const lateEntry = !!values.visitDate && daysBetween(values.visitDate, today) > LATE_ENTRY_DAYS;
  const future = !!values.visitDate && values.visitDate > today;

  /** Checks in place before anything is sent; the server checks again (and names the field). */
  const validate = (): boolean => {
    const e: Record<string, string> = {};
    const required = t('form.required');
    if (!values.customerId) e.customerId = required;
    if (!values.visitDate) e.visitDate = required;
    else if (future) e.visitDate = t('form.future');
    if (!values.purpose.trim()) e.purpose = required;
    const minutes = values.durationMinutes === '' ? null : Number(values.durationMinutes);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)) e.durationMinutes = t('form.durationInvalid');
    if (values.nextStepDate && !values.nextStep.trim()) e.nextStep = t('form.nextStepNeeded');
    if (values.nextStepDate && values.visitDate && values.nextStepDate < values.visitDate) e.nextStepDate = t('form.nextStepBefore');
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const fields = () => ({
    kind: values.kind,
    visitDate: values.visitDate,
    startTime: values.startTime || null,
    durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
    participantIds: values.participantIds,
    contactIds: values.contactIds,
    purpose: values.purpose,
    needs: values.needs,
    competitor: values.competitor,
    complaints: values.complaints,
    outcome: values.outcome,
    nextStep: values.nextStep,
    nextStepDate: values.nextStepDate || null,
  });
  const save = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      editing
        ? call('visits.update', { id: visit!.id, ...fields() })
        : call('visits.record', { ...(visit ? { id: visit.id } : { customerId: values.customerId! }), ...fields() }, { idempotencyKey }),
    onSuccess: (v) => {
      draft.clear();
      notifySuccess(editing ? t('record.updated', { number: v.number }) : t('record.saved', { number: v.number, customer: v.customerName }));
      void invalidate();
      navigate(`/yellow/visits/${v.id}`);
    },
    onError: (e) => {
      setErrors(fieldErrorsDeep(e));
      notifyError(e);
    },
  });
  const { resumeKey } = save;
  const restoredKey = restored?.idempotencyKey;
  // A restored draft continues its intent: if its record was in fact saved, the server says so.
  useEffect(() => {
    if (restoredKey) resumeKey(restoredKey);
  }, [restoredKey, resumeKey]);
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (dirty) draft.write(JSON.parse(serialized) as RecordValues, save.idempotencyKey);
    else draft.clear();
  }, [dirty, serialized, draft, save.idempotencyKey]);

  const submit = () => {
    if (validate()) save.submit();
  };
  useHotkeys([['mod+Enter', submit]], []);

  const heading = editing ? t('record.editTitle', { number: visit!.number }) : visit ? t('record.planTitle', { number: visit.number }) : t('record.title');
  return (
    <>
      {restored && (
        <DraftNotice
          savedAt={restored.savedAt}
          onDiscard={() => {
            draft.clear();
            setRestored(null);
            setValues(start());
            setBaseline(start());
            setQuery(start().customerName);
            setErrors({});
            save.renewKey();
          }}
        />
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Group justify="space-between" mt="xs" mb="xs">
          <Text fw={600} size="lg" component="h3" m={0}>
            {heading}
          </Text>
          {visit && (
            <Anchor component={Link} to={`/yellow/visits/${visit.id}`} size="sm">
              {t('record.backToVisit')}
            </Anchor>
          )}
        </Group>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="xs">
              <Select
                label={t('form.customer')}
                placeholder={t('form.customerHint')}
                required
                searchable
                disabled={!!visit}
                autoFocus={!values.customerId}
                data={customerOptions}
                value={values.customerId}
                searchValue={query}
                onSearchChange={setQuery}
                onChange={(id, option) => {
                  patch({ customerId: id, customerName: option?.label ?? '', contactIds: [] });
                  setQuery(option?.label ?? '');
                }}
                filter={({ options }) => options}
                nothingFoundMessage={debounced ? t('form.noCustomer') : undefined}
                error={errors.customerId}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('form.kind')}
                required
                allowDeselect={false}
                data={VISIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as VisitsKey) }))}
                value={values.kind}
                onChange={(v) => v && patch({ kind: v as VisitKind })}
                error={errors.kind}
                comboboxProps={{ withinPortal: true }}
              />
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={t('form.date')}
                  required
                  max={today}
                  autoFocus={!!values.customerId}
                  value={values.visitDate}
                  onChange={(e) => patch({ visitDate: e.currentTarget.value })}
                  error={errors.visitDate}
                />
                <TextInput type="time" label={t('form.time')} value={values.startTime} onChange={(e) => patch({ startTime: e.currentTarget.value })} error={errors.startTime} />
                <NumberInput
                  label={t('form.duration')}
                  min={1}
                  max={1440}
                  step={15}
                  allowDecimal={false}
                  allowNegative={false}
                  value={values.durationMinutes}
                  onChange={(v) => patch({ durationMinutes: v })}
                  error={errors.durationMinutes}
                />
              </Group>
              {lateEntry && (
                <Alert color="orange" variant="light" py={6} icon={<IconAlertTriangle size={16} />} role="status">
                  {t('form.lateEntry', { days: LATE_ENTRY_DAYS })}
                </Alert>
              )}
              <MultiSelect
                label={t('form.contacts')}
                placeholder={values.customerId && customer.isSuccess && contactOptions.length === 0 ? t('form.noContacts') : undefined}
                searchable
                disabled={!values.customerId}
                data={contactOptions}
                value={values.contactIds}
                onChange={(ids) => patch({ contactIds: ids })}
                error={errors.contactIds}
                comboboxProps={{ withinPortal: true }}
              />
              <MultiSelect
                label={t('form.participants')}
                description={t('form.participantsHint')}
                searchable
                data={userOptions}
                value={values.participantIds}
                onChange={(ids) => patch({ participantIds: ids })}
                error={errors.participantIds}
                comboboxProps={{ withinPortal: true }}
              />
              <LimitedTextarea label={t('form.purpose')} required maxLength={500} minRows={1} value={values.purpose} onChange={(e) => patch({ purpose: e.currentTarget.value })} error={errors.purpose} />
              <LimitedTextarea label={t('form.outcome')} maxLength={4000} value={values.outcome} onChange={(e) => patch({ outcome: e.currentTarget.value })} error={errors.outcome} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="xs">
              <LimitedTextarea label={t('form.needs')} description={t('form.needsHint')} maxLength={4000} value={values.needs} onChange={(e) => patch({ needs: e.currentTarget.value })} error={errors.needs} />
              <LimitedTextarea label={t('form.competitor')} maxLength={4000} value={values.competitor} onChange={(e) => patch({ competitor: e.currentTarget.value })} error={errors.competitor} />
              <LimitedTextarea label={t('form.complaints')} maxLength={4000} value={values.complaints} onChange={(e) => patch({ complaints: e.currentTarget.value })} error={errors.complaints} />
              <LimitedTextarea label={t('form.nextStep')} maxLength={1000} minRows={1} value={values.nextStep} onChange={(e) => patch({ nextStep: e.currentTarget.value })} error={errors.nextStep} />
              <TextInput
                type="date"
                label={t('form.nextStepDate')}
                description={t('form.nextStepDateHint')}
                value={values.nextStepDate}
                onChange={(e) => patch({ nextStepDate: e.currentTarget.value })}
                error={errors.nextStepDate}
              />
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" color="yellow" autoContrast loading={save.isPending} rightSection={<Kbd size="xs">Ctrl ↵</Kbd>}>
            {editing ? t('record.update') : t('record.submit')}
          </Button>
        </Group>
      </form>
    </>
  );
}
