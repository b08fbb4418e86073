import { useState } from 'react';
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { sessionStore } from '../api/session';
import { ChangePasswordModal } from './auth/ChangePasswordModal';

export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);

  const signOut = async () => {
    try {
      await call('auth.logout', {});
    } catch {
      // Signed out locally either way; the server session expires on its own.
    }
    sessionStore.end();
  };

  return (
    <>
      <Menu position="bottom-end" width={200} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('shell.userMenu', { name: user.displayName })}>
            <Group gap={8} wrap="nowrap">
              <Avatar size={28} radius="xl" color="blue">
                {user.displayName.slice(0, 1)}
              </Avatar>
              <div style={{ lineHeight: 1.1 }}>
                <Text size="sm" fw={500}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${user.role}`)}
                </Text>
              </div>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)}>
            {t('shell.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
