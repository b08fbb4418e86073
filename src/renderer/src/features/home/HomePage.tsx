import { Link } from 'react-router-dom';
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth/useSession';
import { MAIN_NAV, SETTINGS_NAV, PENDING_MODULES, visibleTo, type NavItem } from '../../app/modules';
import { RoleBadge } from '../../components/badges';
import { RoleDashboard } from './Dashboards';
import { GreenHomeTiles } from '../green/HomeTiles';
import { YellowHomeTiles } from '../visits/YellowHomeTiles';
import { CareHomeTiles } from '../care/CareHomeTiles';
import { FormsTile } from '../forms/FormsTile';

function ModuleCard({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  const pending = (PENDING_MODULES as string[]).includes(item.key);
  return (
    <Card
      component={Link}
      to={item.path}
      withBorder
      padding="sm"
      radius="sm"
      style={{ textDecoration: 'none' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <item.icon size={22} stroke={1.5} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text fw={600} size="sm">
              {t(`nav.${item.key}`)}
            </Text>
            {pending && (
              <Badge size="xs" variant="light" color="gray" radius="sm">
                {t('home.pending')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {t(`home.cards.${item.key}`)}
          </Text>
        </div>
      </Group>
    </Card>
  );
}

/** A welcome by role, the role's working figures (each a link to its list), and the way into each module. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const items = [...MAIN_NAV.slice(1), ...SETTINGS_NAV].filter((item) => visibleTo(item, user.role));
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('home.welcome', { name: user.displayName })}
          </Title>
          <RoleBadge role={user.role} />
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          {t(`home.roleIntro.${user.role}`)}
        </Text>
      </div>
      <RoleDashboard />
      <GreenHomeTiles />
      <YellowHomeTiles />
      <CareHomeTiles />
      <FormsTile />
      <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="sm">
        {items.map((item) => (
          <ModuleCard key={item.key} item={item} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
