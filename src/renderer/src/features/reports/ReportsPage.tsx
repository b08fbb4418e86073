import { Link } from 'react-router-dom';
import { Alert, Badge, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportInfo } from '../../../../shared/contract/reports';
import { call, errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';

const GROUPS: ReportInfo['group'][] = ['customers', 'finance', 'service'];

/** The reports the user may run, grouped, each a card that opens its form and preview. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: ['reports.list', i18n.language], queryFn: () => call('reports.list', {}) });

  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      {list.isPending && (
        <Center h={160}>
          <Loader />
        </Center>
      )}
      {list.isError && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.data && list.data.reports.length === 0 && <Alert color="gray">{t('reports.noReports')}</Alert>}
      {list.data &&
        GROUPS.map((group) => {
          const reports = list.data.reports.filter((r) => r.group === group);
          if (reports.length === 0) return null;
          return (
            <section key={group} aria-label={t(`reports.groups.${group}`)}>
              <Title order={3} size="h5" mb="xs">
                {t(`reports.groups.${group}`)}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {reports.map((r) => (
                  <Card key={r.id} component={Link} to={`/reports/${r.id}`} withBorder padding="sm" radius="sm" style={{ textDecoration: 'none' }}>
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <IconChartBar size={22} stroke={1.5} />
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Group justify="space-between" wrap="nowrap" gap={6}>
                          <Text fw={600} size="sm" style={{ minWidth: 0 }}>
                            {r.title}
                          </Text>
                          {/* The title wraps; the paper badge keeps its whole label (A4 landscape). */}
                          <Badge size="xs" variant="light" color="gray" radius="sm" style={{ flexShrink: 0 }}>
                            {t(`reports.orientation.${r.orientation}`)}
                          </Badge>
                        </Group>
                        <Text size="xs" c="dimmed" lineClamp={3}>
                          {r.description}
                        </Text>
                      </div>
                    </Group>
                  </Card>
                ))}
              </SimpleGrid>
            </section>
          );
        })}
    </Stack>
  );
}
