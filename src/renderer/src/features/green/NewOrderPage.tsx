import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ActionIcon, Anchor, Badge, Button, Card, Grid, Group, Kbd, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { DraftNotice } from '../../components/forms/DraftNotice';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useFormDraft } from '../../components/forms/draft';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { formatMinutes } from '../../lib/format';
import { fieldErrorsDeep } from './fieldErrors';
import { GreenTabs } from './GreenTabs';
import { useInvalidateOrders, useOrdersConfig } from './hooks';
import { useGreenT } from './i18n';

interface ProductLine {
  product: string;
  quantity: number | string;
  note: string;
}

/** Everything typed on the form: what the draft keeps across a reload. */
interface OrderValues {
  customerId: string | null;
  customerName: string;
  businessType: string | null;
  products: ProductLine[];
  siteAddress: string;
  expectedDate: string;
  contractId: string | null;
  notes: string;
}

const EMPTY_LINE: ProductLine = { product: '', quantity: 1, note: '' };
const EMPTY: OrderValues = {
  customerId: null,
  customerName: '',
  businessType: null,
  products: [EMPTY_LINE],
  siteAddress: '',
  expectedDate: '',
  contractId: null,
  notes: '',
};

/**
 * Opens a work order: the customer (picked by name, or given by the customer page), the business type with
 * its stages and time limits shown before submitting, the products and quantities, site, expected date,
 * contract and notes. Kept as a draft until created; one submit opens one order (idempotency key).
 */
