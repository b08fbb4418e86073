import { Link } from 'react-router-dom';
import { Card, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { calendarDays, monthOf, todayShanghai } from './hooks';
import { useVisitsT, type VisitsKey } from './i18n';

interface Tile {
  key: string;
  label: VisitsKey;
  value: number;
  to: string;
  color: string;
}

/**
 * The yellow channel's work on the home dashboard, like the green channel's tiles: for an account manager his
 * visits today and this week and his overdue customers; for a leader the team's overdue customers and the
 * plans waiting for review.
 */
export function YellowHomeTiles() {
  const leader = useHasRole(['admin', 'leader']);
  const manager = useHasRole(['account_manager']);
  if (leader) return <LeaderTiles />;
  if (manager) return <ManagerTiles />;
  return null;
}

function ManagerTiles() {
  const today = todayShanghai();
  const week = calendarDays('week', today);
  const from = week[0]!;
  const to = week[6]!;
  const calendar = useQuery({ queryKey: ['visits.calendar', from, to, 'me'], queryFn: () => call('visits.calendar', { from, to, team: false }), refetchInterval: 60_000 });
  const overdue = useQuery({ queryKey: ['visits.overdue', {}, 1, 1], queryFn: () => call('visits.overdue', { page: 1, pageSize: 1 }), refetchInterval: 60_000 });
  if (!calendar.data || !overdue.data) return null;
  const open = calendar.data.visits.filter((v) => v.status !== 'dropped');
  return (
    <Tiles
      tiles={[
        { key: 'today', label: 'home.today', value: open.filter((v) => v.visitDate === today).length, to: `/yellow?view=week`, color: 'yellow.8' },
        { key: 'week', label: 'home.week', value: open.length, to: '/yellow?view=week', color: 'yellow.8' },
        { key: 'overdue', label: 'home.overdue', value: overdue.data.total, to: '/yellow/overdue', color: 'red' },
      ]}
    />
  );
}

function LeaderTiles() {
  const month = monthOf(todayShanghai());
  const overdue = useQuery({ queryKey: ['visits.overdue', {}, 1, 1], queryFn: () => call('visits.overdue', { page: 1, pageSize: 1 }), refetchInterval: 60_000 });
  const plans = useQuery({ queryKey: ['visits.plans.list', month], queryFn: () => call('visits.plans.list', { month }), refetchInterval: 60_000 });
  if (!overdue.data || !plans.data) return null;
  return (
    <Tiles
      tiles={[
        { key: 'overdue', label: 'home.teamOverdue', value: overdue.data.total, to: '/yellow/overdue', color: 'red' },
        { key: 'review', label: 'home.toReview', value: plans.data.rows.filter((r) => r.status === 'submitted').length, to: `/yellow/plan?month=${month}`, color: 'yellow.8' },
      ]}
    />
  );
}

function Tiles({ tiles }: { tiles: Tile[] }) {
  const t = useVisitsT();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" aria-label={t('module.title')}>
      {tiles.map((tile) => (
        <Card key={tile.key} component={Link} to={tile.to} withBorder padding="sm" radius="sm" style={{ textDecoration: 'none' }} aria-label={`${t(tile.label)} ${tile.value}`}>
          <Text size="xs" c="dimmed">
            {t('module.title')} · {t(tile.label)}
          </Text>
          <Text fw={700} fz={22} c={tile.value ? tile.color : undefined} className="kam-num" ta="left">
            {tile.value.toLocaleString()}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
