import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContractDetail } from '../../../../shared/contract/contracts';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { DraftNotice } from '../../components/forms/DraftNotice';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../components/forms/money';
import { useFormDraft } from '../../components/forms/draft';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { GreenTabs } from '../green/GreenTabs';
import { useContract, useInvalidateContracts } from './hooks';
import { useContractsT } from './i18n';

interface Values {
  customerId: string | null;
  customerName: string;
  title: string;
  amount: string;
  signed: boolean;
  signDate: string;
  startDate: string;
  endDate: string;
  paymentTerms: string;
  renewalTerms: string;
  notes: string;
}

const EMPTY: Values = {
  customerId: null,
  customerName: '',
  title: '',
  amount: '',
  signed: false,
  signDate: '',
  startDate: '',
  endDate: '',
  paymentTerms: '',
  renewalTerms: '',
  notes: '',
};

function fromContract(c: ContractDetail): Values {
  return {
    customerId: c.customerId,
    customerName: c.customerName,
    title: c.title,
    amount: fenToYuanText(c.amountFen),
    signed: c.status !== 'draft',
    signDate: c.signDate ?? '',
    startDate: c.startDate ?? '',
    endDate: c.endDate ?? '',
    paymentTerms: c.paymentTerms,
    renewalTerms: c.renewalTerms,
    notes: c.notes,
  };
}

/** The contract form page: /green/contracts/new (?customerId= from the 360 page) and /green/contracts/:id/edit. */
export function ContractFormPage() {
  const { id } = useParams();
  const existing = useContract(id ?? '');
  if (id && existing.isPending)
    return (
      <Center h={300}>
        <Loader />
      </Center>
    );
  if (id && (existing.isError || !existing.data)) return <Alert color="gray">{errorMessage(existing.error)}</Alert>;
  return <ContractForm contract={id ? existing.data! : null} />;
}

/**
 * Records a contract (a draft, or one already signed with its term) or edits one. What is typed is kept as
 * a draft until saved (a reload restores it), leaving with changes asks first, one submit creates one
 * contract however often it is pressed, and the server's messages land under the fields they name.
 * The dates of a signed contract are not edited here: they move by 续签 or 顺延 on the contract page.
 */
