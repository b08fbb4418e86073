import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../../../shared/contract';
import { call, errorMessage, fieldErrors } from '../../../api/client';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { notifyError, notifySuccess } from '../../../components/notify';
import { CancelButton, GuardedModal } from '../../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../../components/forms/LimitedTextarea';
import { MoneyInput } from '../../../components/forms/MoneyInput';
import { fenToYuanText, parseMoney } from '../../../components/forms/money';
import { useSubmitOnce } from '../../../components/forms/useSubmitOnce';
import { useInvalidateCustomers } from '../hooks';

export type SectionKey = 'contacts' | 'services' | 'bills' | 'credit' | 'projects' | 'resources';
type SaveMethod = `customers.${SectionKey}.save`;
type DeleteMethod = `customers.${SectionKey}.delete`;

export type FieldKind = 'text' | 'textarea' | 'select' | 'date' | 'money' | 'bool' | 'period' | 'segmented';
type FormValue = string | number | boolean | null;

/** One editable field of a section row: how it is entered and how it travels (money as fen). */
export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: { value: string; label: string }[];
  /** Takes both grid columns. */
  wide?: boolean;
  /** The contract's length limit of a text field (shown by the input, before saving). */
  maxLength?: number;
  /**
   * A date typed as text with a hint while another field has a value: a lunar birthday's day goes to 30
   * in any month, which a date picker refuses.
   */
  textWhen?: { field: string; value: string; hint: string };
}

export interface SectionDef<Row extends { id: string }> {
  key: SectionKey;
  title: string;
  /** The "add" button and dialog title. */
  addLabel: string;
  empty: string;
  fields: FieldDef[];
  columns: DataTableColumn<Row>[];
  /** A line above the table (e.g. the bills summary). */
  summary?: ReactNode;
}

function toForm(field: FieldDef, row: Record<string, unknown> | null): FormValue {
  const v = row?.[field.name];
  switch (field.kind) {
    case 'bool':
      return v === true;
    case 'money':
      return typeof v === 'number' ? fenToYuanText(v) : '';
    case 'select':
      return typeof v === 'string' ? v : field.required ? (field.options?.[0]?.value ?? null) : null;
    case 'segmented':
      return typeof v === 'string' ? v : (field.options?.[0]?.value ?? null);
    default:
      return typeof v === 'string' ? v : '';
  }
}

function toInput(field: FieldDef, v: FormValue): FormValue {
  switch (field.kind) {
    case 'bool':
      return v === true;
    case 'money':
      // validate() has refused a malformed or negative amount; blank is no amount (0).
      return parseMoney(typeof v === 'boolean' ? null : v).fen ?? 0;
    case 'date':
      return typeof v === 'string' && v ? v : null;
    case 'select':
    case 'segmented':
      return typeof v === 'string' && v ? v : null;
    default:
      return typeof v === 'string' ? v.trim() : '';
  }
}

/**
 * One section of the customer 360 page (key people, services, bills, …): a dense table and, for
 * users who may edit, add / edit / delete through a dialog. Field definitions drive both the dialog
 * and the conversion to the API (yuan → fen, '' → null); the server's field errors land on fields.
 */
