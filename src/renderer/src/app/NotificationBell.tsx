import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Switch, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call } from '../api/client';
import { formatDateTime } from '../lib/format';

/**
 * The header's bell: the caller's in-app notifications (SLA warnings and breaches, stages and forms
 * waiting on them, answers back, contract renewal reminders), newest first. The server renders each
 * message in the caller's language, so the query is per language; it is polled every 30 s.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [showRead, setShowRead] = useState(false);
  const list = useQuery({
    queryKey: ['notifications.list', i18n.language, showRead],
    queryFn: () => call('notifications.list', { unreadOnly: !showRead, page: 1, pageSize: 30 }),
    refetchInterval: 30_000,
  });
  const unread = list.data?.unread ?? 0;
  const refresh = () => client.invalidateQueries({ queryKey: ['notifications.list'] });
  const markRead = async (input: { ids?: string[]; all?: boolean }) => {
    await call('notifications.markRead', input);
    await refresh();
  };
  const label = unread > 0 ? t('shell.notificationsUnread', { count: unread }) : t('shell.notifications');

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={unread === 0} offset={4}>
            <ActionIcon variant="default" size="md" aria-label={label} onClick={() => setOpened((o) => !o)}>
              <IconBell size={16} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px={4} pb={6}>
          <Text fw={600} size="sm">
            {t('shell.notifications')}
          </Text>
          <Group gap="xs">
            <Switch size="xs" label={t('shell.notificationsShowRead')} checked={showRead} onChange={(e) => setShowRead(e.currentTarget.checked)} />
            <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => void markRead({ all: true })}>
              {t('shell.notificationsMarkAll')}
            </Button>
          </Group>
        </Group>
        <ScrollArea.Autosize mah={420} type="auto">
          {list.data && list.data.rows.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              {t('shell.notificationsEmpty')}
            </Text>
          )}
          <Stack gap={2}>
            {list.data?.rows.map((n) => (
              <UnstyledButton
                key={n.id}
                p={6}
                style={{ borderRadius: 4, opacity: n.readAt ? 0.6 : 1 }}
                className="kam-notification"
                onClick={() => {
                  setOpened(false);
                  if (!n.readAt) void markRead({ ids: [n.id] });
                  if (n.route) navigate(n.route);
                }}
              >
                <Text size="sm" fw={n.readAt ? 400 : 500} lh={1.35}>
                  {n.message}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
