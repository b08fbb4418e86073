import { Alert, Button, Code, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatBytes } from '../../lib/format';

/** Version, where the data lives and how big it is; administrators can take a backup now. */
export function AboutPage() {
  const { t } = useTranslation();
  const isAdmin = useHasRole(['admin']);
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => call('system.info', {}) });
  const backup = useMutation({
    mutationFn: () => call('system.backup', {}),
    onSuccess: (result) => {
      notifySuccess(t('about.backupDone', { path: result.path, size: formatBytes(result.bytes) }));
      void info.refetch();
    },
    onError: (e) => notifyError(e, t('about.backupFailed')),
  });

  return (
    <Stack gap={0} maw={820}>
      <PageHeader title={t('nav.about')} description={t('about.description')} />
      {info.isPending && <Skeleton h={160} />}
      {info.isError && <Alert color="red">{errorMessage(info.error)}</Alert>}
      {info.data && (
        <Paper withBorder>
          <Table variant="vertical" layout="fixed" withRowBorders fz="sm" verticalSpacing={8}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('about.version')}</Table.Th>
                <Table.Td>{info.data.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('about.schemaVersion')}</Table.Th>
                <Table.Td>{info.data.schemaVersion}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('about.dataDir')}</Table.Th>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{info.data.dataDir}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('about.databaseSize')}</Table.Th>
                <Table.Td>{formatBytes(info.data.databaseBytes)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('about.transport')}</Table.Th>
                <Table.Td>{t(`about.transports.${info.data.transport}`)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Paper withBorder p="md" mt="md">
        <Text fw={600} size="sm">
          {t('about.backupTitle')}
        </Text>
        <Text size="sm" c="dimmed" mt={4}>
          {t('about.backupHint')}
        </Text>
        <Group mt="sm">
          {isAdmin ? (
            <Button
              leftSection={<IconDatabaseExport size={16} />}
              loading={backup.isPending}
              onClick={() => backup.mutate()}
            >
              {t('about.backupNow')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('about.backupAdminOnly')}
            </Text>
          )}
        </Group>
        {backup.data && (
          <Text size="sm" mt="sm">
            {t('about.lastBackup')} <Code>{backup.data.path}</Code>
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
