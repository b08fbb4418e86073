import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../../../shared/contract/customers';
import { formatDateTime } from '../../../lib/format';
import { formatRatio } from '../format';
import { Money } from '../Money';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerContractsCard } from '../../contracts/CustomerContractsCard';
import { CustomerOrdersCard } from '../../green/CustomerOrdersCard';
import { CustomerFormsCard } from '../../forms/CustomerFormsCard';
import { CustomerVisitsCard } from '../../visits/CustomerVisitsCard';
import { CustomerCareCard } from '../../care/CustomerCareCard';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** Basic data, the group tree and the latest events on one screen. */
export function OverviewTab({ data, onShowTimeline }: { data: Customer360; onShowTimeline: () => void }) {
  const { t } = useTranslation();
  const c = data.customer;
  const g = data.group;
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="sm">
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('customers.profile.basic')}
            </Title>
            <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
              <Row label={t('customers.fields.address')}>{c.address || '—'}</Row>
              <Row label={t('customers.fields.size')}>{c.size ? t(`customers.size.${c.size}`) : '—'}</Row>
              <Row label={t('customers.fields.sensitivity')}>
                {c.sensitivity ? t(`customers.sensitivity.${c.sensitivity}`) : '—'}
              </Row>
              <Row label={t('customers.fields.designatedStrategic')}>
                {c.designatedStrategic ? t('customers.profile.yes') : t('customers.profile.no')}
              </Row>
              <Row label={t('customers.fields.tags')}>
                {c.tags.length ? (
                  <Group gap={4}>
                    {c.tags.map((tag) => (
                      <Badge key={tag} size="sm" variant="default" radius="sm" fw={400} tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  '—'
                )}
              </Row>
              <Row label={t('customers.fields.foundedOn')}>{c.foundedOn ?? '—'}</Row>
              <Row label={t('customers.fields.createdAt')}>{formatDateTime(c.createdAt)}</Row>
              <Row label={t('customers.fields.updatedAt')}>{formatDateTime(c.updatedAt)}</Row>
            </SimpleGrid>
            {c.notes && (
              <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {c.notes}
              </Text>
            )}
          </Paper>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('customers.profile.group')}
            </Title>
            <Stack gap={6}>
              <Row label={t('customers.fields.parent')}>
                {g.ancestors.length ? (
                  <Breadcrumbs separator="›" separatorMargin={4}>
                    {g.ancestors.map((a) => (
                      <Anchor key={a.id} component={Link} to={`/customers/${a.id}`} size="sm">
                        {a.name}
                      </Anchor>
                    ))}
                  </Breadcrumbs>
                ) : (
                  '—'
                )}
              </Row>
              <Row label={t('customers.profile.children')}>
                {g.children.length ? (
                  <Group gap="xs">
                    {g.children.map((ch) => (
                      <Anchor key={ch.id} component={Link} to={`/customers/${ch.id}`} size="sm">
                        {ch.name}
                      </Anchor>
                    ))}
                    {g.descendantCount > g.children.length && (
                      <Text size="xs" c="dimmed">
                        {t('customers.profile.descendants', { count: g.descendantCount })}
                      </Text>
                    )}
                  </Group>
                ) : (
                  '—'
                )}
              </Row>
              {g.rolledUpSpendFen !== null && (g.children.length > 0 || g.ancestors.length > 0) && (
                <Row label={t('customers.profile.rolledUpSpend')}>
                  <Money fen={g.rolledUpSpendFen} fw={600} />
                </Row>
              )}
            </Stack>
          </Paper>
          <CustomerContractsCard customerId={c.id} canEdit={data.can.edit} />
          {data.billSummary && (
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                {t('customers.sections.bills.title')}
              </Title>
              <Group gap="xl">
                <Stat label={t('customers.sections.bills.billed')}>
                  <Money fen={data.billSummary.billedFen} fw={600} />
                </Stat>
                <Stat label={t('customers.sections.bills.paid')}>
                  <Money fen={data.billSummary.paidFen} fw={600} />
                </Stat>
                <Stat label={t('customers.fields.arrears')}>
                  <Money fen={data.billSummary.arrearsFen} danger fw={600} />
                </Stat>
                <Stat label={t('customers.sections.bills.onTimeRatio')}>
                  <Text span size="sm" fw={600}>
                    {formatRatio(data.billSummary.onTimeRatio)}
                  </Text>
                </Stat>
              </Group>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="sm">
          <CustomerOrdersCard customerId={c.id} />
          <CustomerFormsCard customerId={c.id} customerName={c.name} />
          <CustomerVisitsCard customerId={c.id} customerName={c.name} />
          <CustomerCareCard customerId={c.id} customerName={c.name} />
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                {t('customers.profile.recent')}
              </Title>
              {data.timeline.length > 8 && (
                <Anchor component="button" size="sm" onClick={onShowTimeline}>
                  {t('customers.profile.allEvents', { count: data.timeline.length })}
                </Anchor>
              )}
            </Group>
            <CustomerTimeline events={data.timeline} limit={8} />
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
