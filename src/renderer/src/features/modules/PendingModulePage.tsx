import { Alert, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconHourglassEmpty, IconPoint } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PendingModuleKey } from '../../app/modules';
import { PageHeader } from '../../components/PageHeader';

/**
 * A module of DOMAIN.md that is not built yet. It says so plainly and lists what it will cover;
 * it never shows sample data that could be mistaken for real records.
 */
export function PendingModulePage({ module }: { module: PendingModuleKey }) {
  const { t } = useTranslation();
  const covers = t(`modules.${module}.covers`, { returnObjects: true });
  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t(`nav.${module}`)} description={t(`modules.${module}.summary`)} />
      <Alert
        color="gray"
        variant="light"
        icon={<IconHourglassEmpty size={18} />}
        title={t('modules.notYetTitle')}
      >
        {t('modules.notYetBody')}
      </Alert>
      <Paper withBorder p="md">
        <Text fw={600} size="sm" mb="xs">
          {t('modules.willCover')}
        </Text>
        <List
          spacing={6}
          size="sm"
          icon={
            <ThemeIcon size={16} radius="xl" variant="light" color="gray">
              <IconPoint size={12} />
            </ThemeIcon>
          }
        >
          {(Array.isArray(covers) ? covers : []).map((line: string) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Paper>
    </Stack>
  );
}
