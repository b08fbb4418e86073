import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconArrowLeft, IconUserPlus } from '@tabler/icons-react';
import type { OutputOf } from '../../../../shared/contract';
import { GUEST_STATUSES, type GuestStatus } from '../../../../shared/contract/visit-common';
import { call, errorMessage } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyError, notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { formatDateTime } from '../../lib/format';
import { Money } from '../customers/Money';
import { EventStatusBadge } from './badges';
import { CarePage } from './CareNav';
import { EventFormModal } from './EventFormModal';
import { InviteModal } from './InviteModal';
import { useCareEvent, useInvalidateCare } from './hooks';
import { useCareT, type CareKey } from './i18n';

type EventDetail = OutputOf<'care.events.get'>;
type Guest = EventDetail['guestList'][number];

/**
 * One forum or executive visit: when and where, its arrangements and summary, and the invited customers
 * with their reply and attendance and the follow-up each needs (what, by when, done). Planned events are
 * edited, marked held with a summary, or cancelled; customers are invited from here.
 */
export function EventPage() {
  const t = useCareT();
  const { id = '' } = useParams();
  const event = useCareEvent(id);
  const canWrite = useHasRole(['admin', 'leader', 'account_manager']);
  const [editing, setEditing] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [closing, setClosing] = useState<'held' | 'cancelled' | null>(null);

  if (event.isError)
    return (
      <CarePage>
        <Alert color="red">{t('event.notFound')}</Alert>
      </CarePage>
    );
  if (!event.data) return <CarePage>{null}</CarePage>;
  const e = event.data;
  const planned = e.status === 'planned';
  return (
    <CarePage
      actions={
        <>
          <Button size="xs" variant="subtle" component={Link} to="/yellow/care/events" leftSection={<IconArrowLeft size={14} />}>
            {t('event.back')}
          </Button>
          {canWrite && planned && (
            <>
              <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                {t('event.edit')}
              </Button>
              <Button size="xs" variant="light" color="red" onClick={() => setClosing('cancelled')}>
                {t('event.cancel')}
              </Button>
              <Button size="xs" color="green" onClick={() => setClosing('held')}>
                {t('event.markHeld')}
              </Button>
            </>
          )}
        </>
      }
    >
      <Card withBorder padding="sm" mb="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Title order={3} size="h4">
                {e.title}
              </Title>
              <EventStatusBadge status={e.status} />
            </Group>
            <Text size="sm" c="dimmed" ff="monospace">
              {e.number} · {t(`eventKind.${e.kind}` as CareKey)}
            </Text>
          </div>
          <Text size="sm" c="dimmed">
            {t('event.guestsCount', { guests: e.guests, attended: e.attended })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} mt="xs" spacing="xs">
          <Field label={t('event.when')}>
            {formatDateTime(e.startsAt)}
            {e.endsAt ? ` – ${formatDateTime(e.endsAt).slice(11)}` : ''}
          </Field>
          <Field label={t('event.location')}>{e.location || '—'}</Field>
          <Field label={t('event.organizer')}>{e.organizerName ?? '—'}</Field>
          <Field label={t('event.cost')}>
            <Money fen={e.costFen} />
          </Field>
        </SimpleGrid>
        {e.notes && <Field label={t('event.notes')}>{e.notes}</Field>}
        {e.summary && <Field label={t('event.summary')}>{e.summary}</Field>}
      </Card>
      <Group justify="space-between" mb={4}>
        <Title order={4} size="h5">
          {t('event.guests')}
        </Title>
        {canWrite && e.status !== 'cancelled' && (
          <Button size="xs" variant="light" color="yellow" leftSection={<IconUserPlus size={14} />} onClick={() => setInviting(true)}>
            {t('event.invite')}
          </Button>
        )}
      </Group>
      {e.guestList.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('event.noGuests')}
        </Alert>
      ) : (
        <Table withTableBorder striped verticalSpacing={4} fz="sm" aria-label={t('event.guests')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('guest.col.customer')}</Table.Th>
              <Table.Th w={110}>{t('guest.col.contact')}</Table.Th>
              <Table.Th w={130}>{t('guest.col.status')}</Table.Th>
              <Table.Th>{t('guest.col.followUp')}</Table.Th>
              <Table.Th w={150}>{t('guest.col.followUpDate')}</Table.Th>
              <Table.Th w={70}>{t('guest.col.done')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.guestList.map((g) => (
              <GuestLine key={`${g.id}:${g.followUp}:${g.followUpDate}`} guest={g} canWrite={canWrite} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <EventFormModal opened={editing} event={e} onClose={() => setEditing(false)} />
      <InviteModal opened={inviting} event={e} onClose={() => setInviting(false)} />
      <CloseEventModal event={e} closing={closing} onClose={() => setClosing(null)} />
    </CarePage>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

/** One invited customer: reply/attendance and the follow-up are saved as they are changed. */
function GuestLine({ guest, canWrite }: { guest: Guest; canWrite: boolean }) {
  const t = useCareT();
  const invalidate = useInvalidateCare();
  const [followUp, setFollowUp] = useState(guest.followUp);
  const update = useMutation({
    mutationFn: (patch: { status?: GuestStatus; followUp?: string; followUpDate?: string | null; followUpDone?: boolean }) => call('care.events.guest', { id: guest.id, ...patch }),
    onSuccess: () => {
      notifySuccess(t('guest.saved'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const who = guest.contactName ? `${guest.customerName} ${guest.contactName}` : guest.customerName;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/customers/${guest.customerId}`} size="sm">
          {guest.customerName}
        </Anchor>
      </Table.Td>
      <Table.Td>{guest.contactName ?? '—'}</Table.Td>
      <Table.Td>
        <Select
          size="xs"
          allowDeselect={false}
          disabled={!canWrite}
          aria-label={`${t('guest.col.status')} ${who}`}
          data={GUEST_STATUSES.map((s) => ({ value: s, label: t(`guest.${s}` as CareKey) }))}
          value={guest.status}
          onChange={(v) => v && v !== guest.status && update.mutate({ status: v as GuestStatus })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          maxLength={1000}
          disabled={!canWrite}
          aria-label={`${t('guest.col.followUp')} ${who}`}
          placeholder={t('guest.followUpPlaceholder')}
          value={followUp}
          onChange={(e) => setFollowUp(e.currentTarget.value)}
          onBlur={() => followUp !== guest.followUp && update.mutate({ followUp })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          type="date"
          disabled={!canWrite}
          aria-label={`${t('guest.col.followUpDate')} ${who}`}
          defaultValue={guest.followUpDate ?? ''}
          onBlur={(e) => (e.currentTarget.value || null) !== guest.followUpDate && update.mutate({ followUpDate: e.currentTarget.value || null })}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          disabled={!canWrite}
          aria-label={`${t('guest.col.done')} ${who}`}
          checked={guest.followUpDone}
          onChange={(e) => update.mutate({ followUpDone: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}

/** Marks the event held (its summary required) or cancels it after asking. */
function CloseEventModal({ event, closing, onClose }: { event: EventDetail; closing: 'held' | 'cancelled' | null; onClose: () => void }) {
  const t = useCareT();
  const invalidate = useInvalidateCare();
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => call('care.events.update', { id: event.id, status: closing!, ...(closing === 'held' && { summary }) }),
    onSuccess: () => {
      notifySuccess(t('event.saved'));
      void invalidate();
      setSummary('');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (closing === 'cancelled')
    return (
      <ConfirmModal
        opened
        title={t('event.cancelTitle')}
        message={t('event.cancelConfirm', { number: event.number })}
        danger
        loading={run.isPending}
        onConfirm={() => run.mutate()}
        onClose={onClose}
      />
    );
  return (
    <GuardedModal opened={closing === 'held'} dirty={!!summary.trim()} onClose={onClose} title={t('event.heldTitle')} size={560}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!summary.trim()) setError(t('event.summaryRequired'));
          else run.mutate();
        }}
      >
        <Stack gap="sm">
          <LimitedTextarea label={t('event.summary')} required data-autofocus maxLength={4000} minRows={4} maxRows={10} value={summary} error={error} onChange={(e) => setSummary(e.currentTarget.value)} />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="green" loading={run.isPending}>
              {t('event.markHeld')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
