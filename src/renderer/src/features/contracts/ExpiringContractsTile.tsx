import { Link } from 'react-router-dom';
import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { Money } from '../customers/Money';
import { DaysLeft } from './badges';
import { useExpiring } from './hooks';
import { useContractsT } from './i18n';

/**
 * The home dashboard's tile for account managers (their customers' contracts) and leaders (the branch's):
 * signed contracts ending within the reminder window, soonest first — the renewals to talk about now.
 */
export function ExpiringContractsTile() {
  const t = useContractsT();
  const q = useExpiring({ page: 1, pageSize: 5 });
  if (!q.data) return null;
  const { rows, total, days } = q.data;
  return (
    <Card withBorder padding="sm" radius="sm">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('tile.title', { days })}
          {total > 0 && (
            <Text span c="orange" fw={700} ml={8} className="kam-num">
              {total}
            </Text>
          )}
        </Title>
        <Anchor component={Link} to="/green/contracts/expiring" size="sm">
          {t('tile.more')}
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tile.empty', { days })}
        </Text>
      ) : (
        <Table fz="sm" striped aria-label={t('tile.title', { days })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.number')}</Table.Th>
              <Table.Th>{t('col.customer')}</Table.Th>
              <Table.Th>{t('col.title')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('col.amount')}</Table.Th>
              <Table.Th>{t('col.endDate')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('col.daysLeft')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/green/contracts/${r.id}`} size="sm" ff="monospace">
                    {r.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td className="kam-num">
                  <Money fen={r.amountFen} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.endDate}</Table.Td>
                <Table.Td className="kam-num">
                  <DaysLeft days={r.daysLeft} window={days} signed />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
