import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_SIZES,
  CUSTOMER_STAGES,
  CUSTOMER_TYPES,
  SENSITIVITIES,
  type CustomerStage,
  type CustomerType,
} from '../../../../../shared/contract/customer-common';
import type { Customer } from '../../../../../shared/contract/customers';
import { call, errorMessage, fieldErrors } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { notifySuccess } from '../../../components/notify';
import { DraftNotice } from '../../../components/forms/DraftNotice';
import { CancelButton, GuardedModal } from '../../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../../components/forms/LimitedTextarea';
import { useFormDraft } from '../../../components/forms/draft';
import { allowLeaving } from '../../../components/forms/unsaved';
import { useSubmitOnce } from '../../../components/forms/useSubmitOnce';
import { useAccountManagers, useBranchSettings, useInvalidateCustomers } from '../hooks';
import { ParentPicker } from './ParentPicker';
import { creditCodeProblem, normaliseCreditCode, useDuplicateCheck } from './useDuplicateCheck';

type Size = (typeof CUSTOMER_SIZES)[number];
type Sensitivity = (typeof SENSITIVITIES)[number];

interface Values {
  name: string;
  shortName: string;
  creditCode: string;
  industry: string;
  type: CustomerType;
  region: string;
  address: string;
  size: Size | null;
  parentId: string | null;
  sensitivity: Sensitivity | null;
  tags: string[];
  notes: string;
  designatedStrategic: boolean;
  foundedOn: string;
  stage: CustomerStage;
  ownerId: string | null;
}

const EMPTY: Values = {
  name: '',
  shortName: '',
  creditCode: '',
  industry: '',
  type: 'enterprise',
  region: '',
  address: '',
  size: null,
  parentId: null,
  sensitivity: null,
  tags: [],
  notes: '',
  designatedStrategic: false,
  foundedOn: '',
  stage: 'new',
  ownerId: null,
};

/** A value list plus the current value, so a value no longer in the branch settings stays selectable. */
function withCurrent(options: string[], current: string): string[] {
  return current && !options.includes(current) ? [current, ...options] : options;
}

/**
 * Create or edit a customer's basic data. While the name or credit code is typed the duplicate guard
 * asks the server and says who already owns the customer; the credit code's check character is
 * verified here too, and the server's own validation lands on the fields. What is typed is kept as a
 * draft until saved or discarded, and one submit creates one customer however often it is pressed.
 */
