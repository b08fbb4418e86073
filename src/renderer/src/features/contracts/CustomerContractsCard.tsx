import { Link } from 'react-router-dom';
import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useHasRole } from '../../app/auth/useSession';
import { Money } from '../customers/Money';
import { ContractStatusBadge } from './badges';
import { useContractSummary } from './hooks';
import { useContractsT } from './i18n';

const SHOWN = 5;

/**
 * The customer 360 page's contracts card: the value roll-up (total signed, in force, next end) and the
 * customer's contracts, expiring and open first, with the way to record a new one for this customer.
 */
export function CustomerContractsCard({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const t = useContractsT();
  const reads = useHasRole(['admin', 'leader', 'service_desk', 'account_manager']);
  const writes = useHasRole(['admin', 'leader', 'account_manager']) && canEdit;
  const q = useContractSummary(customerId, reads);
  if (!reads || !q.data) return null;
  const s = q.data;
  return (
    <Paper component="section" withBorder p="sm" aria-label={t('card.title')}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('card.title')}
        </Title>
        <Group gap="sm">
          {s.contracts.length > 0 && (
            <Anchor component={Link} to={`/green/contracts?customerId=${customerId}`} size="sm">
              {t('card.all')}
            </Anchor>
          )}
          {writes && (
            <Anchor component={Link} to={`/green/contracts/new?customerId=${customerId}`} size="sm">
              {t('card.new')}
            </Anchor>
          )}
        </Group>
      </Group>
      {s.contracts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('card.empty')}
        </Text>
      ) : (
        <>
          <Group gap="xl" mb="xs">
            <div>
              <Text size="xs" c="dimmed">
                {t('card.totalSigned')}
              </Text>
              <Money fen={s.totalSignedFen} fw={600} />
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('card.active')}
              </Text>
              <Money fen={s.activeFen} fw={600} />
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('card.nextEnd')}
              </Text>
              <Text size="sm" fw={600} c={s.expiringCount ? 'orange' : undefined}>
                {s.nextEndDate ?? '—'}
                {s.expiringCount > 0 && (
                  <Text span size="xs" ml={6}>
                    {t('card.expiring', { count: s.expiringCount })}
                  </Text>
                )}
              </Text>
            </div>
          </Group>
          <Table fz="sm" striped>
            <Table.Tbody>
              {s.contracts.slice(0, SHOWN).map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/green/contracts/${k.id}`} size="sm" ff="monospace">
                      {k.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{k.title}</Table.Td>
                  <Table.Td className="kam-num">
                    <Money fen={k.amountFen} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{k.endDate ?? '—'}</Table.Td>
                  <Table.Td w={92}>
                    <ContractStatusBadge status={k.displayStatus} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
