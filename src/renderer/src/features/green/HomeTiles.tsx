import { Link } from 'react-router-dom';
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { OrderQueueView } from '../../../../shared/contract/orders';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { useGreenT, type GreenKey } from './i18n';

const TILES: { view: OrderQueueView; label: GreenKey; color: string }[] = [
  { view: 'department', label: 'home.department', color: 'green' },
  { view: 'returned', label: 'home.returned', color: 'orange' },
  { view: 'warning', label: 'home.warning', color: 'orange' },
  { view: 'breached', label: 'home.breached', color: 'red' },
];

/**
 * The green channel's work on the home dashboard: stages waiting in my department, my orders returned to
 * me, stages about to breach and breached — each a link to its queue view.
 */
export function GreenHomeTiles() {
  const t = useGreenT();
  // Only an account manager's returned orders are their own; others see every order back with its manager.
  const ownReturns = useHasRole(['account_manager']);
  const counts = useQuery({ queryKey: ['orders.queue.counts'], queryFn: () => call('orders.queue.counts', {}), refetchInterval: 60_000 });
  if (!counts.data) return null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" aria-label={t('module.title')}>
      {TILES.map(({ view, label: tileLabel, color }) => {
        const label: GreenKey = view === 'returned' && !ownReturns ? 'home.returnedAll' : tileLabel;
        const value = counts.data[view];
        return (
          <Card key={view} component={Link} to={`/green/queue?view=${view}`} withBorder padding="sm" radius="sm" style={{ textDecoration: 'none' }} aria-label={`${t(label)} ${value}`}>
            <Text size="xs" c="dimmed">
              {t('module.title')} · {t(label)}
            </Text>
            <Text fw={700} fz={22} c={value ? color : undefined} className="kam-num" ta="left">
              {value.toLocaleString()}
            </Text>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
