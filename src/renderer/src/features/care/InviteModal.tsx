import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { OutputOf } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { useInvalidateCare } from './hooks';
import { useCareT } from './i18n';

type EventDetail = OutputOf<'care.events.get'>;
interface Pick {
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
}

/**
 * Invites customers to an event: find a customer, optionally pick one of its key people, add to the list,
 * repeat, then send the list in one call (a customer already invited stays as it is).
 */
export function InviteModal({ opened, event, onClose }: { opened: boolean; event: EventDetail; onClose: () => void }) {
  const t = useCareT();
  const invalidate = useInvalidateCare();
  const [picks, setPicks] = useState<Pick[]>([]);
  const [customer, setCustomer] = useState<{ id: string; name: string } | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [error, setError] = useState<string | null>(null);
  const hits = useQuery({
    queryKey: ['customers.lookup', debounced],
    queryFn: () => call('customers.lookup', { query: debounced, limit: 20 }),
    enabled: opened && debounced.length >= 1,
  });
  const detail = useQuery({ queryKey: ['customers.get', customer?.id], queryFn: () => call('customers.get', { id: customer!.id }), enabled: opened && !!customer });
  const invited = new Set(event.guestList.map((g) => g.customerId));
  const options = [
    ...(customer ? [{ value: customer.id, label: customer.name }] : []),
    ...(hits.data ?? [])
      .filter((h) => h.id !== customer?.id && !invited.has(h.id) && !picks.some((p) => p.customerId === h.id))
      .map((h) => ({ value: h.id, label: h.ownerName ? `${h.name}（${h.ownerName}）` : h.name })),
  ];
  const contacts = detail.data?.contacts ?? [];

  const close = () => {
    setPicks([]);
    setCustomer(null);
    setContactId(null);
    setQuery('');
    setError(null);
    onClose();
  };
  const send = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call('care.events.invite', { eventId: event.id, guests: picks.map((p) => ({ customerId: p.customerId, contactId: p.contactId })) }, { idempotencyKey }),
    onSuccess: () => {
      notifySuccess(t('event.invited', { n: picks.length }));
      void invalidate();
      close();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const add = () => {
    if (!customer) return;
    const contact = contacts.find((c) => c.id === contactId);
    setPicks([...picks, { customerId: customer.id, customerName: customer.name, contactId: contact?.id ?? null, contactName: contact?.name ?? null }]);
    setCustomer(null);
    setContactId(null);
    setQuery('');
  };

  return (
    <GuardedModal opened={opened} dirty={picks.length > 0} onClose={close} title={t('event.inviteTitle', { title: event.title })} size={640}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" py={6}>
            {error}
          </Alert>
        )}
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Select
            label={t('event.inviteCustomer')}
            searchable
            data-autofocus
            style={{ flex: 1 }}
            placeholder={t('form.customerSearch')}
            data={options}
            value={customer?.id ?? null}
            searchValue={query || customer?.name || ''}
            onSearchChange={(q) => setQuery(q === customer?.name ? '' : q)}
            filter={({ options: o }) => o}
            onChange={(id) => {
              const hit = hits.data?.find((h) => h.id === id);
              setCustomer(id && hit ? { id, name: hit.name } : null);
              setContactId(null);
              setQuery('');
            }}
          />
          <Select
            label={t('event.inviteContact')}
            clearable
            w={200}
            disabled={!customer}
            data={contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
            value={contactId}
            onChange={setContactId}
          />
          <Button variant="light" color="yellow" leftSection={<IconPlus size={14} />} disabled={!customer} onClick={add}>
            {t('event.inviteAdd')}
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          {t('event.inviteList')}
        </Text>
        {picks.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {picks.map((p) => (
                <Table.Tr key={p.customerId}>
                  <Table.Td>{p.customerName}</Table.Td>
                  <Table.Td>{p.contactName ?? '—'}</Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('settings.holiday.remove')} onClick={() => setPicks(picks.filter((x) => x !== p))}>
                      <IconX size={14} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <CancelButton />
          <Button color="yellow" disabled={picks.length === 0} loading={send.isPending} onClick={() => send.submit()}>
            {t('event.inviteSend', { n: picks.length })}
          </Button>
        </Group>
      </Stack>
    </GuardedModal>
  );
}
