import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { AppShell, Badge, Box, Center, Group, Loader, NavLink, ScrollArea, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { sessionStore } from '../api/session';
import { useSession } from './auth/useSession';
import { MAIN_NAV, SETTINGS_NAV, visibleTo, type NavItem } from './modules';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { UserMenu } from './UserMenu';
import { GlobalSearch, SearchButton } from './GlobalSearch';
import { NotificationBell } from './NotificationBell';
import { useAppClockSync } from '../lib/clock';

function isActive(item: NavItem, pathname: string): boolean {
  return item.path === '/'
    ? pathname === '/'
    : pathname === item.path || pathname.startsWith(`${item.path}/`);
}

function NavItems({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return items.map((item) => (
    <NavLink
      key={item.key}
      component={Link}
      to={item.path}
      label={t(`nav.${item.key}`)}
      leftSection={
        // The three channels keep their colour everywhere (STYLE.md): green, amber, red.
        <Box component="span" c={item.color ? `${item.color}.7` : undefined} style={{ display: 'flex' }}>
          <item.icon size={18} stroke={1.6} />
        </Box>
      }
      active={isActive(item, pathname)}
      aria-current={isActive(item, pathname) ? 'page' : undefined}
      py={6}
    />
  ));
}

/** The signed-in frame: header (branch, search, language, theme, user), navigation, the page. */
export function Shell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const branch = useQuery({
    queryKey: ['settings.getBranch'],
    queryFn: () => call('settings.getBranch', {}),
  });

  // Refresh the stored user (role or name may have changed); an expired token ends the session here.
  const me = useQuery({ queryKey: ['auth.me'], queryFn: () => call('auth.me', {}), staleTime: 0 });
  // Countdowns and due colours run on the server's clock (which --clock may have set), not the PC's.
  useAppClockSync();
  useEffect(() => {
    if (me.data) sessionStore.updateUser(me.data);
  }, [me.data]);

  const settingsItems = SETTINGS_NAV.filter((item) => visibleTo(item, user.role));
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 208, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} c="blue.7" size="lg">
              {t('app.shortName')}
            </Text>
            {branch.data && (
              <Badge variant="light" color="gray" radius="sm" size="lg" tt="none" fw={500}>
                {branch.data.branchName || branch.data.branchCode}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchButton />
            <NotificationBell />
            <LanguageSwitch />
            <ColorSchemeToggle />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea} p="xs">
          <NavItems items={MAIN_NAV} />
          <Text size="xs" c="dimmed" fw={600} px="sm" pt="md" pb={4}>
            {t('nav.settings')}
          </Text>
          <NavItems items={settingsItems} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {/* A module's code loads on first visit (see App.tsx); the header and navigation stay put. */}
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <GlobalSearch />
    </AppShell>
  );
}
