import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract/audit';

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const SAME = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Before and after of one audit record, field by field; changed fields first and marked. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py="xs">
        {t('audit.noDetails', { entityId: entry.entityId })}
      </Text>
    );
  }
  const changed = keys.filter((k) => !SAME(before[k], after[k]));
  const unchanged = keys.filter((k) => SAME(before[k], after[k]));
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
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...changed, ...unchanged].map((key) => {
          const isChanged = changed.includes(key);
          return (
            <Table.Tr key={key}>
              <Table.Td>
                <Code>{key}</Code>
              </Table.Td>
              <Table.Td
                c={isChanged && key in before ? 'red.7' : 'dimmed'}
                style={{ wordBreak: 'break-all' }}
              >
                {show(before[key])}
              </Table.Td>
              <Table.Td
                c={isChanged ? 'green.8' : 'dimmed'}
                fw={isChanged ? 500 : undefined}
                style={{ wordBreak: 'break-all' }}
              >
                {show(after[key])}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
