import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract/audit';
import { formatDateTimeSeconds } from '../../lib/format';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  // Stored times are UTC; people read them in the branch's time zone.
  if (typeof value === 'string') return ISO_TIME.test(value) ? formatDateTimeSeconds(value) : value;
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Before and after of one audit record, field by field; changed fields first and marked. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  // A creation has no "before" and a deletion no "after": only the sides that exist get a column.
  const hasBefore = entry.before !== null;
  const hasAfter = entry.after !== null;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py="xs">
        {t('audit.noDetails', { entityId: entry.entityId })}
      </Text>
    );
  }
  const both = hasBefore && hasAfter;
  const changed = keys.filter((k) => !same(before[k], after[k]));
  const unchanged = keys.filter((k) => same(before[k], after[k]));
  return (
    <Table
      withTableBorder={false}
      fz="xs"
      verticalSpacing={2}
      horizontalSpacing="md"
      layout="fixed"
      aria-label={t('audit.diffLabel')}
      style={{ background: 'var(--mantine-color-default-hover)' }}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>{t('audit.field')}</Table.Th>
          {hasBefore && <Table.Th>{t('audit.before')}</Table.Th>}
          {hasAfter && <Table.Th>{t('audit.after')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...changed, ...unchanged].map((key) => {
          const isChanged = both && changed.includes(key);
          return (
            <Table.Tr key={key}>
              <Table.Td>
                <Code>{key}</Code>
              </Table.Td>
              {hasBefore && (
                <Table.Td
                  c={isChanged ? 'red.7' : both ? 'dimmed' : undefined}
                  style={{ wordBreak: 'break-all' }}
                >
                  {show(before[key])}
                </Table.Td>
              )}
              {hasAfter && (
                <Table.Td
                  c={isChanged ? 'green.8' : both ? 'dimmed' : undefined}
                  fw={isChanged ? 500 : undefined}
                  style={{ wordBreak: 'break-all' }}
                >
                  {show(after[key])}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
