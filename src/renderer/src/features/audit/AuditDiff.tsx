import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/contract/audit';
import { auditFieldText, auditFields, auditValueText } from '../../../../shared/audit-text';
import { currentLocale } from '../../i18n';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Before and after of one audit record, field by field as the forms label them; changed fields first and marked. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  // A creation has no "before" and a deletion no "after": only the sides that exist get a column.
  const hasBefore = entry.before !== null;
  const hasAfter = entry.after !== null;
  const keys = auditFields(entry);
  const footer = (
    <Text size="xs" c="dimmed" px="md" py={4}>
      {t('audit.record', { id: entry.entityId, method: entry.method })}
    </Text>
  );
  if (keys.length === 0) {
    return (
      <>
        <Text size="sm" c="dimmed" px="md" pt="xs">
          {t('audit.noDetails')}
        </Text>
        {footer}
      </>
    );
  }
  const both = hasBefore && hasAfter;
  const changed = keys.filter((k) => !same(before[k], after[k]));
  const unchanged = keys.filter((k) => same(before[k], after[k]));
  return (
    <div style={{ background: 'var(--mantine-color-default-hover)' }}>
      <Table
        withTableBorder={false}
        fz="xs"
        verticalSpacing={2}
        horizontalSpacing="md"
        layout="fixed"
        aria-label={t('audit.diffLabel')}
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
                <Table.Td title={key}>{auditFieldText(entry.entity, key, locale)}</Table.Td>
                {hasBefore && (
                  <Table.Td c={isChanged ? 'red.7' : both ? 'dimmed' : undefined} style={{ wordBreak: 'break-all' }}>
                    {auditValueText(key, before[key], locale)}
                  </Table.Td>
                )}
                {hasAfter && (
                  <Table.Td
                    c={isChanged ? 'green.8' : both ? 'dimmed' : undefined}
                    fw={isChanged ? 500 : undefined}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {auditValueText(key, after[key], locale)}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {footer}
    </div>
  );
}