function ContractForm({ contract }: { contract: ContractDetail | null }) {
  const t = useContractsT();
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateContracts();
  const [params] = useSearchParams();
  const fromCustomer = params.get('customerId');
  const start: Values = contract ? fromContract(contract) : { ...EMPTY, customerId: fromCustomer };
  const draft = useFormDraft<Values>('contract', contract?.id ?? (fromCustomer ? `new-${fromCustomer}` : null));
  const [restored, setRestored] = useState(() => draft.read());
  const [values, setValues] = useState<Values>(() => ({ ...start, ...restored?.values }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k];
      return next;
    });
  };
  const dirty = JSON.stringify(values) !== JSON.stringify(start);
  useDirtyGuard(dirty);
  const datesFixed = !!contract && contract.status !== 'draft';

  // The customer given by the 360 page: its name for the picker.
  const given = useQuery({
    queryKey: ['customers.get', fromCustomer],
    queryFn: () => call('customers.get', { id: fromCustomer! }),
    enabled: !contract && !!fromCustomer && !values.customerName,
    select: (d) => d.customer.name,
  });
  useEffect(() => {
    if (given.data && !values.customerName) setValues((v) => ({ ...v, customerName: given.data }));
    // Fill the name once it arrives; typing is not overwritten.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given.data]);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const hits = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: !contract && debounced.length >= 1,
  });
  const customerOptions = [
    ...(values.customerId ? [{ value: values.customerId, label: values.customerName || '…' }] : []),
    ...(hits.data ?? []).filter((h) => h.id !== values.customerId).map((h) => ({ value: h.id, label: h.ownerName ? `${h.name}（${h.ownerName}）` : h.name })),
  ];

  const save = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) => {
      const amountFen = parseMoney(values.amount).fen ?? 0;
      const terms = { paymentTerms: values.paymentTerms, renewalTerms: values.renewalTerms, notes: values.notes };
      const dates = { signDate: values.signDate || null, startDate: values.startDate || null, endDate: values.endDate || null };
      if (contract) {
        return call('contracts.update', { id: contract.id, title: values.title, amountFen, ...terms, ...(datesFixed ? {} : dates) });
      }
      return call('contracts.create', { customerId: values.customerId ?? '', title: values.title, amountFen, signed: values.signed, ...dates, ...terms }, { idempotencyKey });
    },
    onSuccess: (c) => {
      draft.clear();
      notifySuccess(contract ? t('form.saved', { number: c.number }) : t('form.created', { number: c.number }));
      void invalidate();
      navigate(`/green/contracts/${c.id}`, { replace: !!contract });
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (fields.amountFen) fields.amount = fields.amountFen;
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : errorMessage(e));
    },
  });
  const { resumeKey } = save;
  const restoredKey = restored?.idempotencyKey;
  // A restored draft continues its intent: if its contract was in fact created, the server says so.
  useEffect(() => {
    if (restoredKey) resumeKey(restoredKey);
  }, [restoredKey, resumeKey]);
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (dirty) draft.write(JSON.parse(serialized) as Values, save.idempotencyKey);
    else draft.clear();
  }, [dirty, serialized, draft, save.idempotencyKey]);

  /** The checks the form can make before asking the server (which checks them again). */
  const validate = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!values.customerId) out.customerId = t('field.required');
    if (!values.title.trim()) out.title = t('field.required');
    const money = parseMoney(values.amount);
    if (money.problem) out.amount = tApp(money.problem);
    else if (money.fen === null) out.amount = t('field.required');
    if (values.signed && !datesFixed) {
      for (const f of ['signDate', 'startDate', 'endDate'] as const) if (!values[f]) out[f] = t('field.required');
    }
    if (values.startDate && values.endDate && values.endDate < values.startDate) out.endDate = t('field.endBeforeStart');
    return out;
  };
  const submit = () => {
    const problems = validate();
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length === 0) save.submit();
  };
  useHotkeys([['mod+Enter', submit]], []);
  const discardDraft = () => {
    draft.clear();
    setRestored(null);
    setValues(start);
    setErrors({});
    save.renewKey();
  };
  const date = (field: 'signDate' | 'startDate' | 'endDate', label: string) => (
    <TextInput
      type="date"
      label={label}
      required={values.signed}
      disabled={datesFixed}
      value={values[field]}
      error={errors[field]}
      onChange={(e) => set({ [field]: e.currentTarget.value })}
    />
  );

  return (
    <Stack gap={0} maw={920}>
      <GreenTabs />
      <Anchor component={Link} to={contract ? `/green/contracts/${contract.id}` : '/green/contracts'} size="xs" mb={4}>
        ‹ {contract ? contract.number : t('detail.back')}
      </Anchor>
      <Title order={2} size="h3" mb="sm">
        {contract ? t('form.editTitle', { number: contract.number }) : t('form.newTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {restored && <DraftNotice savedAt={restored.savedAt} onDiscard={discardDraft} />}
          {formError && (
            <Alert color="red" role="alert" py={6}>
              {formError}
            </Alert>
          )}
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
                <Select
                  label={t('field.customer')}
                  required
                  searchable
                  disabled={!!contract}
                  placeholder={t('field.customerSearch')}
                  data={customerOptions}
                  value={values.customerId}
                  searchValue={query || (values.customerId ? values.customerName : '')}
                  onSearchChange={(v) => setQuery(v === values.customerName ? '' : v)}
                  filter={({ options }) => options}
                  onChange={(v) => {
                    const picked = customerOptions.find((o) => o.value === v);
                    set({ customerId: v, customerName: picked ? (hits.data?.find((h) => h.id === v)?.name ?? picked.label) : '' });
                    setQuery('');
                  }}
                  error={errors.customerId}
                  nothingFoundMessage={debounced ? '—' : undefined}
                  autoFocus={!contract && !fromCustomer}
                />
                <TextInput
                  label={t('field.title')}
                  required
                  maxLength={200}
                  value={values.title}
                  error={errors.title}
                  onChange={(e) => set({ title: e.currentTarget.value })}
                  data-autofocus={!!fromCustomer || undefined}
                  autoFocus={!!fromCustomer}
                />
                <MoneyInput label={t('field.amount')} required value={values.amount} error={errors.amount} onChange={(amount) => set({ amount })} />
              </SimpleGrid>
              {!contract && (
                <Checkbox label={t('field.signed')} checked={values.signed} onChange={(e) => set({ signed: e.currentTarget.checked })} />
              )}
              <SimpleGrid cols={3} spacing="sm">
                {date('signDate', t('field.signDate'))}
                {date('startDate', t('field.startDate'))}
                {date('endDate', t('field.endDate'))}
              </SimpleGrid>
              {datesFixed && (
                <Text size="xs" c="dimmed">
                  {t('form.datesFixed')}
                </Text>
              )}
              <SimpleGrid cols={2} spacing="sm">
                <LimitedTextarea label={t('field.paymentTerms')} maxLength={2000} value={values.paymentTerms} error={errors.paymentTerms} onChange={(e) => set({ paymentTerms: e.currentTarget.value })} />
                <LimitedTextarea label={t('field.renewalTerms')} maxLength={2000} value={values.renewalTerms} error={errors.renewalTerms} onChange={(e) => set({ renewalTerms: e.currentTarget.value })} />
              </SimpleGrid>
              <LimitedTextarea label={t('field.notes')} maxLength={2000} value={values.notes} error={errors.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
            </Stack>
          </Paper>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(-1)}>
              {t('modal.cancel')}
            </Button>
            <Button type="submit" color="green" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