export function SectionTable<Row extends { id: string }>({
  def,
  rows,
  customerId,
  canEdit,
}: {
  def: SectionDef<Row>;
  rows: Row[];
  customerId: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const [editing, setEditing] = useState<{ row: Row | null } | null>(null);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Record<string, FormValue>>({ initialValues: {} });

  const save = useSubmitOnce({
    mutationFn: (values: Record<string, FormValue>, idempotencyKey) => {
      const input: Record<string, FormValue> = { customerId };
      if (editing?.row) input.id = editing.row.id;
      for (const f of def.fields) input[f.name] = toInput(f, values[f.name] ?? null);
      const method: SaveMethod = `customers.${def.key}.save`;
      // The field table above is the single description of this section's input; the server validates it.
      // Adding a row is a create: one key per dialog, so a double submit adds one row.
      return call(method, input as unknown as InputOf<SaveMethod>, editing?.row ? {} : { idempotencyKey });
    },
    onSuccess: () => {
      notifySuccess(t('customers.sections.saved'));
      setEditing(null);
      void invalidate();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else setFormError(errorMessage(e));
    },
  });
  const open = (row: Row | null) => {
    const values: Record<string, FormValue> = {};
    for (const f of def.fields) values[f.name] = toForm(f, row as Record<string, unknown> | null);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    setFormError(null);
    save.renewKey();
    setEditing({ row });
  };
  const remove = useMutation({
    mutationFn: (row: Row) => {
      const method: DeleteMethod = `customers.${def.key}.delete`;
      return call(method, { customerId, id: row.id });
    },
    onSuccess: () => {
      notifySuccess(t('customers.sections.deleted'));
      setDeleting(null);
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const validate = (values: Record<string, FormValue>) => {
    const errors: Record<string, string> = {};
    for (const f of def.fields) {
      const v = values[f.name];
      if (f.required && (v === '' || v === null)) errors[f.name] = t('common.required');
      else if (f.kind === 'money') {
        const problem = parseMoney(typeof v === 'boolean' ? null : v).problem;
        if (problem) errors[f.name] = t(problem);
      }
    }
    form.setErrors(errors);
    return Object.keys(errors).length === 0;
  };

  const columns: DataTableColumn<Row>[] = [
    ...def.columns,
    {
      accessor: 'rowActions',
      title: '',
      width: 72,
      hidden: !canEdit,
      textAlign: 'right',
      render: (row) => (
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={t('customers.sections.edit')}
            onClick={() => open(row)}
          >
            <IconEdit size={15} />
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="red"
            aria-label={t('customers.sections.delete')}
            onClick={() => setDeleting(row)}
          >
            <IconTrash size={15} />
          </ActionIcon>
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <div>{def.summary}</div>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => open(null)}>
            {def.addLabel}
          </Button>
        )}
      </Group>
      <DataTable<Row>
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        minHeight={rows.length ? undefined : 120}
        records={rows}
        noRecordsText={def.empty}
        onRowDoubleClick={canEdit ? ({ record }) => open(record) : undefined}
        columns={columns}
      />
      <GuardedModal
        opened={!!editing}
        dirty={!!editing && form.isDirty()}
        onClose={() => setEditing(null)}
        size={640}
        title={editing?.row ? t('customers.sections.editTitle', { section: def.title }) : def.addLabel}
      >
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            if (validate(values)) save.submit(values);
          })}
        >
          <Stack gap="sm">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
              {def.fields.map((f, i) => (
                <div key={f.name} style={f.wide ? { gridColumn: '1 / -1' } : undefined}>
                  <FieldInput
                    field={f}
                    autoFocus={i === 0}
                    values={form.values}
                    props={form.getInputProps(f.name, f.kind === 'bool' ? { type: 'checkbox' } : undefined)}
                  />
                </div>
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <CancelButton />
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </GuardedModal>
      <ConfirmModal
        opened={!!deleting}
        title={t('customers.sections.delete')}
        message={t('customers.sections.confirmDelete', { section: def.title })}
        danger
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

type InputProps = ReturnType<ReturnType<typeof useForm<Record<string, FormValue>>>['getInputProps']>;

function FieldInput({
  field,
  props,
  autoFocus,
  values,
}: {
  field: FieldDef;
  props: InputProps;
  autoFocus: boolean;
  values: Record<string, FormValue>;
}) {
  const common = { label: field.label, required: field.required, 'data-autofocus': autoFocus || undefined };
  const asText = field.textWhen && values[field.textWhen.field] === field.textWhen.value;
  switch (field.kind) {
    case 'textarea':
      return <LimitedTextarea {...common} maxRows={5} maxLength={field.maxLength ?? 500} {...props} />;
    case 'select':
      return (
        <Select
          {...common}
          data={field.options ?? []}
          clearable={!field.required}
          allowDeselect={!field.required}
          {...props}
        />
      );
    case 'date':
      return asText ? (
        <TextInput {...common} placeholder="yyyy-MM-dd" maxLength={10} description={field.textWhen?.hint} {...props} />
      ) : (
        <TextInput {...common} type="date" {...props} />
      );
    case 'segmented':
      return (
        <Input.Wrapper label={field.label}>
          <div>
            <SegmentedControl size="xs" data={field.options ?? []} aria-label={field.label} {...props} />
          </div>
        </Input.Wrapper>
      );
    case 'period':
      return <TextInput {...common} type="month" {...props} />;
    case 'money':
      return <MoneyInput {...common} {...props} />;
    case 'bool':
      return <Checkbox {...common} mt="lg" {...props} />;
    default:
      return <TextInput {...common} maxLength={field.maxLength} {...props} />;
  }
}

/** A short muted line for summaries above section tables. */
export function SectionNote({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
