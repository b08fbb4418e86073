import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft } from '@tabler/icons-react';
import type { FormSettings } from '../../../../shared/contract/forms';
import { call, fieldErrors } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { notifyError, notifySuccess } from '../../components/notify';
import { appNow } from '../../lib/clock';
import { formatShanghaiTime } from '../../../../shared/time';
import { useFormsT } from './i18n';

/** A leader's deputies for the days he is away, and (for leaders) the forms' time limits and escalation. */
export function DeputiesPage() {
  const t = useFormsT();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['forms.deputies.list'], queryFn: () => call('forms.deputies.list', {}) });
  const today = formatShanghaiTime(appNow()).slice(0, 10);
  const [deputyId, setDeputyId] = useState<string | null>(null);
  const [fromDate, setFrom] = useState(today);
  const [toDate, setTo] = useState(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => client.invalidateQueries({ queryKey: ['forms.deputies.list'] });
  const add = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) => call('forms.deputies.set', { deputyId: deputyId ?? '', fromDate, toDate, note }, { idempotencyKey }),
    onSuccess: (d) => {
      notifySuccess(t('deputies.saved', { name: d.deputyName, from: d.fromDate, to: d.toDate }));
      setDeputyId(null);
      setNote('');
      setErrors({});
      void refresh();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => call('forms.deputies.remove', { id }), onSuccess: () => void refresh(), onError: (e) => notifyError(e) });
  const rows = (items: NonNullable<typeof list.data>['named'], removable: boolean) =>
    items.map((d) => (
      <Table.Tr key={d.id}>
        <Table.Td>{d.leaderName}</Table.Td>
        <Table.Td>{d.deputyName}</Table.Td>
        <Table.Td>{d.fromDate}</Table.Td>
        <Table.Td>{d.toDate}</Table.Td>
        <Table.Td>{d.note}</Table.Td>
        <Table.Td>{removable && <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(d.id)}>{t('deputies.remove')}</Button>}</Table.Td>
      </Table.Tr>
    ));
  const head = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{t('deputies.leader')}</Table.Th>
        <Table.Th>{t('deputies.deputy')}</Table.Th>
        <Table.Th>{t('deputies.from')}</Table.Th>
        <Table.Th>{t('deputies.to')}</Table.Th>
        <Table.Th>{t('deputies.note')}</Table.Th>
        <Table.Th />
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <Stack gap="sm" maw={960}>
      <PageHeader
        title={t('deputies.title')}
        description={t('deputies.description')}
        actions={<Button component={Link} to=".." relative="path" size="xs" variant="default" leftSection={<IconArrowLeft size={14} />}>{t('detail.back')}</Button>}
      />
      <Card withBorder padding="sm">
        <form onSubmit={(e) => { e.preventDefault(); add.submit(); }}>
          <Group align="flex-end" gap="xs">
            <Select label={t('deputies.deputy')} withAsterisk searchable w={220} value={deputyId} onChange={setDeputyId} error={errors.deputyId || undefined}
              data={(list.data?.candidates ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.department}）` }))} />
            <TextInput label={t('deputies.from')} type="date" w={150} value={fromDate} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.fromDate || undefined} />
            <TextInput label={t('deputies.to')} type="date" w={150} value={toDate} onChange={(e) => setTo(e.currentTarget.value)} error={errors.toDate || undefined} />
            <TextInput label={t('deputies.note')} w={200} maxLength={200} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button type="submit" color="green" loading={add.isPending}>{t('deputies.add')}</Button>
          </Group>
        </form>
      </Card>
      <Card withBorder padding="sm">
        <Text fw={600} size="sm" mb="xs">{t('deputies.named')}</Text>
        {list.data?.named.length ? <Table striped>{head}<Table.Tbody>{rows(list.data.named, true)}</Table.Tbody></Table> : <Text size="sm" c="dimmed">{t('deputies.empty')}</Text>}
        {!!list.data?.standingInFor.length && (
          <>
            <Text fw={600} size="sm" my="xs">{t('deputies.standingIn')}</Text>
            <Table striped>{head}<Table.Tbody>{rows(list.data.standingInFor, false)}</Table.Tbody></Table>
          </>
        )}
      </Card>
      <SettingsCard />
    </Stack>
  );
}

function SettingsCard() {
  const t = useFormsT();
  const canEdit = useHasRole(['admin', 'leader']);
  const settings = useQuery({ queryKey: ['forms.settings.get'], queryFn: () => call('forms.settings.get', {}) });
  const [values, setValues] = useState<FormSettings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (settings.data) {
      const { leaders: _leaders, ...s } = settings.data;
      setValues(s);
    }
  }, [settings.data]);
  const dirty = !!values && !!settings.data && JSON.stringify(values) !== JSON.stringify((({ leaders: _l, ...s }) => s)(settings.data));
  useDirtyGuard(dirty);
  const save = useMutation({
    mutationFn: () => call('forms.settings.save', values!),
    onSuccess: () => {
      notifySuccess(t('settings.saved'));
      void settings.refetch();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  if (!values || !canEdit) return null;
  const limit = (key: keyof FormSettings['limits'], label: Parameters<typeof t>[0]) => (
    <NumberInput label={t(label)} min={1} max={86400} value={values.limits[key]} error={errors[key] || undefined}
      onChange={(v) => setValues({ ...values, limits: { ...values.limits, [key]: Number(v) || 1 } })} />
  );
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm" mb="xs">{t('settings.title')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
            {limit('approval', 'settings.approval')}
            {limit('centre', 'settings.centre')}
            {limit('answer', 'settings.answer')}
            {limit('confirm', 'settings.confirm')}
          </SimpleGrid>
          <Group align="flex-end" gap="xs">
            <NumberInput label={t('settings.escalation')} w={280} min={0.5} max={240} step={0.5} decimalScale={1} value={values.escalationHours} error={errors.escalationHours || undefined}
              onChange={(v) => setValues({ ...values, escalationHours: Number(v) || 0.5 })} />
            <MultiSelect label={t('settings.chain')} style={{ flex: 1 }} value={values.escalationChain}
              data={(settings.data?.leaders ?? []).map((l) => ({ value: l.id, label: `${l.displayName}（${l.department}）` }))}
              onChange={(v) => setValues({ ...values, escalationChain: v })} />
            <Button type="submit" loading={save.isPending} disabled={!dirty}>{t('settings.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
