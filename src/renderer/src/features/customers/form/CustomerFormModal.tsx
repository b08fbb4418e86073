import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
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
 * verified here too, and the server's own validation lands on the fields.
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

  useEffect(() => {
    if (!opened) return;
    setFormError(null);
    form.setValues(
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
          }
        : EMPTY,
    );
    form.resetDirty();
    form.clearErrors();
    // Reset only when the dialog opens (the form object is stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, customer]);

  const duplicate = useDuplicateCheck(form.values.name, form.values.creditCode, customer?.id, opened);
  const dup = duplicate.data?.duplicate ? duplicate.data : null;

  const save = useMutation({
    mutationFn: (v: Values) => {
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
      };
      return customer
        ? call('customers.update', { id: customer.id, ...basic })
        : call('customers.create', { ...basic, stage: v.stage, ...(isLeader && { ownerId: v.ownerId }) });
    },
    onSuccess: (c) => {
      notifySuccess(t(isCreate ? 'customers.form.created' : 'customers.form.saved', { name: c.name }));
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

  const industries = withCurrent(branch.data?.industries ?? [], form.values.industry);
  const regions = withCurrent(branch.data?.regions ?? [], form.values.region);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size={720}
      title={
        isCreate ? t('customers.form.createTitle') : t('customers.form.editTitle', { name: customer.name })
      }
    >
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
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
                  <Anchor component={Link} to={`/customers/${dup.customerId}`} size="sm" onClick={onClose}>
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
              {...form.getInputProps('name')}
            />
            <TextInput label={t('customers.fields.shortName')} {...form.getInputProps('shortName')} />
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
          <TextInput label={t('customers.fields.address')} {...form.getInputProps('address')} />
          <Textarea
            label={t('customers.fields.notes')}
            autosize
            minRows={2}
            maxRows={5}
            {...form.getInputProps('notes')}
          />
          <Checkbox
            label={t('customers.fields.designatedStrategic')}
            {...form.getInputProps('designatedStrategic', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!!dup}>
              {isCreate ? t('customers.form.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
