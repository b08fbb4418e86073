import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ColorSchemeToggle } from '../../components/ColorSchemeToggle';

/** The frame of the sign-in and first-run screens: product name, branch, language, then the form. */
export function AuthLayout({
  title,
  subtitle,
  width = 400,
  children,
}: {
  title: string;
  subtitle?: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100%" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="flex-end" p="sm" gap="xs">
        <LanguageSwitch />
        <ColorSchemeToggle />
      </Group>
      <Center style={{ flex: 1 }} pb={60}>
        <Stack w={width} gap="md">
          <Stack gap={2} align="center">
            <Text fw={700} size="xl" c="blue.7">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="lg" radius="md">
            <Stack gap="md">
              <div>
                <Title order={2} size="h3">
                  {title}
                </Title>
                {subtitle && (
                  <Text size="sm" c="dimmed" mt={4}>
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
