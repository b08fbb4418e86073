import { Select, Table, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../../shared/contract';
import type { ImportIssue } from '../../../../../shared/contract/customer-import';

type Preview = OutputOf<'customers.import.preview'>;

/** Spreadsheet column → field, auto-matched by the server from the Chinese headers; editable. */
export function MappingTable({
  preview,
  mapping,
  onChange,
}: {
  preview: Preview;
  mapping: Record<string, string>;
  onChange: (m: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const fieldOptions = [
    { value: '', label: t('customers.import.ignore') },
    ...preview.fields.map((f) => ({ value: f.field, label: f.required ? `${f.label} *` : f.label })),
  ];
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const missing = preview.fields.filter((f) => f.required && !mapped.has(f.field));
  return (
    <>
      <Table withTableBorder withColumnBorders striped verticalSpacing={4} fz="sm" maw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.import.column')}</Table.Th>
            <Table.Th>{t('customers.import.field')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((h) => (
            <Table.Tr key={h}>
              <Table.Td>{h}</Table.Td>
              <Table.Td py={2}>
                <Select
                  size="xs"
                  aria-label={t('customers.import.mappingFor', { column: h })}
                  data={fieldOptions}
                  value={mapping[h] ?? ''}
                  allowDeselect={false}
                  onChange={(v) => onChange({ ...mapping, [h]: v ?? '' })}
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {missing.length > 0 && (
        <Text size="sm" c="red.7" mt={4}>
          {t('customers.import.missingRequired', { fields: missing.map((f) => f.label).join('、') })}
        </Text>
      )}
    </>
  );
}

/** The dry run's row-level errors: row number as in the spreadsheet, column header, what to fix. */
export function IssuesTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  return (
    <DataTable<ImportIssue & { key: string }>
      withTableBorder
      borderRadius="sm"
      striped
      verticalSpacing={4}
      horizontalSpacing="xs"
      fz="sm"
      maxHeight={320}
      idAccessor="key"
      aria-label={t('customers.import.issuesTable')}
      records={issues.map((i, n) => ({ ...i, key: `${i.row}-${i.column}-${n}` }))}
      columns={[
        { accessor: 'row', title: t('customers.import.row'), width: 70, textAlign: 'right' },
        {
          accessor: 'column',
          title: t('customers.import.column'),
          width: 160,
          render: (i) => i.column || '—',
        },
        { accessor: 'message', title: t('customers.import.message') },
      ]}
    />
  );
}

/** The first rows after normalisation, so the user sees what will be written. */
export function SampleTable({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  if (!preview.sample.length) return null;
  const keys = Object.keys(preview.sample[0]!);
  const label = new Map(preview.fields.map((f) => [f.field, f.label]));
  return (
    <>
      <Text size="sm" fw={500}>
        {t('customers.import.sample')}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder striped verticalSpacing={4} fz="xs">
          <Table.Thead>
            <Table.Tr>
              {keys.map((k) => (
                <Table.Th key={k}>{label.get(k) ?? k}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sample.slice(0, 5).map((row, i) => (
              <Table.Tr key={i}>
                {keys.map((k) => (
                  <Table.Td key={k}>{row[k]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
