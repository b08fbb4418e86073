import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconGift } from '@tabler/icons-react';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { Money } from '../customers/Money';
import { CareStatusBadge, DaysAwayBadge, EventStatusBadge, GuestStatusBadge } from './badges';
import { CareRecordModal, type CarePrefill } from './CareRecordModal';
import { useCareT, type CareKey } from './i18n';

const SHOWN = 4;

/**
 * The customer 360 page's courtesy care: its key people's birthdays and its founding anniversary coming up
 * (each with 记录关怀), the latest care given, and the forums and executive visits it was invited to.
 */
export function CustomerCareCard({ customerId, customerName }: { customerId: string; customerName: string }) {
  const t = useCareT();
  const canRecord = useHasRole(['admin', 'leader', 'account_manager']);
  const [recording, setRecording] = useState<CarePrefill | null>(null);
  const care = useQuery({ queryKey: ['care.customer', customerId], queryFn: () => call('care.customer', { customerId }) });
  const upcoming = (care.data?.upcoming ?? []).slice(0, SHOWN);
  const records = (care.data?.records ?? []).slice(0, SHOWN);
  const events = (care.data?.events ?? []).slice(0, SHOWN);
  const empty = care.isSuccess && !upcoming.length && !records.length && !events.length;
  return (
    <Paper component="section" withBorder p="sm" aria-label={t('customer.card')}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('customer.card')}
        </Title>
        <Group gap="xs">
          {(care.data?.records.length ?? 0) > records.length && (
            <Anchor component={Link} to={`/yellow/care/records?customerId=${customerId}`} size="sm">
              {t('customer.all')}
            </Anchor>
          )}
          {canRecord && (
            <Button size="compact-xs" variant="light" color="yellow" leftSection={<IconGift size={12} />} onClick={() => setRecording({ customerId, customerName, occasion: 'other' })}>
              {t('upcoming.record')}
            </Button>
          )}
        </Group>
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('customer.none')}
        </Text>
      ) : (
        <Stack gap={8}>
          {upcoming.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('customer.upcoming')}
              </Text>
              {upcoming.map((r, i) => (
                <Group key={i} gap={6} wrap="nowrap" justify="space-between">
                  <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                    <DaysAwayBadge days={r.daysAway} />
                    <Text size="sm" truncate>
                      {r.contactName ? `${r.contactName} · ` : ''}
                      {t(`occasion.${r.occasion}` as CareKey)}
                      {r.occasion === 'founding' && r.years !== null ? ` · ${t('upcoming.foundingDetail', { n: r.years })}` : ''}
                    </Text>
                    {r.lunar && (
                      <Badge size="xs" radius="sm" variant="outline" color="grape" tt="none">
                        {t('calendar.lunar')}
                      </Badge>
                    )}
                  </Group>
                  {r.cared ? (
                    <Badge size="sm" color="green" variant="light" radius="sm">
                      {t('upcoming.cared')}
                    </Badge>
                  ) : (
                    canRecord && (
                      <Anchor
                        component="button"
                        size="xs"
                        onClick={() => setRecording({ customerId, customerName, contactId: r.contactId, occasion: r.occasion, holidayKey: r.holidayKey, occasionDate: r.date })}
                      >
                        {t('upcoming.record')}
                      </Anchor>
                    )
                  )}
                </Group>
              ))}
            </Stack>
          )}
          {records.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('customer.records')}
              </Text>
              {records.map((r) => (
                <Group key={r.id} gap={6} wrap="nowrap" justify="space-between">
                  <Text size="sm" truncate>
                    <Text span size="sm" ff="monospace">
                      {r.occasionDate}
                    </Text>{' '}
                    {r.contactName ? `${r.contactName} · ` : ''}
                    {t(`kind.${r.kind}` as CareKey)}
                    {r.description ? ` · ${r.description}` : ''}
                  </Text>
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    <Money fen={r.costFen} />
                    <CareStatusBadge status={r.status} />
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
          {events.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('customer.events')}
              </Text>
              {events.map((e) => (
                <Group key={e.id} gap={6} wrap="nowrap" justify="space-between">
                  <Anchor component={Link} to={`/yellow/care/events/${e.id}`} size="sm" truncate>
                    {e.title}
                  </Anchor>
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    <EventStatusBadge status={e.status} />
                    <GuestStatusBadge status={e.guestStatus} />
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      )}
      <CareRecordModal prefill={recording} onClose={() => setRecording(null)} />
    </Paper>
  );
}