export function CustomerFormModal({
  opened,
  customer,
  onClose,
  onSaved,
}: {
  opened: boolean;
  customer: Customer | null;
  onClose: () => void;
  onSaved?: (c: Customer) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const branch = useBranchSettings();
  const managers = useAccountManagers();
  const isLeader = useHasRole(['admin', 'leader']);
  const isCreate = !customer;
  const [formError, setFormError] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const draft = useFormDraft<Values>('customer', customer?.id, opened);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      name: (v) => (v.trim() ? null : t('common.required')),
      creditCode: (v) => {
        const problem = creditCodeProblem(v);
        return problem ? t(problem) : null;
      },
    },
  });

  const save = useSubmitOnce({
    mutationFn: (v: Values, idempotencyKey) => {
      const basic = {
        name: v.name.trim(),
        shortName: v.shortName.trim(),
        creditCode: normaliseCreditCode(v.creditCode),
        industry: v.industry,
        type: v.type,
        region: v.region,
        address: v.address.trim(),
        size: v.size,
        parentId: v.parentId,
        sensitivity: v.sensitivity,
        tags: v.tags,
        notes: v.notes,
        designatedStrategic: v.designatedStrategic,
        foundedOn: v.foundedOn || null,
      };
      return customer
        ? call('customers.update', { id: customer.id, ...basic })
        : call(
            'customers.create',
            { ...basic, stage: v.stage, ...(isLeader && { ownerId: v.ownerId }) },
            { idempotencyKey },
          );
    },
    onSuccess: (c) => {
      notifySuccess(t(isCreate ? 'customers.form.created' : 'customers.form.saved', { name: c.name }));
      draft.clear();
      void invalidate();
      onClose();
      onSaved?.(c);
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else setFormError(errorMessage(e));
    },
  });

  const initialValues = (): Values =>
    customer
      ? {
          ...EMPTY,
          name: customer.name,
          shortName: customer.shortName,
          creditCode: customer.creditCode,
          industry: customer.industry,
          type: customer.type,
          region: customer.region,
          address: customer.address,
          size: customer.size,
          parentId: customer.parentId,
          sensitivity: customer.sensitivity,
          tags: customer.tags,
          notes: customer.notes,
          designatedStrategic: customer.designatedStrategic,
          foundedOn: customer.foundedOn ?? '',
        }
      : EMPTY;

  // Each opening starts from the customer as it is (or empty), then from the draft if one was left.
  useEffect(() => {
    if (!opened) return;
    setFormError(null);
    const initial = initialValues();
    const saved = draft.read();
    form.setValues(saved ? { ...initial, ...saved.values } : initial);
    form.resetDirty(initial);
    form.clearErrors();
    setRestoredAt(saved?.savedAt ?? null);
    if (saved?.idempotencyKey) save.resumeKey(saved.idempotencyKey);
    else save.renewKey();
    // Reset only when the dialog opens (the form object is stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, customer]);

  const dirty = opened && form.isDirty();
  useEffect(() => {
    if (dirty) draft.write(form.values, save.idempotencyKey);
  }, [dirty, form.values, draft, save.idempotencyKey]);

  const discardDraft = () => {
    draft.clear();
    setRestoredAt(null);
    form.setValues(initialValues());
    form.resetDirty();
  };
  const close = () => {
    draft.clear();
    onClose();
  };

  const duplicate = useDuplicateCheck(form.values.name, form.values.creditCode, customer?.id, opened);
  const dup = duplicate.data?.duplicate ? duplicate.data : null;

  const industries = withCurrent(branch.data?.industries ?? [], form.values.industry);
  const regions = withCurrent(branch.data?.regions ?? [], form.values.region);

  return (
    <GuardedModal
      opened={opened}
      dirty={dirty}
      onClose={close}
      size={720}
      title={
        isCreate ? t('customers.form.createTitle') : t('customers.form.editTitle', { name: customer.name })
      }
    >
      <form noValidate onSubmit={form.onSubmit((v) => save.submit(v))}>
        <Stack gap="sm">
          {restoredAt && <DraftNotice savedAt={restoredAt} onDiscard={discardDraft} />}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {dup && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert" py="xs">
              <Group gap="xs">
                <Text size="sm">{dup.message ?? t('customers.form.duplicate')}</Text>
                {dup.customerId && (
                  <Anchor
                    component={Link}
                    to={`/customers/${dup.customerId}`}
                    size="sm"
                    onClick={() => {
                      // Going to the customer that already exists: what was typed here is the duplicate.
                      allowLeaving();
                      close();
                    }}
                  >
                    {t('customers.form.openExisting')}
                  </Anchor>
                )}
              </Group>
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <TextInput
              label={t('customers.fields.name')}
              required
              data-autofocus
              maxLength={100}
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('customers.fields.shortName')}
              maxLength={50}
              {...form.getInputProps('shortName')}
            />
            <TextInput
              label={t('customers.fields.creditCode')}
              placeholder="91110000XXXXXXXXXX"
              maxLength={24}
              {...form.getInputProps('creditCode')}
              onBlur={() => form.validateField('creditCode')}
            />
            <Select
              label={t('customers.fields.type')}
              data={CUSTOMER_TYPES.map((v) => ({ value: v, label: t(`customers.type.${v}`) }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <Select
              label={t('customers.fields.industry')}
              searchable
              clearable
              data={industries}
              {...form.getInputProps('industry')}
              onChange={(v) => form.setFieldValue('industry', v ?? '')}
            />
            <Select
              label={t('customers.fields.region')}
              searchable
              clearable
              data={regions}
              {...form.getInputProps('region')}
              onChange={(v) => form.setFieldValue('region', v ?? '')}
            />
            <Select
              label={t('customers.fields.size')}
              clearable
              data={CUSTOMER_SIZES.map((v) => ({ value: v, label: t(`customers.size.${v}`) }))}
              {...form.getInputProps('size')}
            />
            <Select
              label={t('customers.fields.sensitivity')}
              clearable
              data={SENSITIVITIES.map((v) => ({ value: v, label: t(`customers.sensitivity.${v}`) }))}
              {...form.getInputProps('sensitivity')}
            />
            <ParentPicker
              value={form.values.parentId}
              initialLabel={customer?.parentName ?? null}
              excludeId={customer?.id}
              error={form.errors.parentId}
              onChange={(v) => form.setFieldValue('parentId', v)}
            />
            <TagsInput label={t('customers.fields.tags')} maxTags={20} {...form.getInputProps('tags')} />
            <TextInput type="date" label={t('customers.fields.foundedOn')} {...form.getInputProps('foundedOn')} />
            {isCreate && (
              <Select
                label={t('customers.fields.stage')}
                allowDeselect={false}
                data={CUSTOMER_STAGES.map((v) => ({ value: v, label: t(`customers.stage.${v}`) }))}
                {...form.getInputProps('stage')}
              />
            )}
            {isCreate && isLeader && (
              <Select
                label={t('customers.fields.owner')}
                placeholder={t('customers.form.ownerPool')}
                searchable
                clearable
                data={(managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
                {...form.getInputProps('ownerId')}
              />
            )}
          </SimpleGrid>
          <TextInput
            label={t('customers.fields.address')}
            maxLength={200}
            {...form.getInputProps('address')}
          />
          <LimitedTextarea
            label={t('customers.fields.notes')}
            maxRows={5}
            maxLength={2000}
            {...form.getInputProps('notes')}
          />
          <Checkbox
            label={t('customers.fields.designatedStrategic')}
            {...form.getInputProps('designatedStrategic', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" loading={save.isPending} disabled={!!dup}>
              {isCreate ? t('customers.form.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