export function NewOrderPage() {
  const t = useGreenT();
  const navigate = useNavigate();
  const invalidate = useInvalidateOrders();
  const config = useOrdersConfig();
  const [params] = useSearchParams();
  const fromCustomer = params.get('customerId');
  // Opened from a visit (黄色通道 "转为业务工单"): the order links back to it and starts from its need.
  const fromVisit = params.get('visitId');
  const draft = useFormDraft<OrderValues>('greenOrder', fromVisit ?? fromCustomer ?? 'new');
  const [restored, setRestored] = useState(() => draft.read());
  const start = (): OrderValues => ({
    ...EMPTY,
    ...(fromCustomer ? { customerId: fromCustomer } : {}),
    ...(fromVisit ? { notes: (params.get('notes') ?? '').slice(0, 2000) } : {}),
  });
  const [values, setValues] = useState<OrderValues>(() => ({ ...start(), ...restored?.values }));
  // What the form started from (the customer page's customer and its address filled in): not typed work.
  const [baseline, setBaseline] = useState<OrderValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [query, setQuery] = useState(values.customerName);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const patch = (p: Partial<OrderValues>) => {
    setValues((v) => ({ ...v, ...p }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(p)) delete next[k];
      return next;
    });
  };

  // The customer given by the customer page: its name for the picker.
  const given = useQuery({
    queryKey: ['customers.get', fromCustomer],
    queryFn: () => call('customers.get', { id: fromCustomer! }),
    enabled: !!fromCustomer && !values.customerName,
    select: (d) => ({ id: d.customer.id, name: d.customer.name, address: d.customer.address }),
  });
  useEffect(() => {
    if (given.data && values.customerId === given.data.id && !values.customerName) {
      const fill = (v: OrderValues) => ({ ...v, customerName: given.data.name, siteAddress: v.siteAddress || given.data.address || '' });
      setValues(fill);
      setBaseline(fill);
      setQuery(given.data.name);
    }
  }, [given.data, values.customerId, values.customerName]);
  const lookup = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: debounced.length >= 1 && debounced !== values.customerName,
  });
  // The contracts of the chosen customer, when the contracts module answers; otherwise linked later.
  const contracts = useQuery({
    queryKey: ['contracts.list', 'forOrder', values.customerId],
    queryFn: () => call('contracts.list', { customerId: values.customerId!, pageSize: 50 }),
    enabled: !!values.customerId,
    retry: false,
  });

  const customerOptions = useMemo(() => {
    const found = (lookup.data ?? []).map((c) => ({ value: c.id, label: c.name, owner: c.ownerName }));
    if (values.customerId && !found.some((f) => f.value === values.customerId)) {
      found.unshift({ value: values.customerId, label: values.customerName || '…', owner: null });
    }
    return found;
  }, [lookup.data, values.customerId, values.customerName]);

  const types = (config.data?.businessTypes ?? []).filter((b) => b.active || b.key === values.businessType);
  const type = types.find((b) => b.key === values.businessType);
  const totalLimit = type?.template.stages.reduce((sum, s) => sum + s.limitMinutes, 0) ?? 0;

  const dirty = JSON.stringify({ ...values, customerName: '' }) !== JSON.stringify({ ...baseline, customerName: '' });
  useDirtyGuard(dirty);

  /** Checks in place before anything is sent; the server checks again (and names the field). */
  const validate = (): boolean => {
    const e: Record<string, string> = {};
    const required = t('form.required');
    if (!values.customerId) e.customerId = required;
    if (!values.businessType) e.businessType = required;
    values.products.forEach((p, i) => {
      if (!p.product.trim()) e[`products.${i}.product`] = required;
      const q = Number(p.quantity);
      if (!Number.isInteger(q) || q < 1) e[`products.${i}.quantity`] = t('form.quantityInvalid');
    });
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const create = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call(
        'orders.create',
        {
          customerId: values.customerId!,
          businessType: values.businessType!,
          products: values.products.map((p) => ({ product: p.product, quantity: Number(p.quantity), note: p.note })),
          siteAddress: values.siteAddress,
          expectedDate: values.expectedDate || null,
          contractId: values.contractId,
          notes: values.notes,
          visitId: fromVisit,
        },
        { idempotencyKey },
      ),
    onSuccess: (order) => {
      draft.clear();
      notifySuccess(t('new.created', { number: order.number, stage: order.currentStageName ?? '' }));
      void invalidate();
      navigate(`/green/orders/${order.id}`);
    },
    onError: (e) => {
      setErrors(fieldErrorsDeep(e));
      notifyError(e);
    },
  });
  const { resumeKey } = create;
  const restoredKey = restored?.idempotencyKey;
  // A restored draft continues its intent: if its order was in fact created, the server says so.
  useEffect(() => {
    if (restoredKey) resumeKey(restoredKey);
  }, [restoredKey, resumeKey]);
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (dirty) draft.write(JSON.parse(serialized) as OrderValues, create.idempotencyKey);
    else draft.clear();
  }, [dirty, serialized, draft, create.idempotencyKey]);

  const submit = () => {
    if (validate()) create.submit();
  };
  useHotkeys([['mod+Enter', submit]], []);

  const setLine = (i: number, p: Partial<ProductLine>) =>
    patch({ products: values.products.map((line, j) => (j === i ? { ...line, ...p } : line)) });

  return (
    <Stack gap={0}>
      <PageHeader title={t('module.title')} description={t('module.description')} />
      <GreenTabs />
      {restored && (
        <DraftNotice
          savedAt={restored.savedAt}
          onDiscard={() => {
            draft.clear();
            setRestored(null);
            setValues(start());
            setBaseline(start());
            setQuery('');
            setErrors({});
            create.renewKey();
          }}
        />
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Text fw={600} size="lg" mb="xs" mt="xs" component="h3">
          {t('new.title')}
        </Text>
        {fromVisit && (
          <Text size="sm" mb="xs">
            <Anchor component={Link} to={`/yellow/visits/${fromVisit}`}>
              {t('new.fromVisit')}
            </Anchor>
          </Text>
        )}
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xs">
              <Group grow align="flex-start">
                <Select
                  label={t('new.customer')}
                  placeholder={t('new.customerHint')}
                  required
                  searchable
                  autoFocus={!fromCustomer}
                  data={customerOptions.map((c) => ({ value: c.value, label: c.label }))}
                  value={values.customerId}
                  searchValue={query}
                  onSearchChange={setQuery}
                  onChange={(id, option) => {
                    patch({ customerId: id, customerName: option?.label ?? '', contractId: null });
                    setQuery(option?.label ?? '');
                  }}
                  filter={({ options }) => options}
                  nothingFoundMessage={debounced ? t('new.noCustomer') : undefined}
                  error={errors.customerId}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  label={t('new.businessType')}
                  required
                  data={types.map((b) => ({ value: b.key, label: b.name }))}
                  value={values.businessType}
                  onChange={(v) => patch({ businessType: v })}
                  error={errors.businessType}
                  autoFocus={!!fromCustomer}
                  description={config.data && types.length === 0 ? t('new.noTypes') : undefined}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
              <div>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={500}>
                    {t('new.products')} <Text span c="red">*</Text>
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconPlus size={12} />}
                    onClick={() => patch({ products: [...values.products, EMPTY_LINE] })}
                    disabled={values.products.length >= 50}
                  >
                    {t('new.addProduct')}
                  </Button>
                </Group>
                <Table withTableBorder verticalSpacing={4} horizontalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('new.product')}</Table.Th>
                      <Table.Th w={110}>{t('new.quantity')}</Table.Th>
                      <Table.Th>{t('new.productNote')}</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {values.products.map((line, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={`${t('new.product')} ${i + 1}`}
                            maxLength={100}
                            value={line.product}
                            onChange={(e) => setLine(i, { product: e.currentTarget.value })}
                            error={errors[`products.${i}.product`] ?? (i === 0 ? errors.products : undefined)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            size="xs"
                            aria-label={`${t('new.quantity')} ${i + 1}`}
                            min={1}
                            max={100_000}
                            allowDecimal={false}
                            allowNegative={false}
                            value={line.quantity}
                            onChange={(v) => setLine(i, { quantity: v })}
                            error={errors[`products.${i}.quantity`]}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={`${t('new.productNote')} ${i + 1}`}
                            maxLength={200}
                            value={line.note}
                            onChange={(e) => setLine(i, { note: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('new.removeProduct')}
                            disabled={values.products.length <= 1}
                            onClick={() => patch({ products: values.products.filter((_, j) => j !== i) })}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
              <TextInput
                label={t('new.siteAddress')}
                maxLength={200}
                value={values.siteAddress}
                onChange={(e) => patch({ siteAddress: e.currentTarget.value })}
                error={errors.siteAddress}
              />
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={t('new.expectedDate')}
                  value={values.expectedDate}
                  onChange={(e) => patch({ expectedDate: e.currentTarget.value })}
                  error={errors.expectedDate}
                />
                <Select
                  label={t('new.contract')}
                  placeholder={t('new.contractNone')}
                  clearable
                  disabled={!values.customerId || !contracts.isSuccess}
                  description={contracts.isError ? t('new.contractLater') : undefined}
                  data={(contracts.data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.title}` }))}
                  value={values.contractId}
                  onChange={(v) => patch({ contractId: v })}
                  error={errors.contractId}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
              <LimitedTextarea
                label={t('new.notes')}
                maxLength={2000}
                value={values.notes}
                onChange={(e) => patch({ notes: e.currentTarget.value })}
                error={errors.notes}
              />
              <Group justify="flex-end">
                <Button type="submit" color="green" loading={create.isPending} rightSection={<Kbd size="xs">Ctrl ↵</Kbd>}>
                  {t('new.submit')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder padding="sm">
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t('new.stages')}</Text>
                {type && (
                  <Text size="xs" c="dimmed">
                    {t('new.fromTemplate', { version: type.template.version })}
                  </Text>
                )}
              </Group>
              {!type ? (
                <Text size="sm" c="dimmed">
                  {t('new.pickType')}
                </Text>
              ) : (
                <>
                  <Table verticalSpacing={4} fz="sm" aria-label={t('new.stages')}>
                    <Table.Tbody>
                      {type.template.stages.map((s, i) => (
                        <Table.Tr key={s.key}>
                          <Table.Td w={28} c="dimmed">
                            {i + 1}
                          </Table.Td>
                          <Table.Td>
                            {s.name}
                            {!s.required && (
                              <Badge ml={6} size="xs" variant="outline" color="gray" radius="sm">
                                {t('new.optional')}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td c="dimmed">{s.department}</Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {formatMinutes(s.limitMinutes)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Text size="sm" ta="right" mt={4} fw={500}>
                    {t('new.stagesTotal', { time: formatMinutes(totalLimit) })}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('new.calendar', { name: config.data?.calendarName ?? '' })}
                  </Text>
                </>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      </form>
    </Stack>
  );
}
