import { Link } from 'react-router-dom';
import { Card, Group, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FORM_QUEUE_VIEWS } from '../../../../shared/contract/forms';
import { call } from '../../api/client';
import { useFormsT, type FormsKey } from './i18n';

/**
 * The home dashboard's tile: approvals waiting for me, forms waiting for the centre (or my department),
 * answers waiting for my confirmation — each links to its queue view. Hidden when nothing waits.
 */
export function FormsTile() {
  const t = useFormsT();
  const counts = useQuery({ queryKey: ['forms.queueCounts'], queryFn: () => call('forms.queueCounts', {}), refetchInterval: 60_000 });
  const data = counts.data;
  if (!data || FORM_QUEUE_VIEWS.every((v) => data[v] === 0)) return null;
  return (
    <Card withBorder padding="sm" radius="sm" aria-label={t('tile.title')}>
      <Text fw={600} size="sm" mb={6}>{t('tile.title')}</Text>
      <SimpleGrid cols={4} spacing="xs">
        {FORM_QUEUE_VIEWS.map((v) => (
          <Card key={v} component={Link} to={`/green/forms?view=${v}`} withBorder padding="xs" style={{ textDecoration: 'none' }}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs" c="dimmed">{t(`tile.${v}` as FormsKey)}</Text>
              <Text fw={700} c={data[v] > 0 ? 'green' : 'dimmed'}>{data[v]}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Card>
  );
}
