import { Link } from 'react-router-dom';
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { useCareT } from './i18n';

const NAMES_SHOWN = 3;

/**
 * Courtesy care on the home dashboard, like the green channel's tiles: an account manager's birthdays and
 * anniversaries coming up (how many, the next few names), and for a leader the gifts waiting for approval.
 */
export function CareHomeTiles() {
  const t = useCareT();
  const isManager = useHasRole(['account_manager']);
  const isLeader = useHasRole(['admin', 'leader']);
  // Holidays concern everyone: the tile counts the people and customers to care for.
  const birthdays = useQuery({
    queryKey: ['care.upcoming', 'home', 'birthday'],
    queryFn: () => call('care.upcoming', { occasion: 'birthday', pageSize: NAMES_SHOWN }),
    enabled: isManager,
    refetchInterval: 10 * 60_000,
  });
  const founding = useQuery({
    queryKey: ['care.upcoming', 'home', 'founding'],
    queryFn: () => call('care.upcoming', { occasion: 'founding', pageSize: NAMES_SHOWN }),
    enabled: isManager,
    refetchInterval: 10 * 60_000,
  });
  const pending = useQuery({
    queryKey: ['care.records.list', 'home', 'pending'],
    queryFn: () => call('care.records.list', { status: 'pending', pageSize: 1 }),
    enabled: isLeader,
    refetchInterval: 60_000,
  });

  const tiles: { key: string; to: string; label: string; value: number; names?: string; color: string }[] = [];
  if (isManager && birthdays.data && founding.data) {
    const soon = [...birthdays.data.rows, ...founding.data.rows].sort((a, b) => a.daysAway - b.daysAway).slice(0, NAMES_SHOWN);
    tiles.push({
      key: 'upcoming',
      to: '/yellow/care',
      label: t('home.upcoming'),
      value: birthdays.data.total + founding.data.total,
      names: soon.length ? soon.map((r) => r.contactName ?? r.customerName).join('、') : t('home.noneSoon'),
      color: 'yellow.8',
    });
  }
  if (isLeader && pending.data) {
    tiles.push({ key: 'pending', to: '/yellow/care/records?status=pending', label: t('home.pending'), value: pending.data.total, color: 'orange' });
  }
  if (!tiles.length) return null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" aria-label={t('customer.card')}>
      {tiles.map((tile) => (
        <Card key={tile.key} component={Link} to={tile.to} withBorder padding="sm" radius="sm" style={{ textDecoration: 'none' }} aria-label={`${tile.label} ${tile.value}`}>
          <Text size="xs" c="dimmed">
            {t('module.title')} · {tile.label}
          </Text>
          <Text fw={700} fz={22} c={tile.value ? tile.color : undefined} className="kam-num" ta="left">
            {tile.value.toLocaleString()}
          </Text>
          {tile.names && (
            <Text size="xs" c="dimmed" truncate>
              {tile.names}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}
